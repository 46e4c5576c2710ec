// An independent HOTP/TOTP (RFC 4226 §5.3, RFC 6238 §4) on node:crypto, so the
// end-to-end tests don't check the app against the library the app itself uses.
import { createHmac } from 'node:crypto';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32ToBytes(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const v = B32.indexOf(ch);
    if (v < 0) throw new Error('not base32');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function hotp(secretBase32: string, counter: number, digits = 6, algorithm = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, base32ToBytes(secretBase32)).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, '0');
}

export function totp(secretBase32: string, nowMs: number, period = 30, digits = 6, algorithm = 'sha1'): string {
  return hotp(secretBase32, Math.floor(nowMs / 1000 / period), digits, algorithm);
}

/** "123456" → /123\s?456/ : the UI groups digits with a space. */
export function codePattern(code: string): RegExp {
  return new RegExp(code.split('').join('\\s?'));
}

/**
 * A Steam Guard code, independently of src/core/steam.ts: TOTP HMAC-SHA-1 over 30 s, the
 * RFC 4226 §5.3 31-bit value written as 5 characters of Steam's alphabet, least significant first.
 */
export function steamCode(secretBase32: string, nowMs: number): string {
  const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(nowMs / 30_000)));
  const mac = createHmac('sha1', base32ToBytes(secretBase32)).update(msg).digest();
  let value = mac.readUInt32BE(mac[19]! & 0x0f) & 0x7fffffff;
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += alphabet[value % 26];
    value = Math.floor(value / 26);
  }
  return code;
}
