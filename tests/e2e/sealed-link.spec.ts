// Sealed activation links (#add=ks1.…, docs/activation-links.md): the code step between the PIN and
// the confirmation, its errors, and the warning a plain link opened in the browser now gets.
import { test, expect, type Page } from '@playwright/test';
import { LINK_KDF_MIN, formatCode } from '../../src/core/sealed-link';
import { makeSealedLink } from '../../src/platform/sealed-link';
import { PIN, setUpPin, slotItem } from './helpers/app';
import { qrPng } from './helpers/qr';
import { wordsFor } from './helpers/words';

const SECRET = 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BAJJ2W24DTEBXXMZLSEB2GQZJA';
const URI = `otpauth://totp/Sealed%20Lab:bob?secret=${SECRET}&issuer=Sealed%20Lab`;
const NAME = /Sealed Lab.*bob/;

async function sealed(baseURL: string | undefined): Promise<{ link: string; code: string }> {
  // The cheapest cost Keyslot accepts keeps the test quick; the default is measured in the profile test.
  const made = await makeSealedLink(`${baseURL}/`, URI, LINK_KDF_MIN);
  return { link: made.link, code: formatCode(made.code) };
}

async function openCold(page: Page, link: string): Promise<void> {
  await setUpPin(page);
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

test('a sealed link asks for the activation code, refuses a wrong one, then adds the slot', async ({
  page,
  baseURL,
}) => {
  const { link, code } = await sealed(baseURL);
  await openCold(page, link);
  await expect(page.getByRole('heading', { name: 'Enter the activation code' })).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/`);
  const field = page.getByRole('textbox', { name: 'Activation code' });
  await expect(field).toHaveAttribute('autocomplete', 'off');
  await expect(field).toBeFocused();

  await field.fill('7KQ2M');
  await page.getByRole('button', { name: 'Open link' }).click();
  await expect(page.getByRole('alert')).toHaveText(/10 letters and digits/);

  // A wrong code with the right shape: the link does not open, the typed code stays to be corrected.
  const wrong = code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`;
  await field.fill(wrong);
  await page.getByRole('button', { name: 'Open link' }).click();
  await expect(page.getByRole('alert')).toHaveText(/does not open this link/);
  await expect(field).toHaveValue(wrong);
  await expect(field).toBeFocused();

  await field.fill(code.toLowerCase().replace('-', ' '));
  await page.getByRole('button', { name: 'Open link' }).click();
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Slot added' })).toBeAttached();
  await expect(slotItem(page, NAME)).toBeVisible();
  // Sealed: nothing to warn about.
  await expect(page.getByRole('heading', { name: 'Consider this activation link exposed' })).toHaveCount(0);
  expect(page.url()).not.toContain('add=');
});

test('a sealed link pasted into the link field asks for the code too, and Cancel adds nothing', async ({
  page,
  baseURL,
}) => {
  const { link } = await sealed(baseURL);
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Activation link').fill(link);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Enter the activation code' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
});

test('a link from a newer Keyslot says so', async ({ page, baseURL }) => {
  const { link } = await sealed(baseURL);
  await openCold(page, link.replace('#add=ks1.', '#add=ks2.'));
  await expect(page.getByRole('alert')).toHaveText(/newer Keyslot/);
});

test('a plain link opened in the browser is added, then called exposed, with the steps to delete it from history', async ({
  page,
}) => {
  await openCold(page, `/#add=${encodeURIComponent(URI)}`);
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(slotItem(page, NAME)).toBeVisible();
  const warning = page.getByRole('region', { name: 'Consider this activation link exposed' });
  await expect(warning).toBeVisible();
  await warning.getByText('How to delete it from the history').click();
  for (const browser of ['Chrome:', 'Edge:', 'Safari on iPhone or iPad:', 'Firefox:'])
    await expect(warning).toContainText(browser);
  await warning.getByRole('button', { name: 'I have deleted it' }).click();
  await expect(warning).toHaveCount(0);
});

test('a plain link pasted into the link field never was in the address bar: no warning', async ({ page }) => {
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Activation link').fill(URI);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(slotItem(page, NAME)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Consider this activation link exposed' })).toHaveCount(0);
});

test('a sealed link in a QR image asks for the code, shows it is working, then adds the slot', async ({
  page,
  baseURL,
}) => {
  // The default cost (64 MiB, 3 passes: about a second), so the busy state is there to be seen.
  const made = await makeSealedLink(`${baseURL}/`, URI);
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Choose an image').setInputFiles(await qrPng(made.link));
  const field = page.getByRole('textbox', { name: 'Activation code' });
  await expect(field).toBeFocused();
  await field.fill(formatCode(made.code));
  await field.press('Enter');
  await expect(page.getByRole('progressbar', { name: 'Opening the link…' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Opening the link…' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(slotItem(page, NAME)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Consider this activation link exposed' })).toHaveCount(0);
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('the code step and the exposed-link warning speak Japanese', async ({ page, baseURL }) => {
    const ja = await wordsFor('ja');
    await page.goto('/');
    await page.getByRole('button', { name: ja['welcome.start'] }).click();
    await page.getByLabel(ja['pin.label'], { exact: true }).fill(PIN);
    await page.getByLabel(ja['pin.confirmLabel']).fill(PIN);
    await page.getByRole('button', { name: ja['setup.submit'] }).click();
    await expect(page.getByRole('heading', { name: ja['list.title'] })).toBeVisible({ timeout: 20_000 });

    // A sealed link opened in the open tab (only the fragment changes): the code step, in Japanese.
    const { link } = await sealed(baseURL);
    await page.goto(link);
    await expect(page.getByRole('heading', { name: ja['linkCode.title'] })).toBeVisible();
    await expect(page.getByRole('textbox', { name: ja['linkCode.label'] })).toBeFocused();
    await page.getByRole('textbox', { name: ja['linkCode.label'] }).fill('12345');
    await page.getByRole('button', { name: ja['linkCode.submit'] }).click();
    await expect(page.getByRole('alert')).toHaveText(ja['error.LINK_CODE_INVALID']!);

    // A plain link opened while the code step is still showing replaces it: added, then the
    // warning and its steps, in Japanese.
    await page.goto(`/#add=${encodeURIComponent(URI)}`);
    await page.getByRole('button', { name: ja['confirm.submit'] }).click();
    const warning = page.getByRole('region', { name: ja['linkWarning.title'] });
    await expect(warning).toBeVisible();
    await warning.getByText(ja['linkWarning.howTo']!).click();
    await expect(warning).toContainText(ja['linkWarning.safari']!);
    await warning.getByRole('button', { name: ja['linkWarning.dismiss'] }).click();
    await expect(warning).toHaveCount(0);
  });
});
