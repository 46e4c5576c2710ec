// Settings → Groups (issue 15): every group with its number of slots; a rename is checked
// (no empty name), asks before merging into a group that exists, and follows on the list's
// chips; deleting a group is asked first and never deletes a slot. All of it survives a reload.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { setUpPin, addByLink, slotItem, unlock, THREE_SLOTS, slotLink } from './helpers/app';
import { leaveSettings, openSettings } from './helpers/settings';

const list = (page: Page) => page.getByRole('list', { name: 'Slots' });
const chips = (page: Page) => page.getByRole('group', { name: 'Filter by group' });
const groupsCard = (page: Page) => page.getByRole('region', { name: 'Your groups' });

/** ⋯ → Details → tick or add `groups` → Save groups → Close. */
async function putInGroups(page: Page, title: string, groups: readonly string[]) {
  await page.getByRole('button', { name: `Options for ${title}` }).click();
  await page
    .getByRole('menuitem', { name: 'Details' })
    .or(page.getByRole('button', { name: 'Details', exact: true }))
    .click();
  const details = page.getByRole('dialog', { name: `Details of “${title}”` });
  for (const group of groups) {
    const box = details.getByRole('checkbox', { name: group, exact: true });
    if ((await box.count()) > 0) await box.check();
    else {
      await details.getByLabel('New group').fill(group);
      await details.getByRole('button', { name: 'Add group' }).click();
    }
  }
  await details.getByRole('button', { name: 'Save groups' }).click();
  await expect(page.getByRole('status')).toContainText('saved');
  await details.getByRole('button', { name: 'Close' }).click();
}

/** The rows of the Groups card as "name · count" lines. */
async function rows(page: Page): Promise<string[]> {
  return groupsCard(page)
    .getByRole('listitem')
    .evaluateAll((items) =>
      items.map((li) => `${li.querySelector('.name')?.textContent} · ${li.querySelector('.count')?.textContent}`),
    );
}

test('groups are listed with their counts, renamed (merging only when asked) and deleted without losing a slot', async ({
  page,
}) => {
  await setUpPin(page);
  for (const s of THREE_SLOTS) await addByLink(page, slotLink(s));
  await putInGroups(page, 'Société', ['Work']);
  await putInGroups(page, 'GitLab', ['Work', 'Code']);
  await putInGroups(page, 'Acme', ['Home']);

  await openSettings(page, 'groups');
  await expect.poll(() => rows(page)).toEqual(['Code · 1 slot', 'Home · 1 slot', 'Work · 2 slots']);

  // An empty name is refused, and nothing changes.
  await groupsCard(page).getByRole('button', { name: 'Rename Work' }).click();
  const field = groupsCard(page).getByRole('textbox', { name: 'New name for Work' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Work');
  await field.fill('   ');
  await groupsCard(page).getByRole('button', { name: 'Save name' }).click();
  await expect(groupsCard(page).getByRole('alert')).toHaveText('A group needs a name.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  // Escape leaves the field; focus goes back to the group's Rename button.
  await field.press('Escape');
  await expect(groupsCard(page).getByRole('button', { name: 'Rename Work' })).toBeFocused();

  // A new name: every slot in the group follows.
  await groupsCard(page).getByRole('button', { name: 'Rename Work' }).click();
  await field.fill('  Office ');
  await field.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Group renamed');
  await expect.poll(() => rows(page)).toEqual(['Code · 1 slot', 'Home · 1 slot', 'Office · 2 slots']);
  await expect(groupsCard(page).getByRole('button', { name: 'Rename Office' })).toBeFocused();

  // The name of another group (in another case): asked first; Cancel keeps both.
  await groupsCard(page).getByRole('button', { name: 'Rename Office' }).click();
  const officeField = groupsCard(page).getByRole('textbox', { name: 'New name for Office' });
  await officeField.fill('HOME');
  await officeField.press('Enter');
  let ask = page.getByRole('dialog', { name: 'Merge “Office” into “Home”?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toHaveCount(0);
  await expect(officeField).toBeFocused();
  await expect(officeField).toHaveValue('HOME');
  await expect(groupsCard(page).getByRole('button', { name: 'Rename Home' })).toBeVisible();
  await officeField.press('Enter');
  ask = page.getByRole('dialog', { name: 'Merge “Office” into “Home”?' });
  await ask.getByRole('button', { name: 'Merge groups' }).click();
  await expect.poll(() => rows(page)).toEqual(['Code · 1 slot', 'Home · 3 slots']);

  // Delete: asked first, with how many slots stay.
  await groupsCard(page).getByRole('button', { name: 'Delete group Code' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the group “Code”?' });
  await expect(confirm).toContainText('Its 1 slot stays; it is just no longer in this group.');
  await confirm.getByRole('button', { name: 'Delete group' }).click();
  await expect(page.getByRole('status')).toHaveText('Group deleted; its slots stay');
  await expect.poll(() => rows(page)).toEqual(['Home · 3 slots']);

  // The list: every slot still there, the chips follow; and after a reload too.
  await leaveSettings(page);
  await expect(list(page).getByRole('listitem')).toHaveCount(3);
  await expect(chips(page).getByRole('button')).toHaveText(['All', 'Home']);
  await page.reload();
  await unlock(page);
  await chips(page).getByRole('button', { name: 'Home' }).click();
  await expect(list(page).getByRole('listitem')).toHaveCount(3);
  await expect(slotItem(page, /GitLab/)).toBeVisible();

  // The last group deleted: the card says how groups are made.
  await openSettings(page, 'groups');
  await groupsCard(page).getByRole('button', { name: 'Delete group Home' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete group' }).click();
  await expect(groupsCard(page)).toContainText('No groups yet.');
  await leaveSettings(page);
  await expect(chips(page)).toHaveCount(0);
  await expect(list(page).getByRole('listitem')).toHaveCount(3);
});

test('New group: a checked name and at least one slot, by keyboard, then the chips filter by it', async ({ page }) => {
  await setUpPin(page);
  for (const s of THREE_SLOTS) await addByLink(page, slotLink(s));
  await putInGroups(page, 'Acme', ['Home']);
  await openSettings(page, 'groups');
  const open = groupsCard(page).getByRole('button', { name: 'New group' });
  await open.focus();
  await page.keyboard.press('Enter');
  const form = groupsCard(page).getByRole('form', { name: 'New group' });
  const name = form.getByRole('textbox', { name: 'Group name' });
  await expect(name).toBeFocused();
  const picks = form.getByRole('group', { name: 'Slots in this group' });
  await expect(picks.getByRole('checkbox')).toHaveCount(3);
  await expect(picks).toHaveAccessibleDescription(/needs at least one/);

  // No slot ticked: refused, said at the slots; a name in use (another case): refused at the name.
  await name.fill('  Lab ');
  await form.getByRole('button', { name: 'Create group' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Choose at least one slot: a group is a label on slots and cannot be empty.',
  );
  await name.fill('HOME');
  await picks.getByRole('checkbox', { name: /GitLab/ }).check();
  await form.getByRole('button', { name: 'Create group' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'A group with this name exists already. Choose another name, or rename that group.',
  );
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // Escape cancels, and focus goes back to New group; nothing was made.
  await name.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(open).toBeFocused();
  await expect.poll(() => rows(page)).toEqual(['Home · 1 slot']);

  // By keyboard only: the name, Tab to the slots, Space ticks two, Enter in the name creates.
  await page.keyboard.press('Enter');
  await page.keyboard.type('  Lab ');
  await page.keyboard.press('Tab');
  await expect(picks.getByRole('checkbox').first()).toBeFocused();
  await page.keyboard.press('Space'); // Acme (by name)
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // GitLab
  await name.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Group “Lab” created with 2 slots');
  await expect.poll(() => rows(page)).toEqual(['Home · 1 slot', 'Lab · 2 slots']);
  await expect(groupsCard(page).getByRole('button', { name: 'Rename Lab' })).toBeFocused();

  await leaveSettings(page);
  await chips(page).getByRole('button', { name: 'Lab' }).click();
  await expect(list(page).getByRole('listitem')).toHaveCount(2);
  await expect(slotItem(page, /Acme/)).toBeVisible();
  await expect(slotItem(page, /GitLab/)).toBeVisible();
});
