import type { ProbeResult, ReadinessProbe } from '../../application/ports/readiness-probe.port.js';

/** The model is never critical for readiness: an upstream outage must not empty the load balancer. */
export class LlmProbe implements ReadinessProbe {
  readonly name = 'llm';
  readonly critical = false;

  constructor(
    private readonly settings: {
      model: string;
      demo: boolean;
      circuitState: () => 'closed' | 'open' | 'half_open';
    },
  ) {}

  async check(): Promise<ProbeResult> {
    const circuit = this.settings.circuitState();
    return {
      // An open circuit means the provider failed repeatedly: degraded, never down.
      status: circuit === 'closed' ? 'up' : 'degraded',
      circuit,
      model: this.settings.model,
      provider: this.settings.demo ? 'demo' : 'openai-compatible',
    };
  }
}
