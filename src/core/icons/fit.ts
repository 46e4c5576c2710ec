/** Where a picture of `width` × `height` goes inside a `box` × `box` square: fitted whole, centred. */
export interface Placement {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Fit a picture inside a square, keeping its shape (CSS `object-fit: contain`), centred. A
 * degenerate size (0, negative, not finite) fills the square: the decoder said nothing useful.
 */
export function fitInside(width: number, height: number, box: number): Placement {
  if (!(box > 0) || !Number.isFinite(box)) throw new RangeError('fitInside: box must be a positive number');
  if (!(width > 0 && height > 0) || !Number.isFinite(width) || !Number.isFinite(height)) {
    return { x: 0, y: 0, width: box, height: box };
  }
  const scale = Math.min(box / width, box / height);
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  return { x: Math.floor((box - w) / 2), y: Math.floor((box - h) / 2), width: w, height: h };
}
