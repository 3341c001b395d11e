import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CONTRACT_FILE = 'test/integration/limits/rate-limiter.contract.test.ts';

interface JsonReport {
  numFailedTests: number;
  numPassedTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}

describe('limits in a process whose local time zone is not UTC', () => {
  it('pass the whole RateLimiter contract, daily reset included, under TZ=America/Los_Angeles', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-limits-tz-'));
    try {
      const probe = path.join(dir, 'zone.json');
      const report = path.join(dir, 'report.json');
      // The child is a clean vitest: none of this worker's VITEST_* variables leak into it.
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
      const child = spawn(
        path.join(backendDir, 'node_modules', '.bin', 'vitest'),
        ['run', CONTRACT_FILE, '--reporter=json', `--outputFile=${report}`],
        { cwd: backendDir, env: { ...env, TZ: 'America/Los_Angeles', LIMITS_TZ_PROBE_FILE: probe }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

      expect(code, output).toBe(0);
      // The zone really applied in the child (PST is UTC−8 in January).
      expect(JSON.parse(readFileSync(probe, 'utf8'))).toEqual({ zone: 'America/Los_Angeles', januaryOffsetMinutes: 480 });
      const results = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
      expect(results.numFailedTests).toBe(0);
      const midnight = results.testResults
        .flatMap((file) => file.assertionResults)
        .filter((test) => test.fullName.includes('resets the daily quota at UTC midnight'));
      expect(midnight.map((t) => t.status)).toEqual(['passed', 'passed']); // in-process and Redis
      expect(results.numPassedTests).toBeGreaterThanOrEqual(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
