// Steps a person takes, shared by the journeys.
import { expect, type Page } from '@playwright/test';

export const PIN = '480913';

/** On the PIN setup screen: types `pin` twice and presses Create PIN (without waiting for the list). */
export async function createPin(page: Page, pin = PIN): Promise<void> {
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByLabel('Confirm PIN').fill(pin);
  await page.getByRole('button', { name: 'Create PIN' }).click();
}

/** On the welcome screen: Get started, then create `pin` (without waiting for the list). */
export async function choosePin(page: Page, pin = PIN): Promise<void> {
  await page.getByRole('button', { name: 'Get started' }).click();
  await createPin(page, pin);
}

/** The first run, from loading the app to the (empty) slot list. */
export async function setUpPin(page: Page, pin = PIN): Promise<void> {
  await page.goto('/');
  await choosePin(page, pin);
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
}

/** The first run with a passphrase instead of a PIN, from loading the app to the (empty) slot list. */
export async function setUpPassphrase(page: Page, phrase: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Get started' }).click();
  await page.getByRole('button', { name: 'Use a passphrase instead' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(phrase);
  await page.getByLabel('Confirm passphrase').fill(phrase);
  await page.getByRole('button', { name: 'Create passphrase' }).click();
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
}

export async function unlock(page: Page, pin = PIN): Promise<void> {
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
}

export async function addByLink(page: Page, uri: string, name?: string): Promise<void> {
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Activation link').fill(uri);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
  if (name !== undefined) await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(page.getByRole('status')).toHaveText('Slot added');
}

export function slotItem(page: Page, name: string | RegExp) {
  return page.getByRole('listitem', { name });
}

/** The code text of a slot, digits only. */
export async function shownCode(page: Page, name: string | RegExp): Promise<string> {
  // The code is the button whose name is only digits (grouped with spaces).
  const text = await slotItem(page, name)
    .getByRole('button', { name: /^[\d ]+$/ })
    .textContent();
  return (text ?? '').replace(/\s/g, '');
}

/** Three TOTP slots the organising journeys share (an accented issuer among them). */
export const THREE_SLOTS = [
  { issuer: 'Société', account: 'ivy', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'GitLab', account: 'bob', secret: 'GEZDGNBVGY3TQOJQ' },
  { issuer: 'Acme', account: 'zoe', secret: 'MFRGGZDFMZTWQ2LK' },
] as const;

/** The activation link of one of THREE_SLOTS. */
export const slotLink = (s: { issuer: string; account: string; secret: string }) =>
  `otpauth://totp/${encodeURIComponent(s.issuer)}:${s.account}?secret=${s.secret}&issuer=${encodeURIComponent(s.issuer)}`;
