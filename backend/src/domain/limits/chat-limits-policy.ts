/**
 * Who is limited, and by how much: every user gets `perMinute` sends per clock minute and
 * `dailyMessages` sends per UTC day; admins are unlimited (they run the service, and they
 * must be able to try chat while rolling it out). Only sends count, never reads.
 */
export class ChatLimitsPolicy {
  constructor(
    readonly perMinute: number,
    readonly dailyMessages: number,
  ) {
    for (const [name, value] of [['perMinute', perMinute], ['dailyMessages', dailyMessages]] as const) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }

  /** Role as the database has it now; typed as a string so this stays free of identity's types. */
  isUnlimited(role: string): boolean {
    return role === 'admin';
  }
}
