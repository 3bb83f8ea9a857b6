// ESLint (flat config) with typescript-eslint. `npm run lint` runs it with
// dependency-cruiser (.dependency-cruiser.cjs), which keeps the layering.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'uploads/', 'public/', '.test-tmp/', 'test/e2e/.shots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection ends the process)
      // and its order; one handed where a callback is expected is never awaited either.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-duplicate-imports': 'error',
    },
  },
  {
    // Commands are the only writers (STYLE habit 7; README, "Code layout"): a write outside a
    // commands/ folder is a command that has not been named yet.
    files: ['src/**/*.ts'],
    ignores: [
      'src/**/commands/**',
      // Schema changes and the reference data a first start loads, in the migrations' own transaction.
      'src/db/migrations/**',
      'src/db/seed/**',
      // Generated demo data, written in bulk by its own generator.
      'src/demo/**',
      // express-rate-limit's store interface: its counters are the library's state, not a change of ours.
      'src/http/rateLimitStore.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(insertInto|updateTable|deleteFrom|mergeInto|replaceInto)$/]',
          message: 'Writes happen in commands: move this into a file under a commands/ folder.',
        },
        {
          selector: "TaggedTemplateExpression[tag.name='sql'] TemplateElement[value.raw=/\\b(insert\\s+into|delete\\s+from|update\\s+\\w+\\s+set|truncate)\\b/i]",
          message: 'Writes happen in commands: move this into a file under a commands/ folder.',
        },
      ],
    },
  },
  {
    // A migration runs against the tables as they were when it was written, not as
    // db/schema.ts describes them now: Kysely<any> on purpose.
    files: ['src/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The data generator writes raw SQL into temporary tables of its own, which the
    // schema's types do not describe: Kysely<any> on purpose.
    files: ['bench/generate.ts', 'bench/generate/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // chai's property assertions (`expect(x).to.be.empty`) are expressions by design.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // Configuration files read by Node itself (mocha, dependency-cruiser) are CommonJS.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', process: 'readonly' } },
  },
  {
    // Node scripts outside the TypeScript project (scripts/build.mjs).
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
