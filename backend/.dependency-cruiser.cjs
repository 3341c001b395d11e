/*
 * The layer rules of ARCHITECTURE.md: dependencies point inward only.
 *   http → application → domain;  infrastructure → application, domain;
 *   only the composition files (container.ts, app.ts, app-context.ts, main.ts, cli/) see everything.
 * Paths are matched as `src/<layer>/` anywhere in the path, so the same rules run on the
 * fixture tree in test/fixtures/dependency-rules that proves they bite.
 */

// Small pure libraries without I/O that domain/application may use (a hash function, say).
const PURE_PACKAGES = ['^murmurhash', '^uuid$'];

module.exports = {
  forbidden: [
    {
      name: 'domain-is-innermost',
      severity: 'error',
      comment: 'domain/ imports nothing but domain/.',
      from: { path: 'src/domain/' },
      to: {
        path: 'src/(application|infrastructure|http)/|src/(container|app|app-context|main)\\.ts$|src/cli/',
      },
    },
    {
      name: 'domain-no-drivers',
      severity: 'error',
      comment: 'domain/ uses no framework, driver or I/O package; only the pure ones listed here.',
      from: { path: 'src/domain/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'],
        pathNot: PURE_PACKAGES.map((p) => `node_modules/${p.replace('^', '')}`),
      },
    },
    {
      name: 'application-only-inward',
      severity: 'error',
      comment: 'application/ imports domain/ and itself, never infrastructure/ or http/.',
      from: { path: 'src/application/' },
      to: { path: 'src/(infrastructure|http)/|src/(container|app|app-context|main)\\.ts$|src/cli/' },
    },
    {
      name: 'application-no-drivers',
      severity: 'error',
      comment: 'application/ talks to the world through ports, not through drivers or frameworks.',
      from: { path: 'src/application/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: PURE_PACKAGES.map((p) => `node_modules/${p.replace('^', '')}`),
      },
    },
    {
      name: 'infrastructure-not-http',
      severity: 'error',
      comment: 'infrastructure/ implements ports; it never reaches into the HTTP layer.',
      from: { path: 'src/infrastructure/' },
      to: { path: 'src/http/|src/(container|app|app-context|main)\\.ts$' },
    },
    {
      name: 'http-not-infrastructure',
      severity: 'error',
      comment: 'http/ calls use cases; adapters are wired in container.ts, not imported by controllers.',
      from: { path: 'src/http/' },
      to: { path: 'src/infrastructure/|src/(container|app-context|main)\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles hide layering mistakes and break module initialisation order.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'src/http/generated/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
