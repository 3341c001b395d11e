import { describe, expect, it } from 'vitest';
import {
  autoTitle,
  DEFAULT_TITLE,
  isPurgeable,
  normalizeTitle,
  TITLE_MAX_LENGTH,
} from '../../../src/domain/chat/chat-session.entity.js';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';

describe('autoTitle', () => {
  it('keeps a short first line as it is', () => {
    expect(autoTitle('How do I bake bread?')).toBe('How do I bake bread?');
    expect(autoTitle('> - `npm` install fails')).toBe('npm install fails');
  });

  it('cuts a long line at a word boundary, about 60 characters, with an ellipsis', () => {
    const title = autoTitle('Plan a three day walking trip through Lisbon in March with my parents please');
    expect(title).toBe('Plan a three day walking trip through Lisbon in March with…');
    expect([...title].length).toBeLessThanOrEqual(61);
  });

  it('drops punctuation left dangling before the ellipsis', () => {
    expect(autoTitle('Why is the sky blue, and why are sunsets red? Explain like I am five.')).toBe(
      'Why is the sky blue, and why are sunsets red? Explain like…',
    );
  });

  it('cuts a line without spaces hard at 60 characters', () => {
    expect(autoTitle('a'.repeat(100))).toBe(`${'a'.repeat(60)}…`);
  });

  it('uses the first non-empty line and collapses its whitespace', () => {
    expect(autoTitle('\n\n   \nSecond   line\nThird line')).toBe('Second line');
  });

  it('drops markdown markers at the start of the line', () => {
    expect(autoTitle('## Hello   world')).toBe('Hello world');
    expect(autoTitle('> quoted question')).toBe('quoted question');
    expect(autoTitle('- first item\n- second')).toBe('first item');
    expect(autoTitle('```\nconst x = 1;')).toBe('const x = 1;');
  });

  it('falls back to the default title when nothing is left', () => {
    expect(autoTitle('')).toBe(DEFAULT_TITLE);
    expect(autoTitle('   \n \t\n')).toBe(DEFAULT_TITLE);
    expect(autoTitle('###\n>\n- ')).toBe(DEFAULT_TITLE);
  });

  it('counts characters, not UTF-16 units', () => {
    const title = autoTitle(`${'🍞'.repeat(70)}`);
    expect([...title]).toHaveLength(61);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('normalizeTitle', () => {
  it('trims and collapses whitespace', () => {
    expect(normalizeTitle('  Trip \n to   Lisbon  ')).toBe('Trip to Lisbon');
  });

  it('accepts 1 and 200 characters, counted as characters', () => {
    expect(normalizeTitle('x')).toBe('x');
    expect(normalizeTitle('x'.repeat(TITLE_MAX_LENGTH))).toHaveLength(200);
    expect([...normalizeTitle('😀'.repeat(200))]).toHaveLength(200);
  });

  it.each([
    ['', 'must not be empty'],
    ['   \n\t ', 'must not be empty'],
    ['x'.repeat(201), 'must be at most 200 characters'],
    ['😀'.repeat(201), 'must be at most 200 characters'],
  ])('rejects %j with a 422 on title', (raw, message) => {
    let error: unknown;
    try {
      normalizeTitle(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).errors).toEqual([{ path: 'title', message }]);
  });
});

describe('isPurgeable', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

  it('is false for a live session, whatever its age', () => {
    expect(isPurgeable({ deletedAt: null }, now, 30)).toBe(false);
  });

  it('is false within the retention period and true from its end', () => {
    expect(isPurgeable({ deletedAt: daysAgo(29.99) }, now, 30)).toBe(false);
    expect(isPurgeable({ deletedAt: daysAgo(30) }, now, 30)).toBe(true);
    expect(isPurgeable({ deletedAt: daysAgo(31) }, now, 30)).toBe(true);
  });
});
