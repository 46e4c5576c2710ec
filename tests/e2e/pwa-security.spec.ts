// Issue 5: no request leaves Keyslot's origin, and nothing breaks the Content-Security-Policy,
// across every screen of a full journey (page, workers and service worker included).
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { PIN, setUpPin, unlock, addByLink, slotItem, shownCode } from './helpers/app';
import { totp } from './helpers/oracle';
import { cameraFeed, launchWithCamera } from './helpers/qr';
import { serviceWorkerReady, watchCsp } from './helpers/pwa';
import { ACCOUNTS, aegisEncrypted } from '../unit/fixtures/importers/make';
import { openSection, openSettings } from './helpers/settings';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=${SECRET}&issuer=PassLogic%20(KEK%20VPN)`;
const SCANNED_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SCANNED_URI = `otpauth://totp/Lab%20GitLab:bob?secret=${SCANNED_SECRET}&issuer=Lab%20GitLab`;

let browser: Browser;
test.afterEach(async () => browser?.close());

/** Every screen Keyslot has, in the order a person meets them; `check` runs after each. */
async function fullJourney(page: Page, context: BrowserContext, check: (screen: string) => void): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Keyslot' })).toBeVisible();
  await serviceWorkerReady(page);
  check('welcome');

  await setUpPin(page);
  check('PIN setup and the empty list');

  await openSettings(page, 'storage');
  await expect(page.getByText(/Keyslot uses .* of the .* this browser allows it\./)).toBeVisible();
  check('settings');

  // Import an encrypted export: scrypt and its WebAssembly run in the KDF worker.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await openSection(page, 'backups');
  await page.getByRole('button', { name: 'Import from another app' }).click();
  await page.getByLabel('Export file').setInputFiles({
    name: 'aegis.json',
    mimeType: 'application/json',
    buffer: Buffer.from(aegisEncrypted(ACCOUNTS.slice(0, 1), 'pw')),
  });
  await page.getByLabel('File password').fill('pw');
  await page.getByRole('button', { name: 'Open file' }).click();
  await page.getByRole('button', { name: 'Import 1 slot' }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  check('import from another app (encrypted file)');
  await page.getByRole('button', { name: 'Done' }).click();

  await addByLink(page, URI);
  await expect.poll(() => shownCode(page, /PassLogic/)).toMatch(/^\d{6}$/);
  check('add by link, confirm, list with a code');

  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByRole('button', { name: 'Scan QR code' }).click();
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(slotItem(page, /Lab GitLab/)).toBeVisible();
  check('scanner (camera, QR decoder worker and WebAssembly)');

  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByRole('radio', { name: 'Enter a key' }).check();
  await page.getByText('Advanced settings').click();
  check('manual entry with advanced settings');
  await page.getByRole('button', { name: 'Cancel' }).first().click();

  await page.getByRole('button', { name: /^Options for PassLogic/ }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit slot' })).toBeVisible();
  check('edit dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: /^Options for PassLogic/ }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(page.getByRole('dialog', { name: /^Delete/ })).toBeVisible();
  check('delete dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: /^Options for PassLogic/ }).click();
  await page.getByRole('menuitem', { name: 'Show as QR code' }).click();
  await page.getByRole('dialog').getByLabel('Your PIN', { exact: true }).fill(PIN);
  await page.getByRole('dialog').getByRole('button', { name: 'Show QR code' }).click();
  await expect(page.getByRole('img', { name: /^QR code for PassLogic/ })).toBeVisible({ timeout: 20_000 });
  check('a slot as a QR code (the lazy QR encoder, drawn as SVG)');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
  await unlock(page, PIN);
  // The expected code is computed on every poll: a period may end while the screen catches up.
  await expect.poll(async () => (await shownCode(page, /Lab GitLab/)) === totp(SCANNED_SECRET, Date.now())).toBe(true);
  check('lock and unlock');

  await context.setOffline(true);
  await page.reload();
  await unlock(page, PIN);
  await expect(slotItem(page, /PassLogic/)).toBeVisible();
  await context.setOffline(false);
  check('offline reload from the precache');
}

test('a full journey makes no request to any other origin, from the page, its workers or the service worker', async ({
  baseURL,
}) => {
  browser = await launchWithCamera(await cameraFeed(SCANNED_URI));
  const context = await browser.newContext({ baseURL });
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();

  await fullJourney(page, context, () => undefined);

  const foreign = requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
  expect(foreign).toEqual([]);
  // The recording really saw the service worker's own fetches (its precache) and the workers'.
  expect(requests.some((url) => url.endsWith('/sw.js'))).toBe(true);
  expect(requests.some((url) => /\.wasm$/.test(url))).toBe(true);
  expect(requests.some((url) => /kdf-worker-[\w-]+\.js$/.test(url))).toBe(true);
});

test('no screen of a full journey breaks the Content-Security-Policy', async ({ baseURL }) => {
  browser = await launchWithCamera(await cameraFeed(SCANNED_URI));
  const context = await browser.newContext({ baseURL });
  const csp = watchCsp(context);
  const page = await context.newPage();

  // The policy under test is the real one, sent by the preview server with every response.
  const response = await page.request.get('/');
  expect(response.headers()['content-security-policy']).toContain("default-src 'self'");

  await fullJourney(page, context, (screen) => expect(csp.violations, `CSP violations on: ${screen}`).toEqual([]));
  expect(csp.violations).toEqual([]);

  // The watcher does see a violation: a string pushed into innerHTML is refused by Trusted Types,
  // and an inline style by style-src.
  const refused = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<b>not trusted</b>';
      return false;
    } catch {
      return true;
    }
  });
  expect(refused).toBe(true);
  await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
  await expect.poll(() => csp.violations.length).toBeGreaterThanOrEqual(2);
});
