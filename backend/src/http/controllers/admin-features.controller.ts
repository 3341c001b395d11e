import type { Request as ExRequest } from 'express';
import { inject, injectable } from 'inversify';
import {
  Body,
  Controller,
  Get,
  Path,
  Put,
  Query,
  Request,
  Response,
  Route,
  Security,
  Tags,
} from '@tsoa/runtime';
import { EvaluateFeatureForUser } from '../../application/rollout/evaluate-feature-for-user.use-case.js';
import { GetFeature } from '../../application/rollout/get-feature.use-case.js';
import { ListFeatures } from '../../application/rollout/list-features.use-case.js';
import { UpdateFeature } from '../../application/rollout/update-feature.use-case.js';
import { caller } from '../authentication.js';
import type { Problem } from '../dtos/problem.dto.js';
import {
  toFeatureDto,
  type EvaluationDto,
  type FeatureDto,
  type PutFeatureRequest,
} from '../dtos/rollout.dto.js';

@injectable()
@Route('admin/features')
@Tags('Admin')
@Security('jwt', ['admin'])
@Response<Problem>(401, 'Missing, invalid or expired access token (`unauthenticated`)')
@Response<Problem>(403, 'Not an administrator (`forbidden`)')
export class AdminFeaturesController extends Controller {
  constructor(
    @inject(ListFeatures) private readonly listFeaturesUseCase: ListFeatures,
    @inject(GetFeature) private readonly getFeatureUseCase: GetFeature,
    @inject(UpdateFeature) private readonly updateFeatureUseCase: UpdateFeature,
    @inject(EvaluateFeatureForUser) private readonly evaluateFeatureUseCase: EvaluateFeatureForUser,
  ) {
    super();
  }

  /** @summary All feature flags */
  @Get()
  public async listFeatures(): Promise<FeatureDto[]> {
    return (await this.listFeaturesUseCase.execute()).map(toFeatureDto);
  }

  /**
   * Whether a user has the feature and which rule decided.
   * @summary Explain a user's access
   */
  @Get('{key}/evaluate')
  @Response<Problem>(404, 'No such feature or user (`not_found`)')
  public async evaluateFeature(@Path() key: string, @Query() userId: string): Promise<EvaluationDto> {
    return this.evaluateFeatureUseCase.execute(key, userId);
  }

  /** @summary One feature flag */
  @Get('{key}')
  @Response<Problem>(404, 'No such feature (`not_found`)')
  public async getFeature(@Path() key: string): Promise<FeatureDto> {
    return toFeatureDto(await this.getFeatureUseCase.execute(key));
  }

  /**
   * Replaces the rules (enabled, audience, description) and writes an audit entry in the same
   * transaction. Every instance applies the change within seconds.
   * @summary Change a feature's rules
   */
  @Put('{key}')
  @Response<Problem>(404, 'No such feature (`not_found`)')
  @Response<Problem>(422, 'Invalid rules, or unknown cohorts or users in the audience (`validation_failed`)')
  public async updateFeature(
    @Path() key: string,
    @Body() body: PutFeatureRequest,
    @Request() req: ExRequest,
  ): Promise<FeatureDto> {
    return toFeatureDto(await this.updateFeatureUseCase.execute(caller(req), key, body));
  }
}
