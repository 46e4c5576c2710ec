/**
 * Byte helpers for the vault format: base64 (RFC 4648 §4, with padding), UTF-8 and hex.
 *
 * Written by hand because src/core compiles without the DOM lib (no atob/btoa/TextEncoder
 * types), and because the vault needs STRICT decoders: a decoder that quietly accepts
 * non-canonical input would let two different stored strings mean the same bytes, and
 * "flip any stored byte and it fails closed" would no longer hold for the encoding itself.
 */

/** Bytes backed by a plain ArrayBuffer: what WebCrypto's BufferSource accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with '=' padding. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Strict, canonical base64 decode: standard alphabet, padding required, no whitespace, and
 * the unused low bits of the last symbol must be zero (RFC 4648 §3.5). Returns null on any
 * deviation, so the caller chooses the error code.
 */
export function base64Decode(text: string): Bytes | null {
  if (typeof text !== 'string' || text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  // Whole groups by char codes and a table (-1: not in the alphabet, '=' included): unlocking
  // 5,000 slots decodes about 15,000 of these strings, so no array or string per group.
  const whole = pad ? text.length - 4 : text.length;
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const n = quad(text, i, 4);
    if (n < 0) return null;
    out[o++] = (n >> 16) & 255;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (pad === 0) return out;
  const n = quad(text, whole, 4 - pad);
  if (n < 0 || (n & (pad === 2 ? 0xffff : 0xff)) !== 0) return null; // non-canonical trailing bits
  out[o++] = (n >> 16) & 255;
  if (pad === 1) out[o++] = (n >> 8) & 255;
  return out;
}

const B64_CODES = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) table[B64.charCodeAt(i)] = i;
  return table;
})();

/** The 24 bits of the `count` symbols at `at` (the rest zero), or -1 if one is not base64. */
function quad(text: string, at: number, count: number): number {
  let n = 0;
  for (let j = 0; j < 4; j++) {
    let v = 0;
    if (j < count) {
      const c = text.charCodeAt(at + j);
      v = c < 128 ? B64_CODES[c]! : -1;
      if (v < 0) return -1;
    }
    n = (n << 6) | v;
  }
  return n;
}

/** UTF-8 encode. Lone surrogates become U+FFFD, exactly as TextEncoder does. */
export function utf8Encode(text: string): Bytes {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}

/**
 * Strict UTF-8 decode (like TextDecoder with fatal: true): rejects truncated sequences,
 * overlong forms, surrogates and code points above U+10FFFF. Returns null on any of them.
 */
export function utf8Decode(bytes: Uint8Array): string | null {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b0 = bytes[i]!;
    let cp: number;
    let need: number;
    let min: number;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i += 1;
      continue;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      cp = b0 & 0x1f;
      need = 1;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      cp = b0 & 0x0f;
      need = 2;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      cp = b0 & 0x07;
      need = 3;
      min = 0x10000;
    } else {
      return null;
    }
    for (let k = 1; k <= need; k++) {
      const b = bytes[i + k];
      if (b === undefined || (b & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** Lower-case hex. */
export function hexEncode(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Overwrite a buffer that held key material. Best effort: JS may have copied it elsewhere. */
export function wipe(bytes: Uint8Array | null | undefined): void {
  bytes?.fill(0);
}

/**
 * `text` without the copies of `char` at its end. A loop, not `/=+$/`: V8 tries that regex at
 * every start position, quadratic on "A====…=A" (80,000 '=' took 8.8 s on Node 20).
 */
export function trimTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}
