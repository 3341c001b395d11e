// Adds up the JUnit files the test runners wrote in CI into one closing line.
import { existsSync, readFileSync } from 'node:fs';

const files = [
  'backend/test-results/junit.xml',
  'frontend/test-results/junit.xml',
  'e2e/test-results/junit.xml',
];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files.filter(existsSync)) {
  const xml = readFileSync(file, 'utf8');
  const suites = xml.match(/<testsuites\b[^>]*>/)?.[0] ?? '';
  const attr = (name) => Number(suites.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0);
  const failures = attr('failures') + attr('errors');
  skipped += attr('skipped');
  failed += failures;
  passed += attr('tests') - failures - attr('skipped');
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
