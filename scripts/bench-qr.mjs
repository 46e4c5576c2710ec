// `npm run bench:qr` (and part of `npm run bench`): how well and how fast Keyslot reads QR codes.
//
// Runs the real decoder (src/platform/qr-decode.ts, zxing-wasm) in Node through Vite's SSR loader
// on the corpus photos (../shared/corpus or $KEYSLOT_CORPUS; ZXing's black-box sets, upright and
// turned 90/180/270 degrees), next to the decoder used without WebAssembly (qr-decode-js.ts,
// @zxing/browser), to one bare @zxing/library pass and to a single zxing-wasm pass; times camera-sized frames; and reports the gzip size of the scanner's files in
// the build. Node and Chromium run the same V8 WebAssembly engine, so the times carry over.
// A measurement, not a test: it prints a table.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, createServer } from 'vite';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => (xs.length ? sorted(xs)[Math.floor(xs.length / 2)] : NaN);
const p95 = (xs) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] : NaN);
const ms = (n) => `${n.toFixed(1)} ms`;
const pct = (n, total) => `${n}/${total} (${((100 * n) / total).toFixed(1)}%)`;

/** Loads TypeScript modules of the repo in Node (Vite transforms them; `?url` imports work). */
async function loader() {
  const server = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'error', // not the @zxing packages' broken source-map paths
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
    // @zxing/browser and @zxing/library are CommonJS to Node; transformed by Vite, their ES
    // builds load with the named imports qr-decode-js.ts uses (as in the browser bundle).
    ssr: { noExternal: ['@zxing/browser', '@zxing/library'] },
  });
  return { load: (id) => server.ssrLoadModule(id), close: () => server.close() };
}

/** Decode rate and time per image, per rotation, for the three decoders. */
async function measureCorpus(decodeQr, decodeQrWithoutWasm, corpus) {
  const decoders = {
    keyslot: (p) => decodeQr(p),
    onePass: (p) => decodeQr(p, { fast: true }),
    noWasm: async (p) => decodeQrWithoutWasm(p),
    zxingLibrary: async (p) => corpus.decodeWithZxingLibrary(p),
  };
  const result = {};
  for (const rotation of corpus.ROTATIONS) {
    result[rotation] = Object.fromEntries(
      Object.keys(decoders).map((k) => [k, { reads: 0, wrong: 0, falsePositives: 0, times: [], negTimes: [] }]),
    );
  }
  let positives = 0;
  let negatives = 0;
  for (const set of corpus.SINGLE_SETS) {
    const negative = set.includes('falsepositives');
    for (const image of corpus.setImages(set)) {
      if (negative) negatives++;
      else positives++;
      const upright = corpus.loadPixels(image.path);
      for (const rotation of corpus.ROTATIONS) {
        const pixels = corpus.rotate(upright, rotation);
        for (const [name, decode] of Object.entries(decoders)) {
          const t0 = performance.now();
          const texts = await decode(pixels);
          const dt = performance.now() - t0;
          const r = result[rotation][name];
          if (negative) {
            r.negTimes.push(dt);
            r.falsePositives += texts.length;
          } else {
            r.times.push(dt);
            if (texts.includes(image.expected[0])) r.reads++;
            else if (texts.length) r.wrong++;
          }
        }
      }
    }
  }
  return { result, positives, negatives };
}

/** ms per 960x540 frame in the camera's fast mode, with and without a code. */
async function measureFrames(decodeQr, corpus, corpusPath) {
  const withCode = corpus.cameraFrame(
    corpus.loadPixels(corpusPath('authenticator-importers', 'aegis', 'helpers', 'qr.y.derived.png')),
  );
  const noCodePhoto = corpus.setImages('zxing-cpp/falsepositives-2')[0];
  const withoutCode = corpus.cameraFrame(corpus.loadPixels(noCodePhoto.path));
  const out = {};
  for (const [name, frame] of Object.entries({ withCode, withoutCode })) {
    for (const fast of [true, false]) {
      const times = [];
      let texts = [];
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now();
        texts = await decodeQr(frame, { fast });
        times.push(performance.now() - t0);
      }
      out[`${name}:${fast ? 'fast' : 'full'}`] = {
        median: median(times.slice(10)),
        p95: p95(times.slice(10)),
        found: texts.length,
      };
    }
  }
  return out;
}

/** The scanner's files in a build: the worker, the wasm, and the chunks that use them. */
function scannerFiles(outDir) {
  const assets = join(outDir, 'assets');
  if (!existsSync(assets)) return null;
  const files = readdirSync(assets);
  const wasm = files.find((f) => /^zxing_reader.*\.wasm$/.test(f));
  const worker = files.find((f) => /^qr-worker.*\.js$/.test(f));
  if (!wasm || !worker) return null;
  const html = existsSync(join(outDir, 'index.html')) ? readFileSync(join(outDir, 'index.html'), 'utf8') : '';
  const js = files.filter((f) => f.endsWith('.js') && f !== worker);
  const text = (f) => readFileSync(join(assets, f), 'utf8');
  const roles = [
    ['worker (zxing-wasm JS + qr-decode)', worker],
    ['zxing_reader.wasm', wasm],
    ...js.filter((f) => text(f).includes(worker)).map((f) => ['scanner chunk (reader, camera loop)', f]),
    ...js
      .filter((f) => /^qr-decode-js-/.test(f))
      .map((f) => ['no-WebAssembly fallback, @zxing/browser (only without WebAssembly)', f]),
    ...js
      .filter((f) => /^qr-decode-/.test(f) && !/^qr-decode-js-/.test(f))
      .map((f) => ['main-thread fallback (only without workers)', f]),
    ...js.filter((f) => /\bgetUserMedia\b/.test(text(f)) && !text(f).includes(worker)).map((f) => ['camera chunk', f]),
    ...js
      .filter((f) => text(f).includes('from-image') && !text(f).includes(worker))
      .map((f) => ['image-input chunk', f]),
  ];
  const seen = new Set();
  const rows = [];
  for (const [role, f] of roles) {
    if (seen.has(f)) continue;
    seen.add(f);
    const bytes = readFileSync(join(assets, f));
    rows.push({ role, file: f, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, eager: html.includes(f) });
  }
  const eagerZxing = [...html.matchAll(/(?:src|href)="\/?assets\/([^"]+\.js)"/g)].some((m) =>
    /zxing|ZXing/.test(text(m[1])),
  );
  return { rows, eagerZxing };
}

/** Builds only the scanner modules (for when the app does not import them yet). */
async function probeBuild() {
  const outDir = mkdtempSync(join(tmpdir(), 'keyslot-qr-probe-'));
  await build({
    configFile: resolve('vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: {
          scanner: resolve('src/platform/scanner.ts'),
          camera: resolve('src/platform/camera.ts'),
          'image-input': resolve('src/platform/image-input.ts'),
        },
        preserveEntrySignatures: 'exports-only',
      },
    },
  });
  return outDir;
}

/**
 * Adds the QR rows to `rows` ({ metric, value, goal }), as scripts/bench.mjs collects them.
 * outDir: a finished build to measure sizes in (default dist/).
 */
export async function benchQr(rows, { outDir = 'dist', detail = false } = {}) {
  const row = (metric, value, goal = '') => rows.push({ metric, value, goal });
  const { load, close } = await loader();
  try {
    const { corpusPath, corpusExists } = await load('/tests/compat/corpus.ts');
    const { decodeQr, warmUpQrDecoder } = await load('/src/platform/qr-decode.ts');
    const { decodeQrWithoutWasm } = await load('/src/platform/qr-decode-js.ts');
    const t0 = performance.now();
    await warmUpQrDecoder();
    row('QR decoder start (zxing-wasm compile, Node)', ms(performance.now() - t0));

    if (!corpusExists()) {
      row('QR decode rates', 'skipped: corpus not found (set KEYSLOT_CORPUS)');
    } else {
      const corpus = await load('/tests/compat/qr-corpus.ts');
      const { result, positives, negatives } = await measureCorpus(decodeQr, decodeQrWithoutWasm, corpus);
      const at = (rot, name) => result[rot][name];
      row(
        `QR photos read, upright: Keyslot / one zxing-wasm pass / @zxing/library`,
        `${pct(at(0, 'keyslot').reads, positives)} / ${at(0, 'onePass').reads} / ${pct(at(0, 'zxingLibrary').reads, positives)}`,
        '≥ best single decoder',
      );
      row(
        'QR photos read, upright, without WebAssembly (@zxing/browser, qr-decode-js.ts)',
        pct(at(0, 'noWasm').reads, positives),
        '≥ @zxing/library',
      );
      const turned = (name) => [90, 180, 270].map((r) => at(r, name).reads).join('/');
      row(
        'QR photos read at 90/180/270°: Keyslot vs without WebAssembly vs @zxing/library',
        `${turned('keyslot')} vs ${turned('noWasm')} vs ${turned('zxingLibrary')}`,
      );
      const all = (name, key) => corpus.ROTATIONS.flatMap((r) => at(r, name)[key]);
      for (const [name, label] of [
        ['keyslot', 'Keyslot'],
        ['onePass', 'one zxing-wasm pass'],
        ['noWasm', 'without WebAssembly'],
        ['zxingLibrary', '@zxing/library'],
      ]) {
        row(
          `QR ms/image, ${label}: median / p95 (with a code; no-code photos)`,
          `${ms(median(all(name, 'times')))} / ${ms(p95(all(name, 'times')))}; ${ms(median(all(name, 'negTimes')))} / ${ms(p95(all(name, 'negTimes')))}`,
        );
      }
      const fp = (name) => corpus.ROTATIONS.reduce((a, r) => a + at(r, name).falsePositives, 0);
      const wrong = (name) => corpus.ROTATIONS.reduce((a, r) => a + at(r, name).wrong, 0);
      row(
        `QR false positives (${negatives} no-code photos × 4) / misreads: Keyslot, without WebAssembly, @zxing/library`,
        `${fp('keyslot')} / ${wrong('keyslot')}, ${fp('noWasm')} / ${wrong('noWasm')}, ${fp('zxingLibrary')} / ${wrong('zxingLibrary')}`,
        '0',
      );
      if (detail) {
        console.log(`\nQR photos with a code: ${positives}, without: ${negatives}`);
        console.log(
          'rotation | Keyslot | one pass | no wasm | @zxing/library | Keyslot median/p95 ms | no-wasm median/p95 ms | @zxing/library median/p95 ms',
        );
        for (const r of corpus.ROTATIONS) {
          const k = at(r, 'keyslot');
          const l = at(r, 'zxingLibrary');
          const j = at(r, 'noWasm');
          console.log(
            `${String(r).padStart(8)} | ${String(k.reads).padStart(7)} | ${String(at(r, 'onePass').reads).padStart(8)} | ${String(j.reads).padStart(7)} | ${String(l.reads).padStart(14)} | ${ms(median(k.times))} / ${ms(p95(k.times))} | ${ms(median(j.times))} / ${ms(p95(j.times))} | ${ms(median(l.times))} / ${ms(p95(l.times))}`,
          );
        }
      }
      const frames = await measureFrames(decodeQr, corpus, corpusPath);
      const f = (k) => `${ms(frames[k].median)} / ${ms(frames[k].p95)}${frames[k].found ? ' (read)' : ''}`;
      row('Camera frame 960x540, fast pass, with a code: median / p95', f('withCode:fast'), '< 100 ms (10 fps)');
      row('Camera frame 960x540, fast pass, no code: median / p95', f('withoutCode:fast'), '< 100 ms (10 fps)');
      row(
        'Same frames, all passes (image files): with / without a code, median',
        `${ms(frames['withCode:full'].median)} / ${ms(frames['withoutCode:full'].median)}`,
      );
      const worst = Math.max(frames['withCode:fast'].p95, frames['withoutCode:fast'].p95);
      row(
        'Camera loop at 10 fps: worst decode p95 as a share of the 100 ms frame',
        `${worst.toFixed(1)} ms = ${((worst / 100) * 100).toFixed(0)}%`,
        '< 100%',
      );
    }
  } finally {
    await close();
  }

  let sizes = scannerFiles(outDir);
  let probe = null;
  if (!sizes) {
    probe = await probeBuild();
    sizes = scannerFiles(probe);
  }
  if (sizes) {
    const where = probe ? ' [scanner-only build: the app does not load it yet]' : '';
    for (const s of sizes.rows)
      row(
        `Scanner: ${s.role}${s.eager ? ' — IN FIRST LOAD' : ''} (gzip -9)`,
        `${kb(s.gz)} (${kb(s.raw)} raw) ${s.file}${where}`,
      );
    const path = sizes.rows.filter((s) => !/^(main-thread|no-WebAssembly)/.test(s.role));
    row(
      'Scanner total on first scan: worker + wasm + chunks (gzip -9)',
      kb(path.reduce((a, s) => a + s.gz, 0)),
      'lazy, not in first load',
    );
    row(
      'zxing-wasm in the first load',
      sizes.eagerZxing || sizes.rows.some((s) => s.eager) ? 'YES (fix this)' : 'no',
      'no',
    );
  } else {
    row('Scanner sizes', 'not found in the build');
  }
  if (probe) rmSync(probe, { recursive: true, force: true });
}

// `node scripts/bench-qr.mjs [outDir]`: builds into outDir (default a temporary folder) unless
// BENCH_NO_BUILD=1, then measures and prints.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = [];
  let outDir = process.argv[2];
  let temporary = false;
  if (!outDir) {
    outDir = mkdtempSync(join(tmpdir(), 'keyslot-bench-qr-'));
    temporary = true;
  }
  if (process.env.BENCH_NO_BUILD !== '1') {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
      stdio: 'inherit',
    });
  }
  try {
    await benchQr(rows, { outDir, detail: true });
  } finally {
    if (temporary) rmSync(outDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((r) => r.metric.length));
  const vwidth = Math.max(...rows.map((r) => r.value.length));
  console.log(`\n${'Metric'.padEnd(width)} | ${'Measured'.padEnd(vwidth)} | Goal`);
  console.log(`${'-'.repeat(width)}-|-${'-'.repeat(vwidth)}-|------`);
  for (const r of rows) console.log(`${r.metric.padEnd(width)} | ${r.value.padEnd(vwidth)} | ${r.goal}`);
  console.log(`\nNode ${process.version}; machine: ${(await import('node:os')).cpus().length} cores`);
}
