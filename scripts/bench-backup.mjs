// Backups in `npm run bench`: restore and back up 500 slots through the UI, in Chromium.
//
// The 500-slot backup is made here in Node, from docs/backup.md's description of the format alone
// (hash-wasm's Argon2id, node:crypto's AES-256-GCM), with the default KDF parameters; the app
// restores it into a fresh vault (new browser context each run), then backs the 500 slots up
// again, and that file is opened here in Node the same way. So the numbers are the real KDF plus
// the real work, and the format is checked against an independent writer and reader on the way.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { argon2id } from 'hash-wasm';
import { firstRun, openSettingsSection } from './ui-steps.mjs';
import { CHROMIUM_ARGS } from './chromium.mjs';

const COUNT = 500;
const RUNS = 3;
export const BENCH_BACKUP_PASSWORD = 'bench backup passphrase';
const PASSWORD = BENCH_BACKUP_PASSWORD;
const KDF = { name: 'argon2id', memoryKiB: 131072, iterations: 4, parallelism: 1 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => `${n.toFixed(0)} ms`;

async function keyFor(password, kdf, salt) {
  return Buffer.from(
    await argon2id({
      password: password.normalize('NFC'),
      salt,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      memorySize: kdf.memoryKiB,
      hashLength: 32,
      outputType: 'binary',
    }),
  );
}

const aadOf = (o) =>
  Buffer.from(
    JSON.stringify([
      o.format,
      o.version,
      o.createdAt,
      o.kdf.name,
      o.kdf.memoryKiB,
      o.kdf.iterations,
      o.kdf.parallelism,
      o.salt,
    ]),
  );

/** A version-1 backup file of `count` TOTP slots, written from docs/backup.md's description. */
export async function writeBackup(count) {
  const slots = Array.from({ length: count }, (_, i) => ({
    kind: 'totp',
    issuer: `Bench ${i}`,
    account: `user${i}@example.org`,
    name: '',
    secret: Buffer.from(`keyslot-bench-backup-${String(i).padStart(4, '0')}`).toString('base64'),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    createdAt: 1_700_000_000_000 + i,
  }));
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const head = { format: 'keyslot-backup', version: 1, createdAt: Date.now(), kdf: KDF, salt: salt.toString('base64') };
  const c = createCipheriv('aes-256-gcm', await keyFor(PASSWORD, KDF, salt), iv);
  c.setAAD(aadOf(head));
  const ct = Buffer.concat([c.update(JSON.stringify({ slots })), c.final(), c.getAuthTag()]);
  return JSON.stringify({ ...head, iv: iv.toString('base64'), ct: ct.toString('base64') }, null, 2);
}

/** Opens a backup file the way docs/backup.md says; returns its slots. */
async function readBackup(text) {
  const o = JSON.parse(text);
  const blob = Buffer.from(o.ct, 'base64');
  const d = createDecipheriv(
    'aes-256-gcm',
    await keyFor(PASSWORD, o.kdf, Buffer.from(o.salt, 'base64')),
    Buffer.from(o.iv, 'base64'),
  );
  d.setAAD(aadOf(o));
  d.setAuthTag(blob.subarray(-16));
  return JSON.parse(Buffer.concat([d.update(blob.subarray(0, -16)), d.final()]).toString('utf8')).slots;
}

export async function benchBackup(rows, { base, executablePath, pin }) {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-bench-backup-'));
  const file = join(dir, 'bench.keyslot');
  writeFileSync(file, await writeBackup(COUNT));

  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const restoreTimes = [];
  const backupTimes = [];
  let lastFile = '';
  try {
    for (let run = 0; run < RUNS; run++) {
      // A fresh context: an empty vault every run. No File System Access: the download path.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => delete window.showSaveFilePicker);
      await firstRun(page, base, pin);
      await openSettingsSection(page, 'Backups');

      await page.getByLabel('File to restore', { exact: true }).setInputFiles(file);
      await page.getByLabel('Password of the backup', { exact: true }).fill(PASSWORD);
      const r0 = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Restore', exact: true }).click();
      await page.getByText(`Restore finished: ${COUNT} added`).waitFor({ timeout: 120_000 });
      restoreTimes.push(await since(page, r0, 'keyslot:restore-done'));

      await page.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirm backup password', { exact: true }).fill(PASSWORD);
      const downloaded = page.waitForEvent('download', { timeout: 120_000 });
      const b0 = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Save encrypted copy' }).click();
      const download = await downloaded;
      backupTimes.push(await since(page, b0, 'keyslot:backup-done'));
      const out = join(dir, `run${run}.keyslot`);
      await download.saveAs(out);
      lastFile = out;
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const back = await readBackup(readFileSync(lastFile, 'utf8'));
  if (back.length !== COUNT) throw new Error(`the app's backup holds ${back.length} slots, expected ${COUNT}`);
  const show = (times) =>
    `${ms(median(times.map((t) => t.total)))} (KDF ${ms(median(times.map((t) => t.kdf)))}, the rest ${ms(median(times.map((t) => t.rest)))})`;
  row(
    rows,
    `Restore ${COUNT} slots: click → all stored (Argon2id 128 MiB t=4 included, median of ${RUNS})`,
    show(restoreTimes),
    '< 2 s',
  );
  row(
    rows,
    `Back up ${COUNT} slots: click → file saved (Argon2id included, median of ${RUNS})`,
    show(backupTimes),
    '< 2 s',
  );
  row(rows, `Backup file size, ${COUNT} slots`, `${(readFileSync(lastFile).length / 1024).toFixed(1)} KB`);
}

/** ms from `start` (page clock) to the `done` mark: total, the KDF (to the key-ready mark) and the rest. */
async function since(page, start, done) {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, done, { timeout: 60_000 });
  return page.evaluate(
    ([t0, name]) => {
      const last = (n) => performance.getEntriesByName(n).at(-1)?.startTime ?? NaN;
      const end = last(name);
      const key = last('keyslot:backup-key-ready');
      return { total: end - t0, kdf: key - t0, rest: end - key };
    },
    [start, done],
  );
}

function row(rows, metric, value, goal = '') {
  rows.push({ metric, value, goal });
}
