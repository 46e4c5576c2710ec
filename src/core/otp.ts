/**
 * The OTP engine: HOTP (RFC 4226) and TOTP (RFC 6238). The ONLY module in Keyslot
 * that imports `otpauth`; everything else asks this one. Pure: it never reads the
 * clock (callers pass `nowMs`) and never touches the DOM.
 *
 * otpauth does the HMAC and dynamic truncation (RFC 4226 §5.3). We compute the
 * TOTP counter ourselves (RFC 6238 §4.2, T0 = 0: T = floor(now / X)) with exact
 * integer arithmetic, so "time left" and "code" always agree on the step.
 *
 * We use otpauth's "bare" build and hand it HMAC from @noble/hashes (the audited
 * library otpauth itself bundles) with only the three hashes RFC 6238 names: the
 * default build carries SHA-3 and SHA-224/384 too, ~6 KB gzip of first load for
 * algorithms no provider ships. Node and browsers then run the very same code.
 */
import { HOTP, Secret } from 'otpauth/bare';
import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { KeyslotError } from './errors';
import { STEAM_PARAMS, steamEncode } from './steam';
import {
  COUNTER_MAX,
  DIGITS_MAX,
  DIGITS_MIN,
  PERIOD_MAX_S,
  PERIOD_MIN_S,
  SECRET_MAX_BYTES,
  type HashAlgorithm,
  type SlotDraft,
} from './slot';

export type CodeSlot = Pick<SlotDraft, 'kind' | 'secret' | 'algorithm' | 'digits' | 'period' | 'counter'>;

export interface CodeState {
  /** The code, zero-padded to `digits`. */
  code: string;
  /** TOTP: ms until the next step (exactly `periodMs` at a step boundary). HOTP: Infinity. */
  msLeft: number;
  /** TOTP: the step length in ms. HOTP: Infinity (a code stays valid until used). */
  periodMs: number;
  /** The moving factor the code was computed for: the TOTP step number, or the HOTP counter. */
  counter: number;
}

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const satisfies Record<HashAlgorithm, unknown>;
const ALGORITHMS: ReadonlySet<string> = new Set(Object.keys(HASHES));

/** RFC 2104 HMAC over the slot's hash, in the shape otpauth's `hmac` option takes. */
function hmacDigest(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  const hash = HASHES[algorithm as HashAlgorithm];
  if (!hash) throw new KeyslotError('ALGORITHM', { field: 'algorithm' });
  return hmac(hash, key, message);
}

function checkSecret(secret: Uint8Array): void {
  if (!(secret instanceof Uint8Array) || secret.length === 0) {
    throw new KeyslotError('SECRET_MISSING', { field: 'secret' });
  }
  // No 80-bit floor here: that is an input rule (validate.ts). The engine computes
  // whatever stored slot it is given, and the compatibility suite feeds it the
  // 5-byte secrets of other projects' tests.
  if (secret.length > SECRET_MAX_BYTES) {
    throw new KeyslotError('SECRET_TOO_LONG', { field: 'secret', max: SECRET_MAX_BYTES });
  }
}

function checkAlgorithm(algorithm: HashAlgorithm): void {
  if (!ALGORITHMS.has(algorithm)) throw new KeyslotError('ALGORITHM', { field: 'algorithm' });
}

function checkDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < DIGITS_MIN || digits > DIGITS_MAX) {
    throw new KeyslotError('DIGITS', { field: 'digits', min: DIGITS_MIN, max: DIGITS_MAX });
  }
}

function checkCounter(counter: number, field: string): void {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new KeyslotError('COUNTER_INVALID', { field, min: 0, max: COUNTER_MAX });
  }
}

function checkPeriod(period: number): void {
  if (!Number.isInteger(period) || period < PERIOD_MIN_S || period > PERIOD_MAX_S) {
    throw new KeyslotError('PERIOD', { field: 'period', min: PERIOD_MIN_S, max: PERIOD_MAX_S });
  }
}

/** HOTP value (RFC 4226 §5.3) for one counter. Counter: integer 0 … 2^53-1. */
export function hotpCode(secret: Uint8Array, algorithm: HashAlgorithm, digits: number, counter: number): string {
  checkSecret(secret);
  checkAlgorithm(algorithm);
  checkDigits(digits);
  checkCounter(counter, 'counter');
  // Copy: otpauth keeps a view of the buffer, and the caller's array may be a view into a larger one.
  const key = new Secret({ buffer: secret.slice().buffer });
  return HOTP.generate({ secret: key, algorithm, digits, counter, hmac: hmacDigest });
}

/** RFC 6238 §4.2 step number T = floor(nowMs / periodMs), exact for integer inputs. */
export function totpCounter(period: number, nowMs: number): number {
  checkPeriod(period);
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs) || nowMs < 0) {
    throw new KeyslotError('COUNTER_INVALID', { field: 'nowMs', min: 0 });
  }
  const periodMs = period * 1000;
  let counter = Math.floor(nowMs / periodMs);
  // Float division can land one step off right next to a boundary; nudge it back.
  if (counter * periodMs > nowMs) counter -= 1;
  else if ((counter + 1) * periodMs <= nowMs) counter += 1;
  checkCounter(counter, 'nowMs');
  return counter;
}

/** TOTP value (RFC 6238, T0 = 0) at `nowMs` milliseconds since the Unix epoch. */
export function totpCode(
  secret: Uint8Array,
  algorithm: HashAlgorithm,
  digits: number,
  period: number,
  nowMs: number,
): string {
  return hotpCode(secret, algorithm, digits, totpCounter(period, nowMs));
}

/** RFC 4226 §5.2: the moving factor as 8 bytes, big-endian (exact for 0 … 2^53-1). */
function counterBytes(counter: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter % 2 ** 32);
  return out;
}

/** Steam Guard code (steam.ts: TOTP HMAC-SHA-1, 30 s, 5 characters of Steam's alphabet) at `nowMs`. */
export function steamCode(secret: Uint8Array, nowMs: number): string {
  checkSecret(secret);
  const counter = totpCounter(STEAM_PARAMS.period, nowMs);
  return steamEncode(hmacDigest('SHA1', secret, counterBytes(counter)));
}

/** True for the kinds whose code changes with time (a countdown is shown): TOTP and Steam. */
export function isTimeBased(kind: SlotDraft['kind']): boolean {
  return kind === 'totp' || kind === 'steam';
}

/**
 * What to show for a slot at `nowMs`.
 * TOTP (and Steam, with its fixed 30 s step): the code of the current step, ms left in it (periodMs exactly at a boundary).
 * HOTP: the code for `slot.counter` (the next unused value); msLeft = periodMs = Infinity,
 * `nowMs` is ignored. Advancing the counter is the caller's job (and must be persisted
 * before the code is shown, so a code is never reused).
 */
export function codeAt(slot: CodeSlot, nowMs: number): CodeState {
  if (slot.kind === 'hotp') {
    const code = hotpCode(slot.secret, slot.algorithm, slot.digits, slot.counter);
    return { code, msLeft: Infinity, periodMs: Infinity, counter: slot.counter };
  }
  if (slot.kind === 'steam') {
    // Steam's parameters are fixed: the slot's digits/algorithm/period are not consulted.
    const counter = totpCounter(STEAM_PARAMS.period, nowMs);
    const periodMs = STEAM_PARAMS.period * 1000;
    return { code: steamCode(slot.secret, nowMs), msLeft: (counter + 1) * periodMs - nowMs, periodMs, counter };
  }
  if (slot.kind !== 'totp') throw new KeyslotError('OTP_TYPE', { field: 'kind' });
  const counter = totpCounter(slot.period, nowMs);
  const periodMs = slot.period * 1000;
  const code = hotpCode(slot.secret, slot.algorithm, slot.digits, counter);
  return { code, msLeft: (counter + 1) * periodMs - nowMs, periodMs, counter };
}

/** SHA-1 of `data` (20 bytes): only as a checksum (privacyIDEA's base32check, two-step.ts). */
export function sha1Digest(data: Uint8Array): Uint8Array {
  return sha1(data);
}

/**
 * PBKDF2-HMAC-SHA1 (RFC 8018 §5.2): privacyIDEA's 2step enrollment derives the token secret
 * with it (two-step.ts). Bounds are the caller's job; this only computes.
 */
export function pbkdf2HmacSha1(password: Uint8Array, salt: Uint8Array, rounds: number, length: number): Uint8Array {
  return pbkdf2(sha1, password, salt, { c: rounds, dkLen: length });
}
