/**
 * The only module that imports `qrcode`: an otpauth:// URI -> the QR code's modules, drawn by
 * the UI as one SVG path (no canvas, no innerHTML: nothing for the CSP or Trusted Types to
 * refuse). Loaded lazily, only when a slot's QR code is shown (docs/backup.md, "Plain export and QR codes").
 *
 * Error correction M (ISO/IEC 18004 §6.5.1, ~15% of the symbol recoverable): what authenticator
 * setup pages use; a phone camera reads it off a screen at any size Keyslot draws it.
 */
import QRCode from 'qrcode';

export interface QrDrawing {
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  /** SVG path data in module units: one `M x y h n v1 h-n z` per run of dark modules in a row. */
  readonly path: string;
}

/** The QR code for `text` as an SVG path. */
export function qrDrawing(text: string): QrDrawing {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const parts: string[] = [];
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && modules.get(y, x)) x++;
      parts.push(`M${start} ${y}h${x - start}v1h-${x - start}z`);
    }
  }
  return { size: n, path: parts.join('') };
}
