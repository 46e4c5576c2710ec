// Issue 14: an activation link must not leave its secret in the browser's own files. A real
// Chromium profile (persistent, not incognito: only such a profile writes History, Top Sites,
// Favicons, Sessions…) opens a link and adds the slot; the browser is closed so it flushes its
// files; then every file of the profile is searched for the secret in every encoding it could
// take. The plain link is expected to leave it (this proves the search finds what is there);
// the sealed link must leave nothing, and neither must its activation code.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, chromium, type Page } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { encodeBase32 } from '../../src/core/base32';
import { PIN, setUpPin } from './helpers/app';
import { formatCode } from '../../src/core/sealed-link';
import { makeSealedLink } from '../../src/platform/sealed-link';

interface Needle {
  encoding: string;
  bytes: Buffer;
}

/** The secret as text in every way a browser may store text, and as the raw bytes. */
function needles(secretBytes: Uint8Array, uri: string): Needle[] {
  const b32 = encodeBase32(secretBytes);
  const raw = Buffer.from(secretBytes);
  const pct = (s: string, hex: (b: number) => string) => [...Buffer.from(s)].map((b) => `%${hex(b)}`).join('');
  const texts: Array<[string, string]> = [
    ['base32 as given', b32],
    ['base32 lower case', b32.toLowerCase()],
    ['base32 percent-encoded (upper-case hex)', pct(b32, (b) => b.toString(16).toUpperCase())],
    ['base32 percent-encoded (lower-case hex)', pct(b32, (b) => b.toString(16))],
    ['the URI, encodeURIComponent', encodeURIComponent(uri)],
    ['base64', raw.toString('base64')],
    ['base64url', raw.toString('base64url')],
    ['hex', raw.toString('hex')],
  ];
  return [
    ...texts.map(([encoding, text]) => ({ encoding, bytes: Buffer.from(text, 'latin1') })),
    ...texts.map(([encoding, text]) => ({ encoding: `${encoding}, UTF-16LE`, bytes: Buffer.from(text, 'utf16le') })),
    { encoding: 'raw secret bytes', bytes: raw },
  ];
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return allFiles(full);
    return e.isFile() ? [full] : [];
  });
}

interface SearchResult {
  files: number;
  bytes: number;
  hits: Array<{ file: string; encoding: string }>;
}

function searchProfile(dir: string, what: Needle[]): SearchResult {
  const files = allFiles(dir);
  const hits: SearchResult['hits'] = [];
  let bytes = 0;
  for (const file of files) {
    const content = readFileSync(file);
    bytes += content.length;
    for (const n of what)
      if (content.includes(n.bytes)) hits.push({ file: path.relative(dir, file), encoding: n.encoding });
  }
  return { files: files.length, bytes, hits };
}

/** One profile: set up a PIN, open `link` as a new navigation, add the slot, close the browser. */
async function inProfile(baseURL: string, journey: (page: Page) => Promise<void>): Promise<string> {
  const profile = mkdtempSync(path.join(tmpdir(), 'keyslot-history-'));
  const found = findChromium() as { executablePath: string | undefined } | null;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: found?.executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await setUpPin(page);
    await page.goto('about:blank');
    await journey(page);
  } finally {
    await context.close(); // flushes History, Top Sites, Sessions… to disk
  }
  return profile;
}

async function unlockAfterLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

async function confirmAdd(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Slot added' })).toBeAttached();
  await expect(page.getByRole('listitem', { name: /History Test/ })).toBeVisible();
}

function fresh() {
  const secret = randomBytes(20);
  const uri = `otpauth://totp/History%20Test:alice?secret=${encodeBase32(secret)}&issuer=History%20Test`;
  return { secret, uri };
}

function report(kind: string, result: SearchResult): void {
  const summary = `${kind}: ${result.files} files (${(result.bytes / 1024 / 1024).toFixed(1)} MiB) searched, ${result.hits.length} hits`;
  const where = [...new Set(result.hits.map((h) => h.file))].join(', ');
  test.info().annotations.push({ type: 'profile search', description: where ? `${summary} in ${where}` : summary });
  console.log(where ? `${summary} in ${where}` : summary);
}

test.describe('what an activation link leaves in the browser profile', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  test('a plain link leaves its secret in the profile files (the search finds what is there)', async ({ baseURL }) => {
    const { secret, uri } = fresh();
    const profile = await inProfile(baseURL!, async (page) => {
      await unlockAfterLink(page, `/#add=${encodeURIComponent(uri)}`);
      await confirmAdd(page);
    });
    try {
      const result = searchProfile(profile, needles(secret, uri));
      report('plain link', result);
      expect(result.files).toBeGreaterThan(20);
      expect(result.hits.length).toBeGreaterThanOrEqual(1);
      expect(result.hits.map((h) => h.file)).toContain(path.join('Default', 'History'));
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('a sealed link leaves neither the secret nor its activation code anywhere in the profile', async ({
    baseURL,
  }) => {
    const { secret, uri } = fresh();
    // What `npm run make-link` does, with the default Argon2id cost.
    const made = await makeSealedLink(`${baseURL}/`, uri);
    const { link } = made;
    const code = formatCode(made.code);
    const profile = await inProfile(baseURL!, async (page) => {
      await unlockAfterLink(page, link);
      await page.getByRole('textbox', { name: 'Activation code' }).fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Open link' }).click();
      await confirmAdd(page);
    });
    try {
      const plain = code.replace('-', '');
      const codeNeedles = [code, plain, plain.toLowerCase(), code.toLowerCase()].flatMap((c) => [
        { encoding: `code ${c}`, bytes: Buffer.from(c, 'latin1') },
        { encoding: `code ${c}, UTF-16LE`, bytes: Buffer.from(c, 'utf16le') },
      ]);
      const result = searchProfile(profile, [...needles(secret, uri), ...codeNeedles]);
      report('sealed link', result);
      expect(result.files).toBeGreaterThan(20);
      // The link itself is in History (that is expected; it is useless without the code).
      const history = readFileSync(path.join(profile, 'Default', 'History'));
      expect(history.includes(Buffer.from(link.slice(link.indexOf('ks1.'), link.indexOf('ks1.') + 40)))).toBe(true);
      expect(result.hits).toEqual([]);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
