/**
 * The encodings privacyIDEA's container protocol uses on the wire (lib/crypto.py):
 * - base64url WITH padding (Python's base64.urlsafe_b64encode; its decoder requires the
 *   padding) for signatures, X25519 keys, the AES-GCM IV, tag and ciphertext;
 * - DER ECDSA signatures (SEC 1 §C.5 / RFC 3279 §2.2.3: SEQUENCE { INTEGER r, INTEGER s }),
 *   what Python's `cryptography` signs and verifies; WebCrypto gives and takes the raw r‖s
 *   form (IEEE P1363), so signatures are converted here;
 * - PEM "PUBLIC KEY" (RFC 7468 §13: SubjectPublicKeyInfo in base64, 64 characters a line)
 *   for the client's P-384 signing key.
 */
import { KeyslotError } from '../errors';
import { base64Decode, base64Encode, type Bytes } from '../bytes';

/** base64url with '=' padding, as Python's urlsafe_b64encode writes it. */
export function b64urlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * Strict base64url decode (padding optional, no whitespace, canonical trailing bits); also
 * takes the standard alphabet, which Python's decoder accepts too. null on any deviation.
 */
export function b64urlDecode(text: string): Bytes | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_+/-]*={0,2}$/.test(text)) return null;
  // The pattern above allows at most two '=' and only at the end: drop them, then pad canonically.
  const bare = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  const std = bare.replace(/-/g, '+').replace(/_/g, '/');
  if (std.length % 4 === 1) return null;
  return base64Decode(std + '='.repeat((4 - (std.length % 4)) % 4));
}

/** One DER INTEGER for an unsigned big-endian number: no superfluous zeros, a 0x00 before a high bit. */
function derInteger(raw: Uint8Array): number[] {
  let i = 0;
  while (i < raw.length - 1 && raw[i] === 0) i++;
  const body = [...raw.subarray(i)];
  if (body[0]! & 0x80) body.unshift(0);
  return [0x02, ...derLength(body.length), ...body];
}

function derLength(n: number): number[] {
  return n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
}

/** Raw r‖s (what WebCrypto's ECDSA sign returns) -> DER. `raw` must have even length. */
export function ecdsaRawToDer(raw: Uint8Array): Bytes {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new KeyslotError('PIA_ANSWER', { field: 'signature' });
  const half = raw.length / 2;
  const body = [...derInteger(raw.subarray(0, half)), ...derInteger(raw.subarray(half))];
  return Uint8Array.from([0x30, ...derLength(body.length), ...body]);
}

/**
 * DER -> raw r‖s with `size` bytes each (48 for P-384). Strict: exact lengths, minimal
 * integers, positive values that fit, nothing after the sequence. Throws PIA_ANSWER
 * (field 'signature') for anything else.
 */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Bytes {
  const fail = (): never => {
    throw new KeyslotError('PIA_ANSWER', { field: 'signature' });
  };
  let p = 0;
  const byte = (): number => (p < der.length ? der[p++]! : fail());
  const length = (): number => {
    const first = byte();
    if (first < 0x80) return first;
    if (first !== 0x81) return fail();
    const n = byte();
    return n < 0x80 ? fail() : n;
  };
  if (byte() !== 0x30) fail();
  if (length() !== der.length - p) fail();
  const out = new Uint8Array(size * 2);
  for (let k = 0; k < 2; k++) {
    if (byte() !== 0x02) fail();
    const n = length();
    if (n === 0 || p + n > der.length) fail();
    const v = der.subarray(p, p + n);
    p += n;
    if (v[0]! & 0x80) fail(); // negative
    if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80)) fail(); // not minimal
    const digits = v[0] === 0 ? v.subarray(1) : v;
    if (digits.length > size) fail();
    out.set(digits, k * size + size - digits.length);
  }
  if (p !== der.length) fail();
  return out;
}

/** SubjectPublicKeyInfo DER -> PEM, as Python's public_bytes(PEM, SubjectPublicKeyInfo) writes it. */
export function spkiToPem(spki: Uint8Array): string {
  const b64 = base64Encode(spki);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
