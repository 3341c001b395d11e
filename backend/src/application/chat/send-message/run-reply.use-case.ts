import type { ChatExchangeRepository, ReplyEnd } from '../../../domain/chat/chat.repositories.js';
import type { ChatMessage, FinalStatus } from '../../../domain/chat/message.js';
import { ModelFailure } from '../../../domain/chat/model-errors.js';
import { ServiceUnavailable } from '../../../domain/shared/domain-error.js';
import type { ChatQuotaCharge } from '../../limits/consume-chat-quota.use-case.js';
import type { RefundChatQuota } from '../../limits/refund-chat-quota.use-case.js';
import type { Clock } from '../../ports/clock.port.js';
import type { Logger } from '../../ports/logger.port.js';
import type { UserEvents } from '../../ports/user-events.port.js';
import type { ChatModel, ChatModelMessage, ChatModelUsage } from '../ports/chat-model.port.js';
import type { TokenCounter } from '../ports/token-counter.port.js';
import type { ChatAccessProbe } from './ports/chat-access.port.js';
import type { ReplyControl } from './ports/reply-control.port.js';
import {
  toLoggedMessage,
  type FinalReplyEvent,
  type LoggedReplyEvent,
  type ReplyEvent,
  type ReplyLog,
} from './ports/reply-log.port.js';
import { replyEnding, type EndCause } from './reply-endings.js';
import { AccessWatch, ProgressSaver, tell, withRetries } from './reply-run-helpers.js';
import type { LocalReplyFeed, RunningReplies } from './running-replies.js';

/** A reply to write: its row (inserted `streaming`) and what the model is asked. */
export interface ReplyJob {
  readonly userId: string;
  readonly reply: ChatMessage;
  readonly context: readonly ChatModelMessage[];
  readonly params: { readonly temperature?: number; readonly topP?: number; readonly maxTokens: number };
  readonly charge: ChatQuotaCharge;
}

/** For metrics: how replies end. */
export interface ReplyObserver {
  ended(status: FinalStatus): void;
}

export interface RunReplyPorts {
  readonly exchanges: ChatExchangeRepository;
  readonly model: ChatModel;
  readonly tokens: TokenCounter;
  readonly log: ReplyLog;
  readonly control: ReplyControl;
  readonly running: RunningReplies;
  readonly access: ChatAccessProbe;
  readonly refundQuota: RefundChatQuota;
  readonly events: UserEvents;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly observer?: ReplyObserver;
}

export interface RunReplySettings {
  /** How often the text is saved while it streams. */
  readonly progressIntervalMs: number;
  /** How often the run looks whether its user may still chat (at most 5 s: API.md). */
  readonly accessCheckMs: number;
  /** The size cap: a reply this long ends `complete` with finishReason `max_length`. */
  readonly maxReplyChars: number;
}

/** What the run has produced so far, and where it went. */
class Produced {
  content = '';
  lastEventId = 0;
  usage: ChatModelUsage | undefined;

  constructor(
    private readonly feed: LocalReplyFeed,
    private readonly progress: ProgressSaver,
  ) {}

  appended(logged: LoggedReplyEvent): void {
    this.feed.push(logged);
    this.lastEventId = logged.id;
    if (logged.event.type !== 'message.delta') return;
    this.content += logged.event.content;
    this.progress.changed(this.content, logged.id);
  }
}

/** The log refused an event: someone else (a stop nobody acknowledged, the sweeper) ended the reply. */
const ENDED_ELSEWHERE = Symbol('ended elsewhere');

/**
 * Appends a run's events without holding the run up: one append in flight at a time, and the
 * events that come meanwhile go together in the next one (ReplyLog.appendMany). At low load each
 * delta goes alone as soon as it comes; when the log answers slowly (many replies at once), the
 * deltas that queued behind one round trip share the next, instead of adding up one round trip
 * each. Each event reaches `appended` (the local readers, the text) in order, once the log has
 * given it its id. The first refusal (someone else ended the reply) or failure stops everything
 * after it and calls `stop`.
 */
class PipelinedAppends {
  private queued: ReplyEvent[] = [];
  private inFlight: Promise<void> | undefined;
  private state: 'written' | 'refused' | { readonly failure: ServiceUnavailable } = 'written';

  constructor(
    private readonly log: ReplyLog,
    private readonly replyId: string,
    private readonly appended: (logged: LoggedReplyEvent) => void,
    private readonly stop: () => void,
  ) {}

  push(event: ReplyEvent): void {
    if (this.state !== 'written') return;
    this.queued.push(event);
    this.inFlight ??= this.drain();
  }

  /** Once every event pushed so far has been answered for: whether all were written. */
  async outcome(): Promise<'written' | 'refused' | { readonly failure: ServiceUnavailable }> {
    while (this.inFlight) await this.inFlight;
    return this.state;
  }

  private async drain(): Promise<void> {
    while (this.queued.length > 0 && this.state === 'written') {
      const batch = this.queued;
      this.queued = [];
      let first: number | null;
      try {
        first = await this.log.appendMany(this.replyId, batch);
      } catch (error) {
        const failure = new ServiceUnavailable('The reply log could not be written.');
        failure.cause = error;
        this.state = { failure };
        break;
      }
      if (first === null) {
        this.state = 'refused';
        break;
      }
      batch.forEach((event, index) => this.appended({ id: first + index, event }));
    }
    this.queued = [];
    this.inFlight = undefined;
    if (this.state !== 'written') this.stop();
  }
}

/**
 * The reply's run: the other half of the send (SendMessage starts it and does not wait). It
 * belongs to the reply, not to any request: it calls the model, appends every event to the
 * reply's log (`reply.started` 0, one `message.delta` per upstream delta, then one final
 * event), saves the text about every second, and ends the row with one final status. Readers
 * (ReplyReaders) follow the log at their own pace; nothing here waits for them.
 *
 * It ends early only when stopped (ReplyControl: Stop, the session's deletion), when chat is
 * switched off for its user (looked at every few seconds, and at once on a flag, cohort or user
 * change), when a model clock runs out (LLM_MAX_DURATION_MS among them), at its size cap, or
 * when shutdown interrupts it; reply-endings.ts says how each is recorded. The writer whose
 * conditional update ends the row writes the final event; when the log refuses an event,
 * someone else ended the reply and the run just stops.
 */
export class RunReply {
  constructor(
    private readonly ports: RunReplyPorts,
    private readonly settings: RunReplySettings,
  ) {}

  /** Runs the reply to its end; never rejects (failures are how the reply ends, and are logged). */
  async execute(job: ReplyJob): Promise<void> {
    const { reply, userId } = job;
    const { running, control, access, clock, logger, exchanges } = this.ports;
    const abort = new AbortController();
    let stopped: EndCause | undefined;
    const end = (cause: EndCause) => {
      if (stopped) return;
      stopped = cause;
      abort.abort();
    };
    const watch = new AccessWatch(
      access,
      userId,
      this.settings.accessCheckMs,
      () => end({ kind: 'stopped', reason: 'feature_disabled' }),
      logger,
    );
    const { feed, unregister } = running.register({
      replyId: reply.id,
      sessionId: reply.sessionId,
      userId,
      interrupt: () => end({ kind: 'shutdown' }),
      recheckAccess: () => watch.check(),
    });
    const unregisterStop = control.onStop(reply.id, (reason) => end({ kind: 'stopped', reason }));
    const progress = new ProgressSaver(exchanges, reply.id, clock, logger, this.settings.progressIntervalMs);
    const produced = new Produced(feed, progress);
    let cause: EndCause | typeof ENDED_ELSEWHERE;
    try {
      cause = await this.generate(job, abort.signal, produced);
    } catch (error) {
      // Stopped: the model call ends with ModelCallCancelled, or whatever was in flight.
      cause = stopped ?? { kind: 'failed', error };
      if (cause.kind === 'failed' && !isModelFailure(error))
        logger.error({ err: error, messageId: reply.id }, 'reply failed unexpectedly');
    } finally {
      watch.stop();
      unregisterStop();
      await progress.stop();
    }
    try {
      if (cause !== ENDED_ELSEWHERE) await this.finish(job, cause, produced);
    } catch (error) {
      // The row stays `streaming`: the sweeper ends it (and writes its final event) later.
      logger.error({ err: error, messageId: reply.id }, 'could not end a reply');
    } finally {
      unregister();
    }
  }

  /** Calls the model and appends what it says; the natural end, or ENDED_ELSEWHERE. */
  private async generate(
    job: ReplyJob,
    signal: AbortSignal,
    produced: Produced,
  ): Promise<EndCause | typeof ENDED_ELSEWHERE> {
    const { reply } = job;
    const upstream = new AbortController();
    const abortUpstream = () => upstream.abort();
    signal.addEventListener('abort', abortUpstream, { once: true });
    // A refused or failed append ends the upstream request; the loop below then says why.
    const appends = new PipelinedAppends(
      this.ports.log,
      reply.id,
      (logged) => produced.appended(logged),
      abortUpstream,
    );
    const iterator = this.ports.model
      .stream({
        messages: job.context,
        temperature: job.params.temperature,
        topP: job.params.topP,
        maxTokens: job.params.maxTokens,
        signal: upstream.signal,
      })
      [Symbol.asyncIterator]();
    // The upstream request goes out now, while `reply.started` is appended: the log's first
    // event costs the first token nothing.
    const first = iterator.next();
    appends.push({ type: 'reply.started', message: toLoggedMessage(reply) });
    let cause: EndCause = { kind: 'completed', finishReason: null };
    let written = 0;
    let finished = false;
    try {
      for (let next = await first; !next.done; next = await iterator.next()) {
        const event = next.value;
        if (event.type === 'done') {
          produced.usage = event.usage;
          cause = { kind: 'completed', finishReason: event.finishReason };
          continue;
        }
        appends.push({ type: 'message.delta', messageId: reply.id, content: event.text });
        written += event.text.length;
        if (written >= this.settings.maxReplyChars) {
          cause = { kind: 'size_cap' };
          break;
        }
      }
      finished = cause.kind === 'completed';
    } catch (error) {
      // The model call was aborted because an append was refused or failed: that is the news.
      if ((await appends.outcome()) === 'written') throw error;
    } finally {
      signal.removeEventListener('abort', abortUpstream);
      // Leaving early (the size cap, a refused or failed append) ends the upstream request.
      if (!finished) await iterator.return?.();
    }
    const outcome = await appends.outcome();
    if (outcome === 'refused') return ENDED_ELSEWHERE;
    if (outcome !== 'written') throw outcome.failure;
    return cause;
  }

  /** Ends the row; if this run's update ended it, writes the final event and tells the user. */
  private async finish(job: ReplyJob, cause: EndCause, produced: Produced): Promise<void> {
    const { reply, userId } = job;
    const { exchanges, log, events, clock, tokens, refundQuota, observer } = this.ports;
    const ending = replyEnding(cause, produced.content.length > 0);
    const now = clock.now();
    const end: ReplyEnd = {
      status: ending.status,
      content: produced.content,
      tokenCount: produced.usage?.completionTokens ?? tokens.count(produced.content),
      tokenCountEstimated: produced.usage === undefined,
      finishReason: ending.finishReason,
      errorCode: ending.errorCode,
      // The final event comes right after the last one appended: nobody else appends to a
      // log whose row this run ends.
      lastEventId: produced.lastEventId + 1,
    };
    if (!(await exchanges.close(reply, end, now))) return; // someone else ended it, and tells
    const final: FinalReplyEvent =
      ending.failure === null
        ? {
            type: 'message.completed',
            message: toLoggedMessage({ ...reply, ...end, updatedAt: now }),
            usage: produced.usage ?? null,
          }
        : {
            type: 'error',
            messageId: reply.id,
            status: ending.status === 'error' ? 'error' : 'interrupted',
            failure: ending.failure,
          };
    const id = await withRetries(() => log.append(reply.id, final));
    if (id !== null) produced.appended({ id, event: final });
    tell(events, userId, {
      type: 'reply.ended',
      sessionId: reply.sessionId,
      messageId: reply.id,
      status: ending.status,
    });
    observer?.ended(ending.status);
    if (ending.refund) {
      await refundQuota.execute({ userId, charge: job.charge });
      tell(events, userId, { type: 'quota.changed' });
    }
  }
}

/** A model failure is how replies sometimes end, not a defect: only the unexpected is logged as an error. */
function isModelFailure(error: unknown): boolean {
  return error instanceof ModelFailure;
}
