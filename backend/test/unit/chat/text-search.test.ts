import { describe, expect, it } from 'vitest';
import { prefixTsQuery } from '../../../src/infrastructure/persistence/text-search.js';

describe('prefixTsQuery', () => {
  it('quotes each term, makes it a prefix and ANDs the terms', () => {
    expect(prefixTsQuery('lisbon  trip')).toBe("'lisbon':* & 'trip':*");
  });

  it('escapes quotes and backslashes so no term can break out of its quotes', () => {
    expect(prefixTsQuery("it's")).toBe("'it''s':*");
    expect(prefixTsQuery('a\\b')).toBe("'a\\\\b':*");
    expect(prefixTsQuery("x' | !y")).toBe("'x''':* & '!y':*");
  });

  it('keeps tsquery operators inside the quotes, as literal text', () => {
    expect(prefixTsQuery('(a|b)&!c:*')).toBe("'(a|b)&!c:*':*");
  });

  it('has nothing to search for when no term has a letter or digit', () => {
    expect(prefixTsQuery('')).toBeUndefined();
    expect(prefixTsQuery('  & | ! ( ) : * \' " \\ ')).toBeUndefined();
  });

  it('drops NUL and other control characters (PostgreSQL rejects NUL in text)', () => {
    expect(prefixTsQuery('a\u0000b\u0007c')).toBe("'a':* & 'b':* & 'c':*");
  });

  it('bounds the number and the length of terms', () => {
    expect(prefixTsQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))!.split(' & ')).toHaveLength(
      16,
    );
    expect(prefixTsQuery('z'.repeat(500))).toBe(`'${'z'.repeat(100)}':*`);
  });

  it('keeps letters of every script', () => {
    expect(prefixTsQuery('Über 日本語')).toBe("'Über':* & '日本語':*");
  });
});
