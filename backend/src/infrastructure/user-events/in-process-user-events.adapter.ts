import type { Logger } from '../../application/ports/logger.port.js';
import type { UserEvent, UserEvents } from '../../application/ports/user-events.port.js';

type Listener = (event: UserEvent) => void;

/**
 * A single instance's live feed: an event reaches the user's listeners in this process at once
 * (synchronously, in publish order) and nobody else. The Redis feed uses it for its own
 * instance's listeners.
 */
export class InProcessUserEvents implements UserEvents {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly logger: Logger) {}

  async publish(userId: string, event: UserEvent): Promise<void> {
    this.deliver(userId, event);
  }

  subscribe(userId: string, listener: Listener): () => void {
    // A wrapper per registration, so the same function subscribed twice needs two unsubscribes.
    const registered: Listener = (event) => listener(event);
    const listeners = this.listeners.get(userId) ?? new Set();
    listeners.add(registered);
    this.listeners.set(userId, listeners);
    return () => {
      listeners.delete(registered);
      if (listeners.size === 0 && this.listeners.get(userId) === listeners) this.listeners.delete(userId);
    };
  }

  /** Whether anyone in this process listens for the user. */
  listensFor(userId: string): boolean {
    return this.listeners.has(userId);
  }

  /** Hands the event to this process's listeners of the user; one listener's failure spares the others. */
  deliver(userId: string, event: UserEvent): void {
    const listeners = this.listeners.get(userId);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, userId, event: event.type }, 'user events: a listener failed');
      }
    }
  }

  /** Nothing to wait for: listeners hear events as soon as they subscribe. */
  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
