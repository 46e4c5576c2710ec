// Issue 15: groups (like tags) with chips that filter the list, a note per slot, and a custom
// icon, all set in Details, all encrypted with the slot and still there after a reload.
import { test, expect, type Page } from '@playwright/test';
import { setUpPin, addByLink, slotItem, unlock, THREE_SLOTS, slotLink } from './helpers/app';
import { qrPng } from './helpers/qr';

const SLOTS = THREE_SLOTS;
const uri = slotLink;

const list = (page: Page) => page.getByRole('list', { name: 'Slots' });
const chips = (page: Page) => page.getByRole('group', { name: 'Filter by group' });

/** ⋯ → Details, whether the menu's entries are menu items or buttons. */
async function openDetails(page: Page, title: string) {
  await page.getByRole('button', { name: `Options for ${title}` }).click();
  await page
    .getByRole('menuitem', { name: 'Details' })
    .or(page.getByRole('button', { name: 'Details', exact: true }))
    .click();
  const dialog = page.getByRole('dialog', { name: `Details of “${title}”` });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function start(page: Page) {
  await setUpPin(page);
  for (const s of SLOTS) await addByLink(page, uri(s));
  await expect(list(page).getByRole('listitem')).toHaveCount(SLOTS.length);
}

test('groups made in Details filter the list with chips, and stay after a reload', async ({ page }) => {
  await start(page);
  await expect(chips(page)).toHaveCount(0); // no groups yet: no chip row

  let details = await openDetails(page, 'Société');
  await details.getByLabel('New group').fill('  Work ');
  await details.getByRole('button', { name: 'Add group' }).click();
  await expect(details.getByRole('checkbox', { name: 'Work' })).toBeChecked();
  await details.getByRole('button', { name: 'Save groups' }).click();
  await expect(page.getByRole('status')).toContainText('saved');
  await details.getByRole('button', { name: 'Close' }).click();

  details = await openDetails(page, 'GitLab');
  await details.getByRole('checkbox', { name: 'Work' }).check();
  await details.getByLabel('New group').fill('Code');
  await details.getByRole('button', { name: 'Add group' }).click();
  await details.getByRole('button', { name: 'Save groups' }).click();
  await expect(page.getByRole('status')).toContainText('saved');
  await details.getByRole('button', { name: 'Close' }).click();

  await expect(chips(page).getByRole('button')).toHaveText(['All', 'Code', 'Work']);
  await chips(page).getByRole('button', { name: 'Work' }).click();
  await expect(chips(page).getByRole('button', { name: 'Work' })).toHaveAttribute('aria-pressed', 'true');
  await expect(list(page).getByRole('listitem')).toHaveCount(2);
  await expect(slotItem(page, /Acme/)).toHaveCount(0);

  await page.reload();
  await unlock(page);
  await chips(page).getByRole('button', { name: 'Code' }).click();
  await expect(list(page).getByRole('listitem')).toHaveCount(1);
  await expect(slotItem(page, /GitLab/)).toBeVisible();
  await chips(page).getByRole('button', { name: 'All' }).click();
  await expect(list(page).getByRole('listitem')).toHaveCount(3);
});

test('a note is kept with the slot across a reload, and whitespace alone never makes a group', async ({ page }) => {
  await start(page);
  let details = await openDetails(page, 'Acme');
  // One "Note" on screen: the section's heading is the field's label.
  await expect(details.getByText('Note', { exact: true })).toHaveCount(1);
  await expect(details.getByRole('heading', { name: 'Note' })).toBeVisible();
  await details.getByRole('textbox', { name: 'Note' }).fill('Recovery codes: in the safe.\nAsk IT for a reissue.');
  await details.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByRole('status')).toHaveText('Note saved');
  await details.getByRole('button', { name: 'Close' }).click();

  await page.reload();
  await unlock(page);
  details = await openDetails(page, 'Acme');
  await expect(details.getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Recovery codes: in the safe.\nAsk IT for a reissue.',
  );
  // Whitespace alone is not a group: nothing is added.
  await details.getByLabel('New group').fill('   ');
  await details.getByRole('button', { name: 'Add group' }).click();
  await expect(details.getByRole('checkbox')).toHaveCount(0);
});

test('a picked picture becomes the slot’s icon, re-encoded small, and the generated icon comes back on request', async ({
  page,
}) => {
  await start(page);
  const details = await openDetails(page, 'GitLab');
  const chooser = page.waitForEvent('filechooser');
  await details.getByRole('button', { name: 'Choose a picture' }).click();
  await (await chooser).setFiles(await qrPng('icon'));
  await expect(page.getByRole('status')).toHaveText('Icon saved');
  const preview = details.locator('img.icon-preview');
  await expect(preview).toHaveAttribute('src', /^data:image\/(webp|png);base64,/);
  // 96 × 96 px, whatever the picture was (a 480 px PNG here).
  expect(await preview.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([96, 96]);

  await details.getByRole('button', { name: 'Use the generated icon' }).click();
  await expect(page.getByRole('status')).toHaveText('The generated icon is back');
  await expect(preview).toHaveCount(0);

  // Not a picture: a clear error, nothing stored.
  const again = page.waitForEvent('filechooser');
  await details.getByRole('button', { name: 'Choose a picture' }).click();
  await (await again).setFiles({ name: 'not-a-picture.png', mimeType: 'image/png', buffer: Buffer.from('hello') });
  await expect(details.getByRole('alert')).toContainText('can’t be used as an icon');
  await expect(preview).toHaveCount(0);
});
