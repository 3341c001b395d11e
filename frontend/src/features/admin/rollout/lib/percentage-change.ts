import { formatNumber, formatPercent } from '../../shared/lib/format';

export interface UserCount {
  /** Users counted. */
  count: number;
  /** False when counting stopped early: `count` is then a floor. */
  complete: boolean;
}

export interface PercentageChange {
  /** "10% → 50%" */
  title: string;
  /** Who gains or loses it, in users when the page could count them. */
  effect: string;
  /** Why nobody who has it loses it (raising), or who does (lowering). */
  stickiness: string;
}

/** 0..100 with at most two decimals (the API's steps of one bucket in 10 000), else null. */
export function parsePercentage(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{0,2})?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 0 && value <= 100 ? value : null;
}

const users = (n: number) => `${formatNumber(n)} ${n === 1 ? 'user' : 'users'}`;

/**
 * What a percentage change does, for the confirmation before saving. The estimate is the
 * share of all users the change moves; some of them may have the feature through a role,
 * cohort or listing already, hence "about".
 */
export function describePercentageChange(
  from: number,
  to: number,
  count: UserCount | undefined,
  featureName = 'chat',
): PercentageChange {
  const title = `${formatPercent(from)} → ${formatPercent(to)}`;
  const share = formatPercent(Math.abs(to - from));
  const moved = count ? Math.round((count.count * Math.abs(to - from)) / 100) : 0;
  const raising = to > from;
  const more = raising ? ' more' : '';

  const who = !count
    ? `${share}${more} of all users`
    : count.complete
      ? `About ${formatNumber(moved)}${more} ${moved === 1 ? 'user' : 'users'} (${share} of ${users(count.count)})`
      : `At least ${formatNumber(moved)}${more} users (${share} of more than ${users(count.count)})`;

  if (raising) {
    return {
      title,
      effect: `${who} will get ${featureName}, minus any who already have it through a role, cohort or listing.`,
      stickiness:
        "Users who have it keep it: each user's place in the rollout is fixed, so raising the percentage only adds users.",
    };
  }
  return {
    title,
    effect: `${who} will lose ${featureName}, unless a role, cohort or listing still gives it to them.`,
    stickiness: `It is taken from the users placed between ${formatPercent(to)} and ${formatPercent(from)}; raising it again later gives it back to the same users.`,
  };
}
