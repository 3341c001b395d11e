import { describe, expect, it } from 'vitest';
import { describePercentageChange, parsePercentage } from './percentage-change';

describe('describePercentageChange', () => {
  it('estimates how many more users a raise reaches, and says nobody loses it', () => {
    const change = describePercentageChange(10, 50, { count: 250, complete: true });
    expect(change.title).toBe('10% → 50%');
    expect(change.effect).toBe(
      'About 100 more users (40% of 250 users) will get chat, minus any who already have it through a role, cohort or listing.',
    );
    expect(change.stickiness).toMatch(/^Users who have it keep it/);
  });

  it('gives a floor when the page could not count every user', () => {
    expect(describePercentageChange(0, 10, { count: 1000, complete: false }).effect).toMatch(
      /^At least 100 more users \(10% of more than 1,000 users\)/,
    );
  });

  it('falls back to a share of all users before the count arrives', () => {
    expect(describePercentageChange(10, 12.5, undefined).effect).toMatch(
      /^2\.5% more of all users will get chat/,
    );
  });

  it('says who loses it when lowering', () => {
    const change = describePercentageChange(50, 10, { count: 10, complete: true });
    expect(change.effect).toBe(
      'About 4 users (40% of 10 users) will lose chat, unless a role, cohort or listing still gives it to them.',
    );
    expect(change.stickiness).toMatch(/between 10% and 50%/);
  });
});

describe('parsePercentage', () => {
  it('accepts 0..100 with at most two decimals', () => {
    expect(parsePercentage('0')).toBe(0);
    expect(parsePercentage('100')).toBe(100);
    expect(parsePercentage(' 12.25 ')).toBe(12.25);
    expect(parsePercentage('12,5')).toBe(12.5);
  });

  it('rejects anything else', () => {
    for (const text of ['', '-1', '100.01', '101', '1.234', 'abc', '1e2']) {
      expect(parsePercentage(text), text).toBeNull();
    }
  });
});
