// Steam Guard slots can be added, not only imported (issue 15): by an activation link in any of
// the forms other apps write (otpauth://steam/, encoder=steam, Bitwarden's steam://) and by hand.
// The code shown is checked against an independent implementation (helpers/oracle.ts).
import { test, expect, type Page } from '@playwright/test';
import { setUpPin, slotItem } from './helpers/app';
import { steamCode } from './helpers/oracle';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const T0 = Date.UTC(2026, 11, 3, 12, 0, 5);

async function steamShown(page: Page, name: RegExp): Promise<string> {
  const text = await slotItem(page, name).locator('button.code').textContent();
  return (text ?? '').replace(/\s/g, '');
}

async function confirmSteam(page: Page) {
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
  await expect(page.getByText('Steam Guard (5 characters)')).toBeVisible();
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(page.getByRole('status')).toHaveText('Slot added');
}

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: T0 });
});

for (const [form, uri, name] of [
  [
    'otpauth://steam/ (Aegis, 2FAS, Ente Auth)',
    `otpauth://steam/Steam:gamer?secret=${SECRET}&issuer=Steam`,
    /Steam.*gamer/,
  ],
  ['encoder=steam (KeePassXC)', `otpauth://totp/Steam:player?secret=${SECRET}&encoder=steam`, /Steam.*player/],
  ['steam:// (Bitwarden)', `steam://${SECRET}`, /Steam/],
] as const) {
  test(`an activation link in the ${form} form adds a Steam Guard slot with Steam’s 5-character code`, async ({
    page,
  }) => {
    await setUpPin(page);
    await page.goto(`/#add=${encodeURIComponent(uri)}`);
    await confirmSteam(page);
    await page.clock.pauseAt(T0 + 40_000);
    await expect.poll(() => steamShown(page, name)).toBe(steamCode(SECRET, T0 + 40_000));
    expect(await steamShown(page, name)).toMatch(/^[2-9BCDFGHJKMNPQRTV-Y]{5}$/ /* Steam's alphabet */);
  });
}

test('a Steam Guard key typed by hand needs no settings and shows Steam’s code', async ({ page }) => {
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByRole('radio', { name: 'Enter a key' }).check();
  await page.getByLabel('Provider').fill('Steam');
  await page.getByLabel('Account').fill('gamer');
  await page.getByLabel('Secret key').fill(SECRET);
  await page.getByText('Advanced settings').click();
  await page.getByRole('radio', { name: 'Steam Guard (5 characters)' }).check();
  await expect(page.getByText('Steam Guard codes are always 5 characters')).toBeVisible();
  await expect(page.getByLabel('Digits')).toHaveCount(0); // nothing to set: the parameters are fixed
  await page.getByRole('button', { name: 'Continue' }).click();
  await confirmSteam(page);
  await page.clock.pauseAt(T0 + 70_000);
  await expect.poll(() => steamShown(page, /Steam.*gamer/)).toBe(steamCode(SECRET, T0 + 70_000));
});
