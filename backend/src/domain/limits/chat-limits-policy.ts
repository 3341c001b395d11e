export interface RoleLimits {
  readonly perMinute: number;
  readonly dailyMessages: number;
}

/** A role's override: its own numbers, or no limits at all. */
export type RoleOverride = RoleLimits | 'unlimited';

/**
 * Who is limited, and by how much: every user gets `perMinute` sends per clock minute and
 * `dailyMessages` sends per UTC day, unless their role has an override (CHAT_LIMITS_BY_ROLE).
 * By default admins are unlimited: they run the service, and must be able to try chat while
 * rolling it out. Only sends count, never reads.
 */
export class ChatLimitsPolicy {
  private readonly overrides: ReadonlyMap<string, RoleOverride>;

  constructor(
    readonly perMinute: number,
    readonly dailyMessages: number,
    overrides: Readonly<Record<string, RoleOverride>> = { admin: 'unlimited' },
  ) {
    const check = (name: string, value: number) => {
      if (!Number.isSafeInteger(value) || value < 1)
        throw new RangeError(`${name} must be a positive integer, got ${value}`);
    };
    check('perMinute', perMinute);
    check('dailyMessages', dailyMessages);
    for (const [role, override] of Object.entries(overrides)) {
      if (override !== 'unlimited') {
        check(`${role}.perMinute`, override.perMinute);
        check(`${role}.dailyMessages`, override.dailyMessages);
      }
    }
    this.overrides = new Map(Object.entries(overrides));
  }

  /** Role as the database has it now; typed as a string so this stays free of identity's types. */
  isUnlimited(role: string): boolean {
    return this.overrides.get(role) === 'unlimited';
  }

  /** The numbers that apply to a role (its override, else the defaults). */
  limitsFor(role: string): RoleLimits {
    const override = this.overrides.get(role);
    return override && override !== 'unlimited'
      ? override
      : { perMinute: this.perMinute, dailyMessages: this.dailyMessages };
  }
}
