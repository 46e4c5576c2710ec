/**
 * Base32 (RFC 4648 §6, the "A–Z 2–7" alphabet): the text form of OTP secrets in
 * otpauth:// URIs and on "can't scan? type this key" screens. An encoding, not
 * crypto, so it lives here rather than in a library.
 *
 * Decoding is deliberately forgiving about presentation and strict about content:
 *  - case-insensitive (services print upper case, people type lower case);
 *  - whitespace and '-' are ignored (keys are shown in groups like "JBSW Y3DP" or
 *    "JBSW-Y3DP"; Google Authenticator ignores both too);
 *  - trailing '=' padding is accepted but not required (Key URI Format says
 *    padding "should be omitted"; some generators add it anyway);
 *  - any other character is an error, and so is a length that no byte string can
 *    produce (1, 3 or 6 characters in the last 8-character group). Google silently
 *    drops such a dangling character; we reject it because it almost always means a
 *    character was lost or added while copying, and a wrong secret gives wrong codes
 *    with no other symptom;
 *  - unused low bits of the last character are ignored (not required to be zero),
 *    as every mainstream authenticator does.
 */
import { trimTrailing } from './bytes';
import { KeyslotError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Reverse lookup: char code -> 5-bit value, -1 for anything outside the alphabet. */
const VALUES: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) {
    table[ALPHABET.charCodeAt(i)] = i;
    table[ALPHABET.toLowerCase().charCodeAt(i)] = i;
  }
  return table;
})();

/** Remainders (characters mod 8) that a whole number of bytes can produce (RFC 4648 §6). */
const VALID_TAIL_LENGTHS = new Set([0, 2, 4, 5, 7]);

const invalid = (): KeyslotError => new KeyslotError('SECRET_INVALID', { field: 'secret' });

/** Strips the tolerated decoration (whitespace, '-', trailing '='), nothing else. */
export function normalizeBase32(text: string): string {
  return trimTrailing(text.replace(/[\s-]+/g, ''), '=');
}

/**
 * Decodes base32 text to bytes. Empty (or only separators/padding) decodes to an
 * empty array; callers decide whether that is "missing". Throws
 * KeyslotError('SECRET_INVALID', {field: 'secret'}) for anything else that is not base32.
 */
export function decodeBase32(text: string): Uint8Array {
  if (typeof text !== 'string') throw invalid();
  const clean = normalizeBase32(text);
  if (!VALID_TAIL_LENGTHS.has(clean.length % 8)) throw invalid();

  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const value = code < 128 ? (VALUES[code] ?? -1) : -1;
    if (value < 0) throw invalid();
    buffer = ((buffer << 5) | value) & 0xffff; // keep at most 16 bits: plenty for 8 + 5
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes bytes as upper-case RFC 4648 base32, unpadded unless `pad` is true. */
export function encodeBase32(bytes: Uint8Array, pad = false): string {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) text += ALPHABET[(buffer << (5 - bits)) & 31];
  if (pad) while (text.length % 8 !== 0) text += '=';
  return text;
}

/**
 * Base32 text in groups of four for reading aloud ("JBSW Y3DP …"). A loop, not a regex: V8
 * keeps a regex's input as the page-global RegExp.input, and this text is a secret.
 */
export function groupsOfFour(text: string): string {
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += 4) groups.push(text.slice(i, i + 4));
  return groups.join(' ');
}
