import type { ProbeResult, ReadinessProbe } from '../ports/readiness-probe.port.js';

export type Readiness = {
  /** ok: all up; degraded: a non-critical dependency is down (still serving); down: a critical one is. */
  status: 'ok' | 'degraded' | 'down';
  checks: Record<string, ProbeResult>;
};

/**
 * Only the database is critical: a load balancer that dropped every instance because Redis or
 * the model is unhealthy would turn a partial outage into a total one.
 */
export class CheckReadiness {
  constructor(
    private readonly probes: readonly ReadinessProbe[],
    private readonly timeoutMs = 2_000,
  ) {}

  async execute(): Promise<Readiness> {
    const results = await Promise.all(this.probes.map((probe) => this.run(probe)));
    const checks: Record<string, ProbeResult> = {};
    let status: Readiness['status'] = 'ok';
    this.probes.forEach((probe, i) => {
      const result = results[i]!;
      checks[probe.name] = result;
      if (result.status === 'down' || result.status === 'degraded') {
        if (probe.critical) status = 'down';
        else if (status === 'ok') status = 'degraded';
      }
    });
    return { status, checks };
  }

  private async run(probe: ReadinessProbe): Promise<ProbeResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ProbeResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ status: 'down', error: `no answer within ${this.timeoutMs} ms` }),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([
        probe.check().catch((error: unknown) => ({ status: 'down' as const, error: errorMessage(error) })),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
