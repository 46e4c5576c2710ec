// Ready to type before any of the app's code runs (issue 16): index.html carries the unlock form,
// the boot script shows the one the boot note names, and the Unlock screen takes it over; on a
// first visit it shows the welcome screen, which the Welcome screen takes over. The app's entry
// module is held back here, so only the prerendered copies can be on screen.
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
const bootWelcome = (page: Page) => page.locator('.boot-welcome');

/**
 * Records, at every frame from the first, how many welcome screens are on view: the prerendered
 * copy and the app's own (Welcome.svelte). welcomeFrames reads the record.
 */
const watchWelcome = (page: Page) =>
  page.addInitScript(() => {
    const frames: { boot: number; app: number }[] = [];
    Object.assign(window, { __welcomeFrames: frames });
    const tick = () => {
      const boot = [...document.querySelectorAll('.boot-welcome')].filter((e) => e.checkVisibility()).length;
      frames.push({ boot, app: document.querySelectorAll('#welcome-title').length });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
const welcomeFrames = (page: Page) =>
  page.evaluate(() => (window as unknown as { __welcomeFrames: { boot: number; app: number }[] }).__welcomeFrames);

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

test('a first visit paints the welcome screen before the app runs, then the app takes it over', async ({
  page,
  context,
}) => {
  const csp = watchCsp(context);
  await watchWelcome(page);
  const release = await holdEntry(page);
  await page.goto('/', { waitUntil: 'commit' });
  await bootRan(page);
  const heading = page.getByRole('heading', { name: 'Welcome to Keyslot' });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(bootShell(page)).toHaveCount(1); // the other language and every unlock form are gone
  await expect(page.getByRole('button', { name: 'Get started' })).toBeEnabled();
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByLabel('PIN', { exact: true })).toHaveCount(0);
  const before = await heading.boundingBox();
  await page.screenshot({ path: test.info().outputPath('welcome-prerendered.png') });

  release();
  await expect(page.locator('#welcome-title')).toBeFocused();
  await expect(bootShell(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Get started' })).toHaveCount(1);
  expect(await heading.boundingBox()).toEqual(before);
  await page.screenshot({ path: test.info().outputPath('welcome-app.png') });
  // From the first frame that showed a welcome screen on: exactly one, never both, never none.
  const frames = await welcomeFrames(page);
  const first = frames.findIndex((f) => f.boot + f.app > 0);
  expect(first).toBeGreaterThanOrEqual(0);
  expect(frames.slice(first).filter((f) => f.boot + f.app !== 1)).toEqual([]);
  expect(frames.some((f) => f.app === 1)).toBe(true);

  await page.getByRole('button', { name: 'Get started' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a PIN' })).toBeVisible();
  expect(csp.violations).toEqual([]);
});

test('Start pressed before the app runs is kept: the app goes on to choosing a PIN', async ({ page }) => {
  const release = await holdEntry(page);
  await page.goto('/', { waitUntil: 'commit' });
  await bootRan(page);
  const start = page.getByRole('button', { name: 'Get started' });
  await start.click();
  await expect(start).toHaveAttribute('aria-disabled', 'true'); // seen to be taken, not lost
  await expect(page.getByRole('heading', { name: 'Choose a PIN' })).toHaveCount(0);

  release();
  await expect(page.getByRole('heading', { name: 'Choose a PIN' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Welcome to Keyslot' })).toHaveCount(0);
  await expect(bootShell(page)).toHaveCount(0);
});

test('the keyboard reaches Start before the app runs, and keeps it through the takeover', async ({ page }) => {
  const release = await holdEntry(page);
  await page.goto('/', { waitUntil: 'commit' });
  await bootRan(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Get started' })).toBeFocused();

  release();
  await expect(bootShell(page)).toHaveCount(0);
  await expect(page.locator('#welcome-title')).toBeAttached();
  await expect(page.getByRole('button', { name: 'Get started' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Choose a PIN' })).toBeVisible();
});

test('an activation link on a first visit never shows the prerendered welcome screen', async ({ page }) => {
  await watchWelcome(page);
  const release = await holdEntry(page);
  await page.goto('/#add=otpauth%3A%2F%2Ftotp%2FVPN%3Fsecret%3DJBSWY3DPEHPK3PXP', { waitUntil: 'commit' });
  await bootRan(page);
  await expect(bootShell(page)).toHaveCount(0);

  release();
  // The app greets the person itself (and adds the slot once a PIN is chosen).
  await expect(page.locator('#welcome-title')).toBeVisible();
  expect((await welcomeFrames(page)).filter((f) => f.boot > 0)).toEqual([]);
});

test('a returning visit never shows the welcome screen, not even for a frame', async ({ page }) => {
  await setUpPin(page);
  await watchWelcome(page);
  const release = await holdEntry(page);
  await page.reload({ waitUntil: 'commit' });
  await bootRan(page);
  await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
  await expect(bootWelcome(page)).toHaveCount(0);

  release();
  await expect(appField(page)).toBeFocused();
  expect((await welcomeFrames(page)).filter((f) => f.boot + f.app > 0)).toEqual([]);
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

  test('gets the prerendered welcome screen in Japanese on a first visit', async ({ page }) => {
    const ja = await wordsFor('ja');
    const release = await holdEntry(page);
    await page.goto('/', { waitUntil: 'commit' });
    await bootRan(page);
    await expect(page.getByRole('heading', { name: ja['welcome.title'] })).toBeFocused();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByText(ja['welcome.body2'])).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Welcome to Keyslot' })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('welcome-ja-prerendered.png') });

    release();
    await expect(page.locator('#welcome-title')).toBeFocused();
    await expect(page.getByRole('heading', { name: ja['welcome.title'] })).toHaveCount(1);
    await page.getByRole('button', { name: ja['welcome.start'] }).click();
    await expect(page.getByRole('heading', { name: ja['setup.title'] })).toBeVisible();
  });

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
