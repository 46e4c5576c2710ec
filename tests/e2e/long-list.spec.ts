// A long list (issue 16): only the slots on or near the screen build their code, buttons and
// countdown; every slot is still a list item with its names, search finds any of them, a slot
// scrolled to shows its code, and a slot moved far by the keyboard keeps the focus.
import { test, expect, type Page } from '@playwright/test';
import { setUpPin, shownCode, slotItem } from './helpers/app';
import { totp } from './helpers/oracle';
import { openSettings } from './helpers/settings';
import { aegisPlain, b32, type Account } from '../unit/fixtures/importers/make';

const COUNT = 150;
const T0 = Date.UTC(2026, 11, 3, 9, 0, 5);
const ACCOUNTS: Account[] = Array.from({ length: COUNT }, (_, i) => ({
  kind: 'totp',
  issuer: `Long ${String(i).padStart(3, '0')}`,
  account: `user${i}@example.org`,
  secret: Uint8Array.from(Buffer.from(`keyslot-long-list-${String(i).padStart(4, '0')}`)),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
}));
const nameOf = (i: number) => new RegExp(`Long ${String(i).padStart(3, '0')}.*user${i}@example\\.org`);

async function withLongList(page: Page): Promise<void> {
  await page.clock.install({ time: T0 });
  await setUpPin(page);
  await openSettings(page, 'backups');
  await page.getByRole('button', { name: 'Import from another app' }).click();
  await page
    .getByLabel('Export file')
    .setInputFiles({ name: 'aegis.json', mimeType: 'application/json', buffer: Buffer.from(aegisPlain(ACCOUNTS)) });
  await page.getByRole('button', { name: `Import ${COUNT} slots` }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible();
  await page.clock.pauseAt(T0 + 60_000);
  await expect(page.getByRole('list', { name: 'Slots' }).getByRole('listitem')).toHaveCount(COUNT);
}

test.use({ viewport: { width: 390, height: 844 } });

test('every slot of a long list is a named list item, but only those near the screen build a code', async ({
  page,
}) => {
  test.slow(); // 150 slots imported
  await withLongList(page);
  await page.evaluate(() => scrollTo(0, 0));
  const codes = page.locator('li.slot button.code');
  await expect.poll(() => codes.count()).toBeGreaterThan(5);
  expect(await codes.count()).toBeLessThan(COUNT / 2);
  await expect(page.locator('li.slot .countdown')).toHaveCount(await codes.count());

  // Far down: its names are there (screen readers, the list's length), its code is not yet.
  const far = slotItem(page, nameOf(140));
  await expect(far).toHaveCount(1);
  await expect(far.getByRole('button', { name: /^[\d ]+$/ })).toHaveCount(0);
  // Scrolled to, it builds its code, and the right one.
  await far.scrollIntoViewIfNeeded();
  await expect.poll(() => shownCode(page, nameOf(140))).toBe(totp(b32(ACCOUNTS[140]!), T0 + 60_000));
  // The first slots, a screen and more away now, went back to their names only.
  await expect(slotItem(page, nameOf(0)).getByRole('button', { name: /^[\d ]+$/ })).toHaveCount(0);

  // Search finds a slot wherever it is in the list, with its code.
  await page.evaluate(() => scrollTo(0, 0));
  await page.getByRole('searchbox', { name: 'Search' }).fill('Long 120');
  await expect(page.getByRole('list', { name: 'Slots' }).getByRole('listitem')).toHaveCount(1);
  await expect.poll(() => shownCode(page, nameOf(120))).toBe(totp(b32(ACCOUNTS[120]!), T0 + 60_000));
});

test('a slot moved to the far end with the keyboard keeps the focus on its handle, on screen', async ({ page }) => {
  test.slow(); // 150 slots imported
  await withLongList(page);
  await page.evaluate(() => scrollTo(0, 0));
  const handle = page.getByRole('button', { name: 'Move Long 001' });
  await handle.focus();
  await page.keyboard.press('End');
  await expect(page.getByRole('status')).toHaveText(`Long 001 moved to position ${COUNT} of ${COUNT}`);
  await expect(handle).toBeFocused();
  await expect(handle).toBeInViewport();
  await expect(slotItem(page, nameOf(1)).getByRole('button', { name: /^[\d ]+$/ })).toHaveCount(1);
  // And back to the top: the next press moves it again.
  await page.keyboard.press('Home');
  await expect(page.getByRole('status')).toHaveText(`Long 001 moved to position 1 of ${COUNT}`);
  await expect(handle).toBeFocused();
});

test('Tab walks down a long list slot by slot, beyond the slots first built, without skipping one', async ({
  page,
}) => {
  test.slow(); // 150 slots imported
  await withLongList(page);
  await page.evaluate(() => scrollTo(0, 0));
  await page.getByRole('button', { name: 'Move Long 000' }).focus();
  /** The position in the list of the slot holding the focus (-1: the focus is outside the list). */
  const focusedSlot = () =>
    page.evaluate(() => {
      const li = document.activeElement?.closest('li.slot');
      return li ? [...document.querySelectorAll('li.slot')].indexOf(li) : -1;
    });
  let last = 0;
  for (let i = 0; i < 240; i++) {
    await page.keyboard.press('Tab');
    const at = await focusedSlot();
    // Each press stays in the list and moves to the same slot's next control or the next slot.
    expect(at - last, `press ${i + 1}`).toBeGreaterThanOrEqual(0);
    expect(at - last, `press ${i + 1}`).toBeLessThanOrEqual(1);
    last = at;
  }
  expect(last).toBeGreaterThan(40);
});

test('after a lock, the first screen of a long list shows its codes before the rest is read, then every slot', async ({
  page,
}) => {
  test.slow(); // 150 slots imported
  await withLongList(page);
  // The hint is written once the list has been quiet for a moment (docs/vault.md "First-screen hint").
  const storedHint = () =>
    page.evaluate(
      () =>
        new Promise<string | null>((resolve) => {
          const open = indexedDB.open('keyslot');
          open.onsuccess = () => {
            const get = open.result.transaction('meta').objectStore('meta').get('firstScreen');
            get.onsuccess = () => {
              resolve(get.result === undefined ? null : JSON.stringify(get.result));
              open.result.close();
            };
          };
        }),
    );
  await expect.poll(storedHint).not.toBeNull();
  const hint = (await storedHint())!;
  expect(Object.keys(JSON.parse(hint) as object)).toEqual(['v', 'iv', 'ct']);
  expect(hint).not.toMatch(/Long|example\.org/); // which slots come first is encrypted too

  await page.getByRole('button', { name: 'Lock' }).click();
  await page.clock.resume(); // the rest loads after a frame and a timer (same 30 s period still)
  // Whenever the list says it is still loading, note what it shows (a frame passes before the rest).
  await page.evaluate(() => {
    const seen: { items: number; codes: number }[] = [];
    (window as unknown as { __preview: typeof seen }).__preview = seen;
    new MutationObserver(() => {
      const list = document.querySelector('ul[aria-busy="true"]');
      if (list)
        seen.push({
          items: list.querySelectorAll('li.slot').length,
          codes: list.querySelectorAll('button.code').length,
        });
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByLabel('PIN', { exact: true }).fill('480913');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Slots' }).getByRole('listitem')).toHaveCount(COUNT);
  await expect(page.getByRole('list', { name: 'Slots' })).toHaveAttribute('aria-busy', 'false');
  const preview = await page.evaluate(
    () => (window as unknown as { __preview: { items: number; codes: number }[] }).__preview,
  );
  const shown = preview.filter((p) => p.codes > 0);
  expect(shown.length).toBeGreaterThan(0);
  for (const p of shown) expect(p.items).toBeLessThan(COUNT); // codes before every slot was read
  await expect.poll(() => shownCode(page, nameOf(0))).toBe(totp(b32(ACCOUNTS[0]!), T0 + 60_000));
});
