import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The workspace root (the folder holding pnpm-workspace.yaml), found from this file, so that
 * ./data and frontend/dist resolve the same from source (tsx, vitest) and from the build
 * (dist/backend/src/...), whatever the working directory. Undefined outside a checkout.
 */
export function findRepoRoot(
  from: string = path.dirname(fileURLToPath(import.meta.url)),
): string | undefined {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
