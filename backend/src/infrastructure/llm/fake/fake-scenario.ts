/*
 * How the fake model behaves for the next requests. `PUT /__control/scenario` sets it:
 * - without `times`, it becomes the standing scenario (the server's start-up scenario plus the
 *   fields given; fields not given go back to their defaults);
 * - with `times: N`, the standing scenario plus the fields given applies to the next N
 *   completion requests only, then the standing one is back.
 */
export const FAKE_FAILURES = [
  'none',
  'http_500',
  'http_429',
  'http_400',
  'stall_before_first_token',
  'stall_mid_stream',
  'cut_mid_stream',
  'malformed_chunk',
  'no_done',
] as const;

export type FakeFailure = (typeof FAKE_FAILURES)[number];

export interface FakeScenario {
  /** Wait before the first chunk (or before an HTTP error answer). */
  readonly firstTokenDelayMs: number;
  /** Wait between two text chunks. */
  readonly chunkGapMs: number;
  /** How many text chunks the reply is split into (fewer if the text is shorter). */
  readonly chunks: number;
  /** The reply; by default a Markdown answer derived from the last user message. */
  readonly text?: string;
  readonly failure: FakeFailure;
  /** Mid-stream failures: how many text chunks go out first (default: half of them). */
  readonly failAfterChunks?: number;
}

export interface FakeScenarioUpdate extends Partial<FakeScenario> {
  /** Apply to the next N completion requests only. */
  readonly times?: number;
}

export interface FakeScenarioState {
  readonly standing: FakeScenario;
  readonly next?: FakeScenario & { readonly remaining: number };
}

export const DEFAULT_SCENARIO: FakeScenario = {
  firstTokenDelayMs: 0,
  chunkGapMs: 0,
  chunks: 12,
  failure: 'none',
};

/** A standing scenario for the demo model of `make run`: small pieces, visibly streaming. */
export const DEMO_SCENARIO: Partial<FakeScenario> = { firstTokenDelayMs: 300, chunkGapMs: 30, chunks: 60 };

export class ScenarioError extends Error {}

const NUMBER_FIELDS = ['firstTokenDelayMs', 'chunkGapMs', 'chunks', 'failAfterChunks', 'times'] as const;

/** Checks a scenario update from JSON; throws ScenarioError naming the bad field. */
export function parseScenarioUpdate(input: unknown): FakeScenarioUpdate {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ScenarioError('expected a JSON object');
  const known = new Set<string>([...NUMBER_FIELDS, 'text', 'failure']);
  for (const key of Object.keys(input)) if (!known.has(key)) throw new ScenarioError(`unknown field ${key}`);
  const record = input as Record<string, unknown>;
  for (const field of NUMBER_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new ScenarioError(`${field} must be a whole number ≥ 0`);
    }
  }
  if (record.chunks === 0) throw new ScenarioError('chunks must be at least 1');
  if (record.times === 0) throw new ScenarioError('times must be at least 1');
  if (record.text !== undefined && typeof record.text !== 'string')
    throw new ScenarioError('text must be a string');
  if (record.failure !== undefined && !FAKE_FAILURES.includes(record.failure as FakeFailure)) {
    throw new ScenarioError(`failure must be one of ${FAKE_FAILURES.join(', ')}`);
  }
  return record as FakeScenarioUpdate;
}

export class ScenarioBook {
  private standing: FakeScenario;
  private next: { scenario: FakeScenario; remaining: number } | undefined;

  constructor(private readonly initial: FakeScenario) {
    this.standing = initial;
  }

  set(update: FakeScenarioUpdate): void {
    const { times, ...fields } = update;
    if (times === undefined) {
      this.standing = { ...this.initial, ...fields };
      this.next = undefined;
    } else {
      this.next = { scenario: { ...this.standing, ...fields }, remaining: times };
    }
  }

  reset(): void {
    this.standing = this.initial;
    this.next = undefined;
  }

  /** The scenario for a new completion request (uses up one of `times`). */
  take(): FakeScenario {
    if (!this.next) return this.standing;
    const { scenario } = this.next;
    this.next.remaining -= 1;
    if (this.next.remaining <= 0) this.next = undefined;
    return scenario;
  }

  state(): FakeScenarioState {
    return this.next
      ? { standing: this.standing, next: { ...this.next.scenario, remaining: this.next.remaining } }
      : { standing: this.standing };
  }
}
