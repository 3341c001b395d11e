/** Random bearer secrets (refresh tokens) and the one-way hash under which they are stored. */
export interface OpaqueTokenService {
  generate(): string;
  hash(token: string): string;
}
