// The system Back button (Android's Back, the browser's Back, Alt+←) goes one level up inside
// Keyslot, as each screen's own Back or Cancel does, instead of leaving the app from Settings or
// from the add screen. The history entry it uses carries nothing but a marker: no secret.
import { test, expect, type Page } from '@playwright/test';
import { addByLink, setUpPin, slotItem, slotLink, THREE_SLOTS } from './helpers/app';
import { openSettings } from './helpers/settings';

const listTitle = (page: Page) => page.getByRole('heading', { name: 'Your slots', level: 1 });
const settingsTitle = (page: Page) => page.getByRole('heading', { name: 'Settings', level: 1 });
const inKeyslot = (page: Page, baseURL: string | undefined) =>
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);

test('Back goes from a Settings section to Settings, then to the list, and focus lands on the section left', async ({
  page,
  baseURL,
}) => {
  await setUpPin(page);
  await addByLink(page, slotLink(THREE_SLOTS[1]));
  await openSettings(page, 'backups');
  await page.goBack();
  await expect(settingsTitle(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Backups', exact: true })).toBeFocused();
  await page.goBack();
  await expect(listTitle(page)).toBeVisible();
  await expect(slotItem(page, /GitLab/)).toBeVisible();
  inKeyslot(page, baseURL);
});

test('leaving Settings by its own Back buttons leaves no extra step: the next system Back leaves Keyslot', async ({
  page,
}) => {
  await setUpPin(page); // the tab's history: about:blank, then Keyslot
  await openSettings(page, 'about');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => history.state?.keyslotScreen ?? null)).toBeNull();
  await page.goBack();
  expect(page.url()).toBe('about:blank');
});

test('Back on the add screen drops a typed activation link, adds nothing, and the history never holds it', async ({
  page,
  baseURL,
}) => {
  await setUpPin(page);
  const link = slotLink(THREE_SLOTS[0]);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Activation link').fill(link);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
  inKeyslot(page, baseURL);
  const state = await page.evaluate(() => JSON.stringify(history.state));
  expect(state).not.toContain('otpauth');
  expect(state).not.toContain(THREE_SLOTS[0].secret);
  // Forward does not bring the add screen (or the link) back.
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
});
