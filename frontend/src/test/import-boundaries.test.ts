import { describe, expect, it } from 'vitest';

/*
 * The frontend dependency rules from ARCHITECTURE.md, checked on every test run:
 * components (the ui primitives and the generic pieces built on them) and lib never import
 * features, and no feature imports another one
 * (the app layer composes them). Sources are read through Vite's glob, so this needs
 * no extra tooling.
 */
const sources = import.meta.glob<string>(['/src/**/*.{ts,tsx}', '!/src/**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

// Static imports and re-exports (with or without `from`, single- or multi-line) and dynamic import().
const SPECIFIER = /^\s*(?:import|export)\b[^;'"]*?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']/gm;

/** Resolves an import to a path under /src, or undefined for packages. */
function resolve(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('@/')) return `/src/${specifier.slice(2)}`;
  if (!specifier.startsWith('.')) return undefined;
  return new URL(specifier, `file://${file}`).pathname;
}

const featureOf = (path: string) => /^\/src\/features\/([^/]+)\//.exec(path)?.[1];

function violations(): string[] {
  const found: string[] = [];
  for (const [file, source] of Object.entries(sources)) {
    for (const match of source.matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2] ?? '';
      const target = resolve(file, specifier);
      if (!target) continue;
      const targetFeature = featureOf(target);
      if (!targetFeature) continue;
      const sourceFeature = featureOf(file);
      const isShared = file.startsWith('/src/components/') || file.startsWith('/src/lib/');
      if (isShared || (sourceFeature && sourceFeature !== targetFeature)) {
        found.push(`${file} imports ${specifier}`);
      }
    }
  }
  return found;
}

describe('import boundaries', () => {
  it('reads the sources it checks', () => {
    expect(Object.keys(sources)).toContain('/src/features/health/api/get-health.ts');
    expect(Object.keys(sources)).toContain('/src/components/ui/button.tsx');
    expect(Object.keys(sources)).toContain('/src/components/confirm-dialog.tsx');
  });

  it('keeps shared code and features independent of other features', () => {
    expect(violations()).toEqual([]);
  });
});
