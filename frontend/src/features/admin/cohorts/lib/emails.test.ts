import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/api-error';
import { parseEmailList, unknownEmailsFrom } from './emails';

const validation = (errors: { path: string; message: string }[]) =>
  new ApiError({
    type: 'urn:parley:problem:validation_failed',
    title: 'Validation failed',
    status: 422,
    code: 'validation_failed',
    errors,
  });

describe('parseEmailList', () => {
  it('splits on commas, semicolons, spaces and new lines, and drops repeats case-insensitively', () => {
    expect(parseEmailList(' ada@example.com,grace@example.com;\n\nAda@Example.com  bob@x.org,,')).toEqual([
      'ada@example.com',
      'grace@example.com',
      'bob@x.org',
    ]);
    expect(parseEmailList(' \n , ')).toEqual([]);
  });
});

describe('unknownEmailsFrom', () => {
  it('names the submitted emails the 422 reports, as they were typed', () => {
    const error = validation([
      { path: 'emails', message: 'no user with email nobody@example.com' },
      { path: 'emails', message: 'no user with email ghost@example.org' },
    ]);
    expect(unknownEmailsFrom(error, ['ada@example.com', 'Nobody@Example.com', 'ghost@example.org'])).toEqual({
      unknown: ['Nobody@Example.com', 'ghost@example.org'],
      other: [],
    });
  });

  it('does not confuse an email with another that ends the same way', () => {
    const error = validation([{ path: 'emails', message: 'no user with email bob@x.org' }]);
    expect(unknownEmailsFrom(error, ['ob@x.org', 'bob@x.org']).unknown).toEqual(['bob@x.org']);
  });

  it('keeps entries it cannot place, so nothing the server said is lost', () => {
    const error = validation([{ path: 'userIds', message: 'name at least one user by id or email' }]);
    expect(unknownEmailsFrom(error, ['ada@example.com'])).toEqual({
      unknown: [],
      other: ['userIds: name at least one user by id or email'],
    });
  });
});
