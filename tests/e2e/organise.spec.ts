// Organising the list (issue 7): search, favourites, reorder (keyboard and drag) that survives a
// reload, edit, details with the secret behind the PIN, the trash (restore, empty, 30 days), and
// the next code near the end of a period.
import { test, expect, type Page } from '@playwright/test';
import { PIN, setUpPin, addByLink, slotItem, unlock, THREE_SLOTS, slotLink } from './helpers/app';
import { totp } from './helpers/oracle';

const SLOTS = THREE_SLOTS;
const uri = slotLink;
const T0 = Date.UTC(2026, 3, 7, 8, 0, 0);

const list = (page: Page) => page.getByRole('list', { name: 'Slots' });
/** The titles of the slots shown, top to bottom. */
const order = (page: Page) => list(page).locator('li.slot:not([hidden]) .slot-title').allTextContents();

async function start(page: Page, count: number = SLOTS.length): Promise<void> {
  await page.clock.install({ time: T0 });
  await setUpPin(page);
  for (const s of SLOTS.slice(0, count)) await addByLink(page, uri(s));
  await expect(list(page).getByRole('listitem')).toHaveCount(count);
}

async function reloadAndUnlock(page: Page): Promise<void> {
  await page.reload();
  await unlock(page);
}

async function menu(page: Page, title: string, item: string): Promise<void> {
  await page.getByRole('button', { name: `Options for ${title}` }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

test('search filters by provider, account and name, ignoring case and accents, and says when nothing matches', async ({
  page,
}) => {
  await start(page);
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('societe');
  await expect(list(page).getByRole('listitem')).toHaveCount(1);
  await expect(slotItem(page, /Société.*ivy/)).toBeVisible();
  await search.fill('BOB');
  await expect(order(page)).resolves.toEqual(['GitLab']);
  await search.fill('nothing here');
  await expect(page.getByText('No slots match “nothing here”.')).toBeVisible();
  await expect(list(page)).toHaveCount(0);
  await search.fill('');
  await expect(list(page).getByRole('listitem')).toHaveCount(3);
});

test('a favourite goes to the top and stays there after a reload; sorting by name keeps it first', async ({ page }) => {
  await start(page);
  expect(await order(page)).toEqual(['Société', 'GitLab', 'Acme']);
  const star = slotItem(page, /Acme.*zoe/).getByRole('button', { name: 'Favourite: Acme' });
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => order(page)).toEqual(['Acme', 'Société', 'GitLab']);

  await page.getByLabel('Sort').selectOption({ label: 'Name' });
  await expect.poll(() => order(page)).toEqual(['Acme', 'GitLab', 'Société']);
  await reloadAndUnlock(page);
  await expect(page.getByLabel('Sort')).toHaveValue('name');
  await expect.poll(() => order(page)).toEqual(['Acme', 'GitLab', 'Société']);
  await page.getByLabel('Sort').selectOption({ label: 'Your order' });
  await expect.poll(() => order(page)).toEqual(['Acme', 'Société', 'GitLab']);
});

test('reordering with the keyboard is announced and persists across a reload', async ({ page }) => {
  await start(page);
  const handle = page.getByRole('button', { name: 'Move Acme' });
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('status')).toHaveText('Acme moved to position 2 of 3');
  await expect.poll(() => order(page)).toEqual(['Société', 'Acme', 'GitLab']);
  await expect(handle).toBeFocused(); // focus follows the slot, so the next press moves it again
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => order(page)).toEqual(['Acme', 'Société', 'GitLab']);

  // The menu's buttons do the same.
  await menu(page, 'Société', 'Move down');
  await expect.poll(() => order(page)).toEqual(['Acme', 'GitLab', 'Société']);

  await reloadAndUnlock(page);
  await expect.poll(() => order(page)).toEqual(['Acme', 'GitLab', 'Société']);
  // No reordering while searching: the handles are gone.
  await page.getByRole('searchbox', { name: 'Search' }).fill('a');
  await expect(page.getByRole('button', { name: /^Move / })).toHaveCount(0);
});

test('reordering by dragging the handle persists across a reload', async ({ page }) => {
  await start(page);
  const from = await page.getByRole('button', { name: 'Move Société' }).boundingBox();
  const to = await slotItem(page, /Acme.*zoe/).boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  // Onto the lower half of Acme: below it in one column, after it in a row of columns (wide screens).
  await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height - 5, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => order(page)).toEqual(['GitLab', 'Acme', 'Société']);
  await reloadAndUnlock(page);
  await expect.poll(() => order(page)).toEqual(['GitLab', 'Acme', 'Société']);
});

test('edit changes the name, provider and account, and refuses an empty label', async ({ page }) => {
  await start(page, 1);
  await menu(page, 'Société', 'Edit');
  const dialog = page.getByRole('dialog', { name: 'Edit slot' });
  await dialog.getByLabel('Provider').fill('');
  await dialog.getByLabel('Account').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill('Work VPN');
  await dialog.getByLabel('Provider').fill('KEK');
  await dialog.getByLabel('Account').fill('ivy@example.org');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  // The list item still names provider and account under the new name.
  await expect(slotItem(page, /Work VPN.*KEK · ivy@example\.org/)).toBeVisible();
  await reloadAndUnlock(page);
  await expect(slotItem(page, /Work VPN.*KEK · ivy@example\.org/)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).fill('kek');
  await expect(list(page).getByRole('listitem')).toHaveCount(1);
});

test('details show the settings, and the secret only after the PIN is typed again; a lock hides it', async ({
  page,
}) => {
  await start(page, 1);
  await menu(page, 'Société', 'Details');
  const dialog = page.getByRole('dialog', { name: 'Details of “Société”' });
  await expect(dialog.getByText('Time-based (TOTP)')).toBeVisible();
  await expect(dialog.getByText('SHA-1')).toBeVisible();
  await expect(dialog.getByText('30 seconds')).toBeVisible();
  await expect(dialog.getByText(SLOTS[0].secret)).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(SLOTS[0].secret.slice(0, 8));

  await dialog.getByRole('button', { name: 'Show secret' }).click();
  await dialog.getByLabel('PIN', { exact: true }).fill('000000');
  await dialog.getByRole('button', { name: 'Show secret' }).click();
  await expect(dialog.getByText('That PIN is not correct.')).toBeVisible();
  await expect(dialog.locator('.secret')).toHaveCount(0);

  await dialog.getByLabel('PIN', { exact: true }).fill(PIN);
  await dialog.getByRole('button', { name: 'Show secret' }).click();
  await expect(dialog.locator('.secret')).toHaveText('JBSW Y3DP EHPK 3PXP');
  await dialog.getByRole('button', { name: 'Hide secret' }).click();
  await expect(dialog.locator('.secret')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Show secret' }).click();
  await dialog.getByLabel('PIN', { exact: true }).fill(PIN);
  await dialog.getByRole('button', { name: 'Show secret' }).click();
  await expect(dialog.locator('.secret')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('JBSW');
  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page);
  await expect(page.locator('body')).not.toContainText('JBSW');
});

test('delete goes to the trash, which restores the slot with its codes', async ({ page }) => {
  await start(page, 2);
  await menu(page, 'GitLab', 'Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete “GitLab”?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete slot' }).click();
  await expect(slotItem(page, /GitLab/)).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search' }).fill('gitlab');
  await expect(list(page)).toHaveCount(0); // not found by search either

  await reloadAndUnlock(page);
  await page.getByRole('button', { name: 'Trash (1)' }).click();
  await expect(page.getByRole('heading', { name: 'Trash' })).toBeVisible();
  const trashed = page.getByRole('list', { name: 'Deleted slots' }).getByRole('listitem', { name: /GitLab.*bob/ });
  await expect(trashed).toContainText('Deleted for good in 30 days');
  await expect(trashed).not.toContainText(/\d( ?\d){5}/); // no codes in the trash
  await trashed.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to slots' }).click();
  const now = await page.evaluate(() => Date.now());
  // The code's digits, whatever spaces group them.
  await expect(slotItem(page, /GitLab.*bob/).getByRole('button', { name: /^[\d ]+$/ })).toHaveText(
    new RegExp(`^${[...totp(SLOTS[1].secret, now)].join('\\s*')}$`),
  );
  await reloadAndUnlock(page);
  await expect(slotItem(page, /GitLab.*bob/)).toBeVisible();
});

test('empty trash asks first; trashed slots go by themselves after 30 days', async ({ page }) => {
  await start(page);
  for (const title of ['GitLab', 'Acme']) {
    await menu(page, title, 'Delete');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete slot' }).click();
    await expect(slotItem(page, new RegExp(title))).toHaveCount(0);
  }
  await page.getByRole('button', { name: 'Trash (2)' }).click();
  await page.getByRole('button', { name: 'Empty trash' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete all 2 slots in the trash forever?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('list', { name: 'Deleted slots' }).getByRole('listitem')).toHaveCount(2);

  // Restore one, then let 30 days pass: the other goes at the next unlock.
  await page.getByRole('listitem', { name: /Acme/ }).getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('button', { name: 'Back to slots' }).click();
  await menu(page, 'Société', 'Delete');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete slot' }).click();
  await expect(page.getByRole('button', { name: 'Trash (2)' })).toBeVisible();
  const now = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(now + 30 * 86_400_000 - 60_000);
  await reloadAndUnlock(page);
  await expect(page.getByRole('button', { name: 'Trash (2)' })).toBeVisible();
  await page.clock.setSystemTime(now + 30 * 86_400_000 + 1000);
  await reloadAndUnlock(page);
  await expect(page.getByRole('button', { name: 'Trash', exact: true })).toBeVisible();
  await expect(slotItem(page, /Acme.*zoe/)).toBeVisible();

  // Empty trash, confirmed.
  await menu(page, 'Acme', 'Delete');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete slot' }).click();
  await page.getByRole('button', { name: 'Trash (1)' }).click();
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await page
    .getByRole('dialog', { name: 'Delete 1 slot forever?' })
    .getByRole('button', { name: 'Empty trash' })
    .click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  await reloadAndUnlock(page);
  await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
});

test('the next code shows in the last 10 seconds, with a warning (icon and words) in the last 5', async ({ page }) => {
  await start(page, 1);
  const item = slotItem(page, /Société.*ivy/);
  const next = item.locator('[data-next-code]');
  // Stop time 15 s before a period ends, then step through the end of that period.
  const now = await page.evaluate(() => Date.now());
  const end = Math.ceil((now + 16_000) / 30_000) * 30_000;
  await page.clock.pauseAt(end - 15_000);
  await expect(next).toHaveCount(0);
  await page.clock.runFor(6_000); // 9 s left
  await expect(next).toHaveText(totp(SLOTS[0].secret, end).replace(/(\d{3})(\d{3})/, '$1 $2'));
  await expect(item.getByText('Changing')).toHaveCount(0);
  await page.clock.runFor(5_000); // 4 s left
  await expect(item.getByText('Changing')).toBeVisible();
  await expect(item).toHaveClass(/ending/);
  await page.clock.runFor(5_000); // the new period
  await expect(next).toHaveCount(0);
  await expect(item.getByText('Changing')).toHaveCount(0);
});

test('a right-to-left name inside a sentence is isolated (<bdi>) in the toast and the delete dialog', async ({
  page,
}) => {
  await page.clock.install({ time: T0 });
  await setUpPin(page);
  const issuer = 'שלום';
  await addByLink(
    page,
    `otpauth://totp/${encodeURIComponent(issuer)}:dan?secret=${SLOTS[0].secret}&issuer=${encodeURIComponent(issuer)}`,
  );
  await slotItem(page, /dan/)
    .getByRole('button', { name: `Favourite: ${issuer}` })
    .click();
  await expect(page.locator('.toast')).toHaveText(`${issuer} pinned to the top`);
  await expect(page.locator('.toast bdi')).toHaveText(issuer);
  await menu(page, issuer, 'Delete');
  const dialog = page.getByRole('dialog', { name: `Delete “${issuer}”?` });
  await expect(dialog.locator('h2 bdi')).toHaveText(issuer);
});
