/**
 * A QR code drawn for the screen (a slot's QR code, privacyIDEA's rollover code): the encoder
 * (platform/qr-encode.ts) is loaded only when one is shown.
 */
import type { QrDrawing } from '../../platform/qr-encode';

export type { QrDrawing };

export async function drawQr(text: string): Promise<QrDrawing> {
  const { qrDrawing } = await import('../../platform/qr-encode');
  return qrDrawing(text);
}
