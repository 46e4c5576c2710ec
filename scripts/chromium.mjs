// Finds a Chromium for the end-to-end tests and benchmarks: Playwright's own
// download if present, else $CHROME_PATH, else a system Chromium.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** @returns {{ executablePath: string | undefined, source: string } | null} undefined path = Playwright's own. */
export function findChromium() {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { executablePath: undefined, source: `Playwright's Chromium (${own})` };
  } catch {
    // Not installed: fall through.
  }
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { executablePath: fromEnv, source: `CHROME_PATH (${fromEnv})` };
    console.warn(`CHROME_PATH is set to ${fromEnv}, but no file is there; looking elsewhere.`);
  }
  const system = SYSTEM_CANDIDATES.find((p) => existsSync(p));
  return system ? { executablePath: system, source: system } : null;
}

// Flags that let Chromium run headless as root on a machine with no network but localhost.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const NO_CHROMIUM_HELP = `No Chromium was found for the end-to-end tests.
Install one of these, then run npm test again:
  - Playwright's own:   npx playwright install chromium
  - Debian/Ubuntu:      sudo apt-get install -y chromium
  - any Chrome/Chromium: export CHROME_PATH=/path/to/chrome`;
