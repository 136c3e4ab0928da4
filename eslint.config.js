// Type-aware lint (STYLE.md §11) plus the layering rule (STYLE.md §2): the domain imports no
// store, CLI or HTTP; the store never imports services or the CLI.
import { existsSync, readdirSync } from 'node:fs';
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The web app (STYLE.md, Bulletproof React): shared components/ and lib/ → features/ → app/, and a
// feature never imports another one; the app composes them.
const featuresDir = new URL('./web/src/features', import.meta.url);
const webFeatures = existsSync(featuresDir)
  ? readdirSync(featuresDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
  : [];
const webZones = [
  ...webFeatures.map((name) => ({
    target: `./web/src/features/${name}`, from: './web/src/features', except: [`./${name}`],
    message: 'Features do not import each other: compose them in web/src/app, or move what both need to components/ or lib/.',
  })),
  { target: ['./web/src/features', './web/src/components', './web/src/lib'], from: './web/src/app', message: 'Only the app imports from web/src/app.' },
  { target: ['./web/src/components', './web/src/lib'], from: './web/src/features', message: 'Shared code does not depend on a feature.' },
];

const layering = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/', 'dist-test/', 'web/dist/', 'test-results/', 'node_modules/', 'coverage/', '.tmp/', 'test/fixtures/', 'bench/out/', 'web/public/', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    // The maintained resolver (unrs): the legacy default fails on some packages' export maps (vite's).
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      'import-x/no-cycle': 'error',
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='exit']", message: 'Only the CLI entry decides the exit code: set it in main().' }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/documents/**/*.ts', 'src/ingest/**/*.ts', 'src/rules/**/*.ts', 'src/escalation/**/*.ts'],
    rules: layering('Core logic is pure: it may not import the store, services, CLI or server (see ARCHITECTURE.md).', [
      '**/store/**', '**/services/**', '**/cli/**', '**/server/**', 'better-sqlite3', 'pg', 'kysely', 'commander', 'fastify',
    ]),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: layering('The store implements the domain port; it may not import services or the CLI.', ['**/services/**', '**/cli/**']),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: layering('Services depend on the store port (src/domain/ports.ts), not on an adapter, the CLI or the server.', ['**/cli/**', '**/server/**', '**/store/sqlite*', '**/store/postgres*']),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: layering('Routes call services and present their results; the server never reaches into the store adapters or the CLI.', ['**/cli/**', '**/store/**']),
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: webZones }],
      ...layering('The web app talks to the server only through its HTTP API (lib/api-client.ts); from the core it may import types only.', [
        '**/store/**', '**/services/**', '**/cli/**', 'node:*', 'better-sqlite3', 'pg', 'kysely', 'fastify',
      ]),
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  // The plain JavaScript beside the TypeScript (bin/, scripts/, bench/, this file): the recommended
  // rules without type information (tsconfig.scripts.json type-checks them with checkJs).
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: Object.fromEntries(
        ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
          'setImmediate', 'performance', 'fetch', 'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder', 'structuredClone',
          'globalThis', 'queueMicrotask', 'Response', 'Request', 'Headers', 'FormData', 'Blob', 'crypto'].map((name) => [name, 'readonly']),
      ),
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-syntax': 'off',
    },
  },
);
