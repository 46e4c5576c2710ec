/**
 * Pixels for the QR decoders (qr-decode.ts with zxing-wasm, qr-decode-js.ts without WebAssembly):
 * what they accept, what they refuse, and how a transparent background is shown. No decoder here,
 * so either decoder's chunk can use it without loading the other.
 */
import { KeyslotError } from '../core/errors';

/** RGBA pixels, 4 bytes per pixel, row by row: what ImageData holds. */
export interface ImageDataLike {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Images larger than this are refused (IMAGE_TOO_LARGE): image-input.ts downscales photos long before. */
export const QR_MAX_SIDE = 16384;
export const QR_MAX_PIXELS = 32 * 1024 * 1024;

/** false: nothing to decode (a 0-pixel image). Throws for data that is not what it claims. */
export function checkImage(image: ImageDataLike): boolean {
  if (typeof image !== 'object' || image === null) throw new KeyslotError('IMAGE_UNREADABLE');
  const { data, width, height } = image;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 0 || height < 0) {
    throw new KeyslotError('IMAGE_UNREADABLE');
  }
  if (width > QR_MAX_SIDE || height > QR_MAX_SIDE || width * height > QR_MAX_PIXELS) {
    throw new KeyslotError('IMAGE_TOO_LARGE', { max: QR_MAX_PIXELS });
  }
  const kind = Object.prototype.toString.call(data);
  if (kind !== '[object Uint8ClampedArray]' && kind !== '[object Uint8Array]')
    throw new KeyslotError('IMAGE_UNREADABLE');
  // A short buffer would make the WebAssembly read past it.
  if (data.length !== width * height * 4) throw new KeyslotError('IMAGE_UNREADABLE');
  return width > 0 && height > 0;
}

/**
 * ZXing ignores alpha, so a transparent background (often black with alpha 0 in PNG screenshots)
 * would read as black. Composite such pixels onto white, as a browser shows them. Opaque images
 * (every camera frame) are passed through without a copy.
 */
export function onWhite(image: ImageDataLike): ImageDataLike {
  const { data } = image;
  let i = 3;
  while (i < data.length && data[i] === 255) i += 4;
  if (i >= data.length) return image;
  const out = new Uint8ClampedArray(data);
  for (let j = i - 3; j < out.length; j += 4) {
    const a = out[j + 3]!;
    if (a === 255) continue;
    const white = 255 * (255 - a);
    out[j] = (out[j]! * a + white) / 255;
    out[j + 1] = (out[j + 1]! * a + white) / 255;
    out[j + 2] = (out[j + 2]! * a + white) / 255;
    out[j + 3] = 255;
  }
  return { data: out, width: image.width, height: image.height };
}
