// ESLint flat config: `npm run lint`. Layout is Prettier's job (`npm run format`), so no style rules here.
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-*/',
      'dev-dist/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      'screenshots/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  regexp.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
  },
  {
    // Svelte components and runes modules: TypeScript inside, parsed by the Svelte parser.
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      // Issue 14: no regular expression with super-linear cases on user input (QR codes, links,
      // import files are all hostile). Both kinds of ReDoS are errors, as is a capture group whose
      // quantifier swallows what it seems to capture.
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
      // Style, not correctness: the code spells ASCII classes out ([0-9], [A-Za-z]) because the
      // formats it parses (base32, base64, RFC 3986 schemes) are defined by those exact ranges, and
      // an unused capture group costs nothing worth `(?:` noise.
      'regexp/prefer-d': 'off',
      'regexp/prefer-w': 'off',
      'regexp/use-ignore-case': 'off',
      'regexp/no-unused-capturing-group': 'off',
      // `_`-prefixed names say "unused on purpose" (a parameter a signature requires).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // The vault sets its last reference to key material to null on purpose (`extractable = null`),
      // which this rule reports as a useless store; TypeScript already flags real dead code.
      'no-useless-assignment': 'off',
      // State classes replace their collections rather than mutate them in place (`x = new Set(...)`),
      // and private maps of timers are not state; SvelteMap/SvelteSet would add reactivity nobody reads.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // TypeScript checks names itself (typescript-eslint's advice); `no-undef` would not know the
    // build-time constants declared in src/build-info.d.ts.
    files: ['**/*.ts', '**/*.svelte'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Tests and scripts read the repository's own files and fixed vectors, never user input, so
    // the ReDoS rules do not apply there; hostile-JSON mutations are typed `any` on purpose.
    files: ['tests/**', 'scripts/**'],
    rules: {
      'regexp/no-super-linear-backtracking': 'off',
      'regexp/no-super-linear-move': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
