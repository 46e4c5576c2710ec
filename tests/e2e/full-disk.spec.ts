// Issue 14: with the site's storage full, every IndexedDB write fails with QuotaExceededError;
// the vault still opens with the right PIN, with a visible warning, and a wrong PIN still costs
// a 30 s wait before the next try, though it could not be counted in storage.
//
// How the disk is "filled": Chromium's CDP Storage.overrideQuotaForOrigin is enforced here
// (Chromium 156) only for an origin that has stored nothing yet; once the vault exists, writes
// pass whatever quota is set (checked: 1 byte, half the usage, usage + 2 KB). So the page's
// IndexedDB put/add throw the DOMException a full disk gives (name QuotaExceededError) from
// the moment the test says so, before any Keyslot code runs (an init script).
import { test, expect, type Page } from '@playwright/test';
import { PIN, setUpPin, addByLink, slotItem } from './helpers/app';

const WRONG = '480914';
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const URI =
  'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)';

const pinField = (page: Page) => page.getByLabel('PIN', { exact: true });
const unlockButton = (page: Page) => page.getByRole('button', { name: /^(Unlock|Unlocking…)$/ });

test('a full disk still lets the right PIN open the vault, with a warning, and spaces tries 30 s apart', async ({
  page,
}) => {
  await page.clock.install({ time: T0 });
  await setUpPin(page);
  await addByLink(page, URI);
  await page.addInitScript(() => {
    if (sessionStorage.getItem('e2e.diskFull') !== '1') return;
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.put = full;
    IDBObjectStore.prototype.add = full;
  });
  await page.evaluate(() => sessionStorage.setItem('e2e.diskFull', '1'));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();

  await test.step('the disk is full: a write to IndexedDB fails with QuotaExceededError', async () => {
    const error = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const req = indexedDB.open('keyslot');
          req.onsuccess = () => {
            try {
              req.result.transaction('meta', 'readwrite').objectStore('meta').put(1, 'probe');
              resolve('written');
            } catch (e) {
              resolve((e as DOMException).name);
            } finally {
              req.result.close();
            }
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
