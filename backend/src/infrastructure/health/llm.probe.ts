import type { ProbeResult, ReadinessProbe } from '../../application/ports/readiness-probe.js';

/** The model is never critical for readiness: an upstream outage must not empty the load balancer. */
export class LlmProbe implements ReadinessProbe {
  readonly name = 'llm';
  readonly critical = false;

  constructor(private readonly settings: { model: string; demo: boolean }) {}

  async check(): Promise<ProbeResult> {
    return { status: 'up', model: this.settings.model, provider: this.settings.demo ? 'demo' : 'openai-compatible' };
  }
}
