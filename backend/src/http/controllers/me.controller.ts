import type { Request as ExRequest } from 'express';
import { inject, injectable } from 'inversify';
import { Controller, Get, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import { GetMe } from '../../application/identity/get-me.use-case.js';
import { caller } from '../authentication.js';
import type { Problem } from '../dtos/problem.dto.js';
import { toUserDto, type MeResponse } from '../dtos/user.dto.js';

@injectable()
@Route('me')
@Tags('Auth')
@Security('jwt')
export class MeController extends Controller {
  constructor(@inject(GetMe) private readonly me: GetMe) {
    super();
  }

  /**
   * The signed-in user with the current role and the features enabled for them.
   * @summary Who am I
   */
  @Get()
  @Response<Problem>(401, 'Missing, invalid or expired access token (`unauthenticated`)')
  public async getMe(@Request() req: ExRequest): Promise<MeResponse> {
    const { user, features } = await this.me.execute(caller(req));
    return { ...toUserDto(user), features, featureReason: features.featureReason };
  }
}
