import type { ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import type { Role } from '../../domain/identity/role.js';
import { featureReason, type FeatureReason } from '../../domain/rollout/feature-reason.js';
import type { FeatureEvaluator } from './feature-evaluator.js';

/** Chat for one user now: on or off, and when off, why (`paused` or `not_yet`). */
export interface ChatFeatureState {
  readonly chat: boolean;
  readonly featureReason: FeatureReason | null;
}

/**
 * What GET /me and the live feed's `features.changed` say about chat. A user outside the
 * audience who already has a chat session had chat and lost it: that is `paused`, not
 * `not_yet`. The session list is read only when chat is off (one indexed row at most).
 */
export class ChatFeatureStatus {
  constructor(
    private readonly evaluator: FeatureEvaluator,
    private readonly sessions: ChatSessionRepository,
  ) {}

  async chatFor(user: { readonly id: string; readonly role: Role }): Promise<ChatFeatureState> {
    const evaluation = await this.evaluator.evaluate('chat', user);
    const usedBefore = !evaluation.enabled && (await this.sessions.list(user.id, { limit: 1 })).length > 0;
    return { chat: evaluation.enabled, featureReason: featureReason(evaluation, usedBefore) };
  }
}
