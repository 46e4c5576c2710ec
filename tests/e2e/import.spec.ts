// Importing another authenticator app's export: a mixed file (good entries, a duplicate, a
// bad secret, a Steam Guard entry that imports as a Steam slot) and an encrypted one (wrong password, then the right one). The
// files are made at test time from our own accounts (tests/unit/fixtures/importers/make.ts).
import { test, expect, type Page, type Route } from '@playwright/test';
import { addByLink, setUpPin, shownCode, slotItem } from './helpers/app';
import { hotp, steamCode, totp } from './helpers/oracle';
import QRCode from 'qrcode';
import { ACCOUNTS, STEAM, aegisDb, aegisEncrypted, aegisPlain, b32, uri } from '../unit/fixtures/importers/make';
import { openSettings } from './helpers/settings';

const [ada, grace, alan] = ACCOUNTS as [(typeof ACCOUNTS)[0], (typeof ACCOUNTS)[0], (typeof ACCOUNTS)[0]];

async function openImport(page: Page): Promise<void> {
  await openSettings(page, 'backups');
  await page.getByRole('button', { name: 'Import from another app' }).click();
  await expect(page.getByRole('heading', { name: 'Import from another app', level: 1 })).toBeVisible();
}

async function chooseFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page
    .getByLabel('Export file')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(bytes) });
}

test('a mixed export imports the good slots and the Steam one, and reports the duplicate and the bad entry', async ({
  page,
}) => {
  const t = Date.UTC(2026, 10, 28, 9, 0, 0);
  await page.clock.install({ time: t });
  await setUpPin(page);
  await addByLink(page, uri(grace)); // already here: the file's copy is a duplicate

  const bad = {
    type: 'totp',
    name: 'broken',
    issuer: 'Typo Inc',
    info: { secret: 'NOT-BASE32!', algo: 'SHA1', digits: 6, period: 30 },
  };
  await openImport(page);
  await chooseFile(page, 'aegis-export-plain.json', aegisPlain([ada, grace, bad, STEAM, alan]));

  await expect(page.getByText('Aegis export', { exact: true })).toBeVisible();
  await expect(
    page.getByText('In this file: 3 to import, 1 already in Keyslot, 0 not supported, 1 unreadable.'),
  ).toBeVisible();
  const preview = page.getByRole('list', { name: 'Slots in this file' });
  await expect(preview.getByRole('listitem')).toHaveCount(5);
  await expect(preview.getByRole('listitem').nth(2)).toContainText('Not imported: The secret key has characters');
  await expect(preview.getByRole('listitem').nth(3)).toContainText('Will be imported');
  await expect(preview.getByRole('checkbox', { name: /Steam/ })).toBeChecked();
  // No secret is ever on screen.
  expect(await page.locator('body').innerText()).not.toContain(b32(ada));

  await page.getByRole('button', { name: 'Import 3 slots' }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  await expect(
    page.getByText('3 imported, 1 skipped as duplicates, 0 skipped as not supported, 1 failed.'),
  ).toBeVisible();
  await expect(page.locator('.announcer')).toHaveText('Import finished: 3 imported, 1 skipped, 1 failed.');
  const report = page.getByRole('list', { name: 'Import finished' }).getByRole('listitem');
  await expect(report).toHaveCount(5);
  await expect(report.nth(0)).toContainText('Imported');
  await expect(report.nth(1)).toContainText('Skipped: already in Keyslot');
  await expect(report.nth(2)).toContainText('Not imported');
  await expect(report.nth(3)).toContainText('Imported');

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: /Lab VPN|Mail|Door/ })).toHaveCount(3);
  await page.clock.pauseAt(t + 60_000);
  // The Steam slot shows 5 characters of Steam's alphabet, as Steam itself would.
  const steamButton = slotItem(page, /Steam.*gamer/).locator('button.code');
  await expect
    .poll(async () => (await steamButton.textContent())?.replace(/\s/g, ''))
    .toBe(steamCode(b32(STEAM), t + 60_000));

  await expect.poll(() => shownCode(page, /Lab VPN.*ada@example\.org/)).toBe(totp(b32(ada), t + 60_000, 30, 6, 'sha1'));
  await slotItem(page, /Door.*alan/)
    .getByRole('button', { name: 'Generate code' })
    .click();
  await expect.poll(() => shownCode(page, /Door.*alan/)).toBe(hotp(b32(alan), 42, 7, 'sha512'));
});

test('an encrypted export asks for its password, changes nothing on a wrong one, and imports with the right one', async ({
  page,
}) => {
  await setUpPin(page);
  await openImport(page);
  await chooseFile(page, 'aegis-export.json', aegisEncrypted([ada, alan], 'river stone 42'));

  await expect(page.getByText('Aegis export, protected with a password')).toBeVisible();
  const password = page.getByLabel('File password');
  await password.fill('river stone 41');
  await page.getByRole('button', { name: 'Open file' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'That password does not open this file. Nothing was imported. Check it and try again.',
  );
  await expect(password).toHaveValue('');

  await password.fill('river stone 42');
  await page.getByRole('button', { name: 'Open file' }).click();
  await expect(
    page.getByText('In this file: 2 to import, 0 already in Keyslot, 0 not supported, 0 unreadable.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Import 2 slots' }).click();
  await expect(
    page.getByText('2 imported, 0 skipped as duplicates, 0 skipped as not supported, 0 failed.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(slotItem(page, /Lab VPN.*ada@example\.org/)).toBeVisible();
  await expect(slotItem(page, /Door.*alan/)).toBeVisible();
  // The password went nowhere it could be read back.
  expect(page.url()).not.toContain('river');
});

test('from Add a slot: a file that is not an export is refused with a clear reason, and Cancel goes back', async ({
  page,
}) => {
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByRole('button', { name: 'Import from another app' }).click();
  await page
    .getByLabel('Export file')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('shopping list') });
  await expect(page.getByRole('alert')).toContainText('Keyslot cannot read this file.');
  await expect(page.getByLabel('Export file')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'Add a slot' })).toBeVisible();
});

test('Stop ends a slow encrypted import at once and starts no further key derivation', async ({ page }) => {
  // Issue 14: a crafted Aegis file kept starting 256 MiB scrypt workers after Cancel.
  await setUpPin(page);
  await openImport(page);
  const file = JSON.parse(new TextDecoder().decode(aegisEncrypted([ada], 'river stone 42'))) as {
    header: { slots: Record<string, unknown>[] };
  };
  const slot = file.header.slots.find((s) => s['type'] === 1)!;
  file.header.slots = Array.from({ length: 4 }, () => ({ ...slot, n: 2 ** 18, r: 8, p: 1 }));
  await chooseFile(page, 'aegis-export.json', new TextEncoder().encode(JSON.stringify(file)));

  let workers = 0;
  page.on('worker', () => (workers += 1));
  await page.getByLabel('File password').fill('a wrong guess');
  await page.getByRole('button', { name: 'Open file' }).click();
  await expect.poll(() => workers).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('alert')).toHaveText('Stopped. Nothing was imported.', { timeout: 2_000 });
  const after = workers;
  await page.waitForTimeout(3_000); // long enough for the next derivation's worker to have started
  expect(workers).toBe(after);
});

/** An Aegis vault export (plain) from a db the test shaped. */
function aegisFile(db: Record<string, unknown>): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ version: 1, header: { slots: null, params: null }, db }));
}

test('an Aegis file’s groups, favourite, note and icon come with the entries chosen in the preview', async ({
  page,
}) => {
  // Issue 15: imports keep what people had, and the preview lets them choose (all by default).
  await setUpPin(page);
  await openImport(page);
  const icon = await QRCode.toBuffer('Lab VPN icon', { width: 120, margin: 1 });
  const db = aegisDb([ada, grace, alan]) as { entries: Record<string, unknown>[]; groups: unknown[] };
  db.groups = [
    { uuid: 'g-work', name: 'Work' },
    { uuid: 'g-lab', name: 'Lab' },
  ];
  Object.assign(db.entries[0]!, {
    groups: ['g-work', 'g-lab'],
    favorite: true,
    note: 'Ask IT for a reissue.',
    icon: icon.toString('base64'),
    icon_mime: 'image/png',
  });
  Object.assign(db.entries[1]!, { groups: ['g-work'] });
  await chooseFile(page, 'aegis-export.json', aegisFile(db));

  const preview = page.getByRole('list', { name: 'Slots in this file' });
  const boxes = preview.getByRole('checkbox');
  await expect(boxes).toHaveCount(3);
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await expect(preview.getByRole('listitem').first()).toContainText(
    'Groups: Work, Lab · Favourite · With a note · With an icon',
  );
  await expect(page.getByRole('button', { name: 'Import 3 slots' })).toBeEnabled();

  // Keyboard: Space on the focused checkbox leaves Mail out.
  const mail = preview.getByRole('checkbox', { name: /Mail/ });
  await mail.focus();
  await page.keyboard.press('Space');
  await expect(mail).not.toBeChecked();
  await expect(page.getByText('2 of 3 chosen')).toBeVisible();
  await expect(preview.getByRole('listitem').nth(1)).toContainText('Left out: not chosen');
  await page.getByRole('button', { name: 'Select none' }).click();
  await expect(page.getByRole('button', { name: 'Import 0 slots' })).toBeDisabled();
  await page.getByRole('button', { name: 'Select all' }).click();
  await expect(page.getByRole('button', { name: 'Import 3 slots' })).toBeEnabled();
  await mail.uncheck();
  await page.getByRole('button', { name: 'Import 2 slots' }).click();

  await expect(
    page.getByText('2 imported, 0 skipped as duplicates, 0 skipped as not supported, 0 failed.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  const list = page.getByRole('list', { name: 'Slots' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(slotItem(page, /Mail/)).toHaveCount(0);
  // The favourite is pinned; the groups filter the list.
  await expect(slotItem(page, /Lab VPN/).getByRole('button', { name: 'Favourite: Lab VPN' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const chips = page.getByRole('group', { name: 'Filter by group' });
  await expect(chips.getByRole('button')).toHaveText(['All', 'Lab', 'Work']);
  await chips.getByRole('button', { name: 'Work' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(slotItem(page, /Lab VPN/)).toBeVisible();
  await chips.getByRole('button', { name: 'All' }).click();

  // The note and the icon (re-encoded to the stored 96 px) are in Details.
  await page.getByRole('button', { name: 'Options for Lab VPN' }).click();
  await page
    .getByRole('menuitem', { name: 'Details' })
    .or(page.getByRole('button', { name: 'Details', exact: true }))
    .click();
  const details = page.getByRole('dialog', { name: 'Details of “Lab VPN”' });
  await expect(details.getByRole('textbox', { name: 'Note' })).toHaveValue('Ask IT for a reissue.');
  const img = details.locator('img.icon-preview');
  await expect(img).toBeVisible();
  expect(await img.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight])).toEqual([96, 96]);
});

test.describe('reading a file', () => {
  // The worker's script is held back by the test, which a service worker would answer itself.
  test.use({ serviceWorkers: 'block' });

  test('happens off the page: while the file is read the page answers, and Stop ends the read at once', async ({
    page,
    context,
  }) => {
    // Issue 14: a big export froze the page while it was parsed. Its script held back, the import
    // worker keeps the file "being read" for as long as the test likes.
    const held: Route[] = [];
    await context.route(/import-parse-worker/, (route) => void held.push(route));
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await setUpPin(page);
    await openImport(page);
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...ada,
      account: `user${i}@example.org`,
      secret: Uint8Array.from({ length: 20 }, (_, k) => (k < 2 ? (i >> (8 * k)) & 0xff : k)),
    }));
    const file = aegisPlain(many);

    await chooseFile(page, 'aegis-export.json', file);
    await expect(page.getByRole('status').filter({ hasText: 'Reading the file…' })).toBeVisible();
    await expect(page.getByLabel('Export file')).toBeDisabled();
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByRole('alert')).toHaveText('Stopped. Nothing was imported.');
    await expect(page.getByLabel('Export file')).toBeEnabled();

    // Let the held request go (else the browser's cache makes the next one wait for it).
    for (const route of held) await route.abort().catch(() => undefined);
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await chooseFile(page, 'aegis-export.json', file);
    await expect(
      page.getByText('In this file: 300 to import, 0 already in Keyslot, 0 not supported, 0 unreadable.'),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Import 300 slots' })).toBeEnabled();
    expect(workers.filter((url) => /import-parse-worker/.test(url)).length).toBeGreaterThan(0);
  });
});

test('the preview, the report and the announcement count thousands with the locale’s digit grouping', async ({
  page,
}) => {
  await setUpPin(page);
  await openImport(page);
  const many = Array.from({ length: 1234 }, (_, i) => ({
    ...ada,
    issuer: `Bulk ${i}`,
    secret: Uint8Array.from(Buffer.from(`keyslot-bulk-import-${String(i).padStart(5, '0')}`)),
  }));
  await chooseFile(page, 'aegis-export-plain.json', aegisPlain(many));
  await expect(
    page.getByText('In this file: 1,234 to import, 0 already in Keyslot, 0 not supported, 0 unreadable.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Import 1,234 slots' }).click();
  await expect(page.locator('.announcer')).toHaveText('Import finished: 1,234 imported, 0 skipped, 0 failed.', {
    timeout: 30_000,
  });
  await expect(
    page.getByText('1,234 imported, 0 skipped as duplicates, 0 skipped as not supported, 0 failed.'),
  ).toBeVisible();
});
