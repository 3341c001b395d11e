import * as z from 'zod/mini';

// Mirrors the server's rules so most mistakes are caught before a round trip; the server
// stays the authority (a taken name is only known there) and its 422 lands on the same fields.
export const cohortSchema = z.object({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'Enter a name.'), z.maxLength(100, 'Use at most 100 characters.')),
  description: z.string().check(z.trim(), z.maxLength(500, 'Use at most 500 characters.')),
});

export type CohortValues = z.infer<typeof cohortSchema>;
export const COHORT_FIELDS = ['name', 'description'] as const;
