#!/usr/bin/env node
/*
 * The frontend's API types come from the backend's OpenAPI document, never written by hand.
 *   node scripts/api-types.mjs          writes src/lib/api/schema.d.ts
 *   node scripts/api-types.mjs --check  regenerates into a temp file and fails when the
 *                                       checked-in schema.d.ts differs (stale types fail CI)
 * Both expect the document to be fresh: the package scripts run the backend's `generate` first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, '../backend/src/http/generated/openapi.json');
const schema = resolve(root, 'src/lib/api/schema.d.ts');
const cli = resolve(root, 'node_modules/.bin/openapi-typescript');
const check = process.argv.includes('--check');
const regenerate = 'Run `pnpm --filter @parley/frontend run generate:api` and commit it.';

if (!existsSync(spec)) {
  console.error(`No OpenAPI document at ${relative(root, spec)}: run the backend's generate first.`);
  process.exit(1);
}

/*
 * openapi-typescript keys operation types by operationId. tsoa derives the id from the method
 * name, so two controllers with a `list()` share "List" and one route silently gets the
 * other's types (GET /chat/sessions typed as the audit log). Without ids the types are
 * inlined per path, which is all the client uses, and duplicates cannot mislead it.
 */
function withoutOperationIds(document) {
  const seen = new Map();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || typeof operation !== 'object' || !('operationId' in operation)) continue;
      const routes = seen.get(operation.operationId) ?? [];
      seen.set(operation.operationId, [...routes, `${method.toUpperCase()} ${path}`]);
      delete operation.operationId;
    }
  }
  for (const [id, routes] of seen) {
    if (routes.length > 1) {
      console.warn(`warning: operationId "${id}" is not unique (${routes.join(', ')}).`);
    }
  }
  return document;
}

const dir = mkdtempSync(join(tmpdir(), 'parley-api-types-'));
try {
  const input = join(dir, 'openapi.json');
  writeFileSync(input, JSON.stringify(withoutOperationIds(JSON.parse(readFileSync(spec, 'utf8')))));
  const output = check ? join(dir, 'schema.d.ts') : schema;
  // --alphabetize keeps the output independent of the order tsoa happens to list routes in.
  execFileSync(cli, [input, '--output', output, '--alphabetize'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  if (!check) {
    console.log(`Wrote ${relative(root, schema)}`);
  } else if (!existsSync(schema)) {
    console.error(`${relative(root, schema)} is missing. ${regenerate}`);
    process.exitCode = 1;
  } else {
    const a = readFileSync(schema, 'utf8').split('\n');
    const b = readFileSync(output, 'utf8').split('\n');
    const at = b.findIndex((text, i) => text !== a[i]);
    if (at === -1 && a.length === b.length) {
      console.log(`${relative(root, schema)} matches the backend's OpenAPI document.`);
    } else {
      const line = at === -1 ? b.length : at;
      console.error(
        [
          `${relative(root, schema)} is stale: it no longer matches the backend's OpenAPI document.`,
          `First difference at line ${line + 1}:`,
          `  checked in: ${a[line] ?? '(end of file)'}`,
          `  generated:  ${b[line] ?? '(end of file)'}`,
          regenerate,
        ].join('\n'),
      );
      process.exitCode = 1;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
