// decodeImageFile: a picked, pasted or dropped image Blob -> every QR text in it. Node has no
// createImageBitmap or canvas: stand-ins decode PNG/JPEG with pngjs/jpeg-js and draw with
// fixtures/fake-canvas.ts; the QR decoding is the real zxing-wasm.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import { IMAGE_MAX_BYTES, decodeImageFile, sniffImageType } from '../../src/platform/image-input';
import { createQrReader } from '../../src/platform/scanner';
import { FakeImageBitmap, FakeOffscreenCanvas } from './fixtures/fake-canvas';
import { blank, paste, qrPicture, type Pixels } from './fixtures/qr-image';

const OTPAUTH = 'otpauth://totp/ACME:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&digits=8';

function png(pixels: Pixels): Blob {
  const file = new PNG({ width: pixels.width, height: pixels.height });
  file.data = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.length);
  return new Blob([new Uint8Array(PNG.sync.write(file))], { type: 'image/png' });
}

function jpg(pixels: Pixels): Blob {
  const { data } = jpeg.encode({ data: Buffer.from(pixels.data), width: pixels.width, height: pixels.height }, 95);
  return new Blob([new Uint8Array(data)], { type: 'image/jpeg' });
}

/** createImageBitmap as a browser would do it for PNG and JPEG (a corrupt file rejects). */
const createImageBitmapStub = vi.fn(async (blob: Blob, _options?: ImageBitmapOptions) => {
  const bytes = Buffer.from(await blob.arrayBuffer());
  try {
    if (sniffImageType(bytes) === 'png') {
      const p = PNG.sync.read(bytes);
      return new FakeImageBitmap({ data: new Uint8ClampedArray(p.data), width: p.width, height: p.height });
    }
    const j = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return new FakeImageBitmap({ data: new Uint8ClampedArray(j.data), width: j.width, height: j.height });
  } catch {
    throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
  }
});

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (e: unknown) => (isKeyslotError(e) ? e.code : e),
  );
}

beforeEach(() => {
  createImageBitmapStub.mockClear();
  FakeOffscreenCanvas.created = [];
  vi.stubGlobal('createImageBitmap', createImageBitmapStub);
  vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('decodeImageFile', () => {
  it('reads a PNG screenshot of a QR code, honouring the EXIF orientation', async () => {
    expect(await decodeImageFile(png(qrPicture(OTPAUTH)))).toEqual([OTPAUTH]);
    expect(createImageBitmapStub.mock.calls[0]![1]).toEqual({ imageOrientation: 'from-image' });
    const bitmap = (await createImageBitmapStub.mock.results[0]!.value) as FakeImageBitmap;
    expect(bitmap.closed).toBe(true);
  });

  it('reads a JPEG photo, whatever the file is called or typed as (a clipboard Blob has no name)', async () => {
    const photo = paste(blank(800, 600, 210), qrPicture(OTPAUTH, { scale: 5 }), 200, 100);
    expect(await decodeImageFile(jpg(photo))).toEqual([OTPAUTH]);
    expect(await decodeImageFile(new Blob([await jpg(photo).arrayBuffer()]))).toEqual([OTPAUTH]);
  });

  it('scales a large photo down to a long side of 2048 before decoding', async () => {
    const photo = paste(blank(4000, 3000, 220), qrPicture(OTPAUTH, { scale: 14 }), 1400, 900);
    expect(await decodeImageFile(png(photo))).toEqual([OTPAUTH]);
    const drawn = FakeOffscreenCanvas.created[0]!;
    expect([drawn.width, drawn.height]).toEqual([2048, 1536]);
  });

  it('keeps small images at their own size', async () => {
    await decodeImageFile(png(qrPicture(OTPAUTH)));
    const code = qrPicture(OTPAUTH);
    expect([FakeOffscreenCanvas.created[0]!.width, FakeOffscreenCanvas.created[0]!.height]).toEqual([
      code.width,
      code.height,
    ]);
  });

  it('reads every QR code in the image', async () => {
    const texts = [
      'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP',
      'otpauth://totp/B:b?secret=KRSXG5CTMVRXEZLU',
      'otpauth://hotp/C:c?secret=MFRGGZDFMZTWQ2LK&counter=3',
    ];
    const sheet = blank(1200, 420);
    texts.forEach((text, i) => paste(sheet, qrPicture(text), 20 + i * 400, 40));
    expect((await decodeImageFile(png(sheet))).sort()).toEqual([...texts].sort());
  });

  it('reads a QR code drawn on a transparent background as black on white', async () => {
    const code = qrPicture(OTPAUTH);
    for (let i = 0; i < code.data.length; i += 4) if (code.data[i] === 255) code.data.set([0, 0, 0, 0], i);
    expect(await decodeImageFile(png(code))).toEqual([OTPAUTH]);
  });

  it('answers [] for an image without a QR code', async () => {
    expect(await decodeImageFile(png(blank(640, 480, 128)))).toEqual([]);
  });

  it('refuses a text file named .jpeg without trying to decode it', async () => {
    const text = new Blob(['This is just a text file masquerading as an image.'], { type: 'image/jpeg' });
    expect(await codeOf(decodeImageFile(text))).toBe('IMAGE_UNREADABLE');
    expect(createImageBitmapStub).not.toHaveBeenCalled();
  });

  it('refuses an empty file, a damaged image, and things that are not Blobs', async () => {
    expect(await codeOf(decodeImageFile(new Blob([])))).toBe('IMAGE_UNREADABLE');
    const damaged = (await png(qrPicture(OTPAUTH)).arrayBuffer()).slice(0, 60);
    expect(await codeOf(decodeImageFile(new Blob([damaged])))).toBe('IMAGE_UNREADABLE');
    expect(await codeOf(decodeImageFile('otpauth://totp/x' as unknown as Blob))).toBe('IMAGE_UNREADABLE');
    expect(await codeOf(decodeImageFile(null as unknown as Blob))).toBe('IMAGE_UNREADABLE');
  });

  it('refuses an image the browser decodes to zero pixels', async () => {
    createImageBitmapStub.mockImplementationOnce(
      async () => new FakeImageBitmap({ data: new Uint8ClampedArray(0), width: 0, height: 0 }),
    );
    expect(await codeOf(decodeImageFile(png(qrPicture(OTPAUTH))))).toBe('IMAGE_UNREADABLE');
  });

  it('refuses files over 30 MB before reading them', async () => {
    const huge = new Blob([new Uint8Array(IMAGE_MAX_BYTES + 1)], { type: 'image/png' });
    const error = await decodeImageFile(huge).catch((e: unknown) => e);
    expect(isKeyslotError(error, 'IMAGE_TOO_LARGE')).toBe(true);
    expect((error as { max: number }).max).toBe(30);
    expect(createImageBitmapStub).not.toHaveBeenCalled();
  });

  it('says IMAGE_UNREADABLE where the browser has no createImageBitmap', async () => {
    vi.stubGlobal('createImageBitmap', undefined);
    expect(await codeOf(decodeImageFile(png(qrPicture(OTPAUTH))))).toBe('IMAGE_UNREADABLE');
  });

  it('uses the reader it is given and leaves it open', async () => {
    const reader = await createQrReader();
    const close = vi.spyOn(reader, 'close');
    expect(await decodeImageFile(png(qrPicture(OTPAUTH)), { reader })).toEqual([OTPAUTH]);
    expect(close).not.toHaveBeenCalled();
    expect(await reader.decode(qrPicture(OTPAUTH))).toEqual([OTPAUTH]);
  });
});

describe('sniffImageType', () => {
  const bytes = (...parts: (number[] | string)[]) =>
    new Uint8Array(
      parts
        .flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p))
        .concat(new Array(24).fill(0)),
    );

  it('knows the formats browsers decode by their first bytes', () => {
    expect(sniffImageType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImageType(bytes('GIF89a'))).toBe('gif');
    expect(sniffImageType(bytes('GIF87a'))).toBe('gif');
    expect(sniffImageType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('webp');
    expect(sniffImageType(bytes('BM'))).toBe('bmp');
    expect(sniffImageType(bytes([0, 0, 0, 0x20], 'ftypavif'))).toBe('avif');
    expect(sniffImageType(bytes([0, 0, 0, 0x18], 'ftypheic'))).toBe('heif');
    expect(sniffImageType(bytes([0, 0, 1, 0]))).toBe('ico');
    expect(sniffImageType(bytes('II*', [0]))).toBe('tiff');
  });

  it('refuses text, SVG, PDF, ZIP, video and nothing at all', () => {
    for (const head of [
      bytes('This is just a text file'),
      bytes('<svg xmlns="http://www.w3.org/2000/svg"'),
      bytes('<?xml version="1.0"?>'),
      bytes('%PDF-1.7'),
      bytes('PK', [3, 4]),
      bytes([0, 0, 0, 0x20], 'ftypisom'),
      bytes('RIFF', [1, 2, 3, 4], 'WAVE'),
      new Uint8Array(0),
      new Uint8Array([0x89, 0x50]),
    ]) {
      expect(sniffImageType(head)).toBeNull();
    }
  });
});
