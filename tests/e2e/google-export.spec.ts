// Settings → Backups → Export to Google Authenticator (issue 15): choose slots (all by default,
// with the keyboard too), the PIN again, then the QR codes one at a time ("1 of 3"), with the
// device-limit note of a slot's own QR code. What is on screen is read back (ZXing-C++ in Node,
// on a screenshot) and imported by a fresh Keyslot: the same slots, the same codes. A slot the
// format cannot carry is shown and cannot be chosen; the QR text never reaches the URL or the console.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { PIN, setUpPin, addByLink, slotItem, shownCode, THREE_SLOTS, slotLink } from './helpers/app';
import { totp } from './helpers/oracle';
import { openSettings } from './helpers/settings';
import { qrPng } from './helpers/qr';
import { migrationUri } from '../unit/fixtures/migration-writer';
import { parseMigrationUri } from '../../src/core/migration';
import { encodeBase32 } from '../../src/core/base32';

const T0 = Date.UTC(2026, 5, 1, 9, 0, 10);
const MINUTE = 'otpauth://totp/Minute:mo?secret=KRUGS4ZANFZSAYJA&issuer=Minute&period=60';
const dir = mkdtempSync(path.join(tmpdir(), 'keyslot-gexport-'));

/** The QR code on screen, as text (decoded from a screenshot of it). */
async function readQr(image: Locator): Promise<{ text: string; png: Buffer }> {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
  });
  const png = await image.screenshot();
  const [read] = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], textMode: 'Plain' });
  expect(read?.text, 'the QR code on screen decodes').toBeTruthy();
  return { text: read!.text, png };
}

async function openExport(page: Page) {
  await openSettings(page, 'backups');
  await page.getByRole('button', { name: 'Choose slots to export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export to Google Authenticator' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('two slots exported as a Google Authenticator QR code read back and import as the same slots', async ({
  page,
  browser,
  baseURL,
}) => {
  const logged: string[] = [];
  page.on('console', (m) => logged.push(m.text()));
  await page.clock.install({ time: T0 });
  await setUpPin(page);
  const [ivy, bob] = THREE_SLOTS;
  await addByLink(page, slotLink(ivy));
  await addByLink(page, slotLink(bob));
  await addByLink(page, MINUTE);

  const dialog = await openExport(page);
  const boxes = dialog.getByRole('checkbox');
  await expect(boxes).toHaveCount(3);
  await expect(dialog.getByRole('checkbox', { name: /Société/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /GitLab/ })).toBeChecked();
  // A 60-second slot cannot go into Google's format: shown, with why, and never chosen.
  const minute = dialog.getByRole('checkbox', { name: /Minute/ });
  await expect(minute).toBeDisabled();
  await expect(minute).not.toBeChecked();
  await expect(dialog).toContainText('Cannot be included: Google’s format has only 30-second codes.');
  await expect(dialog.getByText('2 slots chosen')).toBeVisible();

  // The keyboard: Space unticks and ticks; Select none leaves nothing to show.
  await dialog.getByRole('checkbox', { name: /GitLab/ }).focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByText('1 slot chosen')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(dialog.getByText('2 slots chosen')).toBeVisible();
  await dialog.getByRole('button', { name: 'Select none' }).click();
  await dialog.getByLabel('Your PIN', { exact: true }).fill(PIN);
  await expect(dialog.getByRole('button', { name: 'Show QR codes' })).toBeDisabled();
  await expect(dialog.getByText('Choose at least one slot.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Select all' }).click();
  await expect(dialog.getByText('2 slots chosen')).toBeVisible();

  // The PIN first: a wrong one shows nothing.
  await dialog.getByLabel('Your PIN', { exact: true }).fill('000000');
  await dialog.getByRole('button', { name: 'Show QR codes' }).click();
  await expect(dialog.getByText('That PIN is not correct.')).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByRole('img')).toHaveCount(0);
  await dialog.getByLabel('Your PIN', { exact: true }).fill(PIN);
  await dialog.getByRole('button', { name: 'Show QR codes' }).click();

  const qr = dialog.getByRole('img', { name: 'Google Authenticator export, QR code 1 of 1' });
  await expect(qr).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByText('QR code 1 of 1')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Next' })).toHaveCount(0); // one code: no paging
  await expect(dialog).toContainText('Some providers allow a slot on only a limited number of devices');

  const { text, png } = await readQr(qr);
  const batch = parseMigrationUri(text);
  expect(batch.batchSize).toBe(1);
  expect(
    batch.entries.map((e) => (e.ok ? [e.draft.issuer, e.draft.account, encodeBase32(e.draft.secret)] : e.code)),
  ).toEqual([
    [ivy.issuer, ivy.account, ivy.secret],
    [bob.issuer, bob.account, bob.secret],
  ]);
  expect(page.url()).not.toContain('otpauth');
  expect(logged.filter((l) => l.includes('otpauth') || l.includes(ivy.secret))).toEqual([]);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('img', { name: /QR code/ })).toHaveCount(0);

  await test.step('a fresh Keyslot scans the picture and gets the same two slots, with the same codes', async () => {
    const file = path.join(dir, 'export.png');
    writeFileSync(file, png);
    const context = await browser.newContext({ baseURL });
    const fresh = await context.newPage();
    await fresh.clock.install({ time: T0 });
    await setUpPin(fresh);
    await fresh.clock.pauseAt(T0 + 60_000);
    await fresh.getByRole('button', { name: 'Add a slot' }).first().click();
    await fresh.getByLabel('Choose an image').setInputFiles(file);
    await expect(fresh.getByRole('heading', { name: 'Choose slots to add' })).toBeVisible();
    await expect(fresh.getByRole('checkbox')).toHaveCount(2);
    await fresh.getByRole('button', { name: 'Add 2 slots' }).click();
    await expect(slotItem(fresh, /Société.*ivy/)).toBeVisible();
    await expect(slotItem(fresh, /GitLab.*bob/)).toBeVisible();
    expect(await shownCode(fresh, /Société.*ivy/)).toBe(totp(ivy.secret, T0 + 60_000));
    expect(await shownCode(fresh, /GitLab.*bob/)).toBe(totp(bob.secret, T0 + 60_000));
    await context.close();
  });
});

test('many slots go into several QR codes, one at a time with Next and Previous, together holding every slot', async ({
  page,
}) => {
  // 40 slots, added from two exports of another app (20 accounts each).
  const accounts = Array.from({ length: 40 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    // 10 distinct bytes per secret, as base32.
    const secret = encodeBase32(Uint8Array.from({ length: 10 }, (_, k) => (i * 31 + k * 7 + 1) & 0xff));
    return { secret, issuer: `Service ${n}`, name: `Service ${n}:user${n}@example.org` };
  });
  await setUpPin(page);
  for (const half of [accounts.slice(0, 20), accounts.slice(20)]) {
    await page.getByRole('button', { name: 'Add a slot' }).first().click();
    await page.getByLabel('Choose an image').setInputFiles(await qrPng(migrationUri(half)));
    await page.getByRole('button', { name: 'Add 20 slots' }).click();
    await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible();
  }

  const dialog = await openExport(page);
  await expect(dialog.getByText('40 slots chosen')).toBeVisible();
  await dialog.getByLabel('Your PIN', { exact: true }).fill(PIN);
  await dialog.getByRole('button', { name: 'Show QR codes' }).click();
  const position = dialog.getByText(/^QR code \d+ of \d+$/);
  await expect(position).toHaveText(/^QR code 1 of [2-9]$/, { timeout: 20_000 });
  const count = Number((await position.textContent())!.match(/of (\d+)/)![1]);
  const previous = dialog.getByRole('button', { name: 'Previous' });
  const next = dialog.getByRole('button', { name: 'Next' });
  await expect(previous).toBeDisabled();
  await expect(next).toBeFocused();

  const secrets: string[] = [];
  const ids = new Set<number>();
  for (let page_ = 1; page_ <= count; page_++) {
    await expect(position).toHaveText(`QR code ${page_} of ${count}`);
    const batch = parseMigrationUri(
      (await readQr(dialog.getByRole('img', { name: `Google Authenticator export, QR code ${page_} of ${count}` })))
        .text,
    );
    expect([batch.batchIndex, batch.batchSize]).toEqual([page_ - 1, count]);
    ids.add(batch.batchId);
    for (const e of batch.entries) if (e.ok) secrets.push(encodeBase32(e.draft.secret));
    if (page_ < count) await page.keyboard.press('Enter'); // Next keeps the focus
  }
  await expect(next).toBeDisabled();
  await expect(previous).toBeFocused();
  await previous.click();
  await expect(position).toHaveText(`QR code ${count - 1} of ${count}`);
  expect(ids.size).toBe(1);
  expect(secrets.sort()).toEqual(accounts.map((a) => a.secret).sort());
});
