/**
 * The QR photos of the shared corpus (qr-images/: ZXing's and ZXing-C++'s black-box sets) as
 * RGBA pixels, with their expected texts and the pass counts upstream asserts. Used by
 * qr-images.test.ts and scripts/bench-qr.mjs. Nothing is copied: files are read at run time.
 * Node cannot decode WebP, so those come from the corpus's zxing-cpp-webp-as-png/ copies.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
// scripts/bench-qr.mjs has Vite transform @zxing/library (ssr.noExternal), so named imports work there too.
import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { corpusPath, readCorpusJson } from './corpus';
import type { Pixels } from '../unit/fixtures/qr-image';

// Clockwise rotation (as the upstream black-box runners do) and the pixel type are the unit tests' own.
export { rotate, type Pixels } from '../unit/fixtures/qr-image';

export type Rotation = 0 | 90 | 180 | 270;
export const ROTATIONS: readonly Rotation[] = [0, 90, 180, 270];

export interface QrCorpusImage {
  /** e.g. 'zxing-java/qrcode-1' */
  readonly set: string;
  readonly file: string;
  /** the file actually read (a PNG copy for WebP originals) */
  readonly path: string;
  /** The texts the image holds: one for the qrcode sets, [] for the false-positive sets. */
  readonly expected: readonly string[];
}

/** Sets with one expected text per image, and the no-code sets. */
export const SINGLE_SETS = [
  'zxing-java/qrcode-1',
  'zxing-java/qrcode-2',
  'zxing-java/qrcode-3',
  'zxing-java/qrcode-4',
  'zxing-java/qrcode-5',
  'zxing-java/qrcode-6',
  'zxing-cpp/qrcode-1',
  'zxing-cpp/qrcode-2',
  'zxing-cpp/qrcode-3',
  'zxing-cpp/qrcode-4',
  'zxing-cpp/qrcode-5',
  'zxing-cpp/qrcode-6',
  'zxing-cpp/microqrcode-1',
  'zxing-cpp/rmqrcode-1',
  'zxing-cpp/falsepositives-1',
  'zxing-cpp/falsepositives-2',
] as const;

const IMAGE = /\.(png|jpe?g|webp)$/i;

export function qrImagesDir(...parts: string[]): string {
  return corpusPath('qr-images', ...parts);
}

/** Every image of a set, with what it must read as. */
export function setImages(set: string): QrCorpusImage[] {
  const [repo, name] = set.split('/') as [string, string];
  const dir = qrImagesDir(repo, name);
  const negative = name.startsWith('falsepositives');
  return readdirSync(dir)
    .filter((f) => IMAGE.test(f))
    .sort()
    .map((file) => {
      const stem = file.replace(/\.[^.]+$/, '');
      const imagePath = /\.webp$/i.test(file)
        ? qrImagesDir('zxing-cpp-webp-as-png', name, `${stem}.png`)
        : path.join(dir, file);
      const txt = path.join(dir, `${stem}.txt`);
      if (!negative && !existsSync(txt)) throw new Error(`no expected text for ${set}/${file}`);
      return { set, file, path: imagePath, expected: negative ? [] : [readFileSync(txt, 'utf8')] };
    });
}

/** PNG (pngjs) or JPEG (jpeg-js) file -> RGBA pixels. Throws for anything else. */
export function loadPixels(file: string): Pixels {
  const bytes = readFileSync(file);
  if (/\.png$/i.test(file)) {
    const png = PNG.sync.read(bytes);
    return {
      data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
      width: png.width,
      height: png.height,
    };
  }
  if (/\.jpe?g$/i.test(file)) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    return {
      data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length),
      width: img.width,
      height: img.height,
    };
  }
  throw new Error(`not a PNG or JPEG: ${file}`);
}

/** 8-bit luma plane (with a row stride) -> RGBA pixels. */
export function lumaToPixels(luma: Uint8Array, width: number, height: number, rowStride: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = luma[y * rowStride + x]!;
      const i = (y * width + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = v;
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

const zxingLibraryReader = new QRCodeReader();

/**
 * What @zxing/browser's BrowserQRCodeReader does with a picture: the same luma formula as its
 * canvas luminance source, HybridBinarizer, QRCodeReader without hints. One text or none.
 */
export function decodeWithZxingLibrary(img: Pixels): string[] {
  const { data, width, height } = img;
  const luma = new Uint8ClampedArray(width * height);
  for (let i = 0, j = 0; i < luma.length; i++, j += 4)
    luma[i] = (306 * data[j]! + 601 * data[j + 1]! + 117 * data[j + 2]! + 0x200) >> 10;
  try {
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luma, width, height)));
    return [zxingLibraryReader.decode(bitmap).getText()];
  } catch {
    return [];
  } finally {
    zxingLibraryReader.reset();
  }
}

type JavaThresholds = Record<string, [number, number, number][]>;
type CppThresholds = Record<string, { cases: (number | string)[][] }>;
interface Thresholds {
  'zxing-java': JavaThresholds;
  'zxing-cpp': CppThresholds;
}

/**
 * The pass count upstream asserts for a set at a rotation, in its most thorough mode
 * (zxing-java: tryHarder count; zxing-cpp: minPassSlow, i.e. tryHarder+tryRotate+tryInvert).
 * undefined when upstream gives none.
 */
export function upstreamThreshold(set: string, rotation: Rotation): number | undefined {
  const t = readCorpusJson<Thresholds>('qr-images', 'upstream-pass-thresholds.json');
  const [repo, name] = set.split('/') as ['zxing-java' | 'zxing-cpp', string];
  if (repo === 'zxing-java') return t['zxing-java'][name]?.find((c) => c[2] === rotation)?.[1];
  const c = t['zxing-cpp'][name]?.cases.find((x) => x[x.length - 1] === rotation);
  if (!c) return undefined;
  return name.startsWith('falsepositives') ? 0 : (c[1] as number);
}

/** What zxing-wasm 3.1.4 read at rotation 0 when the corpus was collected (decoded_matching). */
export function observedBaseline(set: string): number | undefined {
  const o = readCorpusJson<{ results: Record<string, { decoded_matching: number }> }>(
    'qr-images',
    'observed-zxing-wasm-3.1.4.json',
  );
  return o.results[set]?.decoded_matching;
}

/**
 * A camera-sized frame (default 960x540) from a picture: the middle cut to the frame's aspect
 * ratio, then box-filtered down (or nearest-neighbour up) to the frame size.
 */
export function cameraFrame(img: Pixels, width = 960, height = 540): Pixels {
  const aspect = width / height;
  let cw = img.width;
  let ch = Math.round(cw / aspect);
  if (ch > img.height) {
    ch = img.height;
    cw = Math.round(ch * aspect);
  }
  const x0 = Math.floor((img.width - cw) / 2);
  const y0 = Math.floor((img.height - ch) / 2);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const ya = y0 + Math.floor((y * ch) / height);
    const yb = Math.max(ya + 1, y0 + Math.floor(((y + 1) * ch) / height));
    for (let x = 0; x < width; x++) {
      const xa = x0 + Math.floor((x * cw) / width);
      const xb = Math.max(xa + 1, x0 + Math.floor(((x + 1) * cw) / width));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let yy = ya; yy < yb; yy++) {
        for (let xx = xa; xx < xb; xx++) {
          const i = (yy * img.width + xx) * 4;
          r += img.data[i]!;
          g += img.data[i + 1]!;
          b += img.data[i + 2]!;
          n++;
        }
      }
      const o = (y * width + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return { data: out, width, height };
}
