import { describe, expect, it } from 'vitest';
import { CheckReadiness } from '../../src/application/operations/check-readiness.use-case.js';
import type { ProbeResult, ReadinessProbe } from '../../src/application/ports/readiness-probe.port.js';

const probe = (name: string, critical: boolean, check: () => Promise<ProbeResult>): ReadinessProbe => ({
  name,
  critical,
  check,
});
const up = async (): Promise<ProbeResult> => ({ status: 'up' });

describe('CheckReadiness', () => {
  it('is ok when every probe is up or disabled', async () => {
    const result = await new CheckReadiness([
      probe('database', true, up),
      probe('redis', false, async () => ({ status: 'disabled' })),
    ]).execute();
    expect(result).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, redis: { status: 'disabled' } },
    });
  });

  it('is degraded, not down, when only a non-critical dependency fails', async () => {
    const result = await new CheckReadiness([
      probe('database', true, up),
      probe('redis', false, () => Promise.reject(new Error('ECONNREFUSED'))),
    ]).execute();
    expect(result.status).toBe('degraded');
    expect(result.checks.redis).toEqual({ status: 'down', error: 'ECONNREFUSED' });
  });

  it('is down when a critical dependency fails', async () => {
    const result = await new CheckReadiness([
      probe('database', true, () => Promise.reject(new Error('connection refused'))),
      probe('redis', false, up),
    ]).execute();
    expect(result.status).toBe('down');
  });

  it('reports a probe that never answers as down instead of hanging', async () => {
    const result = await new CheckReadiness(
      [probe('database', true, () => new Promise(() => {}))],
      20,
    ).execute();
    expect(result.status).toBe('down');
    expect(result.checks.database).toEqual({ status: 'down', error: 'no answer within 20 ms' });
  });
});
