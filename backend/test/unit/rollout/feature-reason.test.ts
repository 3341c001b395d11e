import { describe, expect, it } from 'vitest';
import type { EvaluationReason } from '../../../src/domain/rollout/evaluate-feature.js';
import { featureReason } from '../../../src/domain/rollout/feature-reason.js';

const off = (reason: EvaluationReason) => ({ enabled: false, reason });

describe('featureReason', () => {
  it('is null while the user has the feature, whatever made it so', () => {
    for (const reason of ['role', 'cohort', 'user', 'percentage'] as const) {
      expect(featureReason({ enabled: true, reason }, true)).toBeNull();
      expect(featureReason({ enabled: true, reason }, false)).toBeNull();
    }
  });

  it('says paused when the deployment switch or the flag is off, even for someone who never used it', () => {
    expect(featureReason(off('deployment_disabled'), false)).toBe('paused');
    expect(featureReason(off('flag_off'), false)).toBe('paused');
  });

  it('outside the audience: paused for someone who used it already (taken away), else not yet', () => {
    expect(featureReason(off('not_in_audience'), true)).toBe('paused');
    expect(featureReason(off('not_in_audience'), false)).toBe('not_yet');
  });
});
