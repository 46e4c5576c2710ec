// Install / offline part of `npm run bench` (also runs alone: `node scripts/bench-pwa.mjs`).
// Measures, on the build in dist/:
//   - (Lighthouse, median of 3, is in bench-first-load.mjs; the runner is exported from here.)
//   - Offline cold start (network off, service worker stopped, new tab) to the unlock screen, and
//     unlock → first code; next to a blank page served the same way (its own service worker and
//     precache, same server and headers). Median of 5.
//   - The precache: how many files and how many bytes the service worker stores.
import { addByLink, firstRun } from './ui-steps.mjs';
import { startPreview } from './preview-server.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS, NO_CHROMIUM_HELP } from './chromium.mjs';
import { writeBlankSite } from './blank-site.mjs';

const APP_PORT = Number(process.env.BENCH_PORT ?? 4177);
const BLANK_PORT = Number(process.env.BENCH_BLANK_PORT ?? APP_PORT + 1);
const PIN = '480913';
// 12.2.3 fails on Chromium 156 (NO_NAVSTART); 12.8.x measures it (and runs on Node 20).
const LIGHTHOUSE = 'lighthouse@12.8.2';
// The build to measure (`npm run bench` builds dist/; BENCH_OUT_DIR measures another).
const DIST = process.env.BENCH_OUT_DIR ?? 'dist';
const log = (...a) => process.env.BENCH_DEBUG && console.log(...a);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : 'n/a');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** `vite preview` of `outDir` (scripts/preview-server.mjs), with `url` for this file's callers. */
async function serve(outDir, port) {
  const server = await startPreview({ outDir, port });
  return { url: server.base, stop: server.stop };
}

/** Files the service worker precaches (the list the build injected into dist/sw.js). */
export function precacheSize(dir = DIST) {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const urls = [...new Set([...sw.matchAll(/"?url"?:"([^"]+)"/g)].map((m) => m[1]))];
  let raw = 0;
  let gz = 0;
  for (const url of urls) {
    const bytes = readFileSync(join(dir, url));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: urls.length, raw, gz };
}

// Records when a target element first appears (ms from navigation start), set per run by the bench.
const OBSERVER = () => {
  const seen = () => {
    if (!window.__readyAt && document.querySelector('#ready, input[type=password]'))
      window.__readyAt = performance.now();
    if (!window.__codeAt && document.querySelector('li button.code')) window.__codeAt = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, characterData: true });
  seen();
};

/** Median ms to the target after a cold, offline start: network off, worker stopped, new tab. */
async function coldStarts(context, url, runs, afterStart) {
  const cdp = await context.newCDPSession(context.pages()[0]);
  await context.setOffline(true);
  const starts = [];
  const after = [];
  for (let i = 0; i < runs; i++) {
    for (const p of context.pages()) await p.close();
    await cdp.send('ServiceWorker.enable').catch(() => undefined);
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    await session.send('ServiceWorker.stopAllWorkers').catch(() => undefined);
    log('cold start', url, i);
    await page.goto(url);
    log('  loaded');
    await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 30_000 });
    log('  ready');
    starts.push(await page.evaluate(() => window.__readyAt));
    if (afterStart) after.push(await afterStart(page));
  }
  await context.setOffline(false);
  return { start: median(starts), after: after.length ? median(after) : NaN };
}

async function unlockToFirstCode(page) {
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.waitForFunction(() => window.__codeAt !== undefined, null, { timeout: 60_000 });
  return page.evaluate((start) => window.__codeAt - start, t0);
}

async function offlineColdStart(browser, rows) {
  const app = await serve(DIST, APP_PORT);
  const blankDir = 'bench-results/blank';
  writeBlankSite(blankDir);
  const blank = await serve(blankDir, BLANK_PORT);
  try {
    // The app: one visit (PIN, one slot), then cold offline starts.
    const appContext = await browser.newContext();
    await appContext.addInitScript(OBSERVER);
    const page = await appContext.newPage();
    await firstRun(page, app.url, PIN);
    await addByLink(page, 'otpauth://totp/Bench:cold?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Bench');
    await page.evaluate(() => navigator.serviceWorker.ready);
    log('app visited');
    const appRuns = await coldStarts(appContext, app.url, 5, unlockToFirstCode);
    await appContext.close();

    const blankContext = await browser.newContext();
    await blankContext.addInitScript(OBSERVER);
    const blankPage = await blankContext.newPage();
    await blankPage.goto(blank.url);
    await blankPage.evaluate(() => navigator.serviceWorker.ready);
    const blankRuns = await coldStarts(blankContext, blank.url, 5);
    await blankContext.close();

    const ratio = appRuns.start / blankRuns.start;
    rows.push({
      metric: 'Offline cold start → unlock screen (median of 5)',
      value: ms(appRuns.start),
      goal: '≤ 1.5× blank',
    });
    rows.push({
      metric: 'Offline cold start → blank page, same server and SW (median of 5)',
      value: `${ms(blankRuns.start)} (app = ${ratio.toFixed(2)}×)`,
      goal: '',
    });
    rows.push({
      metric: 'Offline: Unlock pressed → first code (KDF included, median of 5)',
      value: ms(appRuns.after),
      goal: '',
    });
  } finally {
    app.stop();
    blank.stop();
  }
}

/** One Lighthouse run (mobile) of `url`; { categories, audits, version } or { skipped }. */
export function lighthouse(url, chromePath) {
  return new Promise((resolve) => {
    const out = 'bench-results/lighthouse.json';
    mkdirSync('bench-results', { recursive: true });
    const flags = ['--headless=new', ...CHROMIUM_ARGS].join(' ');
    const child = spawn(
      'npx',
      [
        '-y',
        LIGHTHOUSE,
        url,
        '--quiet',
        '--only-categories=performance,accessibility,best-practices,seo',
        '--output=json',
        `--output-path=${out}`,
        `--chrome-flags=${flags}`,
        ...(chromePath ? [`--chrome-path=${chromePath}`] : []),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', (e) => resolve({ skipped: e.message }));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0 || !existsSync(out))
        return resolve({ skipped: stderr.trim().split('\n').at(-1) || `exit ${code}` });
      try {
        const report = JSON.parse(readFileSync(out, 'utf8'));
        resolve({ categories: report.categories, audits: report.audits, version: report.lighthouseVersion });
      } catch (e) {
        resolve({ skipped: String(e) });
      }
    });
  });
}

/** Adds the install/offline rows to `rows` (the table bench.mjs prints). Expects a build in DIST (dist/). */
export async function benchPwa(rows, found = findChromium()) {
  if (!found) throw new Error(NO_CHROMIUM_HELP);
  const pre = precacheSize(DIST);
  rows.push({
    metric: 'Precache (service worker): files, raw / gzip -9',
    value: `${pre.files} files, ${kb(pre.raw)} / ${kb(pre.gz)}`,
    goal: '',
  });

  const browser = await chromium.launch({ executablePath: found.executablePath, args: CHROMIUM_ARGS });
  try {
    await offlineColdStart(browser, rows);
  } finally {
    await browser.close();
  }
}

// Alone: build if needed, measure, print.
if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(join(DIST, 'sw.js')) || statSync(join(DIST, 'sw.js')).mtimeMs < statSync('package.json').mtimeMs) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', DIST], { stdio: 'inherit' });
  }
  const rows = [];
  await benchPwa(rows);
  for (const r of rows) console.log(`${r.metric} | ${r.value} | ${r.goal}`);
}
