// Issue 15, icons: an Aegis icon pack imported in Settings suggests icons for existing and new
// slots, an accepted suggestion shows in the list and survives a reload, and an SVG with a script
// inside the pack never runs (no dialog, no console error, no CSP violation). A picture pasted or
// dropped on the icon area in Details becomes the slot's icon; anything else is refused clearly.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { strToU8, zipSync } from 'fflate';
import { test, expect, type Page } from '@playwright/test';
import { setUpPin, addByLink, slotItem, unlock, THREE_SLOTS, slotLink } from './helpers/app';
import { openSettings, leaveSettings } from './helpers/settings';
import { qrPng } from './helpers/qr';
import { ACCOUNTS, aegisPlain } from '../unit/fixtures/importers/make';

const UUID = '7f3b2a10-55e1-4c8e-9d0a-2b1c3d4e5f60';
const GITLAB_SVG =
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#e24329"/></svg>';
// Everything an SVG could use to run code: a script, an event handler, a javascript: link.
const EVIL_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.domain);console.error("pwned")</script><a href="javascript:alert(2)"><rect width="9" height="9"/></a></svg>';

async function packFile(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const png = readFileSync(await qrPng('acme'));
  const json = {
    uuid: UUID,
    name: 'Test icons',
    version: 4,
    icons: [
      { name: 'GitLab', filename: 'code/GitLab.svg', category: 'Code', issuer: ['gitlab'] },
      { name: 'Acme', filename: 'Acme.png', category: 'Other', issuer: ['acme'] },
      { name: 'Evil', filename: 'Evil.svg', category: 'Other', issuer: ['société', 'evil'] },
    ],
  };
  const zip = zipSync({
    'pack.json': strToU8(JSON.stringify(json)),
    'code/GitLab.svg': strToU8(GITLAB_SVG),
    'Acme.png': png,
    'Evil.svg': strToU8(EVIL_SVG),
  });
  return { name: 'test-icons.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) };
}

/** Everything that would tell a script ran or the page broke: dialogs, console errors, CSP reports. */
function watchForTrouble(page: Page): string[] {
  const trouble: string[] = [];
  page.on('dialog', (d) => {
    trouble.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => trouble.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') trouble.push(`console ${m.type()}: ${m.text()}`);
  });
  return trouble;
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

/** axe-core's WCAG 2.1 A/AA findings on what is on screen now. */
async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function openDetails(page: Page, title: string) {
  await page.getByRole('button', { name: `Options for ${title}` }).click();
  await page.getByRole('menuitem', { name: 'Details' }).click();
  const dialog = page.getByRole('dialog', { name: `Details of “${title}”` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The slot's icon in the list: a picture 96 px wide (what Keyslot stores), or null for the generated one. */
async function listIconWidth(page: Page, name: RegExp): Promise<number | null> {
  const img = slotItem(page, name).locator('.slot-icon img');
  if ((await img.count()) === 0) return null;
  await expect(img).toHaveJSProperty('complete', true);
  return img.evaluate((i: HTMLImageElement) => i.naturalWidth);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = found;
    document.addEventListener('securitypolicyviolation', (e) => found.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

test('an imported icon pack suggests icons; accepted ones show in the list, and its SVG script never runs', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const trouble = watchForTrouble(page);
  await setUpPin(page);
  for (const s of THREE_SLOTS) await addByLink(page, slotLink(s));
  expect(await listIconWidth(page, /GitLab/)).toBeNull();

  await openSettings(page, 'appearance');
  const card = page.getByRole('region', { name: 'Icon packs' });
  await expect(card.getByText('No icon pack is installed.')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await card.getByRole('button', { name: 'Import an icon pack' }).click();
  await (await chooser).setFiles(await packFile());
  await expect(page.getByRole('status')).toHaveText('Icon pack installed: Test icons');
  const installed = card.getByRole('list', { name: 'Installed icon packs' }).getByRole('listitem');
  await expect(installed).toHaveCount(1);
  await expect(installed).toContainText('Test icons');
  await expect(installed).toContainText('Version 4 · 2 icons');
  await expect(installed).toContainText('1 file left out'); // the SVG with a script
  // GitLab and Acme match; Société matched only the refused SVG.
  await expect(card.getByRole('button', { name: 'Use suggested icons for 2 slots' })).toBeVisible();

  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('icon-packs-settings.png'), fullPage: true });

  // One slot at a time, in Details.
  await leaveSettings(page);
  let details = await openDetails(page, 'GitLab');
  await expect(details.getByText('Suggested from an icon pack: GitLab')).toBeVisible();
  await details.getByRole('heading', { name: 'Icon' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('icon-packs-details.png') });
  expect(await axeViolations(page)).toEqual([]);
  await details.getByRole('button', { name: 'Use the suggested icon' }).click();
  await expect(page.getByRole('status')).toHaveText('Icon saved');
  await expect(details.getByRole('button', { name: 'Use the suggested icon' })).toHaveCount(0);
  await details.getByRole('button', { name: 'Close' }).click();
  expect(await listIconWidth(page, /GitLab/)).toBe(96);
  expect(await listIconWidth(page, /Acme/)).toBeNull();

  details = await openDetails(page, 'Société');
  await expect(details.getByText(/Suggested from an icon pack/)).toHaveCount(0);
  await details.getByRole('button', { name: 'Close' }).click();

  // The rest at once, in Settings.
  await openSettings(page, 'appearance');
  await card.getByRole('button', { name: 'Use the suggested icon for 1 slot' }).click();
  await expect(page.getByRole('status')).toHaveText('Suggested icons used: 1');
  await expect(card.getByText('No slot without an icon matches an installed pack.')).toBeVisible();
  await leaveSettings(page);
  expect(await listIconWidth(page, /Acme/)).toBe(96);
  await page.screenshot({ path: test.info().outputPath('icon-packs-list.png') });

  // Kept (encrypted) across a reload: the icons with the slots, the pack in Settings.
  await page.reload();
  await unlock(page);
  expect(await listIconWidth(page, /GitLab/)).toBe(96);
  expect(await listIconWidth(page, /Acme/)).toBe(96);
  expect(await listIconWidth(page, /Société/)).toBeNull();

  // A new slot: the confirm screen offers the pack's icon; it is used only when ticked.
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Activation link').fill('otpauth://totp/GitLab:work?secret=KRSXG5CTMVRXEZLU&issuer=GitLab');
  await page.getByRole('button', { name: 'Continue' }).click();
  const use = page.getByRole('checkbox', { name: 'Use the suggested icon: GitLab' });
  await expect(use).not.toBeChecked();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('icon-packs-confirm-dark.png'), fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await use.check();
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(page.getByRole('status')).toHaveText('Slot added');
  await expect.poll(() => listIconWidth(page, /GitLab.*work|work.*GitLab/)).toBe(96);

  // Removing the pack keeps the icons the slots took.
  await openSettings(page, 'appearance');
  await card.getByRole('button', { name: 'Remove Test icons' }).click();
  await expect(page.getByRole('status')).toHaveText('Icon pack removed');
  await expect(card.getByText('No icon pack is installed.')).toBeVisible();
  await leaveSettings(page);
  expect(await listIconWidth(page, /Acme/)).toBe(96);

  expect(trouble).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

test('a picture pasted or dropped on the icon area becomes the icon; anything else is refused clearly', async ({
  page,
}) => {
  const trouble = watchForTrouble(page);
  await setUpPin(page);
  await addByLink(page, slotLink(THREE_SLOTS[1]));
  const png = readFileSync(await qrPng('pasted')).toString('base64');
  let details = await openDetails(page, 'GitLab');
  const area = () => details.getByRole('group', { name: 'Paste or drop a picture here' });

  // Paste: the real clipboard holding a PNG, pasted with Ctrl+V while the area's button has the focus.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
  }, png);
  await area().getByRole('button', { name: 'Choose a picture' }).focus();
  await page.keyboard.press('Control+V');
  await expect(page.getByRole('status')).toHaveText('Icon saved');
  const preview = () => details.locator('img.icon-preview');
  await expect(preview()).toHaveAttribute('src', /^data:image\/(webp|png);base64,/);
  expect(await preview().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
  await details.getByRole('button', { name: 'Use the generated icon' }).click();
  await expect(page.getByRole('status')).toHaveText('The generated icon is back');

  // Drop: a picture file dragged onto the area.
  const drop = async (name: string, type: string, b64: string) => {
    const data = await page.evaluateHandle(
      ([name, type, b64]) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type }));
        return dt;
      },
      [name, type, b64],
    );
    await area().dispatchEvent('dragover', { dataTransfer: data });
    await area().dispatchEvent('drop', { dataTransfer: data });
  };
  await drop('dropped.png', 'image/png', png);
  await expect(page.getByRole('status')).toHaveText('Icon saved');
  await expect(preview()).toHaveCount(1);

  // Not a picture: text pasted, a text file dropped, bytes that are no image. Clear words, the icon unchanged.
  const before = await preview().getAttribute('src');
  await page.evaluate(() => navigator.clipboard.writeText('just words'));
  await area().getByRole('button', { name: 'Choose a picture' }).focus();
  await page.keyboard.press('Control+V');
  await expect(details.getByRole('alert')).toHaveText(
    'That is not a picture. Paste or drop a PNG, WebP or JPEG image.',
  );
  await details.getByRole('button', { name: 'Close' }).click();
  details = await openDetails(page, 'GitLab');
  await expect(details.getByRole('alert')).toHaveCount(0);
  await drop('notes.txt', 'text/plain', Buffer.from('hello').toString('base64'));
  await expect(details.getByRole('alert')).toHaveText(
    'That is not a picture. Paste or drop a PNG, WebP or JPEG image.',
  );
  await drop('fake.png', 'image/png', Buffer.from('not a png at all').toString('base64'));
  await expect(details.getByRole('alert')).toContainText('can’t be used as an icon');
  expect(await preview().getAttribute('src')).toBe(before);
  await details.getByRole('button', { name: 'Close' }).click();
  expect(await listIconWidth(page, /GitLab/)).toBe(96);
  expect(trouble).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

test('a pack installed or removed in one tab shows in another tab’s Settings without a reload', async ({ context }) => {
  const a = await context.newPage();
  await setUpPin(a);
  await addByLink(a, slotLink(THREE_SLOTS[1]));
  const b = await context.newPage();
  await b.goto('/');
  await unlock(b);
  await openSettings(b, 'appearance');
  const cardB = b.getByRole('region', { name: 'Icon packs' });
  await expect(cardB.getByText('No icon pack is installed.')).toBeVisible();

  await a.bringToFront();
  await openSettings(a, 'appearance');
  const chooser = a.waitForEvent('filechooser');
  await a.getByRole('button', { name: 'Import an icon pack' }).click();
  await (await chooser).setFiles(await packFile());
  await expect(a.getByRole('status')).toHaveText('Icon pack installed: Test icons');

  await b.bringToFront();
  await expect(cardB.getByRole('list', { name: 'Installed icon packs' })).toContainText('Test icons');
  await expect(cardB.getByRole('button', { name: 'Use the suggested icon for 1 slot' })).toBeVisible();
  await cardB.getByRole('button', { name: 'Remove Test icons' }).click();

  await a.bringToFront();
  await expect(a.getByText('No icon pack is installed.')).toBeVisible();
});

test('an import offers the pack’s icons for the imported slots only, and uses them only when asked', async ({
  page,
}) => {
  await setUpPin(page);
  await addByLink(page, slotLink(THREE_SLOTS[1])); // GitLab, here before the import: not offered
  await openSettings(page, 'appearance');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('region', { name: 'Icon packs' }).getByRole('button', { name: 'Import an icon pack' }).click();
  await (await chooser).setFiles(await packFile());
  await expect(page.getByRole('status')).toHaveText('Icon pack installed: Test icons');

  await leaveSettings(page);
  await openSettings(page, 'backups');
  await page.getByRole('button', { name: 'Import from another app' }).click();
  const imported = ['Acme', 'GitLab', 'Unknown Bank'].map((issuer, i) => ({
    ...ACCOUNTS[0]!,
    issuer,
    account: `imported${i}`,
    secret: Uint8Array.from(Buffer.from(`keyslot-icon-import-${i}`)),
  }));
  await page.getByLabel('Export file').setInputFiles({
    name: 'aegis.json',
    mimeType: 'application/json',
    buffer: Buffer.from(aegisPlain(imported)),
  });
  await page.getByRole('button', { name: 'Import 3 slots' }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  const use = page.getByRole('button', { name: 'Use suggested icons for 2 imported slots' });
  await expect(use).toHaveAccessibleDescription(/From your installed icon packs/);
  await use.click();
  await expect(page.getByText('Suggested icons used for 2 imported slots.')).toBeFocused();
  await page.getByRole('button', { name: 'Done' }).click();

  expect(await listIconWidth(page, /Acme.*imported0/)).toBe(96);
  expect(await listIconWidth(page, /GitLab.*imported1/)).toBe(96);
  expect(await listIconWidth(page, /Unknown Bank/)).toBeNull();
  expect(await listIconWidth(page, /GitLab.*bob/)).toBeNull();
});
