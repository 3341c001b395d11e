import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  /** 0 closed, 1 half-open, 2 open. */
  readonly llmCircuitState: Gauge;
  readonly llmFailures: Counter<'kind'>;
  readonly chatReplies: Counter<'status'>;
  readonly chatActiveReplies: Gauge;
  readonly limitRejections: Counter<'kind'>;
  readonly limiterFallbacks: Counter<'operation'>;
}

/**
 * One registry per app instance (not prom-client's global one), so that tests can run several
 * apps in one process without "metric already registered" clashes.
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const llmCircuitState = new Gauge({
    name: 'parley_llm_circuit_state',
    help: 'Model circuit breaker: 0 closed, 1 half-open, 2 open',
    registers: [registry],
  });
  const llmFailures = new Counter({
    name: 'parley_llm_failures_total',
    help: 'Failed model requests, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const chatReplies = new Counter({
    name: 'parley_chat_replies_total',
    help: 'Replies ended, by final status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const chatActiveReplies = new Gauge({
    name: 'parley_chat_active_replies',
    help: 'Replies streaming on this instance',
    registers: [registry],
  });
  const limitRejections = new Counter({
    name: 'parley_limit_rejections_total',
    help: 'Sends refused by a limit, by kind (rate_limited, quota_exceeded, service_unavailable)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const limiterFallbacks = new Counter({
    name: 'parley_limiter_fallbacks_total',
    help: 'Limiter operations that fell back because Redis did not answer',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  return {
    registry,
    httpRequestDuration,
    llmCircuitState,
    llmFailures,
    chatReplies,
    chatActiveReplies,
    limitRejections,
    limiterFallbacks,
  };
}
