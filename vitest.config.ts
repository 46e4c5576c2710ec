import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // Only unit tests: Playwright owns tests/e2e/**/*.spec.ts, and the corpus suite has its own config.
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
