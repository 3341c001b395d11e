import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../application/identity/ports/password-hasher.port.js';

/*
 * argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane): ~20-40 ms per hash on
 * this class of machine, memory-hard against GPU guessing. Parameters are stored in each hash,
 * so raising them later only affects new hashes.
 */
// `algorithm: 2` is Argon2id (the package exports it as a const enum, which isolatedModules cannot read).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class Argon2PasswordHasher implements PasswordHasher {
  private dummy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(stored: string | null, password: string): Promise<boolean> {
    if (stored === null) {
      // Same work as a real check, so an unknown email is not faster than a wrong password.
      this.dummy ??= hash('parley-dummy-password', OPTIONS);
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }
}
