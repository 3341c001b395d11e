import type { FakeFailure, FakeScenarioState, FakeScenarioUpdate } from './fake-scenario.js';

/** One completion request the fake model received. */
export interface FakeRequestRecord {
  readonly id: string;
  /** When it arrived (ISO 8601). */
  readonly at: string;
  /** The JSON body as sent by the client. */
  readonly body: unknown;
  /** The scenario's failure that applied to it. */
  readonly failure: FakeFailure;
  /** The client closed the connection before the answer was complete. */
  aborted: boolean;
  abortedAt?: string;
  /** Text chunks written so far. */
  chunksSent: number;
  /** The server sent its whole answer (an HTTP error answer counts). */
  finished: boolean;
}

/** What tests, e2e and benchmarks can do to the fake model, in process or over HTTP. */
export interface FakeModelControl {
  setScenario(update: FakeScenarioUpdate): Promise<void>;
  scenario(): Promise<FakeScenarioState>;
  /** Back to the start-up scenario, and forget every recorded request. */
  reset(): Promise<void>;
  requests(): Promise<FakeRequestRecord[]>;
}
