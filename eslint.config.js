// Lint rules: typescript-eslint's recommended set, plus the habits STYLE.md asks for.
import js from '@eslint/js';
import vitest from '@vitest/eslint-plugin';
import tseslint from 'typescript-eslint';

// A test runs on every database or lives in a *.sqlite.test.ts / *.postgres.test.ts file (vitest.config.ts picks the
// project); nothing skips itself at run time, so a missing feature fails instead of passing silently.
const testSkips = [
  {
    selector: 'MemberExpression[object.name=/^(it|test|describe|suite)$/][property.name=/^(skipIf|runIf|skip|only|todo)$/]',
    message: 'No skipped, conditional or focused tests: put dialect-specific tests in a *.sqlite.test.ts or *.postgres.test.ts file.',
  },
  {
    selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='skip'][callee.object.type='Identifier']",
    message: 'A test does not skip itself (ctx.skip): assert the behaviour, or fail.',
  },
];
// Test data comes from tests/helpers/factories.ts (the features' repositories), never a hand-written row.
const rawTestWrite = {
  selector: 'CallExpression[callee.property.name=/^(insertInto|replaceInto|updateTable|deleteFrom|mergeInto)$/]',
  message: 'Write test data through tests/helpers/factories.ts; a state only time reaches goes in tests/helpers/the-past.ts.',
};

// Only repositories (and db/) build SQL: a query started on a database handle, or Kysely's sql tag.
const sqlOutsideRepository = [
  {
    selector:
      'CallExpression[callee.property.name=/^(selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|selectNoFrom|withRecursive)$/]',
    message: 'SQL belongs in a repository (repository.ts or *-repository.ts): call a repository function.',
  },
  {
    selector: "TaggedTemplateExpression[tag.name='sql'], CallExpression[callee.object.name='sql']",
    message: 'SQL belongs in a repository (repository.ts or *-repository.ts): call a repository function.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tmp/', 'data/', 'coverage/', 'public/js/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      // Input checks refuse control characters on purpose (NUL bytes break PostgreSQL).
      'no-control-regex': 'off',
    },
  },
  {
    // Only repositories (and db/) build SQL; routes also leave transactions to the services (STYLE.md).
    files: ['server/**/*.ts'],
    ignores: ['server/**/*repository.ts', 'server/db/**'],
    rules: { 'no-restricted-syntax': ['error', ...sqlOutsideRepository] },
  },
  {
    files: ['server/features/*/{routes,api,pages,*-api,*-pages}.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...sqlOutsideRepository,
        { selector: "CallExpression[callee.property.name='transaction']", message: 'Services own transactions: call a service.' },
      ],
    },
  },
  {
    files: ['public/js/**/*.js', 'public/sw.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        EventSource: 'readonly',
        console: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        FormData: 'readonly',
        URLSearchParams: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        self: 'readonly',
        caches: 'readonly',
      },
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['scripts/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests that can fail: no focused or skipped tests, no conditions deciding what a test checks, every test asserts.
    files: ['tests/**/*.ts'],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      'vitest/no-focused-tests': 'error',
      'vitest/no-disabled-tests': 'error',
      'vitest/no-conditional-in-test': 'error',
      'vitest/no-conditional-tests': 'error',
      'vitest/no-conditional-expect': 'error',
      'vitest/no-standalone-expect': 'error',
      // Helper assertions are named expect<Something> (expectNoName, expectPrivacy, ...); fast-check's fc.assert fails too.
      'vitest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect.*', 'expect*', 'fc.assert', 'assert', 'assert.*'] }],
      'vitest/valid-title': 'error',
      'vitest/no-identical-title': 'error',
      // vitest's expect(value, message) names the case in a loop; allow the message.
      'vitest/valid-expect': ['error', { maxArgs: 2 }],
      'no-restricted-syntax': ['error', ...testSkips, rawTestWrite],
    },
  },
  {
    // The few writes no request can reach (rows made old, planted faults) live here, one named function each; the bench
    // fixtures write thousands of rows in batches, which no repository call would do in time.
    files: ['tests/helpers/the-past.ts', 'tests/helpers/faults.ts', 'tests/helpers/bench-*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...testSkips] },
  },
);
