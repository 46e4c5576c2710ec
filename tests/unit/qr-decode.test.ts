// decodeQr (zxing-wasm, loaded from node_modules in Node) on QR pictures made here with the
// `qrcode` package: exact text, every code in the picture, and nothing from pictures without one.
import { describe, expect, it } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import { QR_MAX_PIXELS, decodeQr } from '../../src/platform/qr-decode';
import { blank, noise, paste, qrPicture, resize, rotate } from './fixtures/qr-image';

const OTPAUTH = 'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)';
const MIGRATION =
  'otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B';

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isKeyslotError(error) ? error.code : error).toBe(code);
}

describe('decodeQr: what is in the picture, exactly', () => {
  it('reads an otpauth:// activation code', async () => {
    expect(await decodeQr(qrPicture(OTPAUTH))).toEqual([OTPAUTH]);
  });

  it('reads a Google Authenticator export (otpauth-migration://) with its percent-escapes intact', async () => {
    expect(await decodeQr(qrPicture(MIGRATION, { scale: 3 }))).toEqual([MIGRATION]);
  });

  it('gives the exact text: UTF-8, spaces, tabs and control characters are not rewritten', async () => {
    for (const text of ['ワンタイムパスワード 鍵スロット', '  leading and trailing  ', 'a\tb\u001dc', 'ÄÖÜ äöü ß €']) {
      expect(await decodeQr(qrPicture(text))).toEqual([text]);
    }
  });

  it('reads small and large renderings (2 to 12 pixels per module)', async () => {
    for (const scale of [2, 3, 6, 12]) {
      expect(await decodeQr(qrPicture(OTPAUTH, { scale }))).toEqual([OTPAUTH]);
    }
  });

  it('reads a code with a narrow quiet zone (1 module) as screenshots often have', async () => {
    expect(await decodeQr(qrPicture(OTPAUTH, { quiet: 1 }))).toEqual([OTPAUTH]);
  });

  it('reads a code placed in a larger picture, turned by 90, 180 and 270 degrees', async () => {
    const canvas = paste(noise(800, 600, 7), qrPicture(OTPAUTH, { scale: 4 }), 200, 100);
    for (const degrees of [0, 90, 180, 270] as const) {
      expect(await decodeQr(rotate(canvas, degrees))).toEqual([OTPAUTH]);
    }
  });

  it('reads an inverted code (light modules on dark, as on dark-mode screens)', async () => {
    expect(await decodeQr(qrPicture(OTPAUTH, { invert: true }))).toEqual([OTPAUTH]);
  });

  it('reads a code on a transparent background (alpha 0, black underneath)', async () => {
    const img = qrPicture(OTPAUTH);
    for (let i = 0; i < img.data.length; i += 4) {
      if (img.data[i] === 255) img.data.set([0, 0, 0, 0], i); // white -> transparent black
    }
    expect(await decodeQr(img)).toEqual([OTPAUTH]);
  });

  it('reads every code when a picture holds several (an export split over codes)', async () => {
    const texts = [1, 2, 3].map((i) => `${MIGRATION}&part=${i}`);
    const canvas = blank(1400, 500);
    texts.forEach((text, i) => paste(canvas, qrPicture(text, { scale: 3 }), 20 + i * 460, 40));
    expect((await decodeQr(canvas)).sort()).toEqual([...texts].sort());
  });

  it('reads a code in a large photo-sized picture (4000x3000)', async () => {
    const canvas = paste(blank(4000, 3000, 200), qrPicture(OTPAUTH, { scale: 12 }), 1500, 1000);
    expect(await decodeQr(canvas)).toEqual([OTPAUTH]);
  });

  it('reads a clean code in fast mode (camera frames: one attempt)', async () => {
    const frame = paste(blank(960, 540, 128), qrPicture(OTPAUTH, { scale: 4 }), 300, 80);
    expect(await decodeQr(frame, { fast: true })).toEqual([OTPAUTH]);
  });

  it('reports one text once even if the same code appears twice', async () => {
    const canvas = blank(900, 450);
    paste(canvas, qrPicture(OTPAUTH, { scale: 3 }), 10, 10);
    paste(canvas, qrPicture(OTPAUTH, { scale: 3 }), 460, 10);
    expect(await decodeQr(canvas)).toEqual([OTPAUTH]);
  });
});

describe('decodeQr: no code, no answer', () => {
  it('finds nothing in noise, flat pictures or a code cut in half (no false positives)', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      expect(await decodeQr(noise(320 + seed * 20, 240, seed, seed % 2 === 0))).toEqual([]);
    }
    expect(await decodeQr(blank(640, 480, 255))).toEqual([]);
    expect(await decodeQr(blank(640, 480, 0))).toEqual([]);
    const code = qrPicture(OTPAUTH);
    const half = { ...code, height: code.height / 2, data: code.data.slice(0, (code.data.length / 2) | 0) };
    expect(await decodeQr(half)).toEqual([]);
  });

  it('finds nothing in tiny pictures', async () => {
    expect(await decodeQr(blank(1, 1))).toEqual([]);
    expect(await decodeQr(blank(1, 500))).toEqual([]);
    expect(await decodeQr(blank(500, 1))).toEqual([]);
    expect(await decodeQr(resize(qrPicture(OTPAUTH), 8, 8))).toEqual([]);
  });

  it('treats a zero-size picture as empty', async () => {
    expect(await decodeQr({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toEqual([]);
    expect(await decodeQr({ data: new Uint8ClampedArray(0), width: 0, height: 100 })).toEqual([]);
  });
});

describe('decodeQr: hostile input', () => {
  it('refuses pixel data that does not match the stated size (the decoder would read past it)', async () => {
    const img = qrPicture(OTPAUTH);
    await rejectsWith(decodeQr({ ...img, height: img.height + 1 }), 'IMAGE_UNREADABLE');
    await rejectsWith(decodeQr({ ...img, data: img.data.slice(0, -1) }), 'IMAGE_UNREADABLE');
    await rejectsWith(decodeQr({ data: new Uint8ClampedArray(4), width: 0, height: 0 }), 'IMAGE_UNREADABLE');
    await rejectsWith(decodeQr({ data: new Uint8ClampedArray(0), width: 1000, height: 1 }), 'IMAGE_UNREADABLE');
  });

  it('refuses sizes that are not whole non-negative numbers, and data that is not bytes', async () => {
    const data = new Uint8ClampedArray(16);
    for (const [width, height] of [
      [2.5, 2],
      [-2, -2],
      [NaN, 2],
      [Infinity, 2],
      ['2', 2],
    ] as const) {
      await rejectsWith(decodeQr({ data, width: width as number, height }), 'IMAGE_UNREADABLE');
    }
    await rejectsWith(
      decodeQr({ data: [0, 0, 0, 255] as unknown as Uint8ClampedArray, width: 1, height: 1 }),
      'IMAGE_UNREADABLE',
    );
    await rejectsWith(
      decodeQr({ data: new Float32Array(4) as unknown as Uint8ClampedArray, width: 1, height: 1 }),
      'IMAGE_UNREADABLE',
    );
    await rejectsWith(decodeQr(null as never), 'IMAGE_UNREADABLE');
  });

  it('refuses pictures too large to decode without allocating anything', async () => {
    const side = Math.ceil(Math.sqrt(QR_MAX_PIXELS)) + 1;
    await rejectsWith(decodeQr({ data: new Uint8ClampedArray(0), width: side, height: side }), 'IMAGE_TOO_LARGE');
    await rejectsWith(decodeQr({ data: new Uint8ClampedArray(0), width: 100_000, height: 1 }), 'IMAGE_TOO_LARGE');
  });

  it('keeps working after refusing bad input', async () => {
    await rejectsWith(decodeQr({ data: new Uint8ClampedArray(3), width: 1, height: 1 }), 'IMAGE_UNREADABLE');
    expect(await decodeQr(qrPicture(OTPAUTH))).toEqual([OTPAUTH]);
  });

  it('accepts a plain Uint8Array as well as Uint8ClampedArray, and leaves the input untouched', async () => {
    const img = qrPicture(OTPAUTH);
    const before = img.data.slice();
    expect(await decodeQr({ ...img, data: new Uint8Array(img.data.buffer) as unknown as Uint8ClampedArray })).toEqual([
      OTPAUTH,
    ]);
    expect(img.data).toEqual(before);
  });
});
