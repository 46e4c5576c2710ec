/**
 * Icons as pictures (issue 15): re-encode a picked, pasted, dropped, imported or icon-pack
 * picture into the small raster form the vault stores (core/slot-extras.ts), and turn a stored
 * icon into something an <img> shows.
 *
 * - Everything is decoded by the browser's image decoder into a canvas and encoded again, so
 *   what is stored is only pixels Keyslot made: no metadata (EXIF with a location), no
 *   animation, no script. An SVG (an icon pack's) is drawn as an image (no script runs in an
 *   image-mode SVG; core/icons/image-check.ts has refused anything active before), then
 *   rasterised, so no SVG is ever stored.
 * - 96 × 96 px, the picture fitted inside and centred on transparency; WebP where the browser
 *   encodes it, otherwise PNG. Larger than ICON_MAX_BYTES afterwards: ICON_INVALID.
 * - Shown as a data: URL (core/slot-extras.ts iconDataUrl; the CSP allows img-src data:).
 */
import { KeyslotError } from '../core/errors';
import { base64Encode } from '../core/bytes';
import { checkIcon, rasterFormat, type IconSource, type SlotIcon } from '../core/slot-extras';
import { fitInside } from '../core/icons/fit';

/** Side of a stored icon, in pixels: sharp at 48 CSS px on a 2× screen. */
export const ICON_PX = 96;
/** Pictures larger than this are refused before decoding (a 4000 × 3000 photo is ~5 MB). */
const INPUT_MAX_BYTES = 16 * 1024 * 1024;

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

async function decode(blob: Blob): Promise<Decoded> {
  if (blob.type === 'image/svg+xml') {
    // createImageBitmap does not take SVG: load it as an image from a data: URL.
    const img = new Image();
    img.src = `data:image/svg+xml;base64,${base64Encode(new Uint8Array(await blob.arrayBuffer()))}`;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => undefined };
  }
  const bitmap = await createImageBitmap(blob);
  return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
}

/**
 * A picture → the icon the vault stores. ICON_INVALID for anything the browser can't decode,
 * an empty or huge input, or a result over the size limit.
 */
export async function encodeIcon(picture: Blob, source: IconSource): Promise<SlotIcon> {
  if (picture.size === 0 || picture.size > INPUT_MAX_BYTES) throw new KeyslotError('ICON_INVALID', { field: 'icon' });
  let image: Decoded;
  try {
    image = await decode(picture);
  } catch {
    throw new KeyslotError('ICON_INVALID', { field: 'icon' });
  }
  const canvas = new OffscreenCanvas(ICON_PX, ICON_PX);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new KeyslotError('ICON_INVALID', { field: 'icon' });
  const box = fitInside(image.width, image.height, ICON_PX);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image.source, box.x, box.y, box.width, box.height);
  image.close();
  let out = await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 });
  if (out.type !== 'image/webp') out = await canvas.convertToBlob({ type: 'image/png' });
  const bytes = new Uint8Array(await out.arrayBuffer());
  const mime = rasterFormat(bytes);
  if (!mime) throw new KeyslotError('ICON_INVALID', { field: 'icon' });
  return checkIcon({ mime, bytes, source });
}
