import murmur from 'murmurhash3js-revisited';

/*
 * Sticky percentage rollout. A user's bucket for a flag is
 *   murmur3_x86_32(utf8("<flagKey>:<userId>"), seed 0) mod 10 000
 * and the user is in when bucket < percentage × 100. The bucket never changes, so raising the
 * percentage only adds users; keying by flag makes each flag pick its own users. This function
 * is fixed forever (API.md): changing it would reshuffle who has every feature.
 */
const encoder = new TextEncoder();

export const BUCKETS = 10_000;

export function rolloutBucket(flagKey: string, userId: string): number {
  return murmur.x86.hash32(encoder.encode(`${flagKey}:${userId}`), 0) % BUCKETS;
}

export function inPercentage(flagKey: string, userId: string, percentage: number): boolean {
  return rolloutBucket(flagKey, userId) < Math.round(percentage * 100);
}
