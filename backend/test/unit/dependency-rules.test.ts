import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { createRequire } from 'node:module';

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rules = createRequire(import.meta.url)(path.join(backendDir, '.dependency-cruiser.cjs'));

async function violations(target: string) {
  const result = await cruise([target], {
    ruleSet: { forbidden: rules.forbidden },
    ...rules.options,
    baseDir: backendDir,
    validate: true,
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('layer rules (make lint)', () => {
  it('reject a domain file that imports infrastructure or a driver, and a use case that imports http', async () => {
    const found = await violations('test/fixtures/dependency-rules/src');
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'domain-is-innermost',
          from: expect.stringContaining('domain/bad-layer.entity.ts'),
        }),
        expect.objectContaining({
          rule: 'domain-no-drivers',
          from: expect.stringContaining('domain/bad-driver.entity.ts'),
        }),
        expect.objectContaining({
          rule: 'application-only-inward',
          from: expect.stringContaining('application/bad.use-case.ts'),
        }),
      ]),
    );
    expect(found.some((v) => v.from.includes('good.entity.ts'))).toBe(false);
  });

  it('find no violation in the real source tree', async () => {
    expect(await violations('src')).toEqual([]);
  });
});
