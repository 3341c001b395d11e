import { inject, injectable } from 'inversify';
import { Controller, Get, Query, Response, Route, Security, Tags } from '@tsoa/runtime';
import { ListAuditLog } from '../../application/rollout/list-audit-log.use-case.js';
import type { Problem } from '../dtos/problem.dto.js';
import { toAuditEntryDto, type AuditPage } from '../dtos/rollout.dto.js';

@injectable()
@Route('admin/audit')
@Tags('Admin')
@Security('jwt', ['admin'])
@Response<Problem>(401, 'Missing, invalid or expired access token (`unauthenticated`)')
@Response<Problem>(403, 'Not an administrator (`forbidden`)')
export class AdminAuditController extends Controller {
  constructor(@inject(ListAuditLog) private readonly listAuditLogUseCase: ListAuditLog) {
    super();
  }

  /**
   * Every admin change (flag rules, cohorts, members, roles), newest first.
   * @summary The audit log
   * @param subject Only entries about this subject, e.g. `feature:chat` or `cohort:<id>`
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 100
   */
  @Get()
  @Response<Problem>(422, 'Invalid limit or cursor (`validation_failed`)')
  public async listAuditLog(
    @Query() limit = 20,
    @Query() cursor?: string,
    @Query() subject?: string,
  ): Promise<AuditPage> {
    const page = await this.listAuditLogUseCase.execute({ limit, cursor, subject });
    return { items: page.items.map(toAuditEntryDto), nextCursor: page.nextCursor };
  }
}
