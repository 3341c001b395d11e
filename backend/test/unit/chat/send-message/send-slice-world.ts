import { FollowReply } from '../../../../src/application/chat/send-message/follow-reply.use-case.js';
import {
  FROM_THE_START,
  type LoggedReplyEvent,
} from '../../../../src/application/chat/send-message/ports/reply-log.port.js';
import type { ReaderEvent } from '../../../../src/application/chat/send-message/reply-readers.js';
import { ReplyReaders } from '../../../../src/application/chat/send-message/reply-readers.js';
import { ReplyStopper } from '../../../../src/application/chat/send-message/reply-stopper.js';
import { RunReply } from '../../../../src/application/chat/send-message/run-reply.use-case.js';
import { RunningReplies } from '../../../../src/application/chat/send-message/running-replies.js';
import { SendMessage } from '../../../../src/application/chat/send-message/send-message.use-case.js';
import { StopReply } from '../../../../src/application/chat/send-message/stop-reply.use-case.js';
import { SweepStaleReplies } from '../../../../src/application/chat/send-message/sweep-stale-replies.use-case.js';
import type { AuthenticatedUser } from '../../../../src/application/identity/authenticated-user.js';
import { ConsumeChatQuota } from '../../../../src/application/limits/consume-chat-quota.use-case.js';
import { GetChatQuota } from '../../../../src/application/limits/get-chat-quota.use-case.js';
import { RefundChatQuota } from '../../../../src/application/limits/refund-chat-quota.use-case.js';
import type { Logger } from '../../../../src/application/ports/logger.port.js';
import type { ChatSession } from '../../../../src/domain/chat/chat-session.entity.js';
import { ChatLimitsPolicy } from '../../../../src/domain/limits/chat-limits-policy.js';
import { InProcessChangeFeed } from '../../../../src/infrastructure/changes/in-process-change-feed.adapter.js';
import { InProcessRateLimiter } from '../../../../src/infrastructure/limits/in-process-rate-limiter.adapter.js';
import { Cl100kTokenCounter } from '../../../../src/infrastructure/llm/cl100k-token-counter.adapter.js';
import { InProcessReplyControl } from '../../../../src/infrastructure/replies/in-process-reply-control.adapter.js';
import { InProcessReplyLog } from '../../../../src/infrastructure/replies/in-process-reply-log.adapter.js';
import { inMemoryChatRepositories } from '../../../support/fakes/in-memory-chat.js';
import { RecordingUserEvents } from '../../../support/fakes/recording-user-events.js';
import { ScriptedChatModel } from '../../../support/fakes/scripted-chat-model.js';
import { TestClock } from '../../../support/test-clock.js';

export const ALICE: AuthenticatedUser = {
  id: '019a0000-0000-7000-8000-0000000a11ce',
  email: 'alice@example.com',
  displayName: 'Alice',
  role: 'user',
};
export const T0 = new Date('2031-03-01T10:00:00.000Z');

/** A logger that remembers what it was told, by level. */
export function recordingLogger(): Logger & { lines: { level: string; msg: string }[] } {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (_obj: object, msg: string) => void lines.push({ level, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface WorldOptions {
  readonly maxRunningReplies?: number;
  readonly dailyQuota?: number;
  readonly maxReplyChars?: number;
  readonly feedCapacity?: number;
  readonly accessCheckMs?: number;
}

/**
 * The send slice on in-memory fakes of every port: the chat repositories, the in-process reply
 * log and control (the same contract as Redis's), a scripted model, the in-process limiter, a
 * chat-access switch and recorded user events. No I/O, no network.
 */
export function sendSliceWorld(options: WorldOptions = {}) {
  const clock = new TestClock(T0);
  const repos = inMemoryChatRepositories();
  let seq = 0;
  const ids = { next: () => `019a0000-0000-7000-8000-${String(++seq).padStart(12, '0')}` };
  const limiter = new InProcessRateLimiter();
  const policy = new ChatLimitsPolicy(1_000, options.dailyQuota ?? 100);
  const model = new ScriptedChatModel();
  const log = new InProcessReplyLog({ ttlSeconds: 300, clock });
  const logger = recordingLogger();
  const control = new InProcessReplyControl(logger);
  const changes = new InProcessChangeFeed();
  const running = new RunningReplies(changes, undefined, options.feedCapacity ?? 64);
  const readers = new ReplyReaders(log, running, repos.chatMessages, { firstWaitMs: 1, maxWaitMs: 4 });
  const events = new RecordingUserEvents();
  const access = {
    enabled: true,
    checks: 0,
    async chatEnabledFor() {
      this.checks++;
      return this.enabled;
    },
  };
  const tokens = new Cl100kTokenCounter();
  const refundQuota = new RefundChatQuota(limiter);
  const endedStatuses: string[] = [];
  const run = new RunReply(
    {
      exchanges: repos.chatExchanges,
      model,
      tokens,
      log,
      control,
      running,
      access,
      refundQuota,
      events,
      clock,
      logger,
      observer: { ended: (status) => void endedStatuses.push(status) },
    },
    {
      progressIntervalMs: 5,
      accessCheckMs: options.accessCheckMs ?? 60_000,
      maxReplyChars: options.maxReplyChars ?? 10_000,
    },
  );
  const send = new SendMessage(
    {
      exchanges: repos.chatExchanges,
      messages: repos.chatMessages,
      model,
      consumeQuota: new ConsumeChatQuota(limiter, policy, clock),
      refundQuota,
      tokens,
      ids,
      clock,
      run,
      readers,
      events,
    },
    {
      model: 'scripted',
      systemPrompt: 'Be brief.',
      contextMessages: 20,
      contextTokens: 4_000,
      maxMessageLength: 100,
      maxTokens: 50,
      idempotencyTtlMs: 24 * 3_600_000,
      maxRunningReplies: options.maxRunningReplies ?? 3,
    },
  );
  const stopper = new ReplyStopper(control, repos.chatExchanges, log, events, clock, logger);
  const quota = new GetChatQuota(limiter, policy, clock);
  return {
    ...repos,
    clock,
    ids,
    limiter,
    model,
    log,
    logger,
    control,
    changes,
    running,
    readers,
    events,
    access,
    run,
    send,
    stopper,
    endedStatuses,
    stop: new StopReply(repos.chatSessions, repos.chatMessages, stopper),
    follow: new FollowReply(repos.chatSessions, repos.chatMessages, readers),
    sweep: new SweepStaleReplies(repos.chatExchanges, log, events, clock, logger, 60_000),
    async session(user: AuthenticatedUser = ALICE): Promise<ChatSession> {
      const s: ChatSession = {
        id: ids.next(),
        userId: user.id,
        title: 'New chat',
        titleSource: 'default',
        createdAt: clock.now(),
        updatedAt: clock.now(),
        lastActivityAt: clock.now(),
        messageCount: 0,
        deletedAt: null,
      };
      await repos.chatSessions.create(s);
      return s;
    },
    async dailyUsed(user: AuthenticatedUser = ALICE): Promise<number> {
      const view = await quota.execute({ userId: user.id, role: user.role });
      return view.dailyQuota?.used ?? 0;
    },
    /** Sends and returns the started outcome (fails the test on a replay). */
    async started(sessionId: string, content = 'Hello?', user: AuthenticatedUser = ALICE) {
      const outcome = await send.execute({ user, sessionId, content });
      if (outcome.kind !== 'started') throw new Error('expected a started send');
      return outcome;
    },
    /** The stored reply row of a send, as it is now. */
    replyOf(outcome: { readonly replyId: string }) {
      return repos.chatMessages.messages.get(outcome.replyId)!;
    },
    /** Every event of a reply's log, from the start. */
    async logOf(replyId: string): Promise<readonly LoggedReplyEvent[]> {
      return (await log.read(replyId, FROM_THE_START, 10_000)) ?? [];
    },
  };
}

export type SendSliceWorld = ReturnType<typeof sendSliceWorld>;

export async function collect(events: AsyncIterable<ReaderEvent>): Promise<ReaderEvent[]> {
  const all: ReaderEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

export const typesOf = (events: readonly { event: { type: string } }[]) => events.map((e) => e.event.type);
