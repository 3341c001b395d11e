import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api/api-error';
import { api, unwrap } from '@/lib/api/client';
import { featureQueryOptions } from '../../shared/api/get-feature';
import { adminKeys } from '../../shared/api/keys';
import type { Feature, FeatureRules } from '../../shared/types';

/** The rules a PUT sends: the whole rules object, since PUT replaces it. */
export const rulesOf = (feature: Feature): FeatureRules => ({
  enabled: feature.enabled,
  audience: {
    roles: [...feature.audience.roles],
    cohortIds: [...feature.audience.cohortIds],
    userIds: [...feature.audience.userIds],
    percentage: feature.audience.percentage,
  },
});

/** PUT /admin/features/{key}: replaces the rules (and writes an audit entry). */
export function putFeature(key: string, rules: FeatureRules) {
  return unwrap(api.PUT('/admin/features/{key}', { params: { path: { key } }, body: rules }));
}

/**
 * What an edit throws when the rules it was about to change are no longer what the admin saw
 * (another admin changed them): nothing is sent, the query cache toasts it like any other
 * failure, and the page re-reads the current rules.
 */
export const rulesChangedError = () =>
  new ApiError({
    type: 'urn:parley:problem:rules_changed',
    title: 'The rules changed',
    status: 409,
    code: 'rules_changed',
    detail: 'Another admin changed these rules a moment ago. Review them and try again.',
  });

export interface FeatureEdit {
  key: string;
  /** Derives the new rules from the current ones; one change at a time (a role, the percentage…). */
  edit: (current: FeatureRules) => FeatureRules;
}

/**
 * Changes a flag's rules. PUT replaces the whole rules object and the API has no version
 * check, so the edit is applied to the rules as the server has them now (read just before
 * the PUT), not to what this page loaded minutes ago: one admin's change does not silently
 * undo another's made in the meantime.
 */
export function useUpdateFeature() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ key, edit }: FeatureEdit) => {
      const current = await queryClient.fetchQuery({ ...featureQueryOptions(key), staleTime: 0 });
      return putFeature(key, edit(rulesOf(current)));
    },
    onSuccess: (feature) => {
      queryClient.setQueryData(featureQueryOptions(feature.key).queryKey, feature);
      void queryClient.invalidateQueries({ queryKey: adminKeys.evaluations() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit() });
    },
    // Whatever went wrong (rules changed meanwhile, a cohort deleted meanwhile), show the
    // rules as they are now.
    onError: (_error, { key }) => void queryClient.invalidateQueries({ queryKey: adminKeys.feature(key) }),
  });
}
