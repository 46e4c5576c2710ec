/**
 * Keyslot's QR decoder (src/platform/qr-decode.ts) over real photos: ZXing's and ZXing-C++'s
 * black-box sets at 0/90/180/270 degrees, the Google Authenticator export QR images and Aegis's
 * camera frames. Every set must reach upstream's own pass count (and the zxing-wasm baseline
 * recorded with the corpus); the photos without a code must give nothing at all; no image may
 * read as a text other than its own. @zxing/library (what @zxing/browser runs) is measured on
 * the same pixels for comparison, and a table is printed.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import { decodeImageFile } from '../../src/platform/image-input';
import { decodeQr } from '../../src/platform/qr-decode';
import { corpusPath, readCorpusJson } from './corpus';
import {
  ROTATIONS,
  SINGLE_SETS,
  decodeWithZxingLibrary,
  loadPixels,
  lumaToPixels,
  observedBaseline,
  qrImagesDir,
  rotate,
  setImages,
  upstreamThreshold,
  type Rotation,
} from './qr-corpus';

interface Row {
  set: string;
  images: number;
  ours: Record<Rotation, number>;
  fast: number;
  library: Record<Rotation, number>;
  need: Record<Rotation, number | undefined>;
  /** images that gave a text and not their own (misreads), over all rotations */
  wrong: number;
  /** texts read from photos without a code, over all rotations */
  falsePositives: number;
}

const rows: Row[] = [];

describe('QR photos of the ZXing black-box sets', () => {
  for (const set of SINGLE_SETS) {
    it(`${set}: reaches upstream's pass counts at every rotation, with no misread`, async () => {
      const images = setImages(set);
      const negative = set.includes('falsepositives');
      const row: Row = {
        set,
        images: images.length,
        ours: { 0: 0, 90: 0, 180: 0, 270: 0 },
        fast: 0,
        library: { 0: 0, 90: 0, 180: 0, 270: 0 },
        need: { 0: undefined, 90: undefined, 180: undefined, 270: undefined },
        wrong: 0,
        falsePositives: 0,
      };
      for (const image of images) {
        const upright = loadPixels(image.path);
        for (const rotation of ROTATIONS) {
          const pixels = rotate(upright, rotation);
          const texts = await decodeQr(pixels);
          const library = decodeWithZxingLibrary(pixels);
          if (negative) {
            row.falsePositives += texts.length + library.length;
            continue;
          }
          const expected = image.expected[0]!;
          if (texts.includes(expected)) row.ours[rotation]++;
          else if (texts.length > 0) row.wrong++;
          if (library.includes(expected)) row.library[rotation]++;
          if (rotation === 0 && (await decodeQr(pixels, { fast: true })).includes(expected)) row.fast++;
        }
      }
      for (const rotation of ROTATIONS) {
        const upstream = upstreamThreshold(set, rotation);
        const baseline = rotation === 0 ? observedBaseline(set) : undefined;
        const need =
          upstream === undefined && baseline === undefined ? undefined : Math.max(upstream ?? 0, baseline ?? 0);
        row.need[rotation] = need;
        if (!negative && need !== undefined)
          expect(row.ours[rotation], `${set} at ${rotation}°`).toBeGreaterThanOrEqual(need);
      }
      rows.push(row);
      expect(row.falsePositives, `${set}: texts read from photos without a QR code`).toBe(0);
      expect(row.wrong, `${set}: images read as another text`).toBe(0);
      // One pass (the camera's fast path) is what zxing-wasm alone reads: at least the recorded baseline.
      const baseline = observedBaseline(set);
      if (!negative && baseline !== undefined) expect(row.fast).toBeGreaterThanOrEqual(baseline);
    });
  }

  it('zxing-java/multi-qrcode-1: all 4 codes in one photo, at every rotation', async () => {
    const expected = readCorpusJson<{ image: string; expected_texts_unordered: string[] }>(
      'qr-images',
      'zxing-java',
      'multi-qrcode-1',
      'expected.json',
    );
    const upright = loadPixels(qrImagesDir('zxing-java', 'multi-qrcode-1', expected.image));
    for (const rotation of ROTATIONS) {
      expect((await decodeQr(rotate(upright, rotation))).sort()).toEqual([...expected.expected_texts_unordered].sort());
    }
  });

  it('zxing-cpp/multi-1: the same 4 codes in the multi-qr picture; the others hold what ZXing-C++ reads', async () => {
    const expected = readCorpusJson<{ expected_texts_unordered: string[] }>(
      'qr-images',
      'zxing-java',
      'multi-qrcode-1',
      'expected.json',
    );
    expect((await decodeQr(loadPixels(qrImagesDir('zxing-cpp', 'multi-1', 'multi-qr.png')))).sort()).toEqual(
      [...expected.expected_texts_unordered].sort(),
    );
    // No expectations upstream for these (they live in C++ test code): a Data Matrix and EAN-8 picture hold no QR code.
    expect(await decodeQr(loadPixels(qrImagesDir('zxing-cpp', 'multi-1', 'multi-dm.png')))).toEqual([]);
    expect(await decodeQr(loadPixels(qrImagesDir('zxing-cpp', 'multi-1', '3xean-8.png')))).toEqual([]);
  });

  it('zxing-cpp/qrcode-7: each part of a structured-append set reads, and in order they make the whole text', async () => {
    const parts: string[] = [];
    for (const n of [1, 2, 3, 4]) {
      const texts = await decodeQr(loadPixels(qrImagesDir('zxing-cpp', 'qrcode-7', `01-0${n}.png`)));
      expect(texts).toHaveLength(1);
      parts.push(texts[0]!);
    }
    expect(parts.join('')).toBe(readFileSync(qrImagesDir('zxing-cpp', 'qrcode-7', '01.txt'), 'utf8'));
  });
});

describe('QR images of authenticator exports and apps', () => {
  const gam = (...p: string[]) => corpusPath('google-auth-migration', ...p);

  it('reads the Google Authenticator export QR as its exact otpauth-migration:// URI', async () => {
    const payloads = readCorpusJson<{ items: { origin: string; uri: string }[] }>(
      'google-auth-migration',
      'expected-decoded-migration-payloads.json',
    );
    const uri = payloads.items.find((i) => i.origin.includes('example_export.png'))!.uri;
    const pixels = loadPixels(gam('scito-extract_otp_secrets', 'example_export.png'));
    expect(await decodeQr(pixels)).toEqual([uri]);
    expect(await decodeQr(pixels, { fast: true })).toEqual([uri]);
  });

  it('reads dim13/otpauth example.png as the otpauth:// URI its README gives', async () => {
    const readme = readFileSync(gam('dim13-otpauth', 'README.md'), 'utf8');
    const uri = /QR of (otpauth:\/\/[^)\s]+)\)/.exec(readme)![1]!;
    expect(uri).toBe('otpauth://totp/Example:alice@google.com?issuer=Example&period=30&secret=JBSWY3DPEHPK3PXP');
    expect(await decodeQr(loadPixels(gam('dim13-otpauth', 'example.png')))).toEqual([uri]);
  });

  it('reads a QR without an OTP as exactly its text (the UI then says it is not an activation code)', async () => {
    expect(
      await decodeQr(loadPixels(gam('scito-extract_otp_secrets', 'tests-data', 'qr_but_without_otp.png'))),
    ).toEqual(['NOT A otpauth-migration:// URL']);
  });

  it('refuses a text file masquerading as a JPEG as IMAGE_UNREADABLE', async () => {
    const bytes = readFileSync(gam('scito-extract_otp_secrets', 'tests-data', 'text_masquerading_as_image.jpeg'));
    const error = await decodeImageFile(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' })).catch(
      (e: unknown) => e,
    );
    expect(isKeyslotError(error, 'IMAGE_UNREADABLE')).toBe(true);
  });

  it('reads Aegis’s two phone-camera frames (grey PNGs and raw luma), in one fast pass too', async () => {
    const vectors = readCorpusJson<{
      qr_camera_frames: { expected_text: string } & Record<
        string,
        { width: number; height: number; rowStride: number } | string
      >;
    }>('authenticator-importers', 'aegis', 'expected-test-vectors.json');
    const expected = vectors.qr_camera_frames.expected_text;
    const helpers = (f: string) => corpusPath('authenticator-importers', 'aegis', 'helpers', f);
    for (const name of ['qr.y', 'qr.strided.y']) {
      const png = loadPixels(helpers(`${name}.derived.png`));
      expect(await decodeQr(png)).toEqual([expected]);
      expect(await decodeQr(png, { fast: true })).toEqual([expected]);
      const frame = vectors.qr_camera_frames[`helpers/${name}.gz`] as {
        width: number;
        height: number;
        rowStride: number;
      };
      const luma = gunzipSync(readFileSync(helpers(`${name}.gz`)));
      expect(await decodeQr(lumaToPixels(luma, frame.width, frame.height, frame.rowStride), { fast: true })).toEqual([
        expected,
      ]);
      if (frame.rowStride !== frame.width) {
        // Aegis's own rule: the strided frame read with the wrong stride is sheared and must give nothing.
        expect(await decodeQr(lumaToPixels(luma, frame.width, frame.height, frame.width))).toEqual([]);
      }
    }
  });
});

afterAll(() => {
  if (rows.length === 0) return;
  const fmt = (r: Record<Rotation, number | undefined>) =>
    ROTATIONS.map((k) => (r[k] === undefined ? '-' : String(r[k]))).join('/');
  const header = [
    'set',
    'images',
    'Keyslot 0/90/180/270',
    'one pass @0',
    '@zxing/library 0/90/180/270',
    'need 0/90/180/270',
    'misreads',
    'false pos.',
  ];
  const body = rows.map((r) => [
    r.set,
    String(r.images),
    fmt(r.ours),
    String(r.fast),
    fmt(r.library),
    fmt(r.need),
    String(r.wrong),
    String(r.falsePositives),
  ]);
  const positives = rows.filter((r) => !r.set.includes('falsepositives'));
  const sum = (f: (r: Row) => number) => positives.reduce((a, r) => a + f(r), 0);
  const total = sum((r) => r.images);
  const pct = (n: number) => `${n} (${((100 * n) / total).toFixed(1)}%)`;
  body.push([
    'TOTAL with a code',
    String(total),
    ROTATIONS.map((k) => sum((r) => r.ours[k])).join('/'),
    String(sum((r) => r.fast)),
    ROTATIONS.map((k) => sum((r) => r.library[k])).join('/'),
    '',
    String(sum((r) => r.wrong)),
    String(rows.reduce((a, r) => a + r.falsePositives, 0)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(
    [
      '',
      'QR decoding on the corpus photos (exact text; "need" = max(upstream pass count, zxing-wasm baseline))',
      line(header),
      widths.map((w) => '-'.repeat(w)).join('-|-'),
      ...body.map(line),
      '',
      `Upright: Keyslot ${pct(sum((r) => r.ours[0]))}, one zxing-wasm pass ${pct(sum((r) => r.fast))}, @zxing/library ${pct(sum((r) => r.library[0]))}`,
    ].join('\n'),
  );
});
