// Passphrase instead of a PIN (issue 6): chosen at setup or in Settings → Change PIN; the unlock
// screen then asks for a passphrase with the full keyboard, and the same rules and limits apply.
import { test, expect, type Page } from '@playwright/test';
import { addByLink, shownCode, slotItem } from './helpers/app';
import { openSettings } from './helpers/settings';

const PHRASE = 'blue tram under snow';
const T0 = Date.UTC(2026, 0, 15, 9, 0, 10);
const URI =
  'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)';

async function unlockWithPassphrase(page: Page, phrase: string) {
  await page.getByLabel('Passphrase', { exact: true }).fill(phrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

test('set up with a passphrase, unlock with it after a reload, and switch to a PIN in Settings', async ({ page }) => {
  await page.clock.install({ time: T0 });
  await page.clock.pauseAt(T0 + 1000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Get started' }).click();

  await test.step('the setup screen switches to a passphrase with the full keyboard', async () => {
    await page.getByRole('button', { name: 'Use a passphrase instead' }).click();
    await expect(page.getByRole('heading', { name: 'Choose a passphrase' })).toBeVisible();
    const field = page.getByLabel('Passphrase', { exact: true });
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('inputmode', 'text');
    await expect(field).toHaveAttribute('type', 'password');
  });

  await test.step('the passphrase rules speak in characters', async () => {
    await page.getByLabel('Passphrase', { exact: true }).fill('too short');
    await page.getByLabel('Confirm passphrase').fill('too short');
    await page.getByRole('button', { name: 'Create passphrase' }).click();
    await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
    await page.getByLabel('Passphrase', { exact: true }).fill(PHRASE);
    await page.getByLabel('Confirm passphrase').fill('blue tram under snoW');
    await page.getByRole('button', { name: 'Create passphrase' }).click();
    await expect(page.getByText('The two passphrases are not the same.')).toBeVisible();
  });

  await page.getByLabel('Confirm passphrase').fill(PHRASE);
  await page.getByRole('button', { name: 'Create passphrase' }).click();
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
  await addByLink(page, URI, 'KEK VPN');
  const code = await shownCode(page, /KEK VPN/);

  await test.step('after a reload the unlock screen asks for the passphrase, and says so when it is wrong', async () => {
    await page.reload();
    await expect(page.getByText('Enter your passphrase to see your codes.')).toBeVisible();
    await expect(page.getByLabel('Passphrase', { exact: true })).toHaveAttribute('inputmode', 'text');
    await expect(page.getByLabel('PIN', { exact: true })).toHaveCount(0);
    await unlockWithPassphrase(page, 'blue tram under rain');
    await expect(page.getByText('That passphrase is not correct.')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('4 attempts left before a wait.')).toBeVisible();
    await unlockWithPassphrase(page, PHRASE);
    await expect(slotItem(page, /KEK VPN/)).toBeVisible({ timeout: 20_000 });
    expect(await shownCode(page, /KEK VPN/)).toBe(code);
  });

  await test.step('Settings → Change passphrase → a PIN', async () => {
    await openSettings(page, 'security');
    await expect(page.getByRole('heading', { name: 'Change passphrase' })).toBeVisible();
    await page.getByLabel('Current passphrase', { exact: true }).fill(PHRASE);
    await page.getByRole('radio', { name: 'A PIN (digits)' }).check();
    await expect(page.getByLabel('New PIN', { exact: true })).toHaveAttribute('inputmode', 'numeric');
    await page.getByLabel('New PIN', { exact: true }).fill('602581');
    await page.getByLabel('Confirm new PIN', { exact: true }).fill('602581');
    await page.getByRole('button', { name: 'Change PIN' }).click();
    await expect(page.getByRole('status')).toHaveText('PIN changed', { timeout: 20_000 });
    await expect(page.getByRole('heading', { name: 'Change PIN' })).toBeVisible();
    await expect(page.getByLabel('Current PIN', { exact: true })).toBeVisible();
  });

  await page.reload();
  await page.getByLabel('PIN', { exact: true }).fill('602581');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(slotItem(page, /KEK VPN/)).toBeVisible({ timeout: 20_000 });
  expect(await shownCode(page, /KEK VPN/)).toBe(code);
});
