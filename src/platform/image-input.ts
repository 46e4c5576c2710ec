/**
 * QR codes from an image file: a picked photo or screenshot, a pasted clipboard image, a dropped
 * file, a shared image. The UI passes the Blob; this reads every QR code in it.
 *
 * The file's first bytes must be those of an image format a browser decodes (its name and MIME
 * type are not trusted: a text file named .jpeg is refused). The browser decodes it, honouring
 * the EXIF orientation; photos are scaled so the long side is at most 2048 px before decoding.
 */
import { KeyslotError } from '../core/errors';
import { createQrReader, fitWithin, makeSurface, type QrReader } from './scanner';

/** Files larger than this are refused (IMAGE_TOO_LARGE) before anything is decoded. */
export const IMAGE_MAX_BYTES = 30 * 1024 * 1024;
/** Long side of the picture as decoded: a 12 MP phone photo becomes 2048x1536. */
export const IMAGE_MAX_SIDE = 2048;

export interface DecodeImageFileOptions {
  /** A reader to use (and not close); default: a new one, closed afterwards. */
  readonly reader?: QrReader;
}

/**
 * The texts of every QR code in the image ([] when it holds none).
 * Throws KeyslotError: IMAGE_UNREADABLE (not an image, damaged, or a format this browser cannot
 * decode), IMAGE_TOO_LARGE (over 30 MB), QR_DECODER_FAILED (no decoder can run here).
 */
export async function decodeImageFile(file: Blob, options: DecodeImageFileOptions = {}): Promise<string[]> {
  if (typeof Blob === 'undefined' || !(file instanceof Blob)) throw new KeyslotError('IMAGE_UNREADABLE');
  if (file.size > IMAGE_MAX_BYTES) throw new KeyslotError('IMAGE_TOO_LARGE', { max: IMAGE_MAX_BYTES / (1024 * 1024) });
  if (file.size === 0) throw new KeyslotError('IMAGE_UNREADABLE');
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, 32).arrayBuffer());
  } catch {
    throw new KeyslotError('IMAGE_UNREADABLE');
  }
  if (!sniffImageType(head)) throw new KeyslotError('IMAGE_UNREADABLE');
  if (typeof createImageBitmap !== 'function') throw new KeyslotError('IMAGE_UNREADABLE');

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new KeyslotError('IMAGE_UNREADABLE');
  }
  let surface: ReturnType<typeof makeSurface>;
  try {
    if (!(bitmap.width > 0 && bitmap.height > 0)) throw new KeyslotError('IMAGE_UNREADABLE');
    const size = fitWithin(bitmap.width, bitmap.height, IMAGE_MAX_SIDE);
    surface = makeSurface(size.width, size.height);
    surface.ctx.imageSmoothingEnabled = true;
    surface.ctx.imageSmoothingQuality = 'high';
    // Transparent screenshots: a QR drawn in black on nothing must read as black on white.
    surface.ctx.fillStyle = '#fff';
    surface.ctx.fillRect(0, 0, size.width, size.height);
    surface.ctx.drawImage(bitmap, 0, 0, size.width, size.height);
  } finally {
    bitmap.close();
  }

  const reader = options.reader ?? (await createQrReader());
  try {
    return await reader.decode(surface.canvas);
  } finally {
    if (!options.reader) reader.close();
  }
}

/**
 * The image format announced by a file's first bytes, or null when they are not those of an
 * image a browser may decode. Only the signature is checked; the browser does the decoding.
 */
export function sniffImageType(head: Uint8Array): string | null {
  const at = (offset: number, ...bytes: number[]) => bytes.every((b, i) => head[offset + i] === b);
  const ascii = (offset: number, text: string) => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (ascii(0, 'BM') && head.length >= 14) return 'bmp';
  if (at(0, 0x00, 0x00, 0x01, 0x00) || at(0, 0x00, 0x00, 0x02, 0x00)) return 'ico';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff'; // Safari
  if (ascii(4, 'ftyp')) {
    // ISO media: AVIF, and HEIC/HEIF (iPhone photos; Safari decodes them)
    const brand = String.fromCharCode(...head.slice(8, 12));
    if (['avif', 'avis', 'heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand))
      return brand.startsWith('av') ? 'avif' : 'heif';
    return null;
  }
  if (at(0, 0xff, 0x0a) || at(0, 0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20)) return 'jxl'; // Safari 17+
  return null;
}
