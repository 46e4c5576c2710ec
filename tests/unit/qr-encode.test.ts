// A slot's QR code (src/platform/qr-encode.ts) as the UI draws it: the SVG path, rasterised here
// module by module, reads back with Keyslot's own decoder (zxing-wasm) to the exact URI, and
// that URI parses back to the slot.
import { describe, expect, it } from 'vitest';
import { parseOtpauthUri, toOtpauthUri } from '../../src/core/otpauth-uri';
import type { SlotDraft } from '../../src/core/slot';
import { decodeQr } from '../../src/platform/qr-decode';
import { qrDrawing } from '../../src/platform/qr-encode';
import { blank, type Pixels } from './fixtures/qr-image';

/** Paint the path's runs (`M x y h n v1 h-n z`), `scale` pixels per module, with a 4-module quiet zone. */
function rasterise(drawing: { size: number; path: string }, scale = 4): Pixels {
  const side = (drawing.size + 8) * scale;
  const img = blank(side, side);
  const runs = [...drawing.path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)];
  // Nothing in the path but runs.
  expect(runs.map((m) => m[0]).join('')).toBe(drawing.path);
  for (const [, xs, ys, ns, back] of runs) {
    const [x, y, n] = [Number(xs), Number(ys), Number(ns)];
    expect(Number(back)).toBe(n);
    for (let py = (y + 4) * scale; py < (y + 5) * scale; py++) {
      for (let px = (x + 4) * scale; px < (x + 4 + n) * scale; px++) {
        const i = (py * side + px) * 4;
        img.data[i] = img.data[i + 1] = img.data[i + 2] = 0;
      }
    }
  }
  return img;
}

const DRAFT: SlotDraft = {
  kind: 'totp',
  issuer: 'PassLogic (KEK VPN)',
  account: 'alice@example.org',
  secret: Uint8Array.from(Buffer.from('12345678901234567890')),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

describe('qrDrawing', () => {
  it('draws a code that Keyslot’s decoder reads back to the exact otpauth URI', async () => {
    const uri = toOtpauthUri(DRAFT);
    const drawing = qrDrawing(uri);
    expect(await decodeQr(rasterise(drawing))).toEqual([uri]);
    expect(parseOtpauthUri(uri)).toEqual(DRAFT);
  });

  it('draws HOTP slots and names in any script too', async () => {
    const uri = toOtpauthUri({
      ...DRAFT,
      kind: 'hotp',
      counter: 41,
      issuer: '鍵スロット',
      account: 'ユーザー',
      secret: new Uint8Array(64).fill(200),
    });
    expect(await decodeQr(rasterise(qrDrawing(uri), 3))).toEqual([uri]);
  });

  it('refuses text too long for any QR code instead of drawing something wrong', () => {
    expect(() => qrDrawing('x'.repeat(8000))).toThrow();
  });
});
