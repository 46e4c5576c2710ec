/**
 * QR decoding without WebAssembly: @zxing/browser's BrowserQRCodeReader (ZXing ported to plain
 * JavaScript; @zxing/library underneath). The only module that imports @zxing/browser or
 * @zxing/library. scanner.ts loads it, lazily, only where zxing-wasm cannot run: WebAssembly
 * missing or refused (iOS Lockdown Mode, enterprise policies that switch it off, a CSP without
 * 'wasm-unsafe-eval'). It reads fewer real photos than zxing-wasm (scripts/bench-qr.mjs prints
 * both), so it is never the first choice.
 *
 * It decodes pixels ({data, width, height}), not <video> or <canvas>: scanner.ts already owns the
 * camera loop and the drawing, and pixels work the same on the main thread, in a worker or in
 * Node (tests, benchmark). @zxing/browser's own camera loop is not used.
 */
import { BrowserQRCodeReader } from '@zxing/browser';
import {
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  RGBLuminanceSource,
  type Binarizer,
  type LuminanceSource,
} from '@zxing/library';
import { checkImage, onWhite, type ImageDataLike } from './qr-pixels';

export interface DecodeQrJsOptions {
  /** One pass only (camera frames: the next frame is another chance). Default: every pass. */
  readonly fast?: boolean;
}

// TRY_HARDER: ZXing's thorough search for finder patterns (the slower, better mode).
const reader = new BrowserQRCodeReader(new Map([[DecodeHintType.TRY_HARDER, true]]));

/** Tried in order until one reads a code (ZXing's own binarizers; inverted for light-on-dark codes). */
const PASSES: readonly ((luma: LuminanceSource) => Binarizer)[] = [
  (luma) => new HybridBinarizer(luma),
  (luma) => new GlobalHistogramBinarizer(luma),
  (luma) => new HybridBinarizer(luma.invert()),
];

/**
 * The QR code's text in the image ([] when none is found). ZXing's JavaScript reader finds one
 * code per image. Throws KeyslotError IMAGE_UNREADABLE / IMAGE_TOO_LARGE as decodeQr does.
 */
export function decodeQrWithoutWasm(image: ImageDataLike, options: DecodeQrJsOptions = {}): string[] {
  if (!checkImage(image)) return [];
  const luma = luminance(onWhite(image));
  const passes = options.fast === true ? PASSES.slice(0, 1) : PASSES;
  for (const binarize of passes) {
    try {
      const text = reader.decodeBitmap(new BinaryBitmap(binarize(luma))).getText();
      if (text !== '') return [text];
    } catch {
      // NotFound, Checksum or Format exception: no readable code in this pass.
    }
  }
  return [];
}

/** One byte of luminance per pixel (ITU-R BT.601 weights, as ZXing's own canvas source uses). */
function luminance({ data, width, height }: ImageDataLike): LuminanceSource {
  const luma = new Uint8ClampedArray(width * height);
  for (let i = 0, j = 0; i < luma.length; i++, j += 4) {
    luma[i] = (306 * data[j]! + 601 * data[j + 1]! + 117 * data[j + 2]! + 0x200) >> 10;
  }
  return new RGBLuminanceSource(luma, width, height);
}
