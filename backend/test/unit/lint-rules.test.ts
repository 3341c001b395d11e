import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import * as prettier from 'prettier';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/*
 * The house rules that `make lint` and the pre-commit hook enforce, proved on fixtures that break
 * them on purpose (test/fixtures/lint/, which the root configs leave out of lint and format).
 * ESLint runs with the root config as it is; only type information is switched off for fixtures
 * linted under paths that do not exist (the rules under test read syntax and file names).
 */

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = path.resolve(backendDir, '..');
const fixtures = path.join(backendDir, 'test/fixtures/lint');
const fixture = (name: string) => readFile(path.join(fixtures, name), 'utf8');

const BAG_RULE = 'no-restricted-syntax';
const NAME_RULE = 'check-file/filename-naming-convention';

/** The root config; type information off, since the file linted does not exist at that path. */
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: tseslint.configs.disableTypeChecked,
});

/** Lints `source` as if it were the file at `filePath` (relative to the repository root). */
async function lintAs(source: string, filePath: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(repoRoot, filePath) });
  expect(result, `no lint result for ${filePath}`).toBeDefined();
  // A parsing error would hide every rule: the fixture must be valid TypeScript.
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages;
}

const byRule = (messages: Linter.LintMessage[], rule: string) => messages.filter((m) => m.ruleId === rule);

describe('lint: a use case takes the ports it uses, not the Repositories bag', () => {
  it('reports a use case whose constructor takes the whole bag', async () => {
    const messages = await lintAs(
      await fixture('bag.use-case.ts'),
      'backend/src/application/identity/get-user.use-case.ts',
    );
    const found = byRule(messages, BAG_RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 6, message: expect.stringContaining('Repositories') });
  });

  it('reports the bag carried in a dependencies object', async () => {
    const messages = await lintAs(
      await fixture('bag-in-deps.use-case.ts'),
      'backend/src/application/rollout/list-cohorts.use-case.ts',
    );
    expect(byRule(messages, BAG_RULE).map((m) => m.line)).toEqual([6]);
  });

  it('leaves alone a use case that takes single ports and hands the bag only to the unit of work', async () => {
    const messages = await lintAs(
      await fixture('ports.use-case.ts'),
      'backend/src/application/identity/rename-user.use-case.ts',
    );
    expect(messages).toEqual([]);
  });

  it('applies to the application layer only', async () => {
    const messages = await lintAs(
      await fixture('bag.use-case.ts'),
      'backend/src/infrastructure/persistence/get-user.ts',
    );
    expect(byRule(messages, BAG_RULE)).toEqual([]);
  });

  it('finds no use case in the real tree that takes the bag', async () => {
    // The real files, with type information, exactly as `make lint` sees them.
    const real = new ESLint({ cwd: repoRoot });
    const results = await real.lintFiles(['backend/src/application']);
    expect(results.length).toBeGreaterThan(40);
    const violations = results.flatMap((r) =>
      byRule(r.messages, BAG_RULE).map((m) => `${path.relative(repoRoot, r.filePath)}:${m.line}`),
    );
    expect(violations).toEqual([]);
  }, 120_000);
});

describe('lint: file names say their role', () => {
  const anySource = 'export const value = 1;\n';

  it.each([
    ['a controller in PascalCase', 'backend/src/http/controllers/UsersController.ts'],
    ['a controller without its role', 'backend/src/http/controllers/users.ts'],
    ['a port without .port', 'backend/src/application/ports/clock.ts'],
    ['a Kysely adapter without its role', 'backend/src/infrastructure/persistence/kysely-unit-of-work.ts'],
  ])('reports %s (%s)', async (_what, filePath) => {
    const messages = await lintAs(anySource, filePath);
    // One report per pattern the name breaks (PascalCase breaks both kebab-case and the role).
    expect(byRule(messages, NAME_RULE).length).toBeGreaterThan(0);
  });

  it.each([
    'backend/src/http/controllers/users.controller.ts',
    'backend/src/application/ports/clock.port.ts',
    'backend/src/infrastructure/persistence/kysely-unit-of-work.adapter.ts',
    'backend/src/application/identity/get-user.use-case.ts',
  ])('accepts %s', async (filePath) => {
    expect(byRule(await lintAs(anySource, filePath), NAME_RULE)).toEqual([]);
  });
});

describe('format: Prettier with the root config', () => {
  async function isFormatted(name: string): Promise<boolean> {
    const filepath = path.join(fixtures, name);
    const options = await prettier.resolveConfig(filepath);
    expect(options, 'the root .prettierrc.json applies').toMatchObject({ singleQuote: true });
    return prettier.check(await readFile(filepath, 'utf8'), { ...options, filepath });
  }

  it('reports a misformatted file', async () => {
    expect(await isFormatted('misformatted.ts')).toBe(false);
  });

  it('accepts a formatted one', async () => {
    expect(await isFormatted('formatted.ts')).toBe(true);
  });
});
