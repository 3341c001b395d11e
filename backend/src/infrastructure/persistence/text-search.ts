/*
 * User text → a `to_tsquery('simple', ...)` argument. The text always travels as a bind
 * parameter (never spliced into SQL); this only keeps it from being read as tsquery *syntax*,
 * where `&`, `|`, `!`, `(`, `:` and quotes are operators and a stray one is a syntax error.
 *
 * Each whitespace-separated term is quoted ('...', with ' doubled and \ escaped), so whatever
 * it contains is a literal that PostgreSQL's parser splits exactly as it split the stored text
 * ("node.js", "e-mail" and "user@example.com" match as written). Every term is a prefix
 * (`:*`, so "lisb" finds "Lisbon") and all terms must match (`&`). Terms without a letter or a
 * digit name nothing and are dropped; when none is left there is nothing to search for.
 */

const MAX_TERMS = 16;
const MAX_TERM_LENGTH = 100;

/** The C0 controls (U+0000..U+001F) and DEL: PostgreSQL rejects U+0000 in text; the others are never meant either. */
function isAsciiControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

export function prefixTsQuery(text: string): string | undefined {
  const terms = Array.from(text, (char) => (isAsciiControl(char) ? ' ' : char))
    .join('')
    .split(/\s+/)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, MAX_TERMS)
    .map((term) => [...term].slice(0, MAX_TERM_LENGTH).join(''));
  if (terms.length === 0) return undefined;
  return terms.map((term) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`).join(' & ');
}
