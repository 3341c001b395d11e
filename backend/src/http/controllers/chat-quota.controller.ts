import type { Request as ExRequest } from 'express';
import { inject, injectable } from 'inversify';
import { Controller, Get, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import { GetChatQuota } from '../../application/limits/get-chat-quota.use-case.js';
import { caller } from '../authentication.js';
import type { Problem } from '../dtos/problem.dto.js';
import { toQuotaDto, type QuotaDto } from '../dtos/quota.dto.js';

@injectable()
@Route('chat/quota')
@Tags('Chat')
@Security('jwt', ['feature:chat'])
export class ChatQuotaController extends Controller {
  constructor(@inject(GetChatQuota) private readonly getChatQuota: GetChatQuota) {
    super();
  }

  /**
   * What is left of the per-minute limit and the daily message quota, and when each resets.
   * Reading it uses nothing. Admins are unlimited.
   * @summary Your limits
   */
  @Get()
  @Response<Problem>(401, 'Missing, invalid or expired access token (`unauthenticated`)')
  @Response<Problem>(403, 'Chat is not enabled for you (`feature_disabled`)')
  @Response<Problem>(503, 'The quota store is unreachable (`service_unavailable`)')
  public async getQuota(@Request() req: ExRequest): Promise<QuotaDto> {
    const user = caller(req);
    return toQuotaDto(await this.getChatQuota.execute({ userId: user.id, role: user.role }));
  }
}
