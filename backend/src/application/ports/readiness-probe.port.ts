export type ProbeStatus = 'up' | 'down' | 'degraded' | 'disabled';

export interface ProbeResult {
  readonly status: ProbeStatus;
  /** Safe facts for operators (never secrets). */
  readonly [detail: string]: unknown;
}

/** One dependency that /readyz reports on. `critical` ones turn the answer into 503 when down. */
export interface ReadinessProbe {
  readonly name: string;
  readonly critical: boolean;
  check(): Promise<ProbeResult>;
}
