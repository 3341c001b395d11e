import type { Request as ExRequest } from 'express';
import { inject, injectable } from 'inversify';
import {
  Body,
  Controller,
  Get,
  Patch,
  Path,
  Query,
  Request,
  Response,
  Route,
  Security,
  Tags,
} from '@tsoa/runtime';
import { ChangeUserRole } from '../../application/identity/change-user-role.use-case.js';
import { ListUsers } from '../../application/identity/list-users.use-case.js';
import { caller } from '../authentication.js';
import type { Problem } from '../dtos/problem.dto.js';
import { toUserDto, type RoleDto, type UserDto, type UserPage } from '../dtos/user.dto.js';

export interface ChangeRoleRequest {
  role: RoleDto;
}

@injectable()
@Route('admin/users')
@Tags('Admin')
@Security('jwt', ['admin'])
@Response<Problem>(401, 'Missing, invalid or expired access token (`unauthenticated`)')
@Response<Problem>(403, 'Not an administrator (`forbidden`)')
export class AdminUsersController extends Controller {
  constructor(
    @inject(ListUsers) private readonly listUsersUseCase: ListUsers,
    @inject(ChangeUserRole) private readonly changeUserRoleUseCase: ChangeUserRole,
  ) {
    super();
  }

  /**
   * Users, newest first, optionally filtered by a case-insensitive match on email or name.
   * @summary Find users
   * @param q Text to find in email or display name
   * @param limit Page size
   * @param cursor From the previous page's nextCursor
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 100
   * @maxLength q 200
   */
  @Get()
  @Response<Problem>(422, 'Invalid limit or cursor (`validation_failed`)')
  public async listUsers(
    @Query() q?: string,
    @Query() limit = 20,
    @Query() cursor?: string,
  ): Promise<UserPage> {
    const page = await this.listUsersUseCase.execute({ search: q, limit, cursor });
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  }

  /**
   * Changes a user's role. Not your own. Takes effect at once on every instance: a demoted
   * admin's existing tokens stop opening admin routes.
   * @summary Change a role
   */
  @Patch('{id}')
  @Response<Problem>(404, 'No such user (`not_found`)')
  @Response<Problem>(422, 'Unknown role (`validation_failed`)')
  public async changeUserRole(
    @Path() id: string,
    @Body() body: ChangeRoleRequest,
    @Request() req: ExRequest,
  ): Promise<UserDto> {
    return toUserDto(await this.changeUserRoleUseCase.execute(caller(req), id, body.role));
  }
}
