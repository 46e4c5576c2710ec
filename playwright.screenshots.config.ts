// `npm run screenshots`: every main screen as PNGs (tests/screens/screens.ts), phone and desktop,
// light and dark, English and Japanese, into screenshots/ui/ (git-ignored). Its own port and build
// folder, so it runs beside the e2e tests. SCREENS_PORT / SCREENS_OUT_DIR override them.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

const PORT = Number(process.env.SCREENS_PORT ?? 4187);
const OUT_DIR = process.env.SCREENS_OUT_DIR ?? 'dist-screens';

export default defineConfig({
  ...base,
  testDir: 'tests/screens',
  testMatch: '**/*.ts',
  outputDir: 'test-results/screens',
  timeout: 180_000,
  use: { ...base.use, baseURL: `http://localhost:${PORT}`, trace: 'off' },
  webServer: {
    ...base.webServer,
    command: `npx vite build --logLevel warn --outDir ${OUT_DIR} && npx vite preview --outDir ${OUT_DIR} --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
  },
});
