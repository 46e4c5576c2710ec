// Backups (issue 7): back up → clear the site's data → new PIN → restore → every slot back with
// the right codes; a wrong backup password and damaged files change nothing; conflicts are asked;
// re-saving to the same file with the File System Access API; the plain export needs the PIN;
// a slot's QR code needs the PIN and goes away on close.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { test, expect, type Page, type Download } from '@playwright/test';
import { PIN, setUpPin, setUpPassphrase, addByLink, slotItem, shownCode } from './helpers/app';
import { hotp, totp } from './helpers/oracle';
import { leaveSettings, openSettings } from './helpers/settings';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 10);
const PASSWORD = 'correct horse battery staple';
const NEW_PIN = '602581';

const SLOTS = [
  {
    name: 'KEK VPN',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    uri: 'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)',
  },
  {
    name: 'Acme',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    uri: 'otpauth://totp/Acme:bob@example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme&algorithm=SHA256&digits=8&period=60',
  },
  {
    name: 'Lab door',
    secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    uri: 'otpauth://hotp/Lab:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Lab&counter=5',
  },
];

/** Settings → Backups, where backing up, restoring and the plain export are. */
const openBackups = (page: Page) => openSettings(page, 'backups');

async function backUp(page: Page, password = PASSWORD): Promise<Download> {
  await page.getByLabel('Backup password', { exact: true }).fill(password);
  await page.getByLabel('Confirm backup password', { exact: true }).fill(password);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save encrypted copy' }).click();
  return download;
}

async function restore(page: Page, file: string, password = PASSWORD) {
  await page.getByLabel('File to restore', { exact: true }).setInputFiles(file);
  await page.getByLabel('Password of the backup', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
}

/**
 * Headless Chromium has showSaveFilePicker but no picker to show (it aborts): take it away, as
 * Safari and Firefox do not have it, so a backup takes the download path.
 */
async function withoutFileSystemAccess(page: Page) {
  await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
}

/** A new vault with the first slot, backed up (downloaded) to `file`; Settings stays open. */
async function oneSlotBackedUp(page: Page, file: string): Promise<string> {
  await withoutFileSystemAccess(page);
  await setUpPin(page);
  await addByLink(page, SLOTS[0]!.uri, SLOTS[0]!.name);
  await openBackups(page);
  await (await backUp(page)).saveAs(file);
  await expect(page.getByText('Your backup has all your slots.')).toBeVisible({ timeout: 20_000 });
  return file;
}

async function addAll(page: Page) {
  for (const s of SLOTS) await addByLink(page, s.uri, s.name);
}

test('back up, clear the site data, set a new PIN, restore: every slot is back with the right codes', async ({
  page,
  browser,
}, info) => {
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.text()));
  page.on('pageerror', (e) => logs.push(String(e)));
  await withoutFileSystemAccess(page);
  await page.clock.install({ time: T0 });
  await page.clock.pauseAt(T0 + 1000);
  await setUpPin(page);
  await addAll(page);
  await openBackups(page);
  await expect(
    page.getByText('No backup yet. Make one so you can get your slots back if this browser loses them.'),
  ).toBeVisible();

  await test.step('the backup password has rules, said plainly', async () => {
    await page.getByLabel('Backup password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Save encrypted copy' }).click();
    await expect(page.getByText('Use at least 8 characters for the backup password.', { exact: false })).toBeVisible();
    await page.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm backup password', { exact: true }).fill(`${PASSWORD}!`);
    await page.getByRole('button', { name: 'Save encrypted copy' }).click();
    await expect(page.getByText('The two backup passwords are not the same.')).toBeVisible();
  });

  const download = await backUp(page);
  expect(download.suggestedFilename()).toBe('keyslot-backup-2026-01-15.keyslot');
  const file = info.outputPath('backup.keyslot');
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'keyslot-backup', version: 2, kdf: { name: 'argon2id' } });
  for (const s of SLOTS) {
    expect(text).not.toContain(s.secret);
    expect(text).not.toContain(s.name);
  }
  await expect(
    page.getByText(/^Last backup: .*, saved to your downloads as keyslot-backup-2026-01-15\.keyslot\.$/),
  ).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Your backup has all your slots.')).toBeVisible();
  await expect(page.getByLabel('Backup password', { exact: true })).toHaveValue('');

  // A new context is a browser with no site data at all: no IndexedDB, no localStorage.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  fresh.on('console', (m) => logs.push(m.text()));
  fresh.on('pageerror', (e) => logs.push(String(e)));
  await fresh.clock.install({ time: T0 });
  await fresh.clock.pauseAt(T0 + 1000);
  await setUpPin(fresh, NEW_PIN);
  await openBackups(fresh);
  await restore(fresh, file);
  await expect(fresh.getByText('Restore finished: 3 added, 0 skipped (already here), 0 replaced.')).toBeVisible({
    timeout: 20_000,
  });
  await leaveSettings(fresh);

  expect(await shownCode(fresh, /KEK VPN/)).toBe(totp(SLOTS[0]!.secret, T0 + 1000));
  expect(await shownCode(fresh, /Acme/)).toBe(totp(SLOTS[1]!.secret, T0 + 1000, 60, 8, 'sha256'));
  await slotItem(fresh, /Lab door/)
    .getByRole('button', { name: 'Generate code' })
    .click();
  await expect.poll(() => shownCode(fresh, /Lab door/)).toBe(hotp(SLOTS[2]!.secret, 5));

  await test.step('no password, secret or link reached the console, the URL or localStorage', async () => {
    for (const p of [page, fresh]) {
      const seen = [...logs, p.url(), await p.evaluate(() => JSON.stringify({ ...localStorage }))].join('\n');
      for (const needle of [PASSWORD, PIN, NEW_PIN, ...SLOTS.map((s) => s.secret), 'otpauth'])
        expect(seen).not.toContain(needle);
    }
  });

  await test.step('the restored slots survive a reload under the new PIN', async () => {
    await fresh.reload();
    await fresh.getByLabel('PIN', { exact: true }).fill(NEW_PIN);
    await fresh.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(fresh.getByRole('listitem')).toHaveCount(3, { timeout: 20_000 });
  });
  await context.close();
});

test('a wrong backup password, a damaged file and a file that is no backup give clear errors and change nothing', async ({
  page,
}, info) => {
  const file = await oneSlotBackedUp(page, info.outputPath('backup.keyslot'));

  await restore(page, file, 'not the password at all');
  await expect(
    page.getByText('That backup password is not correct, or the file has been changed. Nothing was restored.'),
  ).toBeVisible({ timeout: 20_000 });

  const text = readFileSync(file, 'utf8');
  const truncated = info.outputPath('truncated.keyslot');
  writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.6)));
  await restore(page, truncated);
  await expect(
    page.getByText(/^This backup file is damaged or incomplete, so it cannot be restored\. Nothing was changed\./),
  ).toBeVisible();

  const edited = info.outputPath('edited.keyslot');
  const o = JSON.parse(text) as { ct: string };
  const ct = Buffer.from(o.ct, 'base64');
  ct[5]! ^= 0x40;
  writeFileSync(edited, JSON.stringify({ ...o, ct: ct.toString('base64') }));
  await restore(page, edited);
  await expect(
    page.getByText('That backup password is not correct, or the file has been changed. Nothing was restored.'),
  ).toBeVisible({ timeout: 20_000 });

  const other = info.outputPath('notes.txt');
  writeFileSync(other, 'my shopping list');
  await restore(page, other);
  await expect(page.getByText(/^This file is not a Keyslot backup\./)).toBeVisible();

  await test.step('restoring the backup over the same slots adds nothing', async () => {
    await restore(page, file);
    await expect(page.getByText('Restore finished: 0 added, 1 skipped (already here), 0 replaced.')).toBeVisible({
      timeout: 20_000,
    });
  });
  await leaveSettings(page);
  await expect(page.getByRole('listitem')).toHaveCount(1);
});

test('a slot reissued since the backup is asked about: keep both, and Settings notes the change', async ({
  page,
}, info) => {
  const file = await oneSlotBackedUp(page, info.outputPath('backup.keyslot'));
  await leaveSettings(page);

  // The provider reissues the slot: same provider and account, new key.
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page
    .getByLabel('Activation link')
    .fill(SLOTS[0]!.uri.replace('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Replace the old slot' }).click();
  await expect(page.getByRole('listitem')).toHaveCount(1);

  await openBackups(page);
  await expect(page.getByText('Slots changed since your last backup. Back up again to include them.')).toBeVisible();
  await restore(page, file);
  const group = page.getByRole('group', { name: /PassLogic \(KEK VPN\)/ });
  await expect(group).toBeVisible({ timeout: 20_000 });
  await expect(group.getByRole('radio', { name: 'Keep the slot here' })).toBeChecked();
  await group.getByRole('radio', { name: 'Keep both' }).check();
  await page.getByRole('button', { name: 'Finish restore' }).click();
  await expect(page.getByText('Restore finished: 1 added, 0 skipped (already here), 0 replaced.')).toBeVisible();
  await leaveSettings(page);
  await expect(page.getByRole('listitem')).toHaveCount(2);
});

test('with the File System Access API the next backup re-saves to the same file without asking again', async ({
  page,
}) => {
  // Headless Chromium shows no save picker: stand one in that returns a real, storable file handle
  // (from the origin-private file system) and counts how often it is asked.
  await page.addInitScript(() => {
    const w = window as unknown as { pickerCalls: number; showSaveFilePicker: unknown };
    w.pickerCalls = 0;
    w.showSaveFilePicker = async () => {
      w.pickerCalls += 1;
      return (await navigator.storage.getDirectory()).getFileHandle('my-backup.keyslot', { create: true });
    };
  });
  const saved = () =>
    page.evaluate(async () =>
      (await (await (await navigator.storage.getDirectory()).getFileHandle('my-backup.keyslot')).getFile()).text(),
    );
  await setUpPin(page);
  await addByLink(page, SLOTS[0]!.uri, SLOTS[0]!.name);
  await openBackups(page);
  await page.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm backup password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Save encrypted copy' }).click();
  await expect(page.getByText(/^Last backup: .*, saved to the file my-backup\.keyslot\.$/)).toBeVisible({
    timeout: 20_000,
  });
  const first = await saved();
  expect(JSON.parse(first)).toMatchObject({ format: 'keyslot-backup' });

  await leaveSettings(page);
  await addByLink(page, SLOTS[1]!.uri, SLOTS[1]!.name);
  await openBackups(page);
  await expect(page.getByText('Slots changed since your last backup. Back up again to include them.')).toBeVisible();
  await page.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm backup password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Save encrypted copy' }).click();
  await expect(page.getByText('Your backup has all your slots.')).toBeVisible({ timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { pickerCalls: number }).pickerCalls)).toBe(1);
  const second = await saved();
  expect(second).not.toBe(first);
  expect(JSON.parse(second)).toMatchObject({ format: 'keyslot-backup' });
});

test('closing the save picker says the backup was not saved, keeps the passwords, and saves nothing', async ({
  page,
}) => {
  // What desktop Chromium does when the person closes its save dialog: an AbortError.
  await page.addInitScript(() => {
    (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = () =>
      Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
  });
  await setUpPin(page);
  await addByLink(page, SLOTS[0]!.uri, SLOTS[0]!.name);
  await openBackups(page);
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  await page.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm backup password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Save encrypted copy' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Not saved: no file was chosen. Press Save encrypted copy again to choose one.',
  );
  await expect(page.getByLabel('Backup password', { exact: true })).toHaveValue(PASSWORD);
  await expect(page.getByText(/^No backup yet\./)).toBeVisible();
  expect(downloads).toBe(0);
});

test('the plain export needs the PIN and gives one otpauth URI per slot', async ({ page }, info) => {
  await withoutFileSystemAccess(page);
  await setUpPin(page);
  await addByLink(page, SLOTS[0]!.uri, SLOTS[0]!.name);
  await addByLink(page, SLOTS[2]!.uri, SLOTS[2]!.name);
  await openBackups(page);
  const section = page.getByRole('region', { name: 'Export as plain text' });
  await expect(section.getByText(/anyone who gets the file can make your codes/)).toBeVisible();

  let downloads = 0;
  page.on('download', () => (downloads += 1));
  await section.getByLabel('Your PIN', { exact: true }).fill('135792');
  await section.getByRole('button', { name: 'Export as plain text' }).click();
  await expect(section.getByText('That PIN is not correct.')).toBeVisible({ timeout: 20_000 });
  expect(downloads).toBe(0);

  await section.getByLabel('Your PIN', { exact: true }).fill(PIN);
  const download = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Export as plain text' }).click();
  const file = info.outputPath('export.txt');
  await (await download).saveAs(file);
  expect((await download).suggestedFilename()).toMatch(/^keyslot-export-\d{4}-\d{2}-\d{2}\.txt$/);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  expect(lines).toEqual([
    'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)&algorithm=SHA1&digits=6&period=30',
    'otpauth://hotp/Lab:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Lab&algorithm=SHA1&digits=6&counter=5',
  ]);
});

test('a slot is shown as a QR code only after the PIN, with the note about device limits, and is gone after Close', async ({
  page,
}) => {
  await setUpPin(page);
  await addByLink(page, SLOTS[0]!.uri, SLOTS[0]!.name);
  await slotItem(page, /KEK VPN/)
    .getByRole('button', { name: /Options for KEK VPN/ })
    .click();
  await page.getByRole('menuitem', { name: 'Show as QR code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move KEK VPN to another device' });
  await expect(dialog.getByText(/for example at most 2/)).toBeVisible();
  await expect(dialog.getByRole('img')).toHaveCount(0);

  await dialog.getByLabel('Your PIN', { exact: true }).fill('135792');
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  await expect(dialog.getByText('That PIN is not correct.')).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByRole('img')).toHaveCount(0);

  await dialog.getByLabel('Your PIN', { exact: true }).fill(PIN);
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  const qr = dialog.getByRole('img', { name: 'QR code for KEK VPN' });
  await expect(qr).toBeVisible({ timeout: 20_000 });
  await test.step('what is on screen reads back as the slot’s otpauth URI (ZXing-C++ in Node, on a screenshot)', async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    prepareZXingModule({
      overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    });
    const [read] = await readBarcodes(new Uint8Array(await qr.screenshot()), {
      formats: ['QRCode'],
      textMode: 'Plain',
    });
    expect(read?.text).toBe(
      'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)&algorithm=SHA1&digits=6&period=30',
    );
  });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('img', { name: /QR code/ })).toHaveCount(0);
});

test('with a passphrase instead of a PIN, the QR code and the export ask for the passphrase', async ({ page }) => {
  const phrase = 'blue tram under snow';
  await setUpPassphrase(page, phrase);
  await addByLink(page, SLOTS[0]!.uri, SLOTS[0]!.name);

  await slotItem(page, /KEK VPN/)
    .getByRole('button', { name: /Options for KEK VPN/ })
    .click();
  await page.getByRole('menuitem', { name: 'Show as QR code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move KEK VPN to another device' });
  await expect(dialog.getByText(/^Enter your passphrase to show/)).toBeVisible();
  const field = dialog.getByLabel('Your passphrase', { exact: true });
  await expect(field).toHaveAttribute('inputmode', 'text');
  await field.fill(phrase);
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  await expect(dialog.getByRole('img', { name: 'QR code for KEK VPN' })).toBeVisible({ timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();

  await openBackups(page);
  await expect(
    page.getByRole('region', { name: 'Export as plain text' }).getByLabel('Your passphrase', { exact: true }),
  ).toBeVisible();
});
