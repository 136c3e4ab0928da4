// Type-aware lint (STYLE.md §11) plus the layering rule (STYLE.md §2): the domain imports no
// store, CLI or HTTP; the store never imports services or the CLI.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const layering = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/', 'dist-test/', 'node_modules/', 'coverage/', '.tmp/', 'test/fixtures/', 'bench/out/', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
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
    files: ['src/domain/**/*.ts', 'src/documents/**/*.ts', 'src/ingest/**/*.ts', 'src/rules/**/*.ts'],
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
    rules: layering('Services depend on the store port (src/domain/ports.ts), not on an adapter or the CLI.', ['**/cli/**', '**/store/sqlite*', '**/store/postgres*']),
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
