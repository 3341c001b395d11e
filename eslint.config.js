// One ESLint config for the whole workspace (flat config). Formatting is Prettier's job
// (eslint-config-prettier turns the style rules off); this file keeps the rules that catch bugs
// and the naming rules of ARCHITECTURE.md ("Naming": kebab-case files with a role suffix).
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A kebab-case name, optionally with one role suffix (`send-message.use-case`), as a glob. */
const kebab = '+([a-z0-9])*(-+([a-z0-9]))';
const withRole = (roles) => `${kebab}.@(${roles.join('|')})`;

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      'backend/src/http/generated/**',
      'frontend/src/lib/api/schema.d.ts',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      // Fixtures that prove a rule fires are wrong on purpose; their tests lint them explicitly.
      '**/test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its error: mark deliberate ones with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Plain JavaScript (configs, scripts): no type information.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Kysely's own advice: a migration is frozen in time, so it must not depend on today's
    // table types, and takes `Kysely<any>`.
    files: ['migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // tsoa and inversify read decorators and constructor parameter types at run time:
    // a type-only import there would erase what they need.
    files: ['backend/src/http/**/*.ts', 'backend/src/container.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['{backend,frontend,e2e,migrations}/**/*.{ts,tsx}'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/folder-naming-convention': [
        'error',
        { '{backend,frontend,e2e,migrations}/**/': 'KEBAB_CASE' },
      ],
      'check-file/filename-naming-convention': [
        'error',
        {
          // Every file: kebab-case, with its role suffixes (`.use-case`, `.test`, `.d`) allowed.
          '**/*.{ts,tsx}': `${kebab}*(.${kebab})`,
          // The roles the layers name (ARCHITECTURE.md, "Naming"; docs/architecture.md).
          'backend/src/http/controllers/*.ts': withRole(['controller']),
          'backend/src/http/dtos/*.ts': withRole(['dto', 'examples']),
          'backend/src/**/ports/*.ts': withRole(['port']),
          'backend/src/infrastructure/persistence/kysely-*.ts': withRole(['repository', 'adapter']),
          'backend/test/**/*.test.ts': `${kebab}*(.${kebab}).test`,
          // Migrations sort by their dated names: 20261122-0001-users.ts.
          'migrations/2*.ts': '+([0-9])-+([0-9])-*',
        },
        { ignoreMiddleExtensions: false },
      ],
    },
  },
  {
    // Use cases take the ports they use, not the bag of every repository (ARCHITECTURE.md, "The
    // heart"); the bag belongs to UnitOfWork.run(repos => ...), for writes that must be atomic.
    files: ['backend/src/application/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MethodDefinition[kind='constructor'] > FunctionExpression > :matches(Identifier, AssignmentPattern, TSParameterProperty, ObjectPattern) TSTypeReference[typeName.name='Repositories']",
          message:
            'Take the repositories this class uses (e.g. `users: UserRepository`), not the whole `Repositories` bag; `UnitOfWork.run(repos => ...)` hands it to atomic writes.',
        },
        {
          selector:
            ":matches(TSPropertySignature, PropertyDefinition) > TSTypeAnnotation TSTypeReference[typeName.name='Repositories']",
          message:
            'A dependencies object or field that carries the whole `Repositories` bag is the same bag by another name: hand each class the repositories it uses.',
        },
      ],
    },
  },
  prettier,
);
