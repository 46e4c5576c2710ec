import { defineConfig } from 'vitest/config';

// `npm run test:compat`: runs Keyslot's parsers and engines over ../shared/corpus
// (or $KEYSLOT_CORPUS). Corpus data is read at test time and never copied into the repo.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/compat/**/*.test.ts'],
    globalSetup: ['tests/compat/global-setup.ts'],
    testTimeout: 120_000,
  },
});
