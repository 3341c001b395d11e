import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveCompletion, type CompletionDeps } from './fake-completion.js';
import type { FakeModelControl, FakeRequestRecord } from './fake-model-control.js';
import { openAiError, readBody, sendJson } from './fake-http.js';
import {
  DEFAULT_SCENARIO,
  parseScenarioUpdate,
  ScenarioBook,
  ScenarioError,
  type FakeScenario,
} from './fake-scenario.js';

/*
 * An OpenAI-compatible model server that streams deterministic text: the demo model of
 * `make run`, and the upstream of the integration, HTTP, e2e and benchmark tests. Plain
 * node:http. It serves `POST /v1/chat/completions` (SSE chunks in OpenAI's format, a usage chunk
 * when `stream_options.include_usage`, `data: [DONE]`; or one JSON answer) and `GET /v1/models`.
 *
 * Control API (tests change the behaviour at run time; see fake-scenario.ts):
 *   PUT  /__control/scenario   GET /__control/scenario   POST /__control/reset
 *   GET  /__control/requests   → every completion request received, with whether the client
 *                                 aborted it (the socket closed before the answer ended).
 */

export interface FakeModelServerOptions {
  readonly host?: string;
  /** 0 (default): an ephemeral port. */
  readonly port?: number;
  /** The id `GET /v1/models` lists; completions echo the model the request names. */
  readonly model?: string;
  /** The standing scenario at start (and after a reset), e.g. a chunk gap for the demo. */
  readonly scenario?: Partial<FakeScenario>;
  /** Serve the control API (default true). */
  readonly enableControl?: boolean;
  /** Oldest records are dropped beyond this (default 1000). */
  readonly maxLoggedRequests?: number;
}

export interface FakeModelServer {
  /** The base URL for an OpenAI client, ending in `/v1`. */
  readonly url: string;
  /** The same operations as the HTTP control API, in process. */
  readonly control: FakeModelControl;
  close(): Promise<void>;
}

export async function startFakeModelServer(options: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  const book = new ScenarioBook({ ...DEFAULT_SCENARIO, ...options.scenario });
  const modelId = options.model ?? 'parley-demo';
  const maxLogged = options.maxLoggedRequests ?? 1000;
  let log: FakeRequestRecord[] = [];
  let sequence = 0;

  const control: FakeModelControl = {
    setScenario: async (update) => book.set(parseScenarioUpdate(update)),
    scenario: async () => book.state(),
    reset: async () => {
      book.reset();
      log = [];
    },
    requests: async () => structuredClone(log),
  };

  const completionDeps: CompletionDeps = {
    modelId,
    takeScenario: () => book.take(),
    nextId: () => `req-${++sequence}`,
    record: (request) => {
      log.push(request);
      if (log.length > maxLogged) log = log.slice(log.length - maxLogged);
    },
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, openAiError(String(error), 'server_error'));
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname.replace(/\/+$/, '');
    if (req.method === 'POST' && path === '/v1/chat/completions')
      return serveCompletion(req, res, completionDeps);
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: [{ id: modelId, object: 'model', created: 0, owned_by: 'parley' }],
      });
    }
    if (options.enableControl !== false && path.startsWith('/__control/'))
      return controlRoute(req, res, path);
    sendJson(res, 404, openAiError(`No route for ${req.method} ${path}`, 'invalid_request_error'));
  }

  async function controlRoute(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/__control/scenario' && req.method === 'PUT') {
      try {
        await control.setScenario(JSON.parse(await readBody(req)) as never);
      } catch (error) {
        const message =
          error instanceof ScenarioError || error instanceof SyntaxError ? error.message : String(error);
        return sendJson(res, 400, { error: message });
      }
      return sendJson(res, 200, book.state());
    }
    if (path === '/__control/scenario' && req.method === 'GET') return sendJson(res, 200, book.state());
    if (path === '/__control/reset' && req.method === 'POST') {
      await control.reset();
      res.writeHead(204).end();
      return;
    }
    if (path === '/__control/requests' && req.method === 'GET') return sendJson(res, 200, log);
    sendJson(res, 404, { error: `No control route for ${req.method} ${path}` });
  }

  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}/v1`,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
