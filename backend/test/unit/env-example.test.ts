import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/infrastructure/config/config.schema.js';
import { loadConfig } from '../../src/infrastructure/config/load-config.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const example = readFileSync(path.join(repoRoot, '.env.example'), 'utf8');
const documented = Object.fromEntries(
  example
    .split('\n')
    .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

describe('.env.example', () => {
  it('documents exactly the variables the server reads', () => {
    expect(Object.keys(documented).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('shows values that parse to the same configuration as the defaults', () => {
    const dataDir = path.join(tmpdir(), 'parley-env-example');
    const fromExample = loadConfig({
      ...documented,
      DATA_DIR: dataDir,
      JWT_SECRET: 'x'.repeat(32),
      ADMIN_PASSWORD: 'p'.repeat(12),
    });
    const fromDefaults = loadConfig({
      DATA_DIR: dataDir,
      JWT_SECRET: 'x'.repeat(32),
      ADMIN_PASSWORD: 'p'.repeat(12),
    });
    expect(fromExample).toEqual(fromDefaults);
  });
});
