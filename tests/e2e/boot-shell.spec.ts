// Ready to type before any of the app's code runs (issue 16): index.html carries the unlock form,
// the boot script shows the one the boot note names, and the Unlock screen takes it over. The
// app's entry module is held back here, so only the prerendered form can be on screen.
import { expect, test, type Page } from '@playwright/test';
import { PIN, setUpPassphrase, setUpPin } from './helpers/app';
import { watchCsp } from './helpers/pwa';
import { wordsFor } from './helpers/words';

// page.route sees no request a service worker answers: keep the worker out of these journeys.
test.use({ serviceWorkers: 'block' });

/** Holds index.html's entry module until the returned function is called. */
async function holdEntry(page: Page): Promise<() => void> {
  const html = await (await page.request.get('/')).text();
  const entry = /<script type="module"[^>]*\ssrc="([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('index.html has no entry module');
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${entry}`, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** The app's own unlock field (Unlock.svelte), absent while the entry is held. */
const appField = (page: Page) => page.locator('#unlock-pin');

/**
 * After a navigation that returns at 'commit': wait until the HTML is parsed, so the boot
 * script (a classic script in it) has run and removed the copies it does not show. The held
 * entry module is deferred, so parsing ends without it ('interactive').
 */
const bootRan = (page: Page) => page.waitForFunction(() => document.readyState !== 'loading');
const bootShell = (page: Page) => page.locator('.boot-shell');

test('a returning visit can type the PIN before the app runs, and the app keeps every digit', async ({
  page,
  context,
}) => {
  const csp = watchCsp(context);
  await setUpPin(page);
  const release = await holdEntry(page);
  await page.reload({ waitUntil: 'commit' });
  await bootRan(page);

  const field = page.getByLabel('PIN', { exact: true });
  await expect(field).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
  await expect(field).toHaveAttribute('inputmode', 'numeric');
  const before = await field.boundingBox();
  await page.keyboard.type(PIN.slice(0, 4));
  await expect(field).toHaveValue(PIN.slice(0, 4));
  await expect(appField(page)).toHaveCount(0);
  await page.keyboard.press('Shift+ArrowLeft'); // a selection the takeover must keep

  release();
  await expect(appField(page)).toHaveValue(PIN.slice(0, 4));
  await expect(bootShell(page)).toHaveCount(0);
  await expect(appField(page)).toBeFocused();
  expect(
    await appField(page).evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd]),
  ).toEqual([3, 4]);
  expect(await appField(page).boundingBox()).toEqual(before);

  await page.keyboard.press('End');
  await page.keyboard.type(PIN.slice(4));
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
  expect(csp.violations).toEqual([]);
});

test('Enter pressed in the prerendered form unlocks once the app has taken it over', async ({ page }) => {
  await setUpPin(page);
  const release = await holdEntry(page);
  await page.reload({ waitUntil: 'commit' });
  await bootRan(page);
  await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your slots' })).toHaveCount(0);

  release();
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
});

test('a first visit shows no PIN field before the app runs, then the welcome screen', async ({ page }) => {
  const release = await holdEntry(page);
  await page.goto('/', { waitUntil: 'commit' });
  await bootRan(page);
  await expect(page.locator('#app')).toBeAttached();
  // The boot script ran (it removes the copies it does not show) and showed none.
  await expect(bootShell(page)).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByLabel('PIN', { exact: true })).toHaveCount(0);

  release();
  await expect(page.getByRole('button', { name: 'Get started' })).toBeVisible();
});

test('a passphrase vault gets the prerendered passphrase field, with the full keyboard', async ({ page }) => {
  const phrase = 'blue tram under snow';
  await setUpPassphrase(page, phrase);

  const release = await holdEntry(page);
  await page.reload({ waitUntil: 'commit' });
  await bootRan(page);
  const field = page.getByLabel('Passphrase', { exact: true });
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('inputmode', 'text');
  await expect(page.getByText('Enter your passphrase to see your codes.')).toBeVisible();
  await expect(page.getByLabel('PIN', { exact: true })).toHaveCount(0);
  await page.keyboard.type(phrase);

  release();
  await expect(appField(page)).toHaveValue(phrase);
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
});

test.describe('a browser set to Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('gets the prerendered unlock form in Japanese', async ({ page }) => {
    const ja = await wordsFor('ja');
    await page.goto('/');
    await page.getByRole('button', { name: ja['welcome.start'] }).click();
    await page.getByLabel('PIN', { exact: true }).fill(PIN);
    await page.getByLabel(ja['pin.confirmLabel']).fill(PIN);
    await page.getByRole('button', { name: ja['setup.submit'] }).click();
    await expect(page.getByRole('heading', { name: ja['list.title'] })).toBeVisible({ timeout: 20_000 });

    const release = await holdEntry(page);
    await page.reload({ waitUntil: 'commit' });
    await bootRan(page);
    await expect(page.getByRole('heading', { name: ja['unlock.title'] })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
    await expect(page.getByRole('button', { name: ja['unlock.submit'] })).toBeDisabled();
    await page.keyboard.type(PIN);
    await expect(page.getByRole('button', { name: ja['unlock.submit'] })).toBeEnabled();

    release();
    await expect(appField(page)).toHaveValue(PIN);
    await page.getByRole('button', { name: ja['unlock.submit'] }).click();
    await expect(page.getByRole('heading', { name: ja['list.title'] })).toBeVisible({ timeout: 20_000 });
  });
});
