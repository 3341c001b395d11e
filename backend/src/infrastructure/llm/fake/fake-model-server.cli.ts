import { parseArgs } from 'node:util';
import { startFakeModelServer } from './fake-model-server.js';

/*
 * Starts the fake OpenAI-compatible model on its own and prints its base URL (ending in /v1)
 * as the first line on stdout, for e2e and benchmarks:
 *   tsx src/infrastructure/llm/fake/fake-model-server.cli.ts --port 0 --host 127.0.0.1
 * Options: --port (default 0: any free port), --host (default 127.0.0.1), --model,
 * --chunk-gap-ms, --first-token-delay-ms, --chunks (the standing scenario), --no-control.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    model: { type: 'string' },
    'chunk-gap-ms': { type: 'string' },
    'first-token-delay-ms': { type: 'string' },
    chunks: { type: 'string' },
    'no-control': { type: 'boolean', default: false },
  },
});

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a whole number ≥ 0, got ${value}\n`);
    process.exit(2);
  }
  return n;
}

const port = wholeNumber('port', values.port) ?? 0;
const chunkGapMs = wholeNumber('chunk-gap-ms', values['chunk-gap-ms']);
const firstTokenDelayMs = wholeNumber('first-token-delay-ms', values['first-token-delay-ms']);
const chunks = wholeNumber('chunks', values.chunks);

const server = await startFakeModelServer({
  host: values.host,
  port,
  model: values.model,
  enableControl: !values['no-control'],
  scenario: {
    ...(chunkGapMs !== undefined && { chunkGapMs }),
    ...(firstTokenDelayMs !== undefined && { firstTokenDelayMs }),
    ...(chunks !== undefined && chunks > 0 && { chunks }),
  },
});
process.stdout.write(`${server.url}\n`);

const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
