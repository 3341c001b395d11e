/*
 * Short names for the generated schemas, so features write `Me` rather than
 * `components["schemas"]["MeResponse"]`. Aliases only: every shape comes from schema.d.ts,
 * which `pnpm run generate:api` derives from the backend's OpenAPI document.
 */
import type { components, paths } from './schema';

export type { paths };
export type Schemas = components['schemas'];

export type ClientConfig = Schemas['ClientConfig'];
export type FieldError = Schemas['FieldErrorDto'];
export type LoginRequest = Schemas['LoginRequest'];
export type Me = Schemas['MeResponse'];
export type RegisterRequest = Schemas['RegisterRequest'];
export type Role = Schemas['RoleDto'];
export type TokenResponse = Schemas['TokenResponse'];
export type User = Schemas['UserDto'];
