// decodeQrWithoutWasm (@zxing/browser's JavaScript reader, the decoder where WebAssembly cannot
// run) on QR pictures made here with the `qrcode` package.
import { describe, expect, it } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import { decodeQrWithoutWasm } from '../../src/platform/qr-decode-js';
import { QR_MAX_PIXELS } from '../../src/platform/qr-pixels';
import { blank, noise, paste, qrPicture, rotate } from './fixtures/qr-image';

const OTPAUTH = 'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)';

function codeOf(run: () => unknown): unknown {
  try {
    run();
    return 'returned';
  } catch (e) {
    return isKeyslotError(e) ? e.code : e;
  }
}

describe('decodeQrWithoutWasm: reading without WebAssembly', () => {
  it('reads an otpauth:// activation code exactly, in fast mode too', () => {
    expect(decodeQrWithoutWasm(qrPicture(OTPAUTH))).toEqual([OTPAUTH]);
    expect(decodeQrWithoutWasm(qrPicture(OTPAUTH), { fast: true })).toEqual([OTPAUTH]);
  });

  it('reads UTF-8 text unchanged', () => {
    const text = 'ワンタイムパスワード 鍵スロット';
    expect(decodeQrWithoutWasm(qrPicture(text))).toEqual([text]);
  });

  it('reads a code in a larger picture, turned by 90, 180 and 270 degrees', () => {
    const scene = paste(blank(900, 700, 200), qrPicture(OTPAUTH, { scale: 4 }), 300, 150);
    for (const degrees of [0, 90, 180, 270] as const)
      expect(decodeQrWithoutWasm(rotate(scene, degrees)), `${degrees}°`).toEqual([OTPAUTH]);
  });

  it('reads a light code on a dark background only when trying every pass', () => {
    const dark = qrPicture(OTPAUTH, { invert: true });
    expect(decodeQrWithoutWasm(dark, { fast: true })).toEqual([]);
    expect(decodeQrWithoutWasm(dark)).toEqual([OTPAUTH]);
  });

  it('finds nothing in noise, a flat picture or an empty one', () => {
    expect(decodeQrWithoutWasm(noise(400, 300, 7))).toEqual([]);
    expect(decodeQrWithoutWasm(blank(300, 200))).toEqual([]);
    expect(decodeQrWithoutWasm({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toEqual([]);
  });

  it('refuses pixels that are not what they claim, and pictures over the size limit', () => {
    expect(codeOf(() => decodeQrWithoutWasm({ data: new Uint8ClampedArray(5), width: 1, height: 1 }))).toBe(
      'IMAGE_UNREADABLE',
    );
    expect(
      codeOf(() => decodeQrWithoutWasm({ data: [1, 2, 3, 4] as unknown as Uint8ClampedArray, width: 1, height: 1 })),
    ).toBe('IMAGE_UNREADABLE');
    expect(codeOf(() => decodeQrWithoutWasm({ data: new Uint8ClampedArray(4), width: -1, height: -1 }))).toBe(
      'IMAGE_UNREADABLE',
    );
    const side = Math.ceil(Math.sqrt(QR_MAX_PIXELS)) + 1;
    expect(codeOf(() => decodeQrWithoutWasm({ data: new Uint8ClampedArray(4), width: side, height: side }))).toBe(
      'IMAGE_TOO_LARGE',
    );
  });
});
