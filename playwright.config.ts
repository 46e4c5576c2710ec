import { defineConfig } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';

// Not 4173, so a running `npm start` doesn't clash with the tests. E2E_PORT / E2E_OUT_DIR let
// several developers' runs share one machine without fighting over the port or dist/.
const PORT = Number(process.env.E2E_PORT ?? 4174);
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist';
const chromiumFound = findChromium() as { executablePath: string | undefined } | null;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: chromiumFound?.executablePath,
      args: CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite build --logLevel warn --outDir ${OUT_DIR} && npx vite preview --outDir ${OUT_DIR} --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
