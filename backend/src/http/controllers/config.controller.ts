import { inject, injectable } from 'inversify';
import { Controller, Get, Route, Tags } from '@tsoa/runtime';
import {
  GetClientConfig,
  type ClientConfig,
} from '../../application/operations/get-client-config.use-case.js';

@injectable()
@Route('config')
@Tags('Config')
export class ConfigController extends Controller {
  constructor(@inject(GetClientConfig) private readonly getClientConfig: GetClientConfig) {
    super();
  }

  /**
   * What a client needs before sign-in: whether self sign-up is open, whether the demo model
   * answers, the model id and the message limits. No authentication.
   * @summary Public client configuration
   * @example response {"signupEnabled":true,"demoModel":true,"model":"Meta-Llama-3.3-70B-Instruct","limits":{"maxMessageLength":4000,"maxTokens":1024}}
   */
  @Get()
  public async getConfig(): Promise<ClientConfig> {
    return this.getClientConfig.execute();
  }
}
