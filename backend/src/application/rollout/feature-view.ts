import type { Feature } from '../../domain/rollout/feature.entity.js';

/** A feature as admins see it: the stored rules plus the read-only deploy-time switch. */
export interface FeatureView {
  feature: Feature;
  deploymentEnabled: boolean;
}

/** The audited shape of a feature's rules (no timestamps: they would make every entry differ). */
export const auditedRules = (f: Feature) => ({
  enabled: f.enabled,
  description: f.description,
  audience: f.audience,
});
