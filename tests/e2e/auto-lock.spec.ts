// Auto-lock and hiding (issue 6): lock after the page was hidden or idle for the chosen time,
// no digits on screen while hidden, tap to reveal, and the clipboard cleared after 30 s.
// Visibility is emulated: an init script makes document.visibilityState/hidden answer what the
// test says and dispatches 'visibilitychange', as the browser does when the app is switched away.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { setUpPin, addByLink, slotItem, shownCode, unlock } from './helpers/app';
import { totp } from './helpers/oracle';
import { leaveSettings, openSettings } from './helpers/settings';

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Acme:ivy?secret=${SECRET}&issuer=Acme`; // no digits in the names
const NAME = /Acme.*ivy/;
const T0 = Date.UTC(2026, 3, 7, 8, 0, 0);

async function emulateVisibility(page: Page): Promise<void> {
  await page.addInitScript(() => {
    let state: DocumentVisibilityState = 'visible';
    Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => state === 'hidden' });
    Object.assign(window, {
      __setVisibility(next: DocumentVisibilityState) {
        state = next;
        document.dispatchEvent(new Event('visibilitychange'));
      },
    });
  });
}

const setVisibility = (page: Page, state: 'hidden' | 'visible') =>
  page.evaluate((s) => (window as unknown as { __setVisibility(s: string): void }).__setVisibility(s), state);

const fakeNow = (page: Page) => page.evaluate(() => Date.now());

async function start(page: Page): Promise<void> {
  await emulateVisibility(page);
  await page.clock.install({ time: T0 });
  await setUpPin(page);
  await addByLink(page, URI);
  await expect.poll(() => shownCode(page, NAME)).toMatch(/^\d{6}$/);
}

const listHeading = (page: Page) => page.getByRole('heading', { name: 'Your slots' });
const unlockHeading = (page: Page) => page.getByRole('heading', { name: 'Unlock Keyslot' });

/**
 * The list's text without its countdowns: the seconds left are no secret (their strip of numbers
 * is in every card), while no digit of a code may show.
 */
const textBesideTimers = (list: Locator) =>
  list.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[role="timer"]').forEach((timer) => timer.remove());
    return copy.textContent;
  });

async function openLocking(page: Page) {
  await openSettings(page, 'security');
  await expect(page.getByRole('heading', { name: 'Locking' })).toBeVisible();
}

test('hidden: no digits on screen, still unlocked before 1 minute, locked after it', async ({ page }) => {
  await start(page);
  const list = page.getByRole('list', { name: 'Slots' });

  await setVisibility(page, 'hidden');
  await expect(list).toBeVisible();
  expect(await textBesideTimers(list)).not.toMatch(/\d/);
  await expect(list.getByRole('button', { name: /^[\d ]+$/ })).toHaveCount(0);

  await page.clock.runFor(50_000);
  await expect(listHeading(page)).toBeVisible();
  await setVisibility(page, 'visible');
  const now = await fakeNow(page);
  await expect.poll(() => shownCode(page, NAME)).toBe(totp(SECRET, now));

  await setVisibility(page, 'hidden');
  await page.clock.runFor(60_000);
  await expect(unlockHeading(page)).toBeVisible();
  await expect(page.getByText(/Acme/)).toHaveCount(0);
  await setVisibility(page, 'visible');
  await expect(unlockHeading(page)).toBeVisible();
  await unlock(page);
  await expect(slotItem(page, NAME)).toBeVisible();
});

test('a tab frozen while hidden (its timers never ran) locks as soon as it is shown again', async ({ page }) => {
  await start(page);
  const now = await fakeNow(page);
  await page.clock.pauseAt(now + 1000); // no timer runs from here on
  await setVisibility(page, 'hidden');
  await page.clock.setSystemTime(now + 1000 + 61_000);
  await expect(listHeading(page)).toBeVisible(); // the lock timer did not fire
  await setVisibility(page, 'visible');
  await expect(unlockHeading(page)).toBeVisible();
});

test('idle: locked after 5 minutes without input, and any input restarts the wait', async ({ page }) => {
  await start(page);
  await page.clock.runFor(240_000);
  await expect(listHeading(page)).toBeVisible();
  await listHeading(page).click(); // input
  await page.clock.runFor(240_000);
  await expect(listHeading(page)).toBeVisible();
  await page.keyboard.press('Shift'); // input
  await page.clock.runFor(290_000);
  await expect(listHeading(page)).toBeVisible();
  await page.clock.runFor(12_000);
  await expect(unlockHeading(page)).toBeVisible();
});

test('Settings → Locking: the choices apply at once and are kept across a reload', async ({ page }) => {
  await start(page);
  await openLocking(page);
  const hidden = page.getByLabel('Lock when Keyslot is in the background');
  const idle = page.getByLabel('Lock when not used');
  await expect(hidden).toHaveValue('60000');
  await expect(idle).toHaveValue('300000');
  await expect(page.getByRole('checkbox', { name: 'Tap to reveal codes' })).not.toBeChecked();

  await hidden.selectOption({ label: 'Immediately' });
  await idle.selectOption({ label: 'Never' });
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('keyslot.prefs') ?? 'null'));
  expect(stored).toEqual({
    v: 1,
    lockWhenHidden: 0,
    lockWhenIdle: 0,
    tapToReveal: false,
    sortOrder: 'manual',
    language: null,
    piaSyncAtUnlock: false,
    density: 'compact',
  });

  await leaveSettings(page);
  await page.clock.runFor(20 * 60_000); // idle lock is off
  await expect(listHeading(page)).toBeVisible();
  await setVisibility(page, 'hidden'); // immediately
  await expect(unlockHeading(page)).toBeVisible();

  await setVisibility(page, 'visible');
  await page.reload();
  await unlock(page);
  await openLocking(page);
  await expect(hidden).toHaveValue('0');
  await expect(idle).toHaveValue('0');
});

test('tap to reveal: dots until selected; selecting shows the code for its period and copies it', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await start(page);
  await openLocking(page);
  await page.getByRole('checkbox', { name: 'Tap to reveal codes' }).check();
  await leaveSettings(page);

  const t = Math.ceil((await fakeNow(page)) / 30_000) * 30_000 + 30_000 + 5_000; // 5 s into a period
  await page.clock.pauseAt(t);
  const list = page.getByRole('list', { name: 'Slots' });
  const reveal = slotItem(page, NAME).getByRole('button', { name: 'Show and copy code' });
  await expect(reveal).toBeVisible();
  expect(await textBesideTimers(list)).not.toMatch(/\d/);

  await reveal.click();
  await expect.poll(() => shownCode(page, NAME)).toBe(totp(SECRET, t));
  await expect(page.getByRole('status')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(totp(SECRET, t));

  await page.clock.runFor(24_000); // still the same period
  expect(await shownCode(page, NAME)).toBe(totp(SECRET, t));
  await page.clock.runFor(2_000); // the next period: hidden again
  await expect(reveal).toBeVisible();
  expect(await textBesideTimers(list)).not.toMatch(/\d/);
});

test('the clipboard holds only the code and is emptied after 30 s, unless something else was copied', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await start(page);
  const t = (await fakeNow(page)) + 1000;
  await page.clock.pauseAt(t);
  const code = totp(SECRET, t);
  const button = slotItem(page, NAME).getByRole('button', { name: /^[\d ]+$/ });
  await expect.poll(() => shownCode(page, NAME)).toBe(code);

  await button.click();
  await expect(page.getByRole('status')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await page.clock.runFor(29_000);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await page.clock.runFor(1_000);
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('');

  await button.click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^\d{6}$/);
  await page.evaluate(() => navigator.clipboard.writeText('my notes'));
  await page.clock.runFor(30_000);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('my notes');
});
