import { describe, expect, it } from 'vitest';
import type { EvaluationReason } from '../../shared/types';
import { explainEvaluation, REASON_ORDER } from './evaluation';

const user = { email: 'ada@example.com', role: 'user' as const };
const feature = { audience: { roles: [], cohortIds: [], userIds: [], percentage: 25 } };

describe('explainEvaluation', () => {
  it.each<[EvaluationReason, boolean, RegExp]>([
    ['deployment_disabled', false, /deployment switch \(FEATURE_CHAT_ENABLED\) is off/],
    ['flag_off', false, /switched off \(the kill switch\)/],
    ['role', true, /Their role \(User\) is in the audience/],
    ['cohort', true, /member of a cohort in the audience/],
    ['user', true, /listed by name/],
    ['percentage', true, /within the current 25% of users/],
    ['not_in_audience', false, /No rule includes them.*above the current 25%/],
  ])('explains %s', (reason, enabled, because) => {
    const explanation = explainEvaluation({ enabled, reason }, user, feature);
    expect(explanation.verdict).toBe(
      enabled ? 'ada@example.com has chat' : 'ada@example.com does not have chat',
    );
    expect(explanation.because).toMatch(because);
  });

  it('knows every reason the API can send, in evaluation order', () => {
    expect(REASON_ORDER).toEqual([
      'deployment_disabled',
      'flag_off',
      'role',
      'cohort',
      'user',
      'percentage',
      'not_in_audience',
    ]);
  });
});
