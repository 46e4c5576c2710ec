// The list people open fifty times a day (issue 15): compact enough for seven slots on a phone,
// calm (nothing moves on a copy or at a period's end, no toast over a code), a ⋯ menu that behaves
// like a menu, and a journey without a single console warning or error.
import { test, expect, type Page } from '@playwright/test';
import { setUpPin, addByLink, slotItem, shownCode, unlock } from './helpers/app';
import { totp } from './helpers/oracle';
import { leaveSettings, openSettings } from './helpers/settings';

// 12 s into a 30 s period: the next code shows from 20 s, the warning from 25 s.
const T0 = Date.UTC(2026, 5, 1, 9, 0, 12);
const ISSUERS = [
  'PassLogic (KEK VPN)',
  'GitHub',
  'Google',
  'Microsoft',
  'Amazon Web Services',
  'Dropbox',
  'Slack',
  'Steam',
  'Cloudflare',
];
const SECRETS = ISSUERS.map((_, i) => `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOP'[i]}`);
const uri = (i: number) =>
  `otpauth://totp/${encodeURIComponent(ISSUERS[i]!)}:user${i}%40example.com?secret=${SECRETS[i]}&issuer=${encodeURIComponent(ISSUERS[i]!)}`;

async function withSlots(page: Page, count: number): Promise<void> {
  await setUpPin(page);
  for (let i = 0; i < count; i++) await addByLink(page, uri(i));
  await expect(page.getByRole('list', { name: 'Slots' }).getByRole('listitem')).toHaveCount(count);
}

/** Every slot's box, in page coordinates (so a scroll is not mistaken for a move). */
const slotBoxes = (page: Page) =>
  page.locator('li.slot').evaluateAll((items) =>
    items.map((li) => {
      const r = li.getBoundingClientRect();
      return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
    }),
  );

/** Slots whose whole box is inside the viewport. */
const fullyVisible = (page: Page) =>
  page.locator('li.slot').evaluateAll(
    (items) =>
      items.filter((li) => {
        const r = li.getBoundingClientRect();
        return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
      }).length,
  );

test.describe('on a 390 × 844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the compact list shows at least seven slots whole, each with its icon, and codes of a legible size', async ({
    page,
  }) => {
    test.slow(); // nine slots added one by one
    await page.clock.install({ time: T0 });
    await withSlots(page, 9);
    await page.evaluate(() => scrollTo(0, 0));
    expect(await fullyVisible(page)).toBeGreaterThanOrEqual(7);
    // Initials on a colour (never colour alone), white on a background of at least 4.5:1.
    await expect(slotItem(page, /PassLogic/).locator('.slot-icon')).toHaveText('PK');
    await expect(slotItem(page, /Amazon Web Services/).locator('.slot-icon')).toHaveText('AW');
    const fontPx = await slotItem(page, /GitHub/)
      .locator('.code')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(28);
  });

  test('comfortable density stays a choice in Settings → Appearance and gives each slot more room', async ({
    page,
  }) => {
    await page.clock.install({ time: T0 });
    await withSlots(page, 2);
    const compact = (await slotBoxes(page))[0]!.height;
    await openSettings(page, 'appearance');
    const group = page.getByRole('group', { name: 'Slot list' });
    await expect(group.getByRole('radio', { name: 'Compact' })).toBeChecked();
    await group.getByRole('radio', { name: 'Comfortable' }).check();
    await leaveSettings(page);
    await expect.poll(async () => (await slotBoxes(page))[0]!.height).toBeGreaterThan(compact + 20);
    // A preference like the others: it survives a reload.
    await page.reload();
    await unlock(page);
    await expect.poll(async () => (await slotBoxes(page))[0]!.height).toBeGreaterThan(compact + 20);
  });
});

test('on a 1280 × 800 screen the list uses the width: two or more columns', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.clock.install({ time: T0 });
  await withSlots(page, 3);
  const boxes = await slotBoxes(page);
  expect(new Set(boxes.map((b) => Math.round(b.x))).size).toBeGreaterThanOrEqual(2);
  const list = await page.getByRole('list', { name: 'Slots' }).boundingBox();
  expect(list!.width).toBeGreaterThan(900);
});

for (const density of ['compact', 'comfortable'] as const) {
  test(`nothing moves when a code is copied or a period ends (${density})`, async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.addInitScript((d) => {
      // The density chosen before the app starts (Settings → Appearance stores it here).
      if (!localStorage.getItem('keyslot.prefs'))
        localStorage.setItem('keyslot.prefs', JSON.stringify({ v: 1, density: d }));
    }, density);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.clock.install({ time: T0 });
    await withSlots(page, 3);
    const before = await slotBoxes(page);

    // A copy: "Copied" shows in the card, which keeps its size; the toast covers no code.
    await page.clock.pauseAt(T0 + 60_000);
    const item = slotItem(page, /GitHub/);
    await item.getByRole('button', { name: /^[\d ]+$/ }).click();
    await expect(item.getByText('Copied')).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('Copied');
    expect(await slotBoxes(page)).toEqual(before);
    const toast = await page.locator('.toast').boundingBox();
    for (const code of await page.locator('button.code').all()) {
      const c = (await code.boundingBox())!;
      const overlaps =
        toast &&
        toast.width > 1 &&
        toast.x < c.x + c.width &&
        c.x < toast.x + toast.width &&
        toast.y < c.y + c.height &&
        c.y < toast.y + toast.height;
      expect(overlaps).toBeFalsy();
    }
    await page.clock.runFor(2_000); // "Copied" goes
    await expect(item.getByText('Copied')).toHaveCount(0);
    expect(await slotBoxes(page)).toEqual(before);

    // The end of a period: the next code (21 s), the warning (26 s), the new code (31 s).
    const periodStart = T0 + 60_000 - 12_000;
    await page.clock.runFor(periodStart + 21_000 - (T0 + 62_000));
    await expect(item.locator('[data-next-code]')).toBeVisible();
    expect(await slotBoxes(page)).toEqual(before);
    await page.clock.runFor(5_000);
    await expect(item.getByText('Changing')).toBeVisible();
    expect(await slotBoxes(page)).toEqual(before);
    await page.clock.runFor(5_000);
    await expect.poll(() => shownCode(page, /GitHub/)).toBe(totp(SECRETS[1]!, periodStart + 30_000));
    await expect(item.locator('[data-next-code]')).toHaveCount(0);
    expect(await slotBoxes(page)).toEqual(before);
  });
}

test('the ⋯ menu is a menu: arrows, Home and End move, Escape, Tab and a click outside close it, focus returns to ⋯', async ({
  page,
}) => {
  await page.clock.install({ time: T0 });
  await withSlots(page, 2);
  const options = page.getByRole('button', { name: 'Options for GitHub' });
  await expect(options).toHaveAttribute('aria-haspopup', 'menu');
  await expect(options).toHaveAttribute('aria-expanded', 'false');

  await options.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Options for GitHub' });
  await expect(menu).toBeVisible();
  await expect(options).toHaveAttribute('aria-expanded', 'true');
  const items = menu.getByRole('menuitem');
  const names = await items.allTextContents();
  expect(names[0]).toBe('Edit');
  expect(names.at(-1)).toBe('Delete');
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
  await expect.poll(focused).toBe('Edit'); // the first item has focus on open
  await page.keyboard.press('ArrowDown');
  await expect.poll(focused).toBe('Details');
  await page.keyboard.press('End');
  await expect.poll(focused).toBe('Delete');
  await page.keyboard.press('ArrowDown'); // wraps
  await expect.poll(focused).toBe('Edit');
  await page.keyboard.press('ArrowUp'); // wraps back
  await expect.poll(focused).toBe('Delete');
  await page.keyboard.press('Home');
  await expect.poll(focused).toBe('Edit');
  // "Move down" is not offered for the last slot of its group: disabled, and skipped by the arrows.
  await expect(items.filter({ hasText: 'Move down' })).toBeDisabled();

  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(options).toBeFocused();
  await expect(options).toHaveAttribute('aria-expanded', 'false');

  // A click outside closes it (and does not reopen it when it is on ⋯ itself).
  await options.click();
  await expect(menu).toBeVisible();
  await page.getByRole('heading', { name: 'Your slots' }).click();
  await expect(menu).toHaveCount(0);
  await options.click();
  await expect(menu).toBeVisible();
  await options.click();
  await expect(menu).toHaveCount(0);

  // Tab leaves the menu and closes it.
  await options.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(menu).toHaveCount(0);

  // An item does its work with the keyboard, and focus comes back to ⋯ after its dialog.
  await options.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(options).toBeFocused();
});

test('a whole journey leaves no warning or error in the console', async ({ page }) => {
  test.slow();
  const messages: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') messages.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));

  await page.clock.install({ time: T0 });
  await withSlots(page, 2);
  await addByLink(page, 'otpauth://hotp/Lab:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Lab&counter=5');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('git');
  await expect(page.getByRole('list', { name: 'Slots' }).getByRole('listitem')).toHaveCount(1);
  await search.fill('nothing at all');
  await search.fill('');
  await expect(page.getByRole('list', { name: 'Slots' }).getByRole('listitem')).toHaveCount(3);
  await slotItem(page, /Lab.*carol/)
    .getByRole('button', { name: 'Generate code' })
    .click();
  await expect(slotItem(page, /Lab.*carol/).getByRole('button', { name: /^[\d ]+$/ })).toBeVisible();
  await slotItem(page, /GitHub/)
    .getByRole('button', { name: 'Favourite: GitHub' })
    .click();
  await page.getByRole('button', { name: 'Options for GitHub' }).click();
  await page.getByRole('menuitem', { name: 'Details' }).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('Sort').selectOption('name');
  await page.clock.runFor(30_000); // a period ends
  await openSettings(page, 'appearance');
  await page.getByRole('radio', { name: 'Comfortable' }).check();
  await leaveSettings(page);
  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page);
  await expect(page.getByRole('list', { name: 'Slots' }).getByRole('listitem')).toHaveCount(3);
  expect(messages).toEqual([]);
});
