// Issue 5: an update never surprises anyone. Build Keyslot twice (two version strings), store
// slots with the first, serve the second on the same origin: "Update available" appears, waits
// while the user types a PIN or adds a slot, never reloads by itself, and after Reload every
// slot opens with the right code.
import { test, expect, type Page } from '@playwright/test';
import { PIN, setUpPin, addByLink, slotItem, shownCode } from './helpers/app';
import { hotp, totp } from './helpers/oracle';
import { E2E_OUT_DIR, E2E_PORT, buildApp, serviceWorkerReady, startPreview, type Server } from './helpers/pwa';
import { leaveSettings, openSettings } from './helpers/settings';

const PORT = E2E_PORT + 102;
const V1 = `${E2E_OUT_DIR}-update-v1`;
const V2 = `${E2E_OUT_DIR}-update-v2`;

const SLOTS = [
  {
    name: /PassLogic.*alice/,
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    uri: (s: string) => `otpauth://totp/PassLogic:alice?secret=${s}&issuer=PassLogic`,
  },
  {
    name: /Lab GitLab.*bob/,
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    uri: (s: string) =>
      `otpauth://totp/Lab%20GitLab:bob?secret=${s}&issuer=Lab%20GitLab&algorithm=SHA256&digits=8&period=60`,
    period: 60,
    digits: 8,
    algorithm: 'sha256',
  },
];
const HOTP = { name: /Door.*carol/, secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU', counter: 5 };

async function expectTotpCodes(page: Page): Promise<void> {
  for (const s of SLOTS) {
    await expect
      .poll(async () => (await shownCode(page, s.name)) === totp(s.secret, Date.now(), s.period, s.digits, s.algorithm))
      .toBe(true);
  }
}

async function generateHotp(page: Page): Promise<string> {
  await slotItem(page, HOTP.name).getByRole('button', { name: 'Generate code' }).click();
  await expect.poll(() => shownCode(page, HOTP.name)).toMatch(/^\d{6}$/);
  return shownCode(page, HOTP.name);
}

async function version(page: Page): Promise<string> {
  await openSettings(page, 'about');
  const text = (await page.getByText(/^Keyslot version /).textContent()) ?? '';
  await leaveSettings(page);
  return text.replace('Keyslot version ', '');
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  buildApp(V1, 'e2e-v1');
  buildApp(V2, 'e2e-v2');
});

test('a new version waits for the user, not while typing a PIN or adding a slot, and after Reload every slot shows the right code', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  let server: Server = await startPreview(V1, PORT);
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const page = await context.newPage();

    await test.step('version 1: set up, store three kinds of slot, use the counter once', async () => {
      await setUpPin(page);
      for (const s of SLOTS) await addByLink(page, s.uri(s.secret));
      await addByLink(page, `otpauth://hotp/Door:carol?secret=${HOTP.secret}&issuer=Door&counter=${HOTP.counter}`);
      await expectTotpCodes(page);
      expect(await generateHotp(page)).toBe(hotp(HOTP.secret, HOTP.counter));
      expect(await version(page)).toBe('0.1.0+e2e-v1');
      await serviceWorkerReady(page);
    });

    await test.step('version 2 is served on the same origin: "Update available" waits quietly', async () => {
      await server.stop();
      server = await startPreview(V2, PORT);
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
      const banner = page.getByRole('complementary', { name: 'Keyslot update' });
      await expect(banner).toContainText('Update available', { timeout: 20_000 });
      await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
      // Still the old code: nothing took over by itself.
      await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

      // Typing the PIN: the message steps aside, and comes back when the field is empty again.
      await page.getByLabel('PIN', { exact: true }).fill('48');
      await expect(banner).toBeHidden();
      await page.getByLabel('PIN', { exact: true }).fill('');
      await expect(banner).toBeVisible();

      await page.getByLabel('PIN', { exact: true }).fill(PIN);
      await expect(banner).toBeHidden();
      await page.getByRole('button', { name: 'Unlock' }).click();
      await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
      await expect(banner).toBeVisible();
      expect(await version(page)).toBe('0.1.0+e2e-v1');

      // Adding (and confirming) a slot: no update message in the way.
      await page.getByRole('button', { name: 'Add a slot' }).first().click();
      await expect(page.getByRole('heading', { name: 'Add a slot' })).toBeVisible();
      await expect(banner).toBeHidden();
      await page.getByRole('button', { name: 'Cancel' }).first().click();
      await expect(banner).toBeVisible();

      await page.waitForTimeout(1500);
      expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    });

    await test.step('Reload: version 2 takes over, and every slot opens with the right code', async () => {
      await Promise.all([
        page.waitForEvent('framenavigated'),
        page.getByRole('complementary', { name: 'Keyslot update' }).getByRole('button', { name: 'Reload' }).click(),
      ]);
      await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBeUndefined();
      await page.getByLabel('PIN', { exact: true }).fill(PIN);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
      await expect(page.getByRole('complementary', { name: 'Keyslot update' })).toHaveCount(0);
      expect(await version(page)).toBe('0.1.0+e2e-v2');
      await expectTotpCodes(page);
      // The counter moved on exactly once: the next code, never the one already shown.
      expect(await generateHotp(page)).toBe(hotp(HOTP.secret, HOTP.counter + 1));
    });
  } finally {
    await context.close();
    await server.stop();
  }
});
