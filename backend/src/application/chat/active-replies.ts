/** Stops the reply being written in a session on this instance, if any (its session was deleted). */
export interface ReplyCanceller {
  cancelSession(sessionId: string): void;
}

/**
 * The replies streaming on this instance, by session: DELETE of a session stops its reply
 * (which is then saved as cancelled), and shutdown can wait for every reply to be saved
 * before the database closes.
 */
export class ActiveReplies implements ReplyCanceller {
  private readonly bySession = new Map<string, Set<() => void>>();
  private readonly settled = new Set<Promise<void>>();

  /** Registers a reply's abort; returns the function to call when the reply has ended. */
  register(sessionId: string, abort: () => void): () => void {
    const aborts = this.bySession.get(sessionId) ?? new Set();
    aborts.add(abort);
    this.bySession.set(sessionId, aborts);
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    this.settled.add(finished);
    return () => {
      aborts.delete(abort);
      if (aborts.size === 0) this.bySession.delete(sessionId);
      this.settled.delete(finished);
      done();
    };
  }

  cancelSession(sessionId: string): void {
    for (const abort of this.bySession.get(sessionId) ?? []) safely(abort);
  }

  cancelAll(): void {
    for (const aborts of this.bySession.values()) for (const abort of aborts) safely(abort);
  }

  get size(): number {
    return this.settled.size;
  }

  /** Resolves once every reply registered now has ended. */
  async drain(): Promise<void> {
    await Promise.all([...this.settled]);
  }
}

/** One reply's abort failing must not leave the others running. */
function safely(abort: () => void): void {
  try {
    abort();
  } catch {
    // The reply ends on its own; its own error handling records why.
  }
}
