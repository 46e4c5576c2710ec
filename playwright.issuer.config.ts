import { defineConfig } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';

// `npm run test:issuer`: Keyslot against a live privacyIDEA (tests/issuer/global-setup.ts starts
// both; docs/testing.md). Its own port and dist folder, so it can run beside `npm test`.
const PORT = Number(process.env.E2E_PORT ?? 4176);
const chromiumFound = findChromium() as { executablePath: string | undefined } | null;

export default defineConfig({
  testDir: 'tests/issuer',
  testMatch: '**/*.spec.ts',
  // One privacyIDEA (SQLite) serves every test: run them one after the other.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalSetup: './tests/issuer/global-setup.ts',
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromiumFound?.executablePath, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
});
