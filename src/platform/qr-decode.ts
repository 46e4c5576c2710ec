/// <reference types="vite/client" />
/**
 * QR decoding with zxing-wasm (ZXing-C++ compiled to WebAssembly, reader build). The only module
 * that imports zxing-wasm. It runs inside qr-worker.ts in the app (or on the main thread when a
 * worker cannot start), and directly in Node for the tests and the benchmark.
 *
 * Why this decoder and these passes (notes-scanner.md): on the 335 corpus photos with a code
 * (tests/compat/qr-images.test.ts, scripts/bench-qr.mjs) one zxing-wasm pass reads 309 upright,
 * @zxing/library (what @zxing/browser runs) 250; a second pass with the global-histogram
 * binarizer and a third with denoising lift it to 316 at every rotation, with no false positive
 * on 46 no-code photos. ZXing-C++ already tries rotated, inverted and downscaled copies itself
 * (tryRotate/tryInvert/tryDownscale); doing that again here was measured and gained nothing.
 *
 * The .wasm (950 KB, 410 KB gzip) is served from our own origin: Vite emits it as an asset and
 * `locateFile` points zxing-wasm at it, instead of the public CDN it uses by default. So it works
 * offline and makes no foreign request (CSP connect-src 'self'; compiling needs 'wasm-unsafe-eval').
 */
import { prepareZXingModule, purgeZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { KeyslotError, isKeyslotError, type ErrorCode } from '../core/errors';
import { checkImage, onWhite, type ImageDataLike } from './qr-pixels';

export { QR_MAX_PIXELS, QR_MAX_SIDE, type ImageDataLike } from './qr-pixels';

export interface DecodeQrOptions {
  /**
   * One pass only (about 2–7 ms for a 960x540 frame): for camera frames, where the next frame
   * is another chance. Default false: every pass, for a still image that has no second chance.
   */
  readonly fast?: boolean;
}

const FIRST_PASS: ReaderOptions = {
  // 'QRCode' is the whole QR family in zxing-wasm 3: Model 1 and 2, Micro QR and rMQR. Only
  // Model 2 would lose 2 of the real photos (old Model 1 symbols), and no family member ever
  // produced a false positive on the corpus.
  formats: ['QRCode'],
  // The exact text: the default 'HRI' rewrites control characters and GS1 data.
  textMode: 'Plain',
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  tryDenoise: false,
  binarizer: 'LocalAverage',
  isPure: false,
  returnErrors: false,
  maxNumberOfSymbols: 255,
};

/** Tried in order until one finds something (measured: tests/compat/qr-images.test.ts, scripts/bench-qr.mjs). */
const PASSES: readonly ReaderOptions[] = [
  FIRST_PASS,
  // +6 photos (uneven light where the local threshold breaks the finder patterns)
  { ...FIRST_PASS, binarizer: 'GlobalHistogram' },
  // +1–2 photos (speckled or blurred print); the slowest pass, so last
  { ...FIRST_PASS, tryDenoise: true },
];

/**
 * Every QR code in the image, as its exact text, in the order ZXing-C++ found them (duplicates
 * dropped, empty texts dropped). [] when there is none; never a guess.
 *
 * Throws KeyslotError: IMAGE_UNREADABLE (not RGBA pixels of the stated size), IMAGE_TOO_LARGE
 * (over QR_MAX_SIDE / QR_MAX_PIXELS), QR_DECODER_FAILED (the WebAssembly would not load or crashed).
 */
export async function decodeQr(image: ImageDataLike, options: DecodeQrOptions = {}): Promise<string[]> {
  if (!checkImage(image)) return [];
  await loadDecoder();
  const pixels = onWhite(image);
  const passes = options.fast === true ? PASSES.slice(0, 1) : PASSES;
  for (const pass of passes) {
    let results: Awaited<ReturnType<typeof readBarcodes>>;
    try {
      // zxing-wasm accepts any {data, width, height}; in Node there is no ImageData class.
      results = await readBarcodes(pixels as unknown as ImageData, pass);
    } catch {
      // A crashed WebAssembly instance is unusable: drop it so the next call starts a fresh one.
      resetDecoder();
      throw new KeyslotError('QR_DECODER_FAILED');
    }
    const texts = [...new Set(results.filter((r) => r.isValid && r.text !== '').map((r) => r.text))];
    if (texts.length > 0) return texts;
  }
  return [];
}

/** Loads and compiles the WebAssembly now, so the first frame is not the slow one. */
export async function warmUpQrDecoder(): Promise<void> {
  await loadDecoder();
}

let loading: Promise<void> | null = null;

function loadDecoder(): Promise<void> {
  loading ??= (async () => {
    const wasmBinary = await nodeWasmBinary();
    // A fresh overrides object each attempt, so zxing-wasm does not hand back a cached failure.
    const overrides = wasmBinary
      ? { wasmBinary }
      : { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) };
    await prepareZXingModule({ overrides, fireImmediately: true });
  })().catch((e: unknown) => {
    loading = null;
    throw isKeyslotError(e) ? e : new KeyslotError('QR_DECODER_FAILED');
  });
  return loading;
}

function resetDecoder(): void {
  loading = null;
  try {
    purgeZXingModule();
  } catch {
    /* nothing cached */
  }
}

/**
 * In Node (tests, benchmark) the .wasm comes from node_modules through fs; in a browser or a
 * worker this returns null and the wasm is fetched from our origin. The specifiers are
 * variables so the browser bundle does not try to include Node's modules.
 */
async function nodeWasmBinary(): Promise<ArrayBuffer | null> {
  const g = globalThis as {
    process?: { versions?: { node?: unknown } };
    window?: unknown;
    WorkerGlobalScope?: unknown;
  };
  if (typeof g.process?.versions?.node !== 'string' || g.window !== undefined || g.WorkerGlobalScope !== undefined) {
    return null;
  }
  const fsModule = 'node:fs/promises';
  const moduleModule = 'node:module';
  const { readFile } = (await import(/* @vite-ignore */ fsModule)) as {
    readFile(path: string): Promise<Uint8Array>;
  };
  const { createRequire } = (await import(/* @vite-ignore */ moduleModule)) as {
    createRequire(from: string): { resolve(id: string): string };
  };
  const bytes = await readFile(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

// ---- the worker protocol (qr-worker.ts <-> scanner.ts); types only, so scanner.ts stays light ----

export interface QrWorkerRequest {
  readonly id: number;
  readonly image: ImageDataLike;
  readonly fast: boolean;
}

export type QrWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly code: ErrorCode }
  | { readonly type: 'result'; readonly id: number; readonly texts: string[] }
  | { readonly type: 'error'; readonly id: number; readonly code: ErrorCode };
