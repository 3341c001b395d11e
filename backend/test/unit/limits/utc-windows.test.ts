import { describe, expect, it } from 'vitest';
import {
  epochSeconds,
  minuteWindow,
  nextUtcMidnight,
  retryAfterSeconds,
  utcDayKey,
} from '../../../src/domain/limits/utc-windows.js';

const t = (iso: string) => new Date(iso);

describe('UTC windows', () => {
  it('names the UTC day, not the local one', () => {
    expect(utcDayKey(t('2031-03-10T00:00:00.000Z'))).toBe('2031-03-10');
    expect(utcDayKey(t('2031-03-10T23:59:59.999Z'))).toBe('2031-03-10');
    // 02:00 UTC is still the 9th in the Americas: the UTC day wins.
    expect(utcDayKey(t('2031-03-10T02:00:00.000-00:00'))).toBe('2031-03-10');
    expect(utcDayKey(t('2031-03-09T19:00:00.000-08:00'))).toBe('2031-03-10');
  });

  it('finds the next UTC midnight, across month, leap day and year ends', () => {
    expect(nextUtcMidnight(t('2031-03-10T23:59:59.900Z'))).toEqual(t('2031-03-11T00:00:00.000Z'));
    expect(nextUtcMidnight(t('2031-03-11T00:00:00.000Z'))).toEqual(t('2031-03-12T00:00:00.000Z'));
    expect(nextUtcMidnight(t('2032-02-28T12:00:00.000Z'))).toEqual(t('2032-02-29T00:00:00.000Z'));
    expect(nextUtcMidnight(t('2031-12-31T23:00:00.000Z'))).toEqual(t('2032-01-01T00:00:00.000Z'));
    // US daylight saving starts on 2031-03-09: a local-time computation would be off by an hour.
    expect(nextUtcMidnight(t('2031-03-09T07:30:00.000Z'))).toEqual(t('2031-03-10T00:00:00.000Z'));
  });

  it('aligns the minute window to the clock minute', () => {
    expect(minuteWindow(t('2031-03-10T12:34:56.789Z'))).toEqual({
      key: '2031-03-10T12:34',
      startsAt: t('2031-03-10T12:34:00.000Z'),
      endsAt: t('2031-03-10T12:35:00.000Z'),
    });
    expect(minuteWindow(t('2031-03-10T23:59:00.000Z')).endsAt).toEqual(t('2031-03-11T00:00:00.000Z'));
  });

  it('rounds Retry-After up, never earlier than the reset, and at least 1', () => {
    const midnight = t('2031-03-11T00:00:00.000Z');
    expect(retryAfterSeconds(t('2031-03-10T23:59:59.900Z'), midnight)).toBe(1);
    expect(retryAfterSeconds(t('2031-03-10T23:59:59.000Z'), midnight)).toBe(1);
    expect(retryAfterSeconds(t('2031-03-10T23:59:58.999Z'), midnight)).toBe(2);
    expect(retryAfterSeconds(t('2031-03-10T00:00:00.000Z'), midnight)).toBe(86_400);
    expect(retryAfterSeconds(midnight, midnight)).toBe(1);
  });

  it('gives reset headers in epoch seconds, rounded up', () => {
    expect(epochSeconds(t('2031-03-11T00:00:00.000Z'))).toBe(Date.UTC(2031, 2, 11) / 1000);
    expect(epochSeconds(new Date(1_000_001))).toBe(1_001);
  });
});
