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
