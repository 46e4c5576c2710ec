// `node scripts/make-screenshots.mjs`: the manifest's screenshots (install sheet), made from the
// real app in Chromium with made-up slots: public/screenshots/narrow.png (390×844 @2x) and
// wide.png (1280×800). Committed; run again when the slot list changes a lot.
//
// `node scripts/make-screenshots.mjs --review` also writes screenshots/ (git-ignored): the
// install, offline and update screens in light and dark, for a person to look at.
import { firstRun } from './ui-steps.mjs';
import { startPreview } from './preview-server.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS, NO_CHROMIUM_HELP } from './chromium.mjs';

const PORT = Number(process.env.SCREENS_PORT ?? 4186);
const BASE = `http://localhost:${PORT}`;
const PIN = '480913';
const REVIEW = process.argv.includes('--review');
// A quiet moment: 12 s into a 30 s period.
const T0 = Date.UTC(2026, 0, 15, 9, 0, 12);
const DEMO = [
  ['PassLogic (KEK VPN)', 'alice', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'],
  ['Lab GitLab', 'alice@lab.example.org', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
  ['University SSO', 's2412345', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'],
];

function build(outDir, buildId) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--emptyOutDir', '--outDir', outDir], {
    stdio: 'inherit',
    env: { ...process.env, KEYSLOT_BUILD_ID: buildId },
  });
}

async function setUp(page, slots = DEMO) {
  await firstRun(page, BASE, PIN);
  for (const [issuer, account, secret] of slots) {
    await page.getByRole('button', { name: 'Add a slot' }).first().click();
    await page
      .getByLabel('Activation link')
      .fill(
        `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`,
      );
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Add slot' }).click();
    await page.getByRole('heading', { name: 'Your slots' }).waitFor();
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

async function unlock(page) {
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Your slots' }).waitFor({ timeout: 30_000 });
}

/** Waits for the toast ("Slot added") to go and the countdown to settle, then shoots. */
async function shoot(page, path) {
  await page
    .getByRole('status')
    .filter({ hasText: /\S/ })
    .waitFor({ state: 'detached', timeout: 6000 })
    .catch(() => undefined);
  await page.screenshot({ path, animations: 'disabled' });
  console.log(path);
}

async function manifestScreenshots(browser) {
  mkdirSync('public/screenshots', { recursive: true });
  for (const [name, options] of [
    ['narrow', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
    ['wide', { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 }],
  ]) {
    const context = await browser.newContext({ ...options, colorScheme: 'light' });
    const page = await context.newPage();
    await page.clock.install({ time: T0 });
    await setUp(page);
    await page.clock.pauseAt(T0 + 60_000);
    await page.locator('h1').click(); // no focus ring on a control
    await shoot(page, `public/screenshots/${name}.png`);
    await context.close();
  }
}

async function reviewScreens(browser) {
  mkdirSync('screenshots', { recursive: true });
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ ...phone, colorScheme: scheme });
    const page = await context.newPage();
    await setUp(page, DEMO.slice(0, 2));
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByText(/Keyslot uses|does not say how much/).waitFor();
    await shoot(page, `screenshots/settings-${scheme}.png`);
    await page.screenshot({ path: `screenshots/settings-full-${scheme}.png`, fullPage: true });

    // The vault vanishes (as when the browser evicts the database): the marker stays.
    await page.goto(`${BASE}/favicon.svg`);
    await page.evaluate(() => new Promise((resolve) => (indexedDB.deleteDatabase('keyslot').onsuccess = resolve)));
    await page.goto(BASE);
    await page.getByRole('heading', { name: 'Your slots are gone from this browser' }).waitFor();
    await shoot(page, `screenshots/vanished-vault-${scheme}.png`);
    await context.close();

    const iphone = await browser.newContext({
      ...phone,
      colorScheme: scheme,
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
    });
    const ios = await iphone.newPage();
    await ios.goto(BASE);
    await shoot(ios, `screenshots/welcome-install-${scheme}.png`);
    await ios.getByRole('button', { name: 'Install Keyslot' }).click();
    await ios.getByRole('dialog', { name: 'Install Keyslot' }).waitFor();
    await shoot(ios, `screenshots/install-dialog-${scheme}.png`);
    await iphone.close();
  }
}

/** v1 with slots, then v2 on the same port: the update banner on the list and the unlock screen. */
async function updateScreens(browser) {
  build('dist-screens-v1', 'screens-v1');
  build('dist-screens-v2', 'screens-v2');
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      colorScheme: scheme,
    });
    let server = await startPreview({ outDir: 'dist-screens-v1', port: PORT });
    const page = await context.newPage();
    await setUp(page, DEMO);
    await server.stop();
    server = await startPreview({ outDir: 'dist-screens-v2', port: PORT });
    await page.reload();
    await page.getByRole('button', { name: 'Reload' }).waitFor({ timeout: 20_000 });
    await shoot(page, `screenshots/update-banner-locked-${scheme}.png`);
    await unlock(page);
    await shoot(page, `screenshots/update-banner-slots-${scheme}.png`);
    // Another tab (a newer Keyslot) upgrades the database: this one steps aside.
    const other = await context.newPage();
    await other.goto(`${BASE}/favicon.svg`);
    await other.evaluate(
      () =>
        new Promise((resolve) => {
          const request = indexedDB.open('keyslot', 2);
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
        }),
    );
    await page.getByRole('heading', { name: 'Keyslot was updated in another tab' }).waitFor();
    await shoot(page, `screenshots/stale-tab-${scheme}.png`);
    await context.close();
    await server.stop();
  }
}

const found = findChromium();
if (!found) throw new Error(NO_CHROMIUM_HELP);
build('dist-screens', 'screens');
const browser = await chromium.launch({ executablePath: found.executablePath, args: CHROMIUM_ARGS });
let server = await startPreview({ outDir: 'dist-screens', port: PORT });
try {
  await manifestScreenshots(browser);
  if (REVIEW) await reviewScreens(browser);
} finally {
  await server.stop();
}
try {
  if (REVIEW) await updateScreens(browser);
} finally {
  await browser.close();
}
