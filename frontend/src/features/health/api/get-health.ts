import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/api-fetch';
import { isRecord } from '@/lib/utils';

export type HealthStatus = 'ok' | 'degraded' | 'down' | 'off' | 'unknown';

export interface HealthCheck {
  name: string;
  status: HealthStatus;
  detail?: string;
}

export interface Readiness {
  status: HealthStatus;
  /** In the order the server reports them. */
  checks: HealthCheck[];
}

// The overall report says ok/degraded/down; each check says up/down/degraded, or disabled
// for a dependency this instance does not use (no REDIS_URL: limits live in process).
const STATUS: Record<string, HealthStatus> = {
  ok: 'ok',
  up: 'ok',
  degraded: 'degraded',
  down: 'down',
  disabled: 'off',
};
const toStatus = (value: unknown): HealthStatus =>
  (typeof value === 'string' ? STATUS[value] : undefined) ?? 'unknown';

// API.md documents the model check as `llm: {circuit}`. An open circuit degrades readiness
// but never takes it down (the load balancer must not drop every instance for it).
const CIRCUIT_STATUS: Record<string, HealthStatus> = {
  closed: 'ok',
  half_open: 'degraded',
  open: 'degraded',
};

function parseCheck(name: string, value: unknown): HealthCheck {
  const check = isRecord(value) ? value : {};
  const circuit = typeof check.circuit === 'string' ? check.circuit : undefined;
  const status =
    check.status !== undefined ? toStatus(check.status) : (CIRCUIT_STATUS[circuit ?? ''] ?? 'unknown');
  // `error` says why a check is down; `mode` how a disabled one is replaced.
  const text = [check.error, check.mode, check.detail].find((v) => typeof v === 'string');
  const detail = typeof text === 'string' ? text : circuit && `circuit ${circuit.replace('_', '-')}`;
  return detail ? { name, status, detail } : { name, status };
}

/**
 * The report is read defensively: an unexpected field shows as "unknown" rather than
 * breaking the page that is meant to tell you something is wrong.
 */
export function parseReadiness(body: unknown): Readiness {
  const report = isRecord(body) ? body : {};
  const checks = isRecord(report.checks) ? report.checks : {};
  return {
    status: toStatus(report.status),
    checks: Object.entries(checks).map(([name, value]) => parseCheck(name, value)),
  };
}

/** GET /readyz. Its 503 ("database down") still carries the report: data, not an error. */
export async function getHealth(signal?: AbortSignal): Promise<Readiness> {
  return parseReadiness(await apiFetch<unknown>('/readyz', { signal, okStatuses: [503] }));
}

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: ['health', 'readiness'],
    queryFn: ({ signal }) => getHealth(signal),
    refetchInterval: 30_000,
  });

export function useHealth() {
  return useQuery(healthQueryOptions());
}
