import type { Redis } from 'ioredis';
import type { ProbeResult, ReadinessProbe } from '../../application/ports/readiness-probe.port.js';

/** Redis holds limits, not data: when it is down the instance keeps serving, degraded. */
export class RedisProbe implements ReadinessProbe {
  readonly name = 'redis';
  readonly critical = false;

  constructor(private readonly redis: Redis | undefined) {}

  async check(): Promise<ProbeResult> {
    if (!this.redis) return { status: 'disabled', mode: 'in-process (single instance)' };
    const started = performance.now();
    await this.redis.ping();
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  }
}
