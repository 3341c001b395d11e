import type { UserEvent, UserEvents } from '../../../src/application/ports/user-events.port.js';

/** UserEvents for unit tests: remembers what was published, delivers it to subscribers at once. */
export class RecordingUserEvents implements UserEvents {
  readonly published: { userId: string; event: UserEvent }[] = [];
  private readonly listeners = new Set<{ userId: string; listener: (event: UserEvent) => void }>();

  async publish(userId: string, event: UserEvent): Promise<void> {
    this.published.push({ userId, event });
    for (const entry of [...this.listeners]) if (entry.userId === userId) entry.listener(event);
  }

  subscribe(userId: string, listener: (event: UserEvent) => void): () => void {
    const entry = { userId, listener };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** How many listeners the user has now. */
  listenerCount(userId: string): number {
    return [...this.listeners].filter((entry) => entry.userId === userId).length;
  }

  /** The types published for a user, in order. */
  typesFor(userId: string): string[] {
    return this.published.filter((p) => p.userId === userId).map((p) => p.event.type);
  }
}
