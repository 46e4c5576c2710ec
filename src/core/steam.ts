/**
 * Steam Guard codes: a TOTP (RFC 6238, HMAC-SHA-1, 30 s step, T0 = 0) whose RFC 4226 §5.3
 * dynamic truncation is written as 5 characters of Steam's 26-character alphabet instead of
 * decimal digits (least significant character first). Public, small, and the same in Aegis,
 * 2FAS, Ente Auth, andOTP and Steam Desktop Authenticator.
 *
 * A Steam slot is `kind: 'steam'` with its fixed parameters (STEAM_PARAMS): whatever digits,
 * algorithm or period a file claims for a Steam entry, the code is always this one.
 */
import type { HashAlgorithm } from './slot';

/** Steam's code alphabet: no vowels, no 0/1 and no look-alikes (A, E, I, L, O, S, U, Z). */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
export const STEAM_CODE_LENGTH = 5;

/** The only parameters a Steam Guard code has. */
export const STEAM_PARAMS: Readonly<{ algorithm: HashAlgorithm; digits: number; period: number; counter: number }> =
  Object.freeze({
    algorithm: 'SHA1',
    digits: STEAM_CODE_LENGTH,
    period: 30,
    counter: 0,
  });

/**
 * The Steam code for one HMAC-SHA-1 value (20 bytes): RFC 4226 §5.3 dynamic truncation to a
 * 31-bit number, then 5 base-26 "digits" from STEAM_ALPHABET, least significant first.
 */
export function steamEncode(hmacSha1: Uint8Array): string {
  if (!(hmacSha1 instanceof Uint8Array) || hmacSha1.length !== 20)
    throw new TypeError('steamEncode: hmacSha1 must be 20 bytes');
  const offset = hmacSha1[19]! & 0x0f;
  let value =
    ((hmacSha1[offset]! & 0x7f) << 24) |
    (hmacSha1[offset + 1]! << 16) |
    (hmacSha1[offset + 2]! << 8) |
    hmacSha1[offset + 3]!;
  let code = '';
  for (let i = 0; i < STEAM_CODE_LENGTH; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}
