export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * With `hash` null (unknown email) it still does the full work against a dummy hash and
   * answers false, so a failed sign-in takes the same time whether or not the account exists.
   */
  verify(hash: string | null, password: string): Promise<boolean>;
}
