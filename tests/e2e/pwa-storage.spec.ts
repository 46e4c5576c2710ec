// Issue 5: storage that stays. Another tab upgrading the database never waits on this one;
// a vault that vanished is explained, not greeted as a first run; and once a slot exists
// Keyslot asks the browser to keep its data, and Settings says plainly where things stand.
import { test, expect, type Page } from '@playwright/test';
import { createPin, setUpPin, addByLink, slotItem, shownCode } from './helpers/app';
import { leaveSettings, openSettings } from './helpers/settings';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=${SECRET}&issuer=PassLogic%20(KEK%20VPN)`;
const NAME = /PassLogic \(KEK VPN\).*alice/;
const SECOND_URI = 'otpauth://totp/Lab%20GitLab:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Lab%20GitLab';

/** A same-origin page that is not the app (so it holds no database connection itself). */
async function bareSameOriginPage(page: Page): Promise<void> {
  await page.goto('/favicon.svg');
}

test('when another tab upgrades the database, open tabs let go at once, lock, and ask for a reload', async ({
  context,
}) => {
  const unlocked = await context.newPage();
  await setUpPin(unlocked);
  await addByLink(unlocked, URI);
  await expect.poll(() => shownCode(unlocked, NAME)).toMatch(/^\d{6}$/);
  const locked = await context.newPage();
  await locked.goto('/');
  await expect(locked.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();

  // "A newer Keyslot" in a third tab opens version 2 of the database.
  const newer = await context.newPage();
  await bareSameOriginPage(newer);
  const outcome = await newer.evaluate(
    () =>
      new Promise<{ version: number; blocked: boolean; ms: number }>((resolve, reject) => {
        const start = performance.now();
        let blocked = false;
        const request = indexedDB.open('keyslot', 2);
        request.onblocked = () => (blocked = true);
        request.onsuccess = () => {
          const db = request.result;
          resolve({ version: db.version, blocked, ms: performance.now() - start });
          db.close();
        };
        request.onerror = () => reject(request.error);
      }),
  );
  // Nobody held it up: both Keyslot tabs closed their connections on versionchange.
  expect(outcome.version).toBe(2);
  expect(outcome.blocked).toBe(false);
  expect(outcome.ms).toBeLessThan(5000);

  for (const page of [unlocked, locked]) {
    await expect(page.getByRole('heading', { name: 'Keyslot was updated in another tab' })).toBeVisible();
    await expect(page.getByText('Reload to continue.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
    // Locked: no slot, no code left on screen.
    await expect(slotItem(page, NAME)).toHaveCount(0);
  }
});

test('when the vault vanished from this browser, Keyslot says so and explains, instead of acting like a first run', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Keyslot' })).toBeVisible();
  await expect(page.locator('.boot-shell')).toHaveCount(0); // the app's own welcome, not index.html's copy
  // The clock check's note (Settings → Clock) holds only numbers about the clock, never a slot.
  const clockNote = /^\{"v":1,"offsetMs":(-?\d+|null),"measuredAt":(\d+|null),"correct":false\}$/;
  const notes = () => page.evaluate(() => Object.entries(localStorage));
  const otherThanClock = async () => {
    const all = await notes();
    for (const [key, value] of all) if (key === 'keyslot.clock') expect(value).toMatch(clockNote);
    return all.filter(([key]) => key !== 'keyslot.clock');
  };
  expect(await otherThanClock()).toEqual([]);

  await setUpPin(page);
  await addByLink(page, URI);
  // The marker is one small non-secret note: a date, nothing about the slots. Beside it, only
  // the boot note (language and PIN or passphrase, for the prerendered unlock form).
  const notesNow = new Map(await otherThanClock());
  expect([...notesNow.keys()].sort()).toEqual(['keyslot.boot', 'keyslot.hadVault']);
  expect(notesNow.get('keyslot.hadVault')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(notesNow.get('keyslot.boot')).toBe('1 en pin');

  // The browser evicts the database (the marker survives, as it can when only IndexedDB goes).
  await bareSameOriginPage(page);
  await page.evaluate(() => new Promise((resolve) => (indexedDB.deleteDatabase('keyslot').onsuccess = resolve)));
  await page.goto('/');

  await expect(page.getByRole('heading', { name: 'Your slots are gone from this browser' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Welcome to Keyslot' })).toHaveCount(0);
  const today = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date());
  await expect(page.getByText(`set up in this browser on ${today}`)).toBeVisible();
  await expect(page.getByText(/reactivate your token/)).toBeVisible();

  await page.getByRole('button', { name: 'Start fresh' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a PIN' })).toBeVisible();
  await createPin(page);
  await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible({ timeout: 20_000 });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
});

/** Replaces navigator.storage with a stub that counts persist() calls and grants or refuses them. */
const STUB_STORAGE = (grant: boolean) => {
  const w = window as unknown as { persistCalls: number };
  w.persistCalls = 0;
  let kept = false;
  Object.defineProperty(navigator.storage, 'persist', {
    value: async () => {
      w.persistCalls++;
      kept = grant;
      return kept;
    },
  });
  Object.defineProperty(navigator.storage, 'persisted', { value: async () => kept });
  Object.defineProperty(navigator.storage, 'estimate', {
    value: async () => ({ usage: 123_456, quota: 1_000_000_000 }),
  });
};

const persistCalls = (page: Page) => page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls);

test('Keyslot asks the browser to keep its data once, after the first slot is added, and Settings then says the slots are kept', async ({
  page,
}) => {
  await page.addInitScript(STUB_STORAGE, true);
  await setUpPin(page);
  expect(await persistCalls(page)).toBe(0); // no slot yet: nothing worth asking for

  await addByLink(page, URI);
  await expect.poll(() => persistCalls(page)).toBe(1);
  await addByLink(page, SECOND_URI);
  await page.waitForTimeout(300);
  expect(await persistCalls(page)).toBe(1);

  await openSettings(page, 'storage');
  await expect(page.getByText('Kept: this browser will not delete your slots to free up space.')).toBeVisible();
  await expect(page.getByText('Keyslot uses 123 kB of the 1 GB this browser allows it.')).toBeVisible();
  await expect(page.getByText(/Safari deletes/)).toHaveCount(0);
});

test('when the browser may delete the slots, Settings says so plainly, says what to do, and can ask again', async ({
  page,
}) => {
  await page.addInitScript(STUB_STORAGE, false);
  await setUpPin(page);
  await addByLink(page, URI);
  await expect.poll(() => persistCalls(page)).toBe(1);

  await openSettings(page, 'storage');
  await expect(page.getByText('Not kept for sure: this browser may delete your slots.')).toBeVisible();
  await expect(
    page.getByText(/Safari deletes the data of sites you have not used for 7 days unless they are on the Home Screen/),
  ).toBeVisible();
  await expect(
    page.getByText(/install Keyslot on this device, and keep a backup \(Settings → Backups\)/),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Ask the browser to keep my slots' }).click();
  await expect(page.getByText('The browser did not agree. Installing Keyslot usually changes that.')).toBeVisible();
  expect(await persistCalls(page)).toBe(2);

  // The backup it points to is one press away, with the gentle reminder.
  await page.getByRole('button', { name: 'Open Backups' }).click();
  await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
  await expect(
    page.getByText('No backup yet. Make one so you can get your slots back if this browser loses them.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save encrypted copy' })).toBeVisible();

  await leaveSettings(page);
  await expect(slotItem(page, NAME)).toBeVisible();
});
