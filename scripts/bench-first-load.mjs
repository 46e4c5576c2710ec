// First-load part of `npm run bench` (also runs alone: `node scripts/bench-first-load.mjs`).
// Every time is printed next to a blank page served the same way (same `vite preview`, same
// headers, its own precaching service worker), measured in the same run, interleaved round by
// round, so a loaded machine slows both alike. See docs/testing.md for what each row means.
//   - Ready to type: ms from navigation start until the PIN field is focused and enabled (the blank
//     page: its autofocused password field). First visit (empty HTTP cache, no service worker),
//     warm (cached, service worker running) and offline (network off, from the service worker).
//   - First contentful paint, first visit.
//   - JS+CSS (gzip -9) the first visit fetches before the first interaction, and the entry that
//     index.html loads (its script and everything it preloads).
//   - Lighthouse 12.8.2 mobile, median of 3 (through npx: not a dependency; "skipped" if npx cannot get it).
import { firstRun } from './ui-steps.mjs';
import { startPreview } from './preview-server.mjs';
import { lighthouse } from './bench-pwa.mjs';
import { writeBlankSite } from './blank-site.mjs';
import { entrySize, ENTRY_BUDGET_GZ } from './check-size.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS, NO_CHROMIUM_HELP } from './chromium.mjs';

const DIST = process.env.BENCH_OUT_DIR ?? 'dist';
// BENCH_PORT lets two runs share a machine; the blank page is served on BENCH_BLANK_PORT (default: the next port).
const APP_PORT = Number(process.env.BENCH_PORT ?? 4179);
const BLANK_PORT = Number(process.env.BENCH_BLANK_PORT ?? APP_PORT + 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const PIN = '480913';
const KIB = 1024;
const BEFORE_INTERACTION_BUDGET_GZ = 50 * KIB;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (n) => `${(n / KIB).toFixed(1)} KiB`;
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : 'n/a');
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

// Ready to type: the first moment a password field is focused, enabled and writable.
const READY_PROBE = () => {
  const check = () => {
    const el = document.activeElement;
    if (
      window.__readyAt === undefined &&
      el instanceof HTMLInputElement &&
      el.type === 'password' &&
      !el.disabled &&
      !el.readOnly
    ) {
      window.__readyAt = performance.now();
    }
  };
  document.addEventListener('focusin', check, true);
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
};

/** Opens `url` in a fresh tab; returns ms to ready, FCP, and the JS/CSS paths fetched before any input. */
async function visit(context, url) {
  for (const p of context.pages()) await p.close();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 30_000 });
  // Nobody types yet: let what the page starts by itself finish (network quiet for 0.5 s).
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => ({
    ready: window.__readyAt,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    fetched: performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => /\.(js|css)$/.test(p)),
  }));
}

/** One round for one site: first visit (cache and service worker cleared), warm, offline. */
async function round(context, url) {
  const cdp = await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
  await cdp.send('Network.clearBrowserCache');
  const page = context.pages()[0];
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    for (const k of await caches.keys()) await caches.delete(k);
  });
  const first = await visit(context, url);
  // Warm: the service worker installed by the first visit has taken over; wait until it is ready.
  await context.pages()[0].evaluate(() => navigator.serviceWorker.ready);
  const warm = await visit(context, url);
  await context.setOffline(true);
  const offline = await visit(context, url);
  await context.setOffline(false);
  return { first, warm, offline };
}

/** Adds the first-load rows to `rows`. Expects a build in DIST. */
export async function benchFirstLoad(rows, found = findChromium()) {
  if (!found) throw new Error(NO_CHROMIUM_HELP);
  const row = (metric, value, goal = '') => rows.push({ metric, value, goal });
  const entry = entrySize(DIST);
  const blankDir = 'bench-results/blank-input';
  writeBlankSite(blankDir);
  const app = await startPreview({ outDir: DIST, port: APP_PORT });
  const blank = await startPreview({ outDir: blankDir, port: BLANK_PORT });
  const browser = await chromium.launch({ executablePath: found.executablePath, args: CHROMIUM_ARGS });
  const runs = { app: [], blank: [] };
  try {
    // The app as a returning person finds it: a vault with a PIN, so the unlock screen shows.
    const appContext = await browser.newContext();
    await firstRun(await appContext.newPage(), app.base, PIN);
    await appContext.addInitScript(READY_PROBE);
    const blankContext = await browser.newContext();
    await blankContext.addInitScript(READY_PROBE);
    await (await blankContext.newPage()).goto(blank.base);
    for (let i = 0; i < ROUNDS; i++) {
      runs.blank.push(await round(blankContext, blank.base));
      runs.app.push(await round(appContext, app.base));
    }
  } finally {
    await browser.close();
    await app.stop();
    await blank.stop();
  }
  const med = (site, kind, key) => median(runs[site].map((r) => r[kind][key]));
  const ratioRow = (label, kind, goal) => {
    const a = med('app', kind, 'ready');
    const b = med('blank', kind, 'ready');
    row(
      `Ready to type, ${label} (median of ${ROUNDS}): app / blank`,
      `${ms(a)} / ${ms(b)} = ${(a / b).toFixed(2)}×`,
      `≤ ${goal}× blank`,
    );
  };
  ratioRow('first visit', 'first', 2.5);
  ratioRow('warm', 'warm', 2);
  ratioRow('offline (service worker)', 'offline', 2);
  const fa = med('app', 'first', 'fcp');
  const fb = med('blank', 'first', 'fcp');
  row(`First contentful paint, first visit: app / blank`, `${ms(fa)} / ${ms(fb)} = ${(fa / fb).toFixed(2)}×`);
  // What the first visit fetched before any input, by path (the largest of the rounds).
  const before = Math.max(
    ...runs.app
      .map((r) => new Set(r.first.fetched))
      .map((paths) => [...paths].reduce((n, p) => n + (existsSync(join(DIST, p)) ? gz(join(DIST, p)) : 0), 0)),
  );
  row('JS+CSS fetched before the first interaction (gzip -9)', kib(before), `≤ ${kib(BEFORE_INTERACTION_BUDGET_GZ)}`);
  if (process.env.BENCH_DEBUG)
    console.log(
      [...new Set(runs.app[0].first.fetched)]
        .map((p) => `${p} ${existsSync(join(DIST, p)) ? gz(join(DIST, p)) : '?'}`)
        .join('\n'),
    );
  row(
    `Entry index.html loads: JS (+ CSS) gzip -9, ${entry.js.length} + ${entry.css.length} files`,
    `${kib(entry.jsGz)} (+ ${kib(entry.cssGz)})`,
    `≤ ${kib(ENTRY_BUDGET_GZ)}`,
  );

  if (LIGHTHOUSE_RUNS < 1) return;
  const lhServer = await startPreview({ outDir: DIST, port: APP_PORT });
  try {
    const results = [];
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      const lh = await lighthouse(`${lhServer.base}/`, found.executablePath ?? chromium.executablePath());
      if (lh.skipped) {
        row('Lighthouse (mobile)', `skipped: ${lh.skipped}`.slice(0, 80), '100 / 100 / 100 / 100');
        return;
      }
      results.push(lh);
    }
    const score = (k) => median(results.map((r) => Math.round((r.categories[k]?.score ?? NaN) * 100)));
    row(
      `Lighthouse ${results[0].version} mobile, median of ${LIGHTHOUSE_RUNS}: Perf / A11y / Best practices / SEO`,
      `${score('performance')} / ${score('accessibility')} / ${score('best-practices')} / ${score('seo')}`,
      '100 / 100 / 100 / 100',
    );
    const fcp = median(results.map((r) => r.audits?.['first-contentful-paint']?.numericValue ?? NaN));
    row('Lighthouse mobile first contentful paint (simulated slow 4G, median)', `${(fcp / 1000).toFixed(2)} s`);
  } finally {
    await lhServer.stop();
  }
}

// Alone: build into DIST, measure, print.
if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.env.BENCH_NO_BUILD)
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', DIST], { stdio: 'inherit' });
  const rows = [];
  await benchFirstLoad(rows);
  for (const r of rows) console.log(`${r.metric} | ${r.value} | ${r.goal}`);
}
