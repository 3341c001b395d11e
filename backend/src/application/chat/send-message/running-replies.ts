import type { ChangeFeed } from '../../ports/change-feed.port.js';
import { isFinalReplyEvent, type LoggedReplyEvent } from './ports/reply-log.port.js';

/**
 * The newest events of a reply running on this instance, as its run appended them to the log
 * (same ids, same order), for readers on this instance: the sender's own stream gets its
 * events without a round trip through Redis. It keeps at most `capacity` events, shared by
 * every local reader, and never waits for any of them: a reader that falls further behind
 * than that reads the rest from the log, at its own pace.
 */
export class LocalReplyFeed {
  private readonly events: LoggedReplyEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private isClosed = false;

  constructor(private readonly capacity = 64) {}

  /** The run appended `logged` to the log: hand it to the local readers. */
  push(logged: LoggedReplyEvent): void {
    this.events.push(logged);
    if (this.events.length > this.capacity) this.events.shift();
    if (isFinalReplyEvent(logged.event)) this.isClosed = true;
    this.wake();
  }

  /** Nothing more will come through here (the run ended, or someone else ended the reply). */
  close(): void {
    this.isClosed = true;
    this.wake();
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * The held events after `afterId` (at most `capacity`), or `behind` when some of those are no
   * longer held: the reader must continue from the log.
   */
  after(afterId: number): readonly LoggedReplyEvent[] | 'behind' {
    const oldest = this.events[0];
    if (!oldest) return [];
    if (oldest.id > afterId + 1) return 'behind';
    return this.events.slice(afterId + 1 - oldest.id);
  }

  /** Resolves once an event after `afterId` arrived, the feed closed, or `signal` aborted. */
  async waitBeyond(afterId: number, signal?: AbortSignal): Promise<void> {
    const newest = this.events.at(-1);
    if (this.isClosed || signal?.aborted || (newest && newest.id > afterId)) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      this.waiters.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/** What a run tells the registry about itself. */
export interface RunningReply {
  readonly replyId: string;
  readonly sessionId: string;
  readonly userId: string;
  /** Ends the run at once as `interrupted` / `shutdown` (the grace period is over). */
  interrupt(): void;
  /** Look again now whether chat is still on for the user (a flag, cohort or user changed). */
  recheckAccess(): void;
}

/** For metrics: how many replies run on this instance. */
export interface RunningRepliesObserver {
  changed(running: number): void;
}

interface Entry {
  readonly reply: RunningReply;
  readonly feed: LocalReplyFeed;
  readonly ended: Promise<void>;
}

/**
 * The replies running on this instance. Shutdown waits for them (and interrupts them past its
 * grace period); readers on this instance follow them through their LocalReplyFeed; and a flag,
 * cohort or user change heard on the ChangeFeed makes the affected ones look at once whether
 * their user may still chat (each also looks every few seconds on its own).
 */
export class RunningReplies {
  private readonly entries = new Map<string, Entry>();

  constructor(
    changes: ChangeFeed,
    private readonly observer: RunningRepliesObserver = { changed() {} },
    private readonly feedCapacity = 64,
  ) {
    changes.subscribe((event) => {
      for (const { reply } of this.entries.values()) {
        if (event.kind !== 'user' || event.id === reply.userId) reply.recheckAccess();
      }
    });
  }

  /** Registers a run; returns its feed and the function to call once the run has ended. */
  register(reply: RunningReply): { readonly feed: LocalReplyFeed; readonly unregister: () => void } {
    let unregister!: () => void;
    const ended = new Promise<void>((resolve) => (unregister = resolve));
    const feed = new LocalReplyFeed(this.feedCapacity);
    const entry: Entry = { reply, feed, ended };
    this.entries.set(reply.replyId, entry);
    this.observer.changed(this.entries.size);
    return {
      feed,
      unregister: () => {
        if (this.entries.get(reply.replyId) === entry) this.entries.delete(reply.replyId);
        feed.close();
        this.observer.changed(this.entries.size);
        unregister();
      },
    };
  }

  /** The feed of a reply running here, if it runs here. */
  feedOf(replyId: string): LocalReplyFeed | undefined {
    return this.entries.get(replyId)?.feed;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Shutdown past its grace period: every reply here ends now, `interrupted`. */
  interruptAll(): void {
    for (const { reply } of [...this.entries.values()]) reply.interrupt();
  }

  /** Resolves once every reply running now has ended (saved, final event written). */
  async drain(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => entry.ended));
  }
}
