import { ValidationFailed, type FieldError } from '../shared/domain-error.js';

export interface Cohort {
  readonly id: string;
  /** Unique, case-insensitively. */
  readonly name: string;
  readonly description: string;
  readonly memberCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export function cohortFieldErrors(fields: { name?: string; description?: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (fields.name !== undefined) {
    const name = fields.name.trim();
    if (name.length === 0) errors.push({ path: 'name', message: 'must not be empty' });
    else if (name.length > 100) errors.push({ path: 'name', message: 'must be at most 100 characters' });
  }
  if (fields.description !== undefined && fields.description.trim().length > 500) {
    errors.push({ path: 'description', message: 'must be at most 500 characters' });
  }
  return errors;
}

export function assertCohortFields(fields: { name?: string; description?: string }): void {
  const errors = cohortFieldErrors(fields);
  if (errors.length > 0) throw new ValidationFailed(errors);
}

export class CohortNameTaken extends ValidationFailed {
  constructor() {
    super([{ path: 'name', message: 'is already the name of another cohort' }]);
  }
}
