// `npm run bench`: builds the app, serves it, and measures what users feel.
// Prints a table; nothing here is a pass/fail test.
import { addByExport, addByLink, firstRun } from './ui-steps.mjs';
import { startPreview } from './preview-server.mjs';
import { base32 } from './bench-scale.mjs';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS, NO_CHROMIUM_HELP } from './chromium.mjs';

// BENCH_OUT_DIR / BENCH_PORT / BENCH_BLANK_PORT: another build directory and ports, so two runs can
// share a machine (every part of the bench reads them; docs/testing.md).
const DIST = process.env.BENCH_OUT_DIR ?? 'dist';
const PORT = Number(process.env.BENCH_PORT ?? 4175);
const BASE = `http://localhost:${PORT}`;
const PIN = '480913';
const SLOTS = 200;
const SEARCH_SLOTS = 500;
// Narrowing, one match, none, accents, and back to everything (the costliest repaint).
const SEARCH_QUERIES = ['b', 'bench 4', 'user499', 'nothing', 'BÉNCH 12', ''];
const rows = [];
const row = (metric, value, goal = '') => rows.push({ metric, value, goal });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;

function build() {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', DIST], { stdio: 'inherit' });
}

function lazySizes() {
  const files = readdirSync(join(DIST, 'assets')).filter((f) => /\.(js|wasm)$/.test(f));
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  return files
    .filter((f) => !html.includes(f))
    .map((f) => {
      const bytes = readFileSync(join(DIST, 'assets', f));
      return { file: f, raw: statSync(join(DIST, 'assets', f)).size, gz: gzipSync(bytes, { level: 9 }).length };
    });
}

const setUp = (page) => firstRun(page, BASE, PIN);

/** Reloads to the unlock screen; returns ms from navigation start to the PIN field on screen. */
async function reloadToPin(page) {
  await page.reload();
  await page.getByLabel('PIN', { exact: true }).waitFor();
  return page.evaluate(() => window.__pinShownAt ?? NaN);
}

/**
 * Unlocks; returns [ms for the key (KDF + unwrap), ms from key ready to the codes on screen]: the list
 * holds `expectedCodes` slots and every slot near the screen shows its code (the others are built as
 * they come near, src/ui/state/near-screen.ts).
 */
async function timedUnlock(page, expectedCodes) {
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('li.slot').length >= n &&
      document.querySelectorAll('li.slot:not(.far)').length ===
        document.querySelectorAll('li.slot:not(.far) button.code').length &&
      document.querySelector('h1')?.textContent === 'Your slots',
    expectedCodes,
    { polling: 'raf', timeout: 60_000 },
  );
  return page.evaluate(
    ([start]) => {
      const ready = performance.getEntriesByName('keyslot:key-ready').at(-1)?.startTime ?? NaN;
      const shown = window.__codesShownAt ?? NaN;
      return [ready - start, shown - ready];
    },
    [t0],
  );
}

const OBSERVER = () => {
  // Records when the PIN field, and the codes of every slot near the screen, first appear (navigation start = 0).
  new MutationObserver(() => {
    if (!window.__pinShownAt && document.querySelector('input[type=password]')) window.__pinShownAt = performance.now();
    const n = document.querySelectorAll('li.slot:not(.far) button.code').length;
    if (n && n === document.querySelectorAll('li.slot:not(.far)').length) window.__codesShownAt ??= performance.now();
    if (!n) window.__codesShownAt = undefined;
  }).observe(document, { childList: true, subtree: true, characterData: true });
};

async function main() {
  const found = findChromium();
  if (!found) throw new Error(NO_CHROMIUM_HELP);
  build();
  // First load next to a blank page: ready to type, paint, bytes, Lighthouse (bench-first-load.mjs).
  await (await import('./bench-first-load.mjs')).benchFirstLoad(rows, found);
  for (const lazy of lazySizes()) row(`Lazy chunk ${lazy.file} (gzip -9)`, kb(lazy.gz));
  await (await import('./bench-qr.mjs')).benchQr(rows, { outDir: DIST }); // QR: decode rates and ms on the corpus, camera frames, scanner sizes

  const server = await startPreview({ outDir: DIST, port: PORT });
  const browser = await chromium.launch({ executablePath: found.executablePath, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(OBSERVER);
    await setUp(page);

    const pinTimes = [];
    const unlockTimes = [];
    for (let i = 0; i < 5; i++) {
      pinTimes.push(await reloadToPin(page));
      unlockTimes.push((await timedUnlock(page, 0))[0]);
    }
    row('Navigation → PIN prompt, warm cache (median of 5)', ms(median(pinTimes)));
    row('Unlock: PIN → data key (KDF + unwrap, median of 5)', ms(median(unlockTimes)), '0.5–1 s');
    await (
      await import('./bench-camera.mjs')
    ).benchCamera(rows, { base: BASE, executablePath: found.executablePath, pin: PIN });
    await (
      await import('./bench-backup.mjs')
    ).benchBackup(rows, { base: BASE, executablePath: found.executablePath, pin: PIN });
    // Imports of 200 / 1,000 / 5,000 slots; lists of 10 … 5,000 slots seeded by restoring a backup.
    await (
      await import('./bench-scale.mjs')
    ).benchScale(rows, { base: BASE, executablePath: found.executablePath, pin: PIN });

    // 200 slots, added the way a person would, then unlocked.
    for (let i = 0; i < SLOTS; i++) await addByLink(page, benchUri(i));
    const listTimes = [];
    for (let i = 0; i < 5; i++) {
      await reloadToPin(page);
      listTimes.push((await timedUnlock(page, SLOTS))[1]);
    }
    row(`Unlock → codes on screen shown, ${SLOTS} slots (median of 5)`, ms(median(listTimes)));

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (name) =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;
    await page.waitForTimeout(1500);
    const s0 = await metric('ScriptDuration');
    const k0 = await metric('TaskDuration');
    const SECONDS = 10;
    await page.waitForTimeout(SECONDS * 1000);
    const s1 = await metric('ScriptDuration');
    const k1 = await metric('TaskDuration');
    row(
      `Scripting per 1 s tick, ${SLOTS} slots (CDP ScriptDuration / ${SECONDS} s)`,
      ms(((s1 - s0) * 1000) / SECONDS),
      '< 4 ms',
    );
    row(`Main-thread work per tick incl. style/layout (TaskDuration)`, ms(((k1 - k0) * 1000) / SECONDS));

    // Search over 500 slots: 300 more (three exports of 100: one by one through the add screen
    // would take minutes), then from typing a query to the filtered list painted.
    for (let i = SLOTS; i < SEARCH_SLOTS; i += 100) await addByExport(page, exportUri(i, 100), 100);
    row(
      `Search, ${SEARCH_SLOTS} slots: keystroke → filtered list painted (median of ${SEARCH_QUERIES.length * 3})`,
      ms(await searchLatency(page)),
      '< 50 ms',
    );
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    row(
      `Reorder, ${SEARCH_SLOTS} slots: ↑ on the last slot's handle → list repainted (median of 5)`,
      ms(await moveLatency(page)),
    );

    if (process.env.BENCH_PROFILE) {
      // Where the tick's time goes: self time by function over 5 s of ticking.
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      await page.waitForTimeout(5000);
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map();
      const dt = profile.timeDeltas;
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, i) => {
        const n = byId.get(id);
        const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
      });
      console.log(
        [...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25)
          .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`)
          .join('\n'),
      );
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  // Install and offline: Lighthouse, offline cold starts next to a blank page, precache size.
  await (await import('./bench-pwa.mjs')).benchPwa(rows, found);

  const width = Math.max(...rows.map((r) => r.metric.length));
  const vwidth = Math.max(...rows.map((r) => r.value.length));
  console.log(`\n${'Metric'.padEnd(width)} | ${'Measured'.padEnd(vwidth)} | Goal`);
  console.log(`${'-'.repeat(width)}-|-${'-'.repeat(vwidth)}-|------`);
  for (const r of rows) console.log(`${r.metric.padEnd(width)} | ${r.value.padEnd(vwidth)} | ${r.goal}`);
  console.log(`\nChromium: ${found.source}; machine: ${(await import('node:os')).cpus().length} cores`);
}

/** The i-th bench slot's link: a distinct secret, provider "Bench i", account "useri". */
function benchUri(i) {
  const b32 = base32(Buffer.from(`keyslot-bench-secret-${String(i).padStart(4, '0')}`));
  return `otpauth://totp/Bench%20${i}:user${i}?secret=${b32}&issuer=Bench%20${i}`;
}

/**
 * A Google Authenticator export link (otpauth-migration://, a protobuf: Google's
 * MigrationPayload) holding bench slots `from` … `from + count − 1`, as benchUri names them.
 */
function exportUri(from, count) {
  const varint = (n) => {
    const out = [];
    for (; n > 127; n = Math.floor(n / 128)) out.push((n % 128) | 128);
    out.push(n);
    return Buffer.from(out);
  };
  const field = (no, bytes) => Buffer.concat([varint(no * 8 + 2), varint(bytes.length), bytes]);
  const number = (no, n) => Buffer.concat([varint(no * 8), varint(n)]);
  const entries = [];
  for (let i = from; i < from + count; i++) {
    const otp = Buffer.concat([
      field(1, Buffer.from(`keyslot-bench-secret-${String(i).padStart(4, '0')}`)), // secret
      field(2, Buffer.from(`Bench ${i}:user${i}`)), // name
      field(3, Buffer.from(`Bench ${i}`)), // issuer
      number(4, 1), // SHA1
      number(5, 1), // six digits
      number(6, 2), // TOTP
    ]);
    entries.push(field(1, otp));
  }
  const payload = Buffer.concat([...entries, number(2, 1), number(3, 1), number(4, 0), number(5, 7)]);
  return `otpauth-migration://offline?data=${encodeURIComponent(payload.toString('base64'))}`;
}

/**
 * Types each query into the Search field as one input event and waits for the next frame after
 * the list has been updated (Svelte flushes in a microtask; rAF then a task = painted). Median ms.
 */
async function searchLatency(page) {
  await page.getByRole('searchbox', { name: 'Search' }).waitFor();
  const times = [];
  for (let round = 0; round < 3; round++) {
    for (const query of SEARCH_QUERIES) {
      times.push(
        await page.evaluate(async (q) => {
          const input = document.querySelector('input[type=search]');
          const t0 = performance.now();
          input.value = q;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return performance.now() - t0;
        }, query),
      );
    }
  }
  return median(times);
}

/** Presses ↑ on the last slot's handle (one record re-encrypted and written) until the list shows it moved. Median ms. */
async function moveLatency(page) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    times.push(
      await page.evaluate(async () => {
        // The last slot is built (handle and all) only near the screen: scroll to it first.
        scrollTo(0, document.scrollingElement.scrollHeight);
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        for (let f = 0; f < 120 && !document.querySelector('li.slot:last-child:not(.far) button.handle'); f++)
          await frame();
        const last = document.querySelector('li.slot:last-child button.handle');
        const id = last.closest('li').dataset.slot;
        const t0 = performance.now();
        last.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
        for (;;) {
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          const items = document.querySelectorAll('li.slot');
          if (items[items.length - 1].dataset.slot !== id) return performance.now() - t0;
        }
      }),
    );
  }
  return median(times);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
