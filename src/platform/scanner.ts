/**
 * Reading QR codes from pictures and from a live <video>: what the UI calls.
 *
 * createQrReader() picks the decoder: the browser's own BarcodeDetector where it exists and
 * reads 'qr_code' (Android, ChromeOS, macOS Chrome), otherwise zxing-wasm in a module Web
 * Worker (qr-worker.ts), or on the main thread if no worker can start. Where WebAssembly is
 * missing or refused (iOS Lockdown Mode, a policy, a CSP without 'wasm-unsafe-eval'), ZXing's
 * JavaScript port (@zxing/browser, qr-decode-js.ts) on the main thread. This module never
 * imports a decoder itself: the worker, or a dynamic import(), loads one only when needed.
 *
 * scanFrames() feeds a camera or screen-capture video to a reader: at most `fps` frames a
 * second, each scaled so its long side is at most `maxSide`, never two decodes at once.
 * Over ~400 lines on purpose: the choice among three decoders, the worker's life and the frame
 * loop are one path, and its fallbacks are only right when read together.
 */
import { ERROR_CODES, KeyslotError, type ErrorCode } from '../core/errors';
import type { ImageDataLike, QrWorkerMessage, QrWorkerRequest } from './qr-decode';

export type { ImageDataLike };

/** What a reader accepts: pixels, or anything a canvas can draw. */
export type QrSource =
  ImageDataLike | ImageBitmap | HTMLCanvasElement | OffscreenCanvas | HTMLImageElement | HTMLVideoElement;

export interface QrDecodeOptions {
  /** One quick attempt (camera frames: the next frame is another chance). Default: try everything. */
  readonly fast?: boolean;
}

export interface QrReader {
  /**
   * Which decoder answers: the browser's BarcodeDetector, zxing-wasm in a worker or on this
   * thread, or (without WebAssembly) @zxing/browser's JavaScript reader on this thread.
   */
  readonly engine: 'native' | 'worker' | 'main-thread' | 'javascript';
  /**
   * Every QR code's text in the picture ([] when none). Never keeps or changes `source`.
   * Rejects with a KeyslotError: IMAGE_UNREADABLE, IMAGE_TOO_LARGE, QR_DECODER_FAILED.
   */
  decode(source: QrSource, options?: QrDecodeOptions): Promise<string[]>;
  /** Frees the worker; decodes still running answer []. Safe to call twice. */
  close(): void;
}

export interface CreateQrReaderOptions {
  /** false: skip BarcodeDetector even where it exists (tests, comparisons). Default true. */
  readonly native?: boolean;
}

/**
 * A reader that is ready to decode: its decoder is loaded (or the native detector exists).
 * Throws KeyslotError QR_DECODER_FAILED when no decoder can run here (not even the JavaScript one).
 */
export async function createQrReader(options: CreateQrReaderOptions = {}): Promise<QrReader> {
  if (options.native !== false) {
    const detector = await nativeDetector();
    if (detector) return nativeReader(detector);
  }
  return softwareReader();
}

/** zxing-wasm; without WebAssembly, or when it will not load, @zxing/browser's JavaScript reader. */
async function softwareReader(): Promise<QrReader> {
  if (typeof WebAssembly !== 'object') return javascriptReader();
  try {
    return await wasmReader();
  } catch (e) {
    // e.g. a CSP without 'wasm-unsafe-eval': WebAssembly exists, but compiling is refused.
    if (e instanceof KeyslotError && e.code === 'QR_DECODER_FAILED') return javascriptReader();
    throw e;
  }
}

async function javascriptReader(): Promise<QrReader> {
  let decoder: typeof import('./qr-decode-js');
  try {
    decoder = await import('./qr-decode-js');
  } catch {
    throw new KeyslotError('QR_DECODER_FAILED');
  }
  return onThisThread('javascript', (image, fast) => decoder.decodeQrWithoutWasm(image, { fast }));
}

// ---------------------------------------------------------------- native (BarcodeDetector)

interface DetectedBarcodeLike {
  readonly rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcodeLike[]>;
}
interface BarcodeDetectorConstructor {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  if (!('BarcodeDetector' in globalThis)) return null;
  const Detector = (globalThis as unknown as { BarcodeDetector: BarcodeDetectorConstructor }).BarcodeDetector;
  try {
    const formats = await Detector.getSupportedFormats();
    if (!Array.isArray(formats) || !formats.includes('qr_code')) return null;
    return new Detector({ formats: ['qr_code'] });
  } catch {
    return null;
  }
}

function nativeReader(detector: BarcodeDetectorLike): QrReader {
  let closed = false;
  let broken = false;
  // zxing-wasm as a second opinion for still images, and the stand-in if detect() itself fails.
  let fallback: Promise<QrReader> | null = null;
  const wasm = () => (fallback ??= softwareReader());
  return {
    engine: 'native',
    async decode(source, options = {}) {
      if (closed) throw new KeyslotError('QR_DECODER_FAILED');
      if (!broken) {
        try {
          const image = toImageBitmapSource(source);
          if (!image) return [];
          const found = await detector.detect(image);
          const texts = unique(found.map((b) => b.rawValue));
          if (texts.length > 0 || options.fast === true) return texts;
        } catch (e) {
          if (e instanceof KeyslotError) throw e;
          broken = true; // e.g. NotSupportedError: the platform has no detector after all
        }
      }
      if (closed) return [];
      return (await wasm()).decode(source, options);
    },
    close() {
      closed = true;
      void fallback?.then(
        (r) => r.close(),
        () => {},
      );
    },
  };
}

// ---------------------------------------------------------------- zxing-wasm

async function wasmReader(): Promise<QrReader> {
  const worker = startWorker();
  if (worker) {
    try {
      await worker.ready;
      return worker.reader;
    } catch (e) {
      worker.reader.close();
      // The worker ran but the WebAssembly would not load: it would not load here either.
      if (e instanceof KeyslotError && e.code === 'QR_DECODER_FAILED' && worker.started()) throw e;
      // Otherwise the worker itself could not run: decode on this thread instead.
    }
  }
  let decoder: typeof import('./qr-decode');
  try {
    decoder = await import('./qr-decode');
  } catch {
    throw new KeyslotError('QR_DECODER_FAILED');
  }
  await decoder.warmUpQrDecoder();
  return onThisThread('main-thread', (image, fast) => decoder.decodeQr(image, { fast }));
}

/** A reader that decodes on this thread with `decode`. */
function onThisThread(
  engine: QrReader['engine'],
  decode: (image: ImageDataLike, fast: boolean) => string[] | Promise<string[]>,
): QrReader {
  let closed = false;
  return {
    engine,
    async decode(source, options = {}) {
      if (closed) throw new KeyslotError('QR_DECODER_FAILED');
      return decode(toImageData(source).image, options.fast === true);
    },
    close() {
      closed = true;
    },
  };
}

/** How long a worker may take to load the WebAssembly before we give up on it (slow phones: ~1–2 s). */
const WORKER_START_TIMEOUT_MS = 20_000;

interface StartedWorker {
  readonly ready: Promise<void>;
  readonly reader: QrReader;
  /** true once the worker's own code has run (it said 'ready' or 'failed'). */
  started(): boolean;
}

function startWorker(): StartedWorker | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('../workers/qr-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null; // e.g. a CSP without worker-src 'self'
  }
  const pending = new Map<number, { resolve(texts: string[]): void; reject(e: unknown): void }>();
  let nextId = 1;
  let dead: KeyslotError | null = null;
  let ran = false;
  let settleReady: { resolve(): void; reject(e: unknown): void } | null = null;
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  const timer = setTimeout(() => die(new KeyslotError('QR_DECODER_FAILED')), WORKER_START_TIMEOUT_MS);

  function die(error: KeyslotError): void {
    clearTimeout(timer);
    if (!dead) dead = error;
    worker.terminate();
    settleReady?.reject(error);
    settleReady = null;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  worker.onmessage = (e: MessageEvent<QrWorkerMessage>) => {
    const m = e.data;
    if (typeof m !== 'object' || m === null) return;
    if (m.type === 'ready') {
      ran = true;
      clearTimeout(timer);
      settleReady?.resolve();
      settleReady = null;
    } else if (m.type === 'failed') {
      ran = true;
      die(new KeyslotError('QR_DECODER_FAILED'));
    } else if (m.type === 'result' || m.type === 'error') {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.type === 'result' && Array.isArray(m.texts)) p.resolve(m.texts.filter((t) => typeof t === 'string'));
      else p.reject(new KeyslotError(m.type === 'error' && isErrorCode(m.code) ? m.code : 'QR_DECODER_FAILED'));
    }
  };
  // The script did not load or threw (blocked, offline without a cache, out of memory).
  worker.onerror = (e) => {
    e.preventDefault();
    die(new KeyslotError('QR_DECODER_FAILED'));
  };
  worker.onmessageerror = () => die(new KeyslotError('QR_DECODER_FAILED'));

  const reader: QrReader = {
    engine: 'worker',
    decode(source, options = {}) {
      if (dead) return Promise.reject(dead);
      let request: QrWorkerRequest;
      let transfer: Transferable[];
      try {
        const { image, fresh } = toImageData(source);
        request = {
          id: nextId++,
          image: { data: image.data, width: image.width, height: image.height },
          fast: options.fast === true,
        };
        // Pixels we made ourselves are moved, not copied; the caller's own stay theirs (copied).
        transfer = fresh ? [image.data.buffer as ArrayBuffer] : [];
      } catch (e) {
        return Promise.reject(e instanceof KeyslotError ? e : new KeyslotError('IMAGE_UNREADABLE'));
      }
      return new Promise<string[]>((resolve, reject) => {
        pending.set(request.id, { resolve, reject });
        try {
          worker.postMessage(request, transfer);
        } catch {
          pending.delete(request.id);
          reject(new KeyslotError('IMAGE_UNREADABLE')); // not cloneable: not pixels
        }
      });
    },
    close() {
      if (dead) return;
      dead = new KeyslotError('QR_DECODER_FAILED');
      clearTimeout(timer);
      worker.terminate();
      settleReady?.reject(dead);
      settleReady = null;
      for (const p of pending.values()) p.resolve([]);
      pending.clear();
    },
  };
  return { ready, reader, started: () => ran };
}

// ---------------------------------------------------------------- camera and screen frames

export interface ScanFramesOptions {
  /** Called with the texts of each frame that holds at least one QR code. */
  onResult(texts: string[]): void;
  /** Abort to stop; scanFrames then resolves. */
  readonly signal: AbortSignal;
  /** Decodes per second at most (default 10). */
  readonly fps?: number;
  /** Frames are scaled down so their long side is at most this (default 960; screen capture: SCREEN_MAX_SIDE). */
  readonly maxSide?: number;
}

/** Long side of camera frames as decoded: a 1280x720 camera gives 960x540 (2–7 ms a frame in zxing-wasm). */
export const CAMERA_MAX_SIDE = 960;
/** For screen capture: a QR code on a large screen is small, so keep more pixels (about 10–25 ms a frame). */
export const SCREEN_MAX_SIDE = 2560;

/**
 * Decodes frames of `video` until `signal` aborts. Resolves when aborted; rejects with the
 * reader's KeyslotError if decoding fails (the camera keeps running: the caller stops it).
 */
export async function scanFrames(video: HTMLVideoElement, reader: QrReader, options: ScanFramesOptions): Promise<void> {
  const { signal, onResult } = options;
  const fps = Number.isFinite(options.fps) && options.fps! > 0 ? Math.min(options.fps!, 30) : 10;
  const maxSide = Number.isFinite(options.maxSide) && options.maxSide! >= 64 ? options.maxSide! : CAMERA_MAX_SIDE;
  const interval = 1000 / fps;
  let surface: Surface | null = null;
  while (!signal.aborted) {
    const started = performance.now();
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (video.readyState >= 2 /* HAVE_CURRENT_DATA */ && w > 0 && h > 0) {
      const size = fitWithin(w, h, maxSide);
      if (!surface || surface.canvas.width !== size.width || surface.canvas.height !== size.height) {
        surface = makeSurface(size.width, size.height);
      }
      surface.ctx.drawImage(video, 0, 0, size.width, size.height);
      let texts: string[];
      try {
        texts = await reader.decode(surface.canvas, { fast: true });
      } catch (e) {
        if (signal.aborted) return;
        throw e;
      }
      if (signal.aborted) return;
      if (texts.length > 0) onResult(texts);
    }
    await sleep(Math.max(0, interval - (performance.now() - started)), signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

// ---------------------------------------------------------------- pixels

/** Scales (width, height) down, keeping the aspect ratio, so that the long side is at most maxSide. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

interface Surface {
  readonly canvas: HTMLCanvasElement | OffscreenCanvas;
  readonly ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
}

/** A 2D canvas tuned for reading pixels back (CPU-backed). OffscreenCanvas where it exists. */
export function makeSurface(width: number, height: number): Surface {
  const canvas =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(width, height)
      : Object.assign(document.createElement('canvas'), { width, height });
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as
    CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new KeyslotError('QR_DECODER_FAILED');
  return { canvas, ctx };
}

function isImageDataLike(source: QrSource): source is ImageDataLike {
  return typeof source === 'object' && source !== null && 'data' in source && 'width' in source && 'height' in source;
}

function isCanvas(source: QrSource): source is HTMLCanvasElement | OffscreenCanvas {
  return (
    (typeof OffscreenCanvas === 'function' && source instanceof OffscreenCanvas) ||
    (typeof HTMLCanvasElement === 'function' && source instanceof HTMLCanvasElement)
  );
}

/** Pixels of `source`; `fresh` when they were made here (so they may be transferred). */
function toImageData(source: QrSource): { image: ImageDataLike; fresh: boolean } {
  if (isImageDataLike(source)) return { image: source, fresh: false };
  if (isCanvas(source)) {
    const ctx = source.getContext('2d', { willReadFrequently: true }) as
      CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (ctx && source.width > 0 && source.height > 0)
      return { image: ctx.getImageData(0, 0, source.width, source.height), fresh: true };
  }
  const { width, height } = sourceSize(source);
  if (width === 0 || height === 0)
    return { image: { data: new Uint8ClampedArray(0), width: 0, height: 0 }, fresh: true };
  const { ctx } = makeSurface(width, height);
  ctx.drawImage(source as CanvasImageSource, 0, 0, width, height);
  return { image: ctx.getImageData(0, 0, width, height), fresh: true };
}

function sourceSize(source: Exclude<QrSource, ImageDataLike>): { width: number; height: number } {
  if (typeof HTMLVideoElement === 'function' && source instanceof HTMLVideoElement) {
    return { width: source.videoWidth, height: source.videoHeight };
  }
  if (typeof HTMLImageElement === 'function' && source instanceof HTMLImageElement) {
    return { width: source.naturalWidth, height: source.naturalHeight };
  }
  return { width: source.width, height: source.height };
}

/** BarcodeDetector takes ImageData, not any {data, width, height}. null: an empty (0-pixel) picture. */
function toImageBitmapSource(source: QrSource): ImageBitmapSource | null {
  if (!isImageDataLike(source)) return source;
  const { data, width, height } = source;
  if (
    !Number.isSafeInteger(width) ||
    !Number.isSafeInteger(height) ||
    width < 0 ||
    height < 0 ||
    !ArrayBuffer.isView(data)
  ) {
    throw new KeyslotError('IMAGE_UNREADABLE');
  }
  if (data.length !== width * height * 4) throw new KeyslotError('IMAGE_UNREADABLE');
  if (width === 0 || height === 0) return null;
  if (typeof ImageData === 'function' && source instanceof ImageData) return source;
  return new ImageData(new Uint8ClampedArray(data), width, height);
}

function unique(texts: unknown[]): string[] {
  return [...new Set(texts.filter((t): t is string => typeof t === 'string' && t !== ''))];
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}
