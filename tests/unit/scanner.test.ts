// createQrReader picks BarcodeDetector, a worker, or this thread; scanFrames paces the camera
// loop. Node has no Worker, canvas or BarcodeDetector: small fakes stand in, while the decoding
// itself is the real zxing-wasm (qr-decode.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import { decodeQr } from '../../src/platform/qr-decode';
import { CAMERA_MAX_SIDE, createQrReader, fitWithin, scanFrames, type QrReader } from '../../src/platform/scanner';
import { FakeImageData, FakeOffscreenCanvas } from './fixtures/fake-canvas';
import { blank, paste, qrPicture, type Pixels } from './fixtures/qr-image';

const OTPAUTH = 'otpauth://totp/Example:alice@google.com?issuer=Example&period=30&secret=JBSWY3DPEHPK3PXP';

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (e: unknown) => (isKeyslotError(e) ? e.code : e),
  );
}

/** A stand-in for `new Worker(qr-worker.ts)` that answers with the real decoder, asynchronously. */
class FakeWorker {
  static mode: 'ok' | 'script-error' | 'wasm-failed' = 'ok';
  static instances: FakeWorker[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  readonly transfers: unknown[][] = [];
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.instances.push(this);
    setTimeout(() => {
      if (FakeWorker.mode === 'script-error') this.onerror?.({ preventDefault() {} });
      else if (FakeWorker.mode === 'wasm-failed') this.send({ type: 'failed', code: 'QR_DECODER_FAILED' });
      else this.send({ type: 'ready' });
    }, 5);
  }
  private send(data: unknown): void {
    if (!this.terminated) this.onmessage?.({ data });
  }
  postMessage(req: { id: number; image: Pixels; fast: boolean }, transfer: unknown[] = []): void {
    this.transfers.push(transfer);
    decodeQr(req.image, { fast: req.fast }).then(
      (texts) => this.send({ type: 'result', id: req.id, texts }),
      (e: unknown) => this.send({ type: 'error', id: req.id, code: isKeyslotError(e) ? e.code : 'QR_DECODER_FAILED' }),
    );
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** A BarcodeDetector that "sees" whatever the test says. */
function fakeBarcodeDetector(formats: string[], detect: () => Promise<{ rawValue: string }[]>) {
  return class {
    static getSupportedFormats = async () => formats;
    constructor(readonly options: { formats: string[] }) {}
    detect = detect;
  };
}

beforeEach(() => {
  FakeWorker.mode = 'ok';
  FakeWorker.instances = [];
  FakeOffscreenCanvas.created = [];
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createQrReader without BarcodeDetector', () => {
  it('decodes on this thread when there are no workers (Node)', async () => {
    const reader = await createQrReader();
    expect(reader.engine).toBe('main-thread');
    expect(await reader.decode(qrPicture(OTPAUTH))).toEqual([OTPAUTH]);
    expect(await reader.decode(blank(300, 200))).toEqual([]);
    reader.close();
    expect(await codeOf(reader.decode(qrPicture(OTPAUTH)))).toBe('QR_DECODER_FAILED');
  });

  it('starts a module worker from qr-worker.ts and decodes there', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const reader = await createQrReader();
    expect(reader.engine).toBe('worker');
    const [worker] = FakeWorker.instances;
    expect(worker!.url.pathname.endsWith('/src/workers/qr-worker.ts')).toBe(true);
    expect(worker!.options).toEqual({ type: 'module' });
    const [a, b] = await Promise.all([reader.decode(qrPicture(OTPAUTH)), reader.decode(blank(64, 64), { fast: true })]);
    expect(a).toEqual([OTPAUTH]);
    expect(b).toEqual([]);
    // The caller's own pixels are copied, never taken away (transferred).
    expect(worker!.transfers.every((t) => t.length === 0)).toBe(true);
    reader.close();
    expect(worker!.terminated).toBe(true);
  });

  it('passes the decoder’s refusal back as the same error code', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const reader = await createQrReader();
    expect(await codeOf(reader.decode({ data: new Uint8ClampedArray(5), width: 1, height: 1 }))).toBe(
      'IMAGE_UNREADABLE',
    );
    expect(await reader.decode(qrPicture(OTPAUTH))).toEqual([OTPAUTH]);
    reader.close();
  });

  it('answers [] for decodes still running when closed, and refuses new ones', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const reader = await createQrReader();
    const running = reader.decode(qrPicture(OTPAUTH));
    reader.close();
    reader.close(); // twice is fine
    expect(await running).toEqual([]);
    expect(await codeOf(reader.decode(qrPicture(OTPAUTH)))).toBe('QR_DECODER_FAILED');
  });

  it('falls back to this thread when the worker script cannot run', async () => {
    FakeWorker.mode = 'script-error';
    vi.stubGlobal('Worker', FakeWorker);
    const reader = await createQrReader();
    expect(reader.engine).toBe('main-thread');
    expect(FakeWorker.instances[0]!.terminated).toBe(true);
    expect(await reader.decode(qrPicture(OTPAUTH))).toEqual([OTPAUTH]);
  });

  it('falls back to this thread when the Worker constructor throws (CSP)', async () => {
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new Error('SecurityError');
        }
      },
    );
    expect((await createQrReader()).engine).toBe('main-thread');
  });

  it('reads with @zxing/browser’s JavaScript reader when the worker’s WebAssembly would not load (CSP)', async () => {
    FakeWorker.mode = 'wasm-failed';
    vi.stubGlobal('Worker', FakeWorker);
    const reader = await createQrReader();
    expect(reader.engine).toBe('javascript');
    expect(FakeWorker.instances[0]!.terminated).toBe(true);
    expect(await reader.decode(qrPicture(OTPAUTH))).toEqual([OTPAUTH]);
    expect(await reader.decode(blank(300, 200), { fast: true })).toEqual([]);
    expect(await codeOf(reader.decode({ data: new Uint8ClampedArray(5), width: 1, height: 1 }))).toBe(
      'IMAGE_UNREADABLE',
    );
    reader.close();
    expect(await codeOf(reader.decode(qrPicture(OTPAUTH)))).toBe('QR_DECODER_FAILED');
  });

  it('does not even start the worker where there is no WebAssembly (Lockdown Mode)', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('WebAssembly', undefined);
    const reader = await createQrReader();
    expect(reader.engine).toBe('javascript');
    expect(FakeWorker.instances).toHaveLength(0);
    expect(await reader.decode(qrPicture(OTPAUTH))).toEqual([OTPAUTH]);
  });

  it('moves (transfers) the pixels it reads from a canvas instead of copying them', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
    const canvas = new FakeOffscreenCanvas(400, 400);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage({ pixels: qrPicture(OTPAUTH) }, 0, 0, 400, 400);
    const reader = await createQrReader();
    expect(await reader.decode(canvas as unknown as OffscreenCanvas)).toEqual([OTPAUTH]);
    expect(FakeWorker.instances[0]!.transfers.at(-1)).toHaveLength(1);
    reader.close();
  });
});

describe('createQrReader with BarcodeDetector', () => {
  it('uses the native detector when it reads qr_code, for QR only', async () => {
    const detect = vi.fn(async () => [{ rawValue: OTPAUTH }, { rawValue: OTPAUTH }, { rawValue: '' }]);
    const Detector = fakeBarcodeDetector(['ean_13', 'qr_code'], detect);
    vi.stubGlobal('BarcodeDetector', Detector);
    vi.stubGlobal('ImageData', FakeImageData);
    const reader = await createQrReader();
    expect(reader.engine).toBe('native');
    expect(await reader.decode(qrPicture(OTPAUTH), { fast: true })).toEqual([OTPAUTH]);
    // Plain {data, width, height} objects are wrapped in a real ImageData for the detector.
    expect((detect.mock.calls[0] as unknown[])[0]).toBeInstanceOf(FakeImageData);
    reader.close();
  });

  it('ignores a BarcodeDetector that cannot read QR codes', async () => {
    vi.stubGlobal(
      'BarcodeDetector',
      fakeBarcodeDetector(['ean_13'], async () => []),
    );
    expect((await createQrReader()).engine).toBe('main-thread');
    vi.stubGlobal(
      'BarcodeDetector',
      fakeBarcodeDetector([], async () => []),
    );
    expect((await createQrReader()).engine).toBe('main-thread');
    expect((await createQrReader({ native: false })).engine).toBe('main-thread');
  });

  it('asks zxing-wasm for a still image the native detector found nothing in, but not for a camera frame', async () => {
    const detect = vi.fn(async () => []);
    vi.stubGlobal('BarcodeDetector', fakeBarcodeDetector(['qr_code'], detect));
    vi.stubGlobal('ImageData', FakeImageData);
    const reader = await createQrReader();
    expect(await reader.decode(qrPicture(OTPAUTH), { fast: true })).toEqual([]);
    expect(await reader.decode(qrPicture(OTPAUTH))).toEqual([OTPAUTH]);
    expect(detect).toHaveBeenCalledTimes(2);
    reader.close();
  });

  it('switches to zxing-wasm for good when detect() fails', async () => {
    const detect = vi.fn(async () => {
      throw new DOMException('no detector', 'NotSupportedError');
    });
    vi.stubGlobal('BarcodeDetector', fakeBarcodeDetector(['qr_code'], detect));
    vi.stubGlobal('ImageData', FakeImageData);
    const reader = await createQrReader();
    expect(await reader.decode(qrPicture(OTPAUTH), { fast: true })).toEqual([OTPAUTH]);
    expect(await reader.decode(qrPicture(OTPAUTH), { fast: true })).toEqual([OTPAUTH]);
    expect(detect).toHaveBeenCalledTimes(1);
    reader.close();
  });

  it('refuses mismatched pixel data before the detector sees it', async () => {
    vi.stubGlobal(
      'BarcodeDetector',
      fakeBarcodeDetector(['qr_code'], async () => []),
    );
    vi.stubGlobal('ImageData', FakeImageData);
    const reader = await createQrReader();
    expect(await codeOf(reader.decode({ data: new Uint8ClampedArray(7), width: 2, height: 2 }))).toBe(
      'IMAGE_UNREADABLE',
    );
  });
});

describe('scanFrames', () => {
  /** A playing 1280x720 <video> showing a QR code. */
  function fakeVideo(pixels: Pixels = paste(blank(1280, 720, 180), qrPicture(OTPAUTH, { scale: 6 }), 400, 100)) {
    return {
      readyState: 4,
      videoWidth: pixels.width,
      videoHeight: pixels.height,
      pixels,
    } as unknown as HTMLVideoElement & {
      readyState: number;
    };
  }

  /** A reader that records its calls and answers after `ms`. */
  function recordingReader(answer: (n: number) => string[], ms = 0) {
    let running = 0;
    const calls: { fast: boolean | undefined; width: number; height: number; overlapped: boolean }[] = [];
    const reader: QrReader = {
      engine: 'worker',
      async decode(source, options) {
        running++;
        const canvas = source as unknown as FakeOffscreenCanvas;
        calls.push({ fast: options?.fast, width: canvas.width, height: canvas.height, overlapped: running > 1 });
        await new Promise((r) => setTimeout(r, ms));
        running--;
        return answer(calls.length);
      },
      close() {},
    };
    return { reader, calls };
  }

  beforeEach(() => {
    vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
  });

  it('decodes frames scaled to a long side of 960, in fast mode, and reports only frames with codes', async () => {
    const { reader, calls } = recordingReader((n) => (n % 2 === 0 ? [OTPAUTH] : []));
    const abort = new AbortController();
    const results: string[][] = [];
    const done = scanFrames(fakeVideo(), reader, {
      signal: abort.signal,
      fps: 50,
      onResult: (texts) => {
        results.push(texts);
        if (results.length === 2) abort.abort();
      },
    });
    await done;
    expect(calls.length).toBe(4);
    expect(calls.every((c) => c.fast === true && c.width === CAMERA_MAX_SIDE && c.height === 540)).toBe(true);
    expect(results).toEqual([[OTPAUTH], [OTPAUTH]]);
  });

  it('reads a real frame end to end with the real decoder', async () => {
    const reader = await createQrReader();
    const abort = new AbortController();
    let found: string[] = [];
    await scanFrames(fakeVideo(), reader, {
      signal: abort.signal,
      onResult: (texts) => {
        found = texts;
        abort.abort();
      },
    });
    expect(found).toEqual([OTPAUTH]);
  });

  it('keeps to the frame rate and never overlaps decodes, even when decoding is slower than a frame', async () => {
    const { reader, calls } = recordingReader(() => [], 60);
    const abort = new AbortController();
    const done = scanFrames(fakeVideo(), reader, { signal: abort.signal, fps: 100, onResult: () => {} });
    await new Promise((r) => setTimeout(r, 400));
    abort.abort();
    await done;
    expect(calls.length).toBeGreaterThanOrEqual(2); // a loaded machine may manage fewer; never more
    expect(calls.length).toBeLessThanOrEqual(8); // 400 ms / 60 ms per decode, not 40 at 100 fps
    expect(calls.some((c) => c.overlapped)).toBe(false);
  });

  it('decodes at most `fps` frames a second when decoding is fast', async () => {
    const { reader, calls } = recordingReader(() => []);
    const abort = new AbortController();
    const done = scanFrames(fakeVideo(), reader, { signal: abort.signal, fps: 10, onResult: () => {} });
    await new Promise((r) => setTimeout(r, 520));
    abort.abort();
    await done;
    expect(calls.length).toBeGreaterThanOrEqual(2); // a loaded machine may manage fewer; never more
    expect(calls.length).toBeLessThanOrEqual(7); // 520 ms at 10 fps
  });

  it('waits for the video to have a frame, and stops at once when aborted', async () => {
    const { reader, calls } = recordingReader(() => []);
    const video = fakeVideo();
    video.readyState = 0;
    const abort = new AbortController();
    const done = scanFrames(video, reader, { signal: abort.signal, fps: 50, onResult: () => {} });
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.length).toBe(0);
    video.readyState = 4;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.length).toBeGreaterThan(0);
    abort.abort();
    await done;
    const after = calls.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.length).toBe(after);
  });

  it('rejects with the reader’s error, unless it was already aborted', async () => {
    const failing: QrReader = { engine: 'worker', decode: async () => Promise.reject(new Error('boom')), close() {} };
    await expect(
      scanFrames(fakeVideo(), failing, { signal: new AbortController().signal, onResult: () => {} }),
    ).rejects.toThrow('boom');
    const abort = new AbortController();
    const late: QrReader = {
      engine: 'worker',
      decode: async () => {
        abort.abort();
        throw new Error('closed');
      },
      close() {},
    };
    await expect(scanFrames(fakeVideo(), late, { signal: abort.signal, onResult: () => {} })).resolves.toBeUndefined();
  });

  it('keeps screen frames larger when asked (maxSide)', async () => {
    const { reader, calls } = recordingReader(() => [OTPAUTH]);
    const abort = new AbortController();
    await scanFrames(fakeVideo(blank(3840, 2160)), reader, {
      signal: abort.signal,
      maxSide: 2560,
      onResult: () => abort.abort(),
    });
    expect(calls[0]).toMatchObject({ width: 2560, height: 1440 });
  });
});

describe('fitWithin', () => {
  it('scales the long side down to the limit and never up', () => {
    expect(fitWithin(1280, 720, 960)).toEqual({ width: 960, height: 540 });
    expect(fitWithin(720, 1280, 960)).toEqual({ width: 540, height: 960 });
    expect(fitWithin(640, 480, 960)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(4032, 3024, 2048)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(100000, 1, 2048)).toEqual({ width: 2048, height: 1 });
  });
});
