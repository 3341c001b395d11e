import type { UserRepository } from '../../domain/identity/user.repository.js';
import { toAuthenticatedUser, type AuthenticatedUser } from '../identity/authenticated-user.js';
import type { ChangeEvent, ChangeFeed } from '../ports/change-feed.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { UserEvent, UserEvents } from '../ports/user-events.port.js';
import type { ChatFeatureStatus, ChatFeatureState } from '../rollout/chat-feature-status.js';

/**
 * One open live feed (GET /events): the caller's events from every instance, plus
 * `features.changed` when chat turns on or off for them or its reason changes. Flag, cohort and
 * role changes reach every instance on the ChangeFeed; each feed re-evaluates its own user
 * and speaks only when the answer differs from the last one, so no admin change has to work out
 * whom it affects, and a feed hears a change made on any instance.
 */
export class FollowUserEvents {
  constructor(
    private readonly events: UserEvents,
    private readonly changes: ChangeFeed,
    private readonly users: UserRepository,
    private readonly access: Pick<ChatFeatureStatus, 'chatFor'>,
    private readonly logger: Logger,
  ) {}

  /**
   * Calls `listener` with each event for the caller from now on; resolves, once chat has been
   * evaluated for the caller (what later changes are compared with), with the function that stops.
   */
  async execute(caller: AuthenticatedUser, listener: (event: UserEvent) => void): Promise<() => void> {
    let stopped = false;
    let last: ChatFeatureState | undefined;
    // Checks run one after another, and a burst of changes asks for one more check, not many.
    let queue = Promise.resolve();
    let queued = false;
    const check = async (user: AuthenticatedUser | undefined) => {
      if (!user || stopped) return;
      const now = await this.access.chatFor(user);
      const changed = last && (now.chat !== last.chat || now.featureReason !== last.featureReason);
      last = now;
      if (changed && !stopped) listener({ type: 'features.changed', ...now });
    };
    const recheck = () => {
      if (queued) return;
      queued = true;
      queue = queue
        .then(async () => {
          queued = false;
          // The role as the database has it now: a role change is one of the changes heard.
          const user = await this.users.findById(caller.id);
          await check(user && toAuthenticatedUser(user));
        })
        .catch((error: unknown) =>
          this.logger.warn({ err: error, userId: caller.id }, 'live feed: chat re-evaluation failed'),
        );
    };
    // Listening before the first evaluation, so a change made meanwhile is checked after it.
    const stopChanges = this.changes.subscribe((change) => {
      if (affects(change, caller.id)) recheck();
    });
    const stopEvents = this.events.subscribe(caller.id, listener);
    const stop = () => {
      stopped = true;
      stopChanges();
      stopEvents();
    };
    try {
      queue = check(caller);
      await queue;
    } catch (error) {
      stop();
      throw error;
    }
    return stop;
  }
}

/** Whether a change can alter the user's chat flag: the chat flag, any cohort, or the user themself. */
function affects(change: ChangeEvent, userId: string): boolean {
  if (change.kind === 'feature') return change.id === 'chat';
  if (change.kind === 'user') return change.id === userId;
  return true;
}
