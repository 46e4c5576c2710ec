import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // The Svelte plugin compiles `*.svelte.ts` state classes (runes) for unit tests; the 'browser'
  // condition picks Svelte's client runtime, where $state and $derived behave as in the app.
  plugins: [svelte()],
  resolve: { conditions: ['browser'] },
  test: {
    environment: 'node',
    // Only unit tests: Playwright owns tests/e2e/**/*.spec.ts, and the corpus suite has its own config.
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
