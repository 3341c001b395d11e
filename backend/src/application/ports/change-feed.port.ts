/**
 * "Something changed, drop your cached copy": delivered to this instance at once and to every
 * other instance within moments (Redis pub/sub when configured). Carries ids, never data.
 */
export interface ChangeEvent {
  readonly kind: 'user' | 'feature' | 'cohort';
  readonly id: string;
}

export interface ChangeFeed {
  publish(event: ChangeEvent): Promise<void>;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}
