import { test, expect } from '@playwright/test';
import { PIN, setUpPin, unlock, addByLink, slotItem, shownCode } from './helpers/app';
import { totp } from './helpers/oracle';

// A made-up PassLogic-style activation: 160-bit secret, the usual 6 digits / 30 s.
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=${SECRET}&issuer=PassLogic%20(KEK%20VPN)`;
const MANUAL_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

test('a new user sets a PIN, adds slots by link and by hand, and sees the right codes through lock, rename and delete', async ({
  page,
}) => {
  await page.clock.install({ time: T0 });

  await test.step('first run: welcome, then choose a PIN', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Welcome to Keyslot' })).toBeVisible();
    await setUpPin(page);
    await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
  });

  const name = /PassLogic \(KEK VPN\).*alice/;

  await test.step('add by pasted link: the shown code is the code for this instant', async () => {
    await addByLink(page, URI);
    await expect(slotItem(page, name)).toBeVisible();
    const t1 = T0 + 120_000 + 12_000; // 12 s into a period
    await page.clock.pauseAt(t1);
    await expect.poll(() => shownCode(page, name)).toBe(totp(SECRET, t1));
    // 12 s into a 30 s period: 18 s left, read out by the countdown's name.
    const timer = slotItem(page, name).getByRole('timer');
    await expect(timer).toHaveAccessibleName('Seconds left: 18');
  });

  await test.step('the code changes exactly at the period boundary', async () => {
    const boundary = T0 + 150_000;
    await page.clock.runFor(boundary - 1000 - (T0 + 132_000)); // 1 s before the boundary
    await expect.poll(() => shownCode(page, name)).toBe(totp(SECRET, boundary - 1));
    expect(totp(SECRET, boundary - 1)).not.toBe(totp(SECRET, boundary));
    await page.clock.runFor(1000);
    await expect.poll(() => shownCode(page, name)).toBe(totp(SECRET, boundary));
  });

  await test.step('after a reload Keyslot is locked and a wrong PIN is refused', async () => {
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
    await expect(page.getByText(/PassLogic/)).toHaveCount(0);
    await page.clock.resume();
    await page.getByLabel('PIN', { exact: true }).fill('480914');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByText('That PIN is not correct.')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByLabel('PIN', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
  });

  await test.step('the right PIN opens the same slot with the same code', async () => {
    await unlock(page, PIN);
    const t2 = T0 + 300_000 + 3_000;
    await page.clock.pauseAt(t2);
    await expect.poll(() => shownCode(page, name)).toBe(totp(SECRET, t2));
  });

  const manualName = /Lab GitLab.*bob@example\.org/;
  await test.step('add by hand with SHA256, 8 digits and a 60 s period: the code is right', async () => {
    await page.getByRole('button', { name: 'Add a slot' }).click();
    await page.getByRole('radio', { name: 'Enter a key' }).check();
    await page.getByLabel('Provider').fill('Lab GitLab');
    await page.getByLabel('Account').fill('bob@example.org');
    await page.getByLabel('Secret key').fill(MANUAL_SECRET.toLowerCase().replace(/(.{4})/g, '$1 '));
    await page.getByText('Advanced settings').click();
    await page.getByLabel('Algorithm').selectOption('SHA256');
    await page.getByLabel('Digits').selectOption('8');
    await page.getByLabel('Period (seconds)').fill('60');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('SHA-256')).toBeVisible(); // one spelling, as in Details
    await expect(page.getByText('60 seconds')).toBeVisible();
    await page.getByRole('button', { name: 'Add slot' }).click();
    const t3 = T0 + 300_000 + 4_000;
    await page.clock.runFor(1000);
    await expect.poll(() => shownCode(page, manualName)).toBe(totp(MANUAL_SECRET, t3, 60, 8, 'sha256'));
    expect(await shownCode(page, name)).toBe(totp(SECRET, t3));
  });

  await test.step('rename a slot', async () => {
    await page.getByRole('button', { name: 'Options for Lab GitLab' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit slot' });
    await dialog.getByLabel('Name', { exact: true }).fill('GitLab (work)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(slotItem(page, /GitLab \(work\).*bob@example\.org/)).toBeVisible();
  });

  await test.step('delete asks first, then takes the slot out of the list (into the trash)', async () => {
    await page.getByRole('button', { name: 'Options for GitLab (work)' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “GitLab (work)”?' });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Delete slot' }).click();
    await expect(slotItem(page, /GitLab/)).toHaveCount(0);
    await page.reload();
    await unlock(page);
    await expect(slotItem(page, /GitLab/)).toHaveCount(0);
    await expect(slotItem(page, name)).toBeVisible();
  });
});
