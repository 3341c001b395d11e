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

/** Runs one test file in a clean child vitest with TZ set; returns its JSON report and probe. */
export async function runUnderTimeZone(
  file: string,
  tz: string,
): Promise<{ code: number | null; output: string; report: JsonReport; zone: unknown }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-limits-tz-'));
  try {
    const probe = path.join(dir, 'zone.json');
    const reportFile = path.join(dir, 'report.json');
    // The child is a clean vitest: none of this worker's VITEST_* variables leak into it.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
    const child = spawn(
      path.join(backendDir, 'node_modules', '.bin', 'vitest'),
      ['run', file, '--reporter=json', `--outputFile=${reportFile}`],
      {
        cwd: backendDir,
        env: { ...env, TZ: tz, LIMITS_TZ_PROBE_FILE: probe },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
    const zone: unknown = JSON.parse(readFileSync(probe, 'utf8'));
    return { code, output, report, zone };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('limits in a process whose local time zone is not UTC', () => {
  it('pass the whole RateLimiter contract, daily reset included, under TZ=America/Los_Angeles', async () => {
    const { code, output, report, zone } = await runUnderTimeZone(CONTRACT_FILE, 'America/Los_Angeles');
    expect(code, output).toBe(0);
    // The zone really applied in the child (PST is UTC−8 in January).
    expect(zone).toEqual({ zone: 'America/Los_Angeles', januaryOffsetMinutes: 480 });
    expect(report.numFailedTests).toBe(0);
    const midnight = report.testResults
      .flatMap((f) => f.assertionResults)
      .filter((test) => test.fullName.includes('resets the daily quota at UTC midnight'));
    expect(midnight.map((t) => t.status)).toEqual(['passed', 'passed']); // in-process and Redis
    expect(report.numPassedTests).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it("pass the send route's daily reset over HTTP under TZ=America/Los_Angeles", async () => {
    const { code, output, report, zone } = await runUnderTimeZone(
      'test/http/chat-limits-daily-reset.test.ts',
      'America/Los_Angeles',
    );
    expect(code, output).toBe(0);
    expect(zone).toEqual({ zone: 'America/Los_Angeles', januaryOffsetMinutes: 480 });
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
