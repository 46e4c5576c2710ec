// Issue 14: with the site's storage full (Chromium's quota for the origin set below what it
// already uses, so every IndexedDB write fails with a real QuotaExceededError), the vault
// still opens with the right PIN, with a visible warning; a wrong PIN still costs a 30 s wait
// before the next try, though it could not be counted in storage.
import { test, expect, type Page } from '@playwright/test';
import { PIN, setUpPin, addByLink, slotItem } from './app';

const WRONG = '480914';
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const URI = 'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)';

const pinField = (page: Page) => page.getByLabel('PIN', { exact: true });
const unlockButton = (page: Page) => page.getByRole('button', { name: /^(Unlock|Unlocking…)$/ });

test('a full disk still lets the right PIN open the vault, with a warning, and spaces tries 30 s apart', async ({ page, context, baseURL }) => {
  await page.clock.install({ time: T0 });
  await setUpPin(page);
  await addByLink(page, URI);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();

  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 0 });

  await test.step('the disk really is full: a write to IndexedDB fails with QuotaExceededError', async () => {
    const error = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const req = indexedDB.open('keyslot-quota-probe');
          req.onupgradeneeded = () => req.result.createObjectStore('s');
          req.onsuccess = () => {
            const tx = req.result.transaction('s', 'readwrite');
            tx.objectStore('s').put(new Uint8Array(1 << 20), 'k');
            tx.oncomplete = () => resolve('written');
            tx.onabort = () => resolve(tx.error?.name ?? 'aborted');
          };
          req.onerror = () => resolve(req.error?.name ?? 'open failed');
        }),
    );
    expect(error).toBe('QuotaExceededError');
  });

  await page.clock.pauseAt(T0 + 3_600_000); // time moves only when the test says so
  await test.step('a wrong PIN is refused, and the next try must wait 30 s', async () => {
    await pinField(page).fill(WRONG);
    await unlockButton(page).click();
    await expect(page.getByText('That PIN is not correct.')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('timer')).toContainText('0:30');
    await pinField(page).fill(PIN);
    await expect(unlockButton(page)).toBeDisabled();
    await page.reload(); // a reload does not forget the unsaved try
    await expect(page.getByRole('timer')).toContainText('0:30');
  });

  await test.step('after the wait the right PIN opens the vault, with a warning that says why', async () => {
    await page.clock.runFor(31_000);
    await pinField(page).fill(PIN);
    await expect(unlockButton(page)).toBeEnabled();
    await unlockButton(page).click();
    await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
    await expect(slotItem(page, /PassLogic \(KEK VPN\).*alice/)).toBeVisible();
    await expect(page.getByText(/Storage is full: this unlock could not be recorded/)).toBeVisible();
  });
});
