// Issue 5 (share target): once installed, another app can share an activation link or a
// screenshot of the QR code to Keyslot. The service worker keeps it in memory only, the app
// asks for the PIN, then offers to add that slot. Nothing shared is ever written anywhere.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { PIN, addByLink, setUpPin, slotItem, shownCode } from './helpers/app';
import { totp } from './helpers/oracle';
import { qrPng } from './helpers/qr';
import { serviceWorkerReady } from './helpers/pwa';
import { LINK_KDF_MIN, formatCode } from '../../src/core/sealed-link';
import { makeSealedLink } from '../../src/platform/sealed-link';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=${SECRET}&issuer=PassLogic%20(KEK%20VPN)`;
const NAME = /PassLogic \(KEK VPN\).*alice/;

/** Another app shares to Keyslot: what Android does, a multipart POST navigation to the share target. */
async function shareFromAnotherApp(
  context: BrowserContext,
  baseURL: string,
  fields: Record<string, string>,
  image?: string,
): Promise<Page> {
  const other = await context.newPage();
  const inputs = Object.keys(fields)
    .map((name) => `<input name="${name}">`)
    .join('');
  await other.setContent(
    `<form method="post" enctype="multipart/form-data" action="${baseURL}/share-target">${inputs}<input type="file" name="image"></form>`,
  );
  for (const [name, value] of Object.entries(fields)) await other.locator(`input[name="${name}"]`).fill(value);
  if (image) await other.locator('input[type=file]').setInputFiles(image);
  await Promise.all([
    other.waitForURL(`${baseURL}/**`),
    other.locator('form').evaluate((form: HTMLFormElement) => form.submit()),
  ]);
  return other;
}

/** Everything the origin stores outside the encrypted vault: no trace of what was shared. */
async function expectNothingShared(page: Page): Promise<void> {
  const stored = await page.evaluate(async () => {
    const urls: string[] = [];
    const texts: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        urls.push(request.url);
        if (/\.(js|css|html|webmanifest|svg)(\?|$)/.test(request.url))
          texts.push(await (await cache.match(request))!.text());
      }
    }
    const databases = (await indexedDB.databases()).map((d) => d.name);
    return {
      urls,
      texts,
      databases,
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
    };
  });
  expect(stored.urls.filter((u) => /share/.test(u) && !/share-target-[\w-]+\.js/.test(u))).toEqual([]);
  // The app's own code mentions otpauth://, so look for the shared secret itself.
  const holding = [...stored.texts, stored.local, stored.session].filter((text) => text.includes(SECRET));
  expect(holding).toHaveLength(0);
  expect(stored.databases).toEqual(['keyslot']);
}

/** What the service worker still holds: asked again, it has nothing (handed over once). */
async function askAgain(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data), { once: true });
        navigator.serviceWorker.controller!.postMessage({ type: 'share-ready' });
      }),
  );
}

test('a link shared from another app asks for the PIN, then offers that slot; the share is used once and never stored', async ({
  context,
  page,
  baseURL,
}) => {
  await setUpPin(page);
  await serviceWorkerReady(page);
  await page.close();

  const app = await shareFromAnotherApp(context, baseURL!, {
    title: 'KEK VPN activation',
    text: 'Your activation link',
    url: URI,
  });
  await expect(app.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
  expect(app.url()).not.toContain('otpauth');
  await app.getByLabel('PIN', { exact: true }).fill(PIN);
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 20_000 });
  await app.getByRole('button', { name: 'Add slot' }).click();
  await expect.poll(async () => (await shownCode(app, NAME)) === totp(SECRET, Date.now())).toBe(true);

  expect(await askAgain(app)).toEqual({ type: 'shared' });
  await expectNothingShared(app);
});

test('a screenshot of the QR code shared to Keyslot is read and offered to add', async ({ context, page, baseURL }) => {
  await setUpPin(page);
  await serviceWorkerReady(page);
  await page.close();

  const app = await shareFromAnotherApp(context, baseURL!, { title: 'Screenshot' }, await qrPng(URI));
  await app.getByLabel('PIN', { exact: true }).fill(PIN);
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 20_000 });
  await app.getByRole('button', { name: 'Add slot' }).click();
  await expect(slotItem(app, NAME)).toBeVisible();
  await expectNothingShared(app);
});

test('a share that would replace an existing slot says it came from another app and asks twice before replacing', async ({
  context,
  page,
  baseURL,
}) => {
  // Any website can POST to /share-target: what it sends must never take over a slot in one tap.
  const OTHER = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGW3TZ';
  await setUpPin(page);
  await addByLink(page, URI);
  await serviceWorkerReady(page);
  await page.close();

  const app = await shareFromAnotherApp(context, baseURL!, { url: URI.replace(SECRET, OTHER) });
  await app.getByLabel('PIN', { exact: true }).fill(PIN);
  await app.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 20_000 });
  await expect(app.getByText('Shared from another app or website')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Replace the old slot', exact: true })).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Keep both' })).toBeVisible();

  await app.getByRole('button', { name: 'Replace the old slot…' }).click();
  await expect(app.getByRole('alert')).toContainText('could have sent this to take over');
  await app.getByRole('button', { name: 'Yes, replace the old slot' }).click();
  await expect.poll(async () => (await shownCode(app, NAME)) === totp(OTHER, Date.now())).toBe(true);
  await expect(slotItem(app, NAME)).toHaveCount(1);
});

test('a link the person adds themselves still offers to replace a reissued slot in one tap', async ({ page }) => {
  await setUpPin(page);
  await addByLink(page, URI);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Activation link').fill(URI.replace(SECRET, 'KRUGS4ZANFZSAYJAONSWG4TFOQQGW3TZ'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: 'Replace the old slot', exact: true })).toBeVisible();
  await expect(page.getByText('Shared from another app or website')).toHaveCount(0);
});

test('a sealed link shared to Keyslot asks for its activation code, then offers the slot', async ({
  context,
  page,
  baseURL,
}) => {
  await setUpPin(page);
  await serviceWorkerReady(page);
  await page.close();

  const made = await makeSealedLink(`${baseURL}/`, URI, LINK_KDF_MIN);
  const app = await shareFromAnotherApp(context, baseURL!, { title: 'KEK VPN activation', url: made.link });
  await app.getByLabel('PIN', { exact: true }).fill(PIN);
  await app.getByRole('button', { name: 'Unlock' }).click();
  await app.getByRole('textbox', { name: 'Activation code' }).fill(formatCode(made.code));
  await app.getByRole('button', { name: 'Open link' }).click();
  await expect(app.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 20_000 });
  // Opened with its code, it is still something another app sent.
  await expect(app.getByText('Shared from another app or website')).toBeVisible();
  await app.getByRole('button', { name: 'Add slot' }).click();
  await expect(slotItem(app, NAME)).toBeVisible();
  // Shared, not opened in the browser: nothing went through the address bar, so no warning.
  await expect(app.getByRole('region', { name: 'Consider this activation link exposed' })).toHaveCount(0);
  await expectNothingShared(app);
});
