// Change PIN (issue 6): Settings → Change PIN re-wraps the data key under the new PIN. After it,
// the old PIN is refused, the new one opens, and the same slots show the same codes.
import { test, expect, type Page } from '@playwright/test';
import { PIN, setUpPin, unlock, addByLink, slotItem, shownCode } from './helpers/app';
import { leaveSettings, openSettings } from './helpers/settings';

const NEW_PIN = '602581';
const T0 = Date.UTC(2026, 0, 15, 9, 0, 10);
const URI =
  'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)';

async function openChangePin(page: Page) {
  await openSettings(page, 'security');
  await expect(page.getByRole('heading', { name: 'Change PIN' })).toBeVisible();
}

async function fillChange(page: Page, current: string, next: string, confirm = next) {
  await page.getByLabel('Current PIN', { exact: true }).fill(current);
  await page.getByLabel('New PIN', { exact: true }).fill(next);
  await page.getByLabel('Confirm new PIN', { exact: true }).fill(confirm);
  await page.getByRole('button', { name: 'Change PIN' }).click();
}

test('change the PIN: the old PIN is refused, the new one opens the same slots with the same codes', async ({
  page,
}) => {
  await page.clock.install({ time: T0 });
  await page.clock.pauseAt(T0 + 1000); // same 30 s window for the codes before and after
  await setUpPin(page);
  await addByLink(page, URI, 'KEK VPN');
  const code = await shownCode(page, /KEK VPN/);
  expect(code).toMatch(/^\d{6}$/);

  await openChangePin(page);
  await test.step('the new PIN follows the setup rules, with the same messages', async () => {
    await fillChange(page, PIN, '123456');
    await expect(
      page.getByText('This PIN is too easy to guess. Avoid repeated digits and runs like 123456.'),
    ).toBeVisible();
    await fillChange(page, PIN, NEW_PIN, '602582');
    await expect(page.getByText('The two PINs are not the same.')).toBeVisible();
  });
  await test.step('a wrong current PIN is refused', async () => {
    await fillChange(page, '480914', NEW_PIN);
    await expect(page.getByText('That PIN is not correct.')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByLabel('Current PIN', { exact: true })).toHaveValue('');
  });
  await test.step('the right current PIN changes it', async () => {
    await fillChange(page, PIN, NEW_PIN);
    await expect(page.getByRole('status')).toHaveText('PIN changed', { timeout: 20_000 });
    await expect(page.getByLabel('New PIN', { exact: true })).toHaveValue('');
  });

  await leaveSettings(page);
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();

  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('That PIN is not correct.')).toBeVisible({ timeout: 20_000 });

  await page.reload();
  await unlock(page, NEW_PIN);
  await expect(slotItem(page, /KEK VPN/)).toBeVisible();
  expect(await shownCode(page, /KEK VPN/)).toBe(code);
});
