export interface ClientConfig {
  signupEnabled: boolean;
  /** True when the built-in demo model answers instead of a real provider. */
  demoModel: boolean;
  model: string;
  limits: { maxMessageLength: number; maxTokens: number };
}

/** What the frontend needs before sign-in. Holds no secret by construction. */
export class GetClientConfig {
  constructor(private readonly config: ClientConfig) {}

  async execute(): Promise<ClientConfig> {
    return structuredClone(this.config);
  }
}
