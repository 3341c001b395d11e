import type { Request as ExRequest } from 'express';
import { inject, injectable } from 'inversify';
import {
  Body,
  Controller,
  Delete,
  Get,
  Patch,
  Path,
  Post,
  Query,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import { AddCohortMembers } from '../../application/rollout/add-cohort-members.use-case.js';
import { CreateCohort } from '../../application/rollout/create-cohort.use-case.js';
import { DeleteCohort } from '../../application/rollout/delete-cohort.use-case.js';
import { GetCohort } from '../../application/rollout/get-cohort.use-case.js';
import { ListCohortMembers } from '../../application/rollout/list-cohort-members.use-case.js';
import { ListCohorts } from '../../application/rollout/list-cohorts.use-case.js';
import { RemoveCohortMember } from '../../application/rollout/remove-cohort-member.use-case.js';
import { UpdateCohort } from '../../application/rollout/update-cohort.use-case.js';
import { caller } from '../authentication.js';
import type { Problem } from '../dtos/problem.dto.js';
import {
  toAddedMembersDto,
  toCohortDto,
  toCohortMemberDto,
  type AddedMembersDto,
  type AddMembersRequest,
  type CohortDto,
  type CohortMemberPage,
  type CreateCohortRequest,
  type UpdateCohortRequest,
} from '../dtos/rollout.dto.js';

@injectable()
@Route('admin/cohorts')
@Tags('Admin')
@Security('jwt', ['admin'])
@Response<Problem>(401, 'Missing, invalid or expired access token (`unauthenticated`)')
@Response<Problem>(403, 'Not an administrator (`forbidden`)')
export class AdminCohortsController extends Controller {
  constructor(
    @inject(ListCohorts) private readonly listCohortsUseCase: ListCohorts,
    @inject(CreateCohort) private readonly createCohortUseCase: CreateCohort,
    @inject(GetCohort) private readonly getCohortUseCase: GetCohort,
    @inject(UpdateCohort) private readonly updateCohortUseCase: UpdateCohort,
    @inject(DeleteCohort) private readonly deleteCohortUseCase: DeleteCohort,
    @inject(ListCohortMembers) private readonly listMembers: ListCohortMembers,
    @inject(AddCohortMembers) private readonly addMembers: AddCohortMembers,
    @inject(RemoveCohortMember) private readonly removeMember: RemoveCohortMember,
  ) {
    super();
  }

  /** @summary All cohorts, by name */
  @Get()
  public async listCohorts(): Promise<CohortDto[]> {
    return (await this.listCohortsUseCase.execute()).map(toCohortDto);
  }

  /** @summary Create a cohort */
  @Post()
  @SuccessResponse(201, 'Created')
  @Response<Problem>(422, 'Empty or taken name (`validation_failed`)')
  public async createCohort(
    @Body() body: CreateCohortRequest,
    @Request() req: ExRequest,
  ): Promise<CohortDto> {
    const cohort = await this.createCohortUseCase.execute(caller(req), body);
    this.setStatus(201);
    return toCohortDto(cohort);
  }

  /** @summary One cohort */
  @Get('{id}')
  @Response<Problem>(404, 'No such cohort (`not_found`)')
  public async getCohort(@Path() id: string): Promise<CohortDto> {
    return toCohortDto(await this.getCohortUseCase.execute(id));
  }

  /** @summary Rename or describe a cohort */
  @Patch('{id}')
  @Response<Problem>(404, 'No such cohort (`not_found`)')
  @Response<Problem>(422, 'Empty or taken name (`validation_failed`)')
  public async updateCohort(
    @Path() id: string,
    @Body() body: UpdateCohortRequest,
    @Request() req: ExRequest,
  ): Promise<CohortDto> {
    return toCohortDto(await this.updateCohortUseCase.execute(caller(req), id, body));
  }

  /**
   * Deletes the cohort and takes it out of every feature audience that named it (audited).
   * @summary Delete a cohort
   */
  @Delete('{id}')
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(404, 'No such cohort (`not_found`)')
  public async deleteCohort(@Path() id: string, @Request() req: ExRequest): Promise<void> {
    await this.deleteCohortUseCase.execute(caller(req), id);
    this.setStatus(204);
  }

  /**
   * Members, most recently added first.
   * @summary A cohort's members
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 100
   */
  @Get('{id}/members')
  @Response<Problem>(404, 'No such cohort (`not_found`)')
  @Response<Problem>(422, 'Invalid limit or cursor (`validation_failed`)')
  public async listCohortMembers(
    @Path() id: string,
    @Query() limit = 20,
    @Query() cursor?: string,
  ): Promise<CohortMemberPage> {
    const page = await this.listMembers.execute(id, { limit, cursor });
    return { items: page.items.map(toCohortMemberDto), nextCursor: page.nextCursor };
  }

  /**
   * Adds users by id and/or email. One unknown id or email fails the whole call, naming each.
   * @summary Add members
   */
  @Post('{id}/members')
  @Response<Problem>(404, 'No such cohort (`not_found`)')
  @Response<Problem>(422, 'Unknown users, or nobody named (`validation_failed`)')
  public async addCohortMembers(
    @Path() id: string,
    @Body() body: AddMembersRequest,
    @Request() req: ExRequest,
  ): Promise<AddedMembersDto> {
    return toAddedMembersDto(await this.addMembers.execute(caller(req), id, body));
  }

  /** @summary Remove a member */
  @Delete('{id}/members/{userId}')
  @SuccessResponse(204, 'Removed')
  @Response<Problem>(404, 'No such cohort or member (`not_found`)')
  public async removeCohortMember(
    @Path() id: string,
    @Path() userId: string,
    @Request() req: ExRequest,
  ): Promise<void> {
    await this.removeMember.execute(caller(req), id, userId);
    this.setStatus(204);
  }
}
