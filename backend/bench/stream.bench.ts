/*
 * make bench-stream: what Parley adds to a streamed reply.
 *
 * Four processes on loopback: the fake OpenAI-compatible model, Parley (the real server: a
 * regular user's token, feature flag, limits, database writes, SSE), a bare proxy (the same
 * express + OpenAI SDK + SSE stack doing none of that work: bench/bare-proxy.ts) and this one,
 * the clients. In each round the same number of streams go straight to the model, through the
 * bare proxy and through Parley's send route, one after the other (interleaved rounds, so
 * machine noise hits all alike). Reported, for Parley and for the bare proxy:
 *   added time to first token = TTFT through it − TTFT direct (p50, p99)
 *   added delay per chunk     = gap between deltas through it − gap direct (p50, p99)
 *   deltas out = deltas in     (one SSE event per upstream chunk: no batching)
 * at 1 and 100 concurrent streams (BENCH_CONCURRENCY), as medians over the rounds
 * (BENCH_ROUNDS). The bare proxy is the floor: what Parley's own work costs is the difference.
 *
 * Resumed readers (replies outlive their request): in a fourth batch of each round, every send
 * gets a second reader, GET .../messages/{messageId}/stream with Last-Event-ID 0, opened as soon
 * as the sender sees `reply.started`: once on the same instance (the running reply's own feed)
 * and once on a second Parley instance on the same PostgreSQL and Redis (the Redis log). Their
 * rows time the resumed reader's deltas, TTFT counted from the send like the sender's; the
 * sender rows above come from batches without them.
 *
 * Needs PostgreSQL and Redis on localhost (BENCH_DATABASE_URL, default a database parley_bench_stream).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';
import pg from 'pg';

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CHUNKS = 40;
const GAP_MS = 5;
const FIRST_TOKEN_MS = 20;
/** Streams run one after the other per round at one concurrent stream. */
const SEQUENTIAL_STREAMS = Number(process.env.BENCH_SEQUENTIAL_STREAMS ?? 20);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,100').split(',').map(Number);
const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

function start(
  args: string[],
  env: Record<string, string>,
  ready: (line: string) => string | undefined,
): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: backendDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (d: Buffer) => {
      buffer += d.toString();
      for (const line of buffer.split('\n')) {
        const found = ready(line);
        if (found) {
          // Keep draining (a full pipe would stall the server) without re-reading the log.
          child.stdout!.off('data', onData);
          child.stdout!.resume();
          return resolve(found);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

async function freshDatabase(): Promise<string> {
  const name = 'parley_bench_stream';
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Timing {
  ttft: number;
  gaps: number[];
  deltas: number;
}

/** Reads an SSE body, calling `onData(event, data)` for each event. */
async function readSse(res: Response, onData: (event: string, data: string) => void): Promise<void> {
  const parser = createParser({ onEvent: (m) => onData(m.event ?? 'message', m.data) });
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
    parser.feed(decoder.decode(chunk, { stream: true }));
}

async function direct(modelUrl: string): Promise<Timing> {
  const started = performance.now();
  const res = await fetch(`${modelUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer bench' },
    body: JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'bench' }] }),
  });
  const arrivals: number[] = [];
  await readSse(res, (_event, data) => {
    if (data === '[DONE]') return;
    const text = (JSON.parse(data) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta
      ?.content;
    if (text) arrivals.push(performance.now());
  });
  return timing(started, arrivals);
}

async function throughParley(
  parleyUrl: string,
  token: string,
  sessionId: string,
  resumeAt?: string,
): Promise<{ sender: Timing; resumed?: Timing }> {
  const started = performance.now();
  const res = await fetch(`${parleyUrl}/api/v1/chat/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': randomUUID(),
    },
    body: JSON.stringify({ content: 'bench' }),
  });
  if (res.status !== 200) throw new Error(`send answered ${res.status}: ${await res.text()}`);
  const arrivals: number[] = [];
  let resumed: Promise<Timing> | undefined;
  await readSse(res, (event, data) => {
    if (event === 'message.delta') arrivals.push(performance.now());
    if (event === 'reply.started' && resumeAt) {
      const replyId = (JSON.parse(data) as { id: string }).id;
      resumed = resumedReader(
        `${resumeAt}/api/v1/chat/sessions/${sessionId}/messages/${replyId}/stream`,
        token,
        started,
      );
    }
  });
  return { sender: timing(started, arrivals), resumed: await resumed };
}

/** A second reader of a reply (Last-Event-ID 0: every delta), timed from the send's start. */
async function resumedReader(url: string, token: string, started: number): Promise<Timing> {
  const res = await fetch(url, {
    headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}`, 'Last-Event-ID': '0' },
  });
  if (res.status !== 200) throw new Error(`stream answered ${res.status}: ${await res.text()}`);
  const arrivals: number[] = [];
  await readSse(res, (event) => {
    if (event === 'message.delta') arrivals.push(performance.now());
  });
  return timing(started, arrivals);
}

async function throughBareProxy(proxyUrl: string): Promise<Timing> {
  const started = performance.now();
  const res = await fetch(`${proxyUrl}/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify({ content: 'bench' }),
  });
  const arrivals: number[] = [];
  await readSse(res, (event) => {
    if (event === 'message.delta') arrivals.push(performance.now());
  });
  return timing(started, arrivals);
}

function timing(started: number, arrivals: number[]): Timing {
  return {
    ttft: (arrivals[0] ?? NaN) - started,
    gaps: arrivals.slice(1).map((t, i) => t - arrivals[i]!),
    deltas: arrivals.length,
  };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const median = (values: number[]) => quantile(values, 0.5);

type Figures = Record<'ttft50' | 'ttft99' | 'gap50' | 'gap99', number[]>;
const newFigures = (): Figures => ({ ttft50: [], ttft99: [], gap50: [], gap99: [] });

/** One round's differences between a route and the direct baseline measured beside it. */
function addRound(figures: Figures, route: Timing[], baseline: Timing[]): void {
  figures.ttft50.push(median(route.map((t) => t.ttft)) - median(baseline.map((t) => t.ttft)));
  figures.ttft99.push(
    quantile(
      route.map((t) => t.ttft),
      0.99,
    ) -
      quantile(
        baseline.map((t) => t.ttft),
        0.99,
      ),
  );
  figures.gap50.push(median(route.flatMap((t) => t.gaps)) - median(baseline.flatMap((t) => t.gaps)));
  figures.gap99.push(
    quantile(
      route.flatMap((t) => t.gaps),
      0.99,
    ) -
      quantile(
        baseline.flatMap((t) => t.gaps),
        0.99,
      ),
  );
}

function row(concurrency: number, label: string, figures: Figures): string {
  const f = (values: number[]) => `${median(values).toFixed(2)} ms`;
  return `| ${concurrency} | ${label} | ${f(figures.ttft50)} | ${f(figures.ttft99)} | ${f(figures.gap50)} | ${f(figures.gap99)} |`;
}

async function main() {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? (await freshDatabase());
  const modelUrl = await start(
    [
      'src/infrastructure/llm/fake/fake-model-server.cli.ts',
      '--port',
      '0',
      '--chunks',
      String(CHUNKS),
      '--chunk-gap-ms',
      String(GAP_MS),
      '--first-token-delay-ms',
      String(FIRST_TOKEN_MS),
    ],
    {},
    (line) => (line.startsWith('http') ? line.trim() : undefined),
  );
  const proxyUrl = await start(['bench/bare-proxy.ts', modelUrl], {}, (line) =>
    line.startsWith('http') ? line.trim() : undefined,
  );
  const adminPassword = 'bench-admin-password';
  const redisKeyPrefix = `parley-bench:${Date.now()}:`;
  const parley = (dataDir: string) =>
    start(
      ['src/main.ts'],
      {
        NODE_ENV: 'test',
        PORT: '0',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: redisKeyPrefix,
        JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
        ADMIN_PASSWORD: adminPassword,
        SAMBANOVA_API_BASE: modelUrl,
        SAMBANOVA_API_KEY: 'bench',
        FEATURE_CHAT_ENABLED: 'true',
        // A regular user with limits (checked and consumed on every send), set high enough that
        // the bench never reaches them.
        CHAT_RATE_LIMIT_PER_MINUTE: '100000',
        CHAT_DAILY_MESSAGE_QUOTA: '10000000',
        // 100 streams at once are one user's 100 running replies.
        CHAT_MAX_RUNNING_REPLIES: '1000',
        // info: the "Parley is listening" line carries the URL.
        LOG_LEVEL: 'info',
        DATA_DIR: path.join(backendDir, '..', 'data', dataDir),
      },
      (line) =>
        line.startsWith('{') && line.includes('"Parley is listening"')
          ? (JSON.parse(line) as { url: string }).url
          : undefined,
    );
  const parleyUrl = await parley('bench');
  // A second instance on the same PostgreSQL and Redis, for the resumed reader that reads the log.
  const otherUrl = await parley('bench-2');
  // The sends are a regular user's, with everything the route does for one: token, role, the
  // feature flag (on for that user by the admin), limit headers, the quota, and an
  // Idempotency-Key per send, as the web app sends.
  const json = (token?: string) => ({
    'Content-Type': 'application/json',
    ...(token && { Authorization: `Bearer ${token}` }),
  });
  const adminLogin = await fetch(`${parleyUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: json(),
    body: JSON.stringify({ email: 'admin@parley.local', password: adminPassword }),
  });
  const adminToken = ((await adminLogin.json()) as { accessToken: string }).accessToken;
  const registered = await fetch(`${parleyUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: json(),
    body: JSON.stringify({
      email: 'bench@parley.local',
      password: 'bench-user-password',
      displayName: 'Bench',
    }),
  });
  const { accessToken: token, user } = (await registered.json()) as {
    accessToken: string;
    user: { id: string };
  };
  const flag = await fetch(`${parleyUrl}/api/v1/admin/features/chat`, {
    method: 'PUT',
    headers: json(adminToken),
    body: JSON.stringify({
      enabled: true,
      audience: { roles: ['admin'], cohortIds: [], userIds: [user.id], percentage: 0 },
    }),
  });
  if (flag.status !== 200)
    throw new Error(`could not open chat to the bench user: ${flag.status} ${await flag.text()}`);
  const newSession = async () =>
    (
      (await (
        await fetch(`${parleyUrl}/api/v1/chat/sessions`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: '{}',
        })
      ).json()) as { id: string }
    ).id;

  const rows: string[] = [];
  let batchingSeen = false;
  for (const concurrency of CONCURRENCY) {
    const perRound = { parley: newFigures(), floor: newFigures(), local: newFigures(), remote: newFigures() };
    const sessions = await Promise.all(Array.from({ length: concurrency }, newSession));
    // At one stream, one stream per round would make p99 a single sample: run several one
    // after the other, alternating direct, bare proxy and Parley.
    const batches = concurrency === 1 ? SEQUENTIAL_STREAMS : 1;
    // One warm-up round each way (JIT, connection pools), not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      const d: Timing[] = [];
      const b: Timing[] = [];
      const p: Timing[] = [];
      const local: Timing[] = [];
      const remote: Timing[] = [];
      const resumedOn = async (at: string, into: Timing[]) => {
        const sends = await Promise.all(sessions.map((id) => throughParley(parleyUrl, token, id, at)));
        into.push(...sends.map((s) => s.resumed!));
      };
      for (let batch = 0; batch < batches; batch++) {
        d.push(...(await Promise.all(Array.from({ length: concurrency }, () => direct(modelUrl)))));
        b.push(...(await Promise.all(Array.from({ length: concurrency }, () => throughBareProxy(proxyUrl)))));
        p.push(
          ...(await Promise.all(sessions.map((id) => throughParley(parleyUrl, token, id)))).map(
            (s) => s.sender,
          ),
        );
        await resumedOn(parleyUrl, local);
        await resumedOn(otherUrl, remote);
      }
      if ([...d, ...b, ...p, ...local, ...remote].some((t) => t.deltas !== CHUNKS)) batchingSeen = true;
      if (round === 0) continue;
      addRound(perRound.parley, p, d);
      addRound(perRound.floor, b, d);
      addRound(perRound.local, local, d);
      addRound(perRound.remote, remote, d);
    }
    rows.push(
      row(concurrency, 'Parley send route', perRound.parley),
      row(concurrency, 'bare proxy (floor)', perRound.floor),
      row(concurrency, 'resumed reader, same instance', perRound.local),
      row(concurrency, 'resumed reader, another instance', perRound.remote),
    );
  }

  console.log(
    `\nStreaming overhead against the model direct: ${ROUNDS} interleaved rounds (+1 warm-up), medians of per-round differences`,
  );
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(
    `upstream: ${CHUNKS} chunks, ${GAP_MS} ms apart, first after ${FIRST_TOKEN_MS} ms; command: make bench-stream\n`,
  );
  console.log(
    '| concurrent streams | through | added TTFT p50 | added TTFT p99 | added per-chunk delay p50 | added per-chunk delay p99 |',
  );
  console.log('|---:|---|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  console.log(
    `\ndeltas out = deltas in for every stream: ${batchingSeen ? 'NO (batching or loss seen)' : 'yes'}`,
  );
  process.exit(batchingSeen ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
