import type { ChangeEvent, ChangeFeed } from '../../application/ports/change-feed.port.js';

/** Single instance: a change reaches this process's listeners synchronously, and nobody else. */
export class InProcessChangeFeed implements ChangeFeed {
  private readonly listeners = new Set<(event: ChangeEvent) => void>();

  async publish(event: ChangeEvent): Promise<void> {
    this.deliver(event);
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Also used by the Redis feed for events from other instances. */
  deliver(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
