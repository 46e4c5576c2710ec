// Keyslot at scale, for `npm run bench` (and alone: `node scripts/bench-scale.mjs <url>`):
//  - importing another app's export of 200 / 1,000 / 5,000 slots (an Aegis file written here
//    from Aegis's documented format): file chosen → preview, and "Import" → report;
//  - many slots (10 / 200 / 1,000 / 5,000, seeded by restoring a backup): Unlock click → the
//    first code on screen (and key ready → first code), main-thread time per second of ticking
//    over a whole period (CDP TaskDuration: script, style, layout and paint; and the thread's CPU
//    time), JS heap after a garbage collection.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { writeBackup, BENCH_BACKUP_PASSWORD } from './bench-backup.mjs';
import { firstRun, openSettingsSection } from './ui-steps.mjs';
import { CHROMIUM_ARGS } from './chromium.mjs';

export const IMPORT_COUNTS = [200, 1000, 5000];
export const MANY_COUNTS = [10, 200, 1000, 5000];
// A whole 30 s period: the per-second work and the three changes of a period (the next code, the
// warning, the new code) in one average. BENCH_TICK_SECONDS shortens it for a quick look.
const TICK_SECONDS = Number(process.env.BENCH_TICK_SECONDS ?? 30);
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : 'n/a');

/** An unencrypted Aegis export (Aegis docs/vault.md, db version 3) of `count` TOTP slots. */
export function aegisExport(count, salt = 'import') {
  const entries = Array.from({ length: count }, (_, i) => ({
    type: 'totp',
    uuid: randomBytes(16).toString('hex'),
    name: `user${i}@example.org`,
    issuer: `Import ${i}`,
    note: '',
    favorite: false,
    icon: null,
    info: {
      secret: base32(Buffer.from(`keyslot-bench-${salt}-${String(i).padStart(5, '0')}`)),
      algo: 'SHA1',
      digits: 6,
      period: 30,
    },
    groups: [],
  }));
  return Buffer.from(
    JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries, groups: [] } }),
  );
}

/**
 * Imports `count` slots into a fresh vault. Returns ms from choosing the file to the preview's
 * summary, and from the Import click to the report (or NaN past `timeoutMs`).
 */
export async function timeImport(browser, { base, pin, count, timeoutMs = 180_000 }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await firstRun(page, base, pin);
    await openSettingsSection(page, 'Backups');
    await page.getByRole('button', { name: 'Import from another app' }).click();
    const p0 = await now(page);
    await page
      .getByLabel('Export file')
      .setInputFiles({ name: 'aegis-export-plain.json', mimeType: 'application/json', buffer: aegisExport(count) });
    const submit = page.getByRole('button', { name: `Import ${count.toLocaleString('en')} slots` });
    // Waits by CSS, not by role: Playwright's role queries walk the whole accessibility tree on
    // every poll, which over 5,000 rows cost the page more than the import itself.
    const label = `Import ${count.toLocaleString('en')} slots`;
    await page.waitForFunction(
      (text) => [...document.querySelectorAll('form button[type=submit]')].some((b) => b.textContent?.trim() === text),
      label,
      {
        timeout: 60_000,
        polling: 50,
      },
    );
    const preview = (await now(page)) - p0;
    const i0 = await now(page);
    await submit.click();
    try {
      await page.waitForFunction(() => document.getElementById('import-report-title'), null, {
        timeout: timeoutMs,
        polling: 50,
      });
    } catch {
      return { preview, run: NaN };
    }
    return { preview, run: (await now(page)) - i0 };
  } finally {
    await context.close();
  }
}

/** A fresh vault with `count` slots restored from a backup; the page is left on the slot list. */
export async function seedByRestore(browser, { base, pin, count, dir }) {
  const file = join(dir, `seed-${count}.keyslot`);
  writeFileSync(file, await writeBackup(count));
  const context = await browser.newContext();
  const page = await context.newPage();
  await firstRun(page, base, pin);
  await openSettingsSection(page, 'Backups');
  await page.getByLabel('File to restore', { exact: true }).setInputFiles(file);
  await page.getByLabel('Password of the backup', { exact: true }).fill(BENCH_BACKUP_PASSWORD);
  const before = await page.evaluate(FIRST_SCREEN_STORED);
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await page.getByText(`Restore finished: ${count} added`).waitFor({ timeout: 300_000 });
  // As after any earlier session: the first-screen hint (docs/vault.md) is written again once
  // the list has been quiet for a moment; the unlock measured next reads it.
  for (let waited = 0; (await page.evaluate(FIRST_SCREEN_STORED)) === before; waited += 100) {
    if (waited > 60_000) throw new Error('The first-screen hint was not written after the restore');
    await page.waitForTimeout(100);
  }
  return { context, page };
}

/** The stored first-screen hint's IV (it changes with every write of the hint), or null. */
const FIRST_SCREEN_STORED = () =>
  new Promise((resolve) => {
    const open = indexedDB.open('keyslot');
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('meta').objectStore('meta').get('firstScreen');
      get.onsuccess = () => {
        db.close();
        resolve(get.result?.iv ?? null);
      };
      get.onerror = () => {
        db.close();
        resolve(null);
      };
    };
  });

/** Records (page clock) when the first slot's code digits are first in the document. */
const FIRST_CODE_OBSERVER = () => {
  new MutationObserver(() => {
    if (window.__firstCodeAt) return;
    const code = document.querySelector('li button.code .code-digits');
    if (code && /\d/.test(code.textContent ?? '')) window.__firstCodeAt = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
};

/**
 * Reloads to the PIN field, unlocks, and measures: click → first code, key ready → first code,
 * main-thread ms per second of ticking once settled, and the JS heap after a GC.
 */
/** How long the list is left alone after every slot is in, before the tick's window. */
const SETTLE_MS = 15_000;

export async function measureList(page, { pin, count }) {
  await page.reload();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.evaluate(FIRST_CODE_OBSERVER);
  const t0 = await now(page);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.waitForFunction(() => window.__firstCodeAt, null, { timeout: 120_000, polling: 50 });
  const [click, key] = await page.evaluate(
    ([start]) => {
      const ready = performance.getEntriesByName('keyslot:key-ready').at(-1)?.startTime ?? NaN;
      return [window.__firstCodeAt - start, window.__firstCodeAt - ready];
    },
    [t0],
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;
  // Let the whole list settle, then tick: every slot read and in the list (the first screen shows
  // before the rest is read, and the list grows in chunks), then SETTLE_MS. Not less: for about ten
  // seconds after the unlock's burst of allocation V8's memory reducer runs major collections of
  // the whole heap (traced at 5,000 slots: ~1.1 s of incremental marking in a window begun 3 s
  // after, ~0.2 s in one begun 15 s after). That is the unlock's cost, not the tick's.
  await page.getByRole('heading', { name: 'Your slots' }).waitFor({ timeout: 120_000 });
  await page.waitForFunction((n) => document.querySelectorAll('li.slot').length >= n, count, {
    timeout: 120_000,
    polling: 250,
  });
  await page.waitForTimeout(SETTLE_MS);
  // The unlock's garbage (thousands of decrypted records) is collected now, not inside the tick's window.
  await cdp.send('HeapProfiler.collectGarbage');
  // ThreadTime is the main thread's CPU time: on a loaded machine the durations (wall time) grow
  // with the waits for a core, the CPU time much less.
  const names = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'ThreadTime'];
  const before = await Promise.all(names.map(metric));
  await page.waitForTimeout(TICK_SECONDS * 1000);
  const after = await Promise.all(names.map(metric));
  const [tick, script, style, layout, cpu] = names.map((_, i) => ((after[i] - before[i]) * 1000) / TICK_SECONDS);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await metric('JSHeapUsedSize')) / 1024 / 1024;
  await cdp.detach();
  return { click, key, tick, script, style, layout, cpu, heap };
}

export async function benchScale(
  rows,
  { base, executablePath, pin, importCounts = IMPORT_COUNTS, manyCounts = MANY_COUNTS },
) {
  const row = (metric, value, goal = '') => rows.push({ metric, value, goal });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-bench-scale-'));
  try {
    for (const count of importCounts) {
      const { preview, run } = await timeImport(browser, { base, pin, count });
      const goal = count <= 1000 ? '≤ 5 s' : '≤ 20 s';
      row(`Import ${count} slots (Aegis file): preview ${ms(preview)}; Import → report`, ms(run), `${goal}, linear`);
    }
    for (const count of manyCounts) {
      const { context, page } = await seedByRestore(browser, { base, pin, count, dir });
      try {
        const m = await measureList(page, { pin, count });
        const tickGoal = count >= 5000 ? '≤ 16 ms/s' : count >= 1000 ? '≤ 8 ms/s' : '';
        row(
          `${count} slots: Unlock click → first code (key ready → first code)`,
          `${ms(m.click)} (${ms(m.key)})`,
          'key → code ≤ 100 ms',
        );
        const parts = `script ${m.script.toFixed(1)}, style ${m.style.toFixed(1)}, layout ${m.layout.toFixed(1)}; CPU ${m.cpu.toFixed(1)}`;
        row(`${count} slots: main thread per second of ticking (${parts})`, `${m.tick.toFixed(1)} ms/s`, tickGoal);
        row(`${count} slots: JS heap after GC`, `${m.heap.toFixed(1)} MB`, count === 1000 ? '≤ 20 MB' : '');
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

const now = (page) => page.evaluate(() => performance.now());

export function base32(bytes) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += A[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += A[(value << (5 - bits)) & 31];
  return out;
}

/** Prints rows as the bench's table: metric, measured, goal. */
export function printTable(rows) {
  const width = Math.max(...rows.map((r) => r.metric.length));
  const vwidth = Math.max(...rows.map((r) => r.value.length));
  console.log(`\n${'Metric'.padEnd(width)} | ${'Measured'.padEnd(vwidth)} | Goal`);
  console.log(`${'-'.repeat(width)}-|-${'-'.repeat(vwidth)}-|------`);
  for (const r of rows) console.log(`${r.metric.padEnd(width)} | ${r.value.padEnd(vwidth)} | ${r.goal}`);
}

// `npm run bench:scale`: only this part, on its own build and port. BENCH_OUT_DIR / BENCH_PORT
// choose them (default dist-bench-scale, 4176); BENCH_IMPORT and BENCH_SLOTS choose the counts
// ("1000,5000"; "none" skips a part).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { execFileSync } = await import('node:child_process');
  const { startPreview } = await import('./preview-server.mjs');
  const { findChromium, NO_CHROMIUM_HELP } = await import('./chromium.mjs');
  const counts = (name, all) => {
    const v = process.env[name];
    if (!v) return all;
    return v === 'none' ? [] : v.split(',').map(Number);
  };
  const found = findChromium();
  if (!found) throw new Error(NO_CHROMIUM_HELP);
  const outDir = process.env.BENCH_OUT_DIR ?? 'dist-bench-scale';
  const port = Number(process.env.BENCH_PORT ?? 4176);
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir], { stdio: 'inherit' });
  const server = await startPreview({ outDir, port });
  const rows = [];
  try {
    await benchScale(rows, {
      base: server.base,
      executablePath: found.executablePath,
      pin: '480913',
      importCounts: counts('BENCH_IMPORT', IMPORT_COUNTS),
      manyCounts: counts('BENCH_SLOTS', MANY_COUNTS),
    });
  } finally {
    await server.stop();
  }
  printTable(rows);
  console.log(`\nChromium: ${found.source}; machine: ${(await import('node:os')).cpus().length} cores`);
}
