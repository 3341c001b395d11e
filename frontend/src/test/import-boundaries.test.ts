import { describe, expect, it } from 'vitest';

/*
 * The frontend dependency rules from ARCHITECTURE.md, checked on every test run:
 * - components (the ui primitives and the generic pieces built on them) and lib never
 *   import features;
 * - no feature imports another one (the app layer composes them);
 * - inside the admin feature, a section (rollout, cohorts, users, audit) is imported only by
 *   itself and by the page (admin-page.tsx); what several sections use is in admin/shared,
 *   which imports no section.
 * Sources are read through Vite's glob, so this needs no extra tooling.
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
const adminSectionOf = (path: string) =>
  /^\/src\/features\/admin\/(rollout|cohorts|users|audit)\//.exec(path)?.[1];
const ADMIN_PAGE = '/src/features/admin/admin-page.tsx';

/** Whether `file` may import `target` (both resolved paths under /src). */
function allowed(file: string, target: string): boolean {
  const targetFeature = featureOf(target);
  if (!targetFeature) return true;
  if (file.startsWith('/src/components/') || file.startsWith('/src/lib/')) return false;
  const sourceFeature = featureOf(file);
  if (sourceFeature && sourceFeature !== targetFeature) return false;
  const targetSection = adminSectionOf(target);
  return !targetSection || file === ADMIN_PAGE || adminSectionOf(file) === targetSection;
}

function violations(files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [file, source] of Object.entries(files)) {
    for (const match of source.matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2] ?? '';
      const target = resolve(file, specifier);
      if (target && !allowed(file, target)) found.push(`${file} imports ${specifier}`);
    }
  }
  return found;
}

describe('import boundaries', () => {
  it('reads the sources it checks', () => {
    expect(Object.keys(sources)).toContain('/src/features/health/api/get-health.ts');
    expect(Object.keys(sources)).toContain('/src/components/ui/button.tsx');
    expect(Object.keys(sources)).toContain('/src/components/confirm-dialog.tsx');
    expect(Object.keys(sources)).toContain('/src/features/admin/rollout/components/rollout-tab.tsx');
  });

  it('keeps shared code and features independent of other features', () => {
    expect(violations(sources)).toEqual([]);
  });

  it('flags each kind of crossing', () => {
    const planted = {
      '/src/components/timestamp.tsx': "import { useChat } from '@/features/chat/hooks/use-chat';",
      '/src/components/ui/button.tsx': "import { x } from '../../features/auth/lib/x';",
      '/src/lib/utils.ts': "const m = import('@/features/admin/admin-page');",
      '/src/features/chat/a.ts': "export { y } from '../auth/lib/y';",
      '/src/features/admin/rollout/components/a.tsx': "import { z } from '../../cohorts/api/z';",
      '/src/features/admin/shared/components/b.tsx': "import { w } from '@/features/admin/users/api/w';",
      // Allowed: within a feature, within a section, a section to shared, the page to a section.
      '/src/features/admin/audit/components/c.tsx': [
        "import { d } from '../lib/d';",
        "import { k } from '../../shared/api/keys';",
        "import { Button } from '@/components/ui/button';",
      ].join('\n'),
      '/src/features/admin/admin-page.tsx': "import { UsersTab } from './users/components/users-tab';",
      '/src/app/router.tsx': "import { AdminPage } from '@/features/admin/admin-page';",
    };
    expect(violations(planted)).toEqual([
      '/src/components/timestamp.tsx imports @/features/chat/hooks/use-chat',
      '/src/components/ui/button.tsx imports ../../features/auth/lib/x',
      '/src/lib/utils.ts imports @/features/admin/admin-page',
      '/src/features/chat/a.ts imports ../auth/lib/y',
      '/src/features/admin/rollout/components/a.tsx imports ../../cohorts/api/z',
      '/src/features/admin/shared/components/b.tsx imports @/features/admin/users/api/w',
    ]);
  });
});
