import { LoginThrottled } from '../../domain/identity/identity-errors.js';
import type { CounterStore } from '../ports/counter-store.port.js';

export interface LoginThrottlePolicy {
  readonly maxFailuresPerEmail: number;
  readonly maxFailuresPerIp: number;
  readonly windowMs: number;
}

// An IP may be a whole office behind one NAT, so it gets more room than a single account.
export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  maxFailuresPerEmail: 10,
  maxFailuresPerIp: 100,
  windowMs: 15 * 60_000,
};

/**
 * Failed sign-ins are counted per email (guessing one account's password: 10 per 15 minutes)
 * and per client IP (trying many accounts: 100 per 15 minutes). Once either reaches the limit, sign-in answers 429 without checking
 * the password, until the window ends. Success clears the email's count, not the IP's.
 */
export class LoginThrottle {
  constructor(
    private readonly counters: CounterStore,
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [byEmail, byIp] = await Promise.all([
      this.counters.peek(emailKey(email)),
      this.counters.peek(ipKey(ip)),
    ]);
    const blocked = [
      ...(byEmail.count >= this.policy.maxFailuresPerEmail ? [byEmail] : []),
      ...(byIp.count >= this.policy.maxFailuresPerIp ? [byIp] : []),
    ];
    if (blocked.length > 0) {
      const waitMs = Math.max(...blocked.map((c) => c.resetInMs));
      throw new LoginThrottled(Math.max(1, Math.ceil(waitMs / 1000)));
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.counters.increment(emailKey(email), this.policy.windowMs),
      this.counters.increment(ipKey(ip), this.policy.windowMs),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.counters.reset(emailKey(email));
  }
}

const emailKey = (email: string) => `login:failures:email:${email}`;
const ipKey = (ip: string) => `login:failures:ip:${ip}`;
