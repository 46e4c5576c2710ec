// Issue 5: after one visit Keyslot needs no network at all: not for the unlock screen, the
// codes, adding a slot, the scanner (its WebAssembly), nor for a deep link opened cold.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { PIN, setUpPin, unlock, addByLink, shownCode } from './helpers/app';
import { totp } from './helpers/oracle';
import { cameraFeed, launchWithCamera } from './helpers/qr';
import { E2E_OUT_DIR, E2E_PORT, serviceWorkerReady, startPreview } from './helpers/pwa';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=${SECRET}&issuer=PassLogic%20(KEK%20VPN)`;
const NAME = /PassLogic \(KEK VPN\).*alice/;
const SECOND = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SECOND_URI = `otpauth://totp/Lab%20GitLab:bob?secret=${SECOND}&issuer=Lab%20GitLab`;
const SECOND_NAME = /Lab GitLab.*bob/;

/** The slot shows the code an independent TOTP computes for this very moment. */
async function expectRightCode(page: Page, name: RegExp, secret: string): Promise<void> {
  await expect.poll(async () => (await shownCode(page, name)) === totp(secret, Date.now())).toBe(true);
}

test('after one visit, with the network off, a reload shows the unlock screen, unlocks, shows the right codes and adds a slot by link', async ({
  page,
  context,
}) => {
  await setUpPin(page);
  await addByLink(page, URI);
  await serviceWorkerReady(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await unlock(page, PIN);
  await expectRightCode(page, NAME, SECRET);

  await addByLink(page, SECOND_URI);
  await expectRightCode(page, SECOND_NAME, SECOND);
  await expectRightCode(page, NAME, SECRET);
});

test.describe('with the server stopped', () => {
  let browser: Browser;
  test.afterEach(async () => browser?.close());

  test('a cold deep link shows the unlock screen, and the codes, the scanner and the shortcuts all work', async () => {
    browser = await launchWithCamera(await cameraFeed(SECOND_URI));
    const server = await startPreview(E2E_OUT_DIR, E2E_PORT + 101);
    const context = await browser.newContext({ baseURL: server.url });
    try {
      const first = await context.newPage();
      await first.goto(server.url);
      await setUpPin(first);
      await addByLink(first, URI);
      await serviceWorkerReady(first);
      await first.close();
    } finally {
      await server.stop();
    }

    // Cold: no page open, nothing listening on the port; only the service worker's precache.
    const page = await context.newPage();
    await page.goto(`${server.url}/some/deep/path`);
    await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/some/deep/path');
    await unlock(page, PIN);
    await expectRightCode(page, NAME, SECRET);

    // The scanner: its lazy chunks, worker and WebAssembly come from the precache too.
    await page.getByRole('button', { name: 'Add a slot' }).first().click();
    await page.getByRole('button', { name: 'Scan QR code' }).click();
    await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Add slot' }).click();
    await expectRightCode(page, SECOND_NAME, SECOND);
    await page.close();

    // The manifest's shortcuts: their fragment survives the offline start and is honoured after unlock.
    const shortcut = await context.newPage();
    await shortcut.goto(`${server.url}/#add-slot`);
    await shortcut.getByLabel('PIN', { exact: true }).fill(PIN);
    await shortcut.getByRole('button', { name: 'Unlock' }).click();
    await expect(shortcut.getByRole('heading', { name: 'Add a slot' })).toBeVisible();
    await shortcut.close();
    const scan = await context.newPage();
    await scan.goto(`${server.url}/#scan`);
    await scan.getByLabel('PIN', { exact: true }).fill(PIN);
    await scan.getByRole('button', { name: 'Unlock' }).click();
    // Straight into the camera: it reads the QR again, which is already in Keyslot.
    await expect(scan.getByRole('alert')).toHaveText('This slot is already in Keyslot. Nothing was added.', {
      timeout: 20_000,
    });
  });
});
