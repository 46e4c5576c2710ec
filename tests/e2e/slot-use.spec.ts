import { test, expect } from '@playwright/test';
import { setUpPin, addByLink, slotItem, shownCode, unlock } from './helpers/app';
import { hotp, totp } from './helpers/oracle';

const HOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226 Appendix D key

test('an HOTP slot shows a code only on Generate, advances its counter and keeps it across reloads', async ({
  page,
}) => {
  await setUpPin(page);
  await addByLink(page, `otpauth://hotp/Lab:frank?secret=${HOTP_SECRET}&issuer=Lab&counter=0`);
  const item = slotItem(page, /Lab.*frank/);
  await expect(item.getByRole('button', { name: /^[\d ]+$/ })).toHaveCount(0);

  await item.getByRole('button', { name: 'Generate code' }).click();
  await expect.poll(() => shownCode(page, /Lab.*frank/)).toBe('755224'); // RFC 4226 count 0
  await item.getByRole('button', { name: 'Generate code' }).click();
  await expect.poll(() => shownCode(page, /Lab.*frank/)).toBe(hotp(HOTP_SECRET, 1));

  await page.reload();
  await unlock(page);
  await slotItem(page, /Lab.*frank/)
    .getByRole('button', { name: 'Generate code' })
    .click();
  await expect.poll(() => shownCode(page, /Lab.*frank/)).toBe('359152'); // RFC 4226 count 2
});

test('selecting a code copies only the code and says Copied, by mouse or keyboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const t = Date.UTC(2026, 2, 3, 4, 5, 6);
  await page.clock.install({ time: t });
  await setUpPin(page);
  await addByLink(page, 'otpauth://totp/Acme:gina?secret=JBSWY3DPEHPK3PXP&issuer=Acme');
  await page.clock.pauseAt(t + 60_000);
  const expected = totp('JBSWY3DPEHPK3PXP', t + 60_000);
  const code = slotItem(page, /Acme.*gina/).getByRole('button', { name: /^[\d ]+$/ });
  await expect.poll(() => shownCode(page, /Acme.*gina/)).toBe(expected);

  await code.click();
  await expect(page.getByRole('status')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);

  await page.evaluate(() => navigator.clipboard.writeText('other'));
  await code.focus();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
});

test('without WebAssembly the vault falls back to PBKDF2 and still locks and opens', async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: simulate a browser or policy without WebAssembly.
    delete globalThis.WebAssembly;
  });
  await setUpPin(page);
  await addByLink(page, 'otpauth://totp/Acme:hana?secret=JBSWY3DPEHPK3PXP&issuer=Acme');
  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page);
  await expect(slotItem(page, /Acme.*hana/)).toBeVisible();
  const kdf = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('keyslot');
      req.onsuccess = () => resolve(req.result);
    });
    return new Promise<string>((resolve) => {
      const req = db.transaction('meta').objectStore('meta').get('vault');
      req.onsuccess = () => resolve(JSON.stringify(req.result.methods[0].kdf));
    });
  });
  expect(kdf).toContain('pbkdf2');
});
