import { createHash, randomBytes } from 'node:crypto';
import type { OpaqueTokenService } from '../../application/identity/ports/opaque-token.port.js';

/** 256 random bits: a plain hash suffices to store them (no guessing to slow down, unlike passwords). */
export class Sha256OpaqueTokenService implements OpaqueTokenService {
  generate(): string {
    return randomBytes(32).toString('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
  }
}
