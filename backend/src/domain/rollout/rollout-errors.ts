import { DomainError } from '../shared/domain-error.js';

export class FeatureDisabled extends DomainError {
  readonly code = 'feature_disabled';
  constructor(feature: string) {
    super(`${feature === 'chat' ? 'Chat' : `The ${feature} feature`} is not enabled for your account yet.`);
  }
}
