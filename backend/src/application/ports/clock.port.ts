/** Time, injected so that tests can stand at 23:59:59.9 UTC. Instances are expected to keep NTP time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
