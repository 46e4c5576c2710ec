/**
 * The one place where slot fields are checked. Both the otpauth:// parser and the
 * manual-entry form go through these helpers, so a value is accepted or refused
 * the same way (with the same error code and field name) whichever way it arrives.
 *
 * Values come either as text (URI parameters, form inputs) or as numbers (form
 * inputs of type=number). Text is trimmed; an empty value means "not given", so an
 * optional field falls back to its default (`digits=` behaves like no `digits`).
 * Errors carry only the code, the field name and the limits: never the value.
 */
import { decodeBase32 } from './base32';
import { KeyslotError } from './errors';
import { codePointLength, normaliseName } from './names';
import { STEAM_PARAMS } from './steam';
import {
  COUNTER_MAX,
  DIGITS_MAX,
  DIGITS_MIN,
  PERIOD_MAX_S,
  PERIOD_MIN_S,
  SECRET_MAX_BYTES,
  SECRET_MIN_BYTES,
  TEXT_MAX,
  type HashAlgorithm,
  type OtpKind,
  type SlotDraft,
} from './slot';

/** A field value as it comes from a URI parameter or a form input. */
export type FieldValue = string | number | null | undefined;

export const DEFAULT_ALGORITHM: HashAlgorithm = 'SHA1';
export const DEFAULT_DIGITS = 6;
/** RFC 6238 §5.2 recommends 30 s; the Key URI Format makes it the default. */
export const DEFAULT_PERIOD_S = 30;

const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Plain decimal digits only: no sign, exponent, fraction or hex (parseInt would accept "6abc"). */
const DECIMAL = /^[0-9]+$/;

/** True when the value counts as "not given". */
export function isBlank(value: FieldValue): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** 'totp' | 'hotp' | 'steam', case-insensitive (Key URI Format: otpauth://TYPE/...; 'steam' as Aegis writes it). */
export function parseKind(value: FieldValue, field = 'type'): OtpKind {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (text === 'totp' || text === 'hotp' || text === 'steam') return text;
  throw new KeyslotError('OTP_TYPE', { field });
}

/**
 * Base32 secret text -> bytes, within [SECRET_MIN_BYTES, SECRET_MAX_BYTES].
 * Error min/max are in BYTES (10 bytes = 80 bits = 16 base32 characters).
 */
export function parseSecret(value: FieldValue): Uint8Array {
  if (typeof value === 'number') throw new KeyslotError('SECRET_INVALID', { field: 'secret' });
  if (isBlank(value)) throw new KeyslotError('SECRET_MISSING', { field: 'secret' });
  const bytes = decodeBase32(value as string);
  if (bytes.length === 0) throw new KeyslotError('SECRET_MISSING', { field: 'secret' });
  checkSecretBytes(bytes);
  return bytes;
}

/** Length rule for raw secret bytes (RFC 4226 §4 wants ≥128 bits; we accept the common 80-bit floor). */
export function checkSecretBytes(bytes: Uint8Array): void {
  const limits = { field: 'secret', min: SECRET_MIN_BYTES, max: SECRET_MAX_BYTES };
  if (bytes.length < SECRET_MIN_BYTES) throw new KeyslotError('SECRET_TOO_SHORT', limits);
  if (bytes.length > SECRET_MAX_BYTES) throw new KeyslotError('SECRET_TOO_LONG', limits);
}

/** SHA1 | SHA256 | SHA512, case-insensitive (RFC 6238 §1.2); default SHA1. */
export function parseAlgorithm(value: FieldValue): HashAlgorithm {
  if (isBlank(value)) return DEFAULT_ALGORITHM;
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  const found = ALGORITHMS.find((a) => a === text);
  if (!found) throw new KeyslotError('ALGORITHM', { field: 'algorithm' });
  return found;
}

/**
 * A whole number in [min, max] from text or a number, or undefined when blank.
 * Throws `code` (with field/min/max) otherwise.
 */
function parseBoundedInteger(
  value: FieldValue,
  code: 'DIGITS' | 'PERIOD' | 'COUNTER_INVALID',
  field: string,
  min: number,
  max: number,
): number | undefined {
  if (isBlank(value)) return undefined;
  const fail = () => new KeyslotError(code, { field, min, max });
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else {
    const text = (value as string).trim();
    // 17 digits already exceed 2^53; refusing longer text keeps Number() exact.
    if (!DECIMAL.test(text) || text.replace(/^0+(?=.)/, '').length > 16) throw fail();
    n = Number(text);
  }
  if (!Number.isSafeInteger(n) || n < min || n > max) throw fail();
  return n;
}

/** Code length 6–8 (RFC 4226 §5.3 requires ≥6; 8 is the RFC 6238 reference maximum); default 6. */
export function parseDigits(value: FieldValue): number {
  return parseBoundedInteger(value, 'DIGITS', 'digits', DIGITS_MIN, DIGITS_MAX) ?? DEFAULT_DIGITS;
}

/** TOTP time step in whole seconds, 1 s – 1 day (RFC 6238 "X"); default 30. */
export function parsePeriod(value: FieldValue): number {
  return parseBoundedInteger(value, 'PERIOD', 'period', PERIOD_MIN_S, PERIOD_MAX_S) ?? DEFAULT_PERIOD_S;
}

/**
 * HOTP moving factor (RFC 4226 §5.2 "C"): required (the Key URI Format says so),
 * a whole number 0 … 2^53-1 (the largest a JS number holds exactly; RFC 4226 allows
 * 2^64-1 but no real token gets near 2^53).
 */
export function parseCounter(value: FieldValue): number {
  const n = parseBoundedInteger(value, 'COUNTER_INVALID', 'counter', 0, COUNTER_MAX);
  if (n === undefined) throw new KeyslotError('COUNTER_MISSING', { field: 'counter' });
  return n;
}

/**
 * Issuer or account text, through the one name normaliser (names.ts: well-formed, no controls,
 * NFC, trimmed), at most TEXT_MAX code points (the vault's own count, vault-format.ts).
 */
export function parseName(value: FieldValue, field: 'issuer' | 'account' | 'name'): string {
  if (typeof value === 'number') value = String(value);
  const text = normaliseName(value);
  if (codePointLength(text) > TEXT_MAX) throw new KeyslotError('NAME_TOO_LONG', { field, max: TEXT_MAX });
  return text;
}

/** A slot must be nameable: issuer or account (or both) non-empty. */
export function requireLabel(issuer: string, account: string): void {
  if (issuer === '' && account === '') throw new KeyslotError('LABEL_EMPTY', { field: 'account' });
}

/**
 * The one validator every way in ends with (URI, form, importers, Google export, backup restore,
 * vault add): the draft in canonical form, or the first KeyslotError (code and field only).
 * Names are normalised (names.ts); the rest must already be in range: a TOTP has counter 0, an
 * HOTP has the default period (RFC 4226 has no time step; the otpauth:// writer drops it), so
 * what is accepted is exactly what every way out writes back.
 */
export function checkDraft(draft: SlotDraft): SlotDraft {
  const kind = parseKind(draft.kind, 'kind');
  const issuer = parseName(draft.issuer, 'issuer');
  const account = parseName(draft.account, 'account');
  requireLabel(issuer, account);
  if (!(draft.secret instanceof Uint8Array)) throw new KeyslotError('SECRET_INVALID', { field: 'secret' });
  checkSecretBytes(draft.secret);
  if (!ALGORITHMS.includes(draft.algorithm)) throw new KeyslotError('ALGORITHM', { field: 'algorithm' });
  if (kind === 'steam') {
    // Steam Guard has exactly one set of parameters (steam.ts): anything else is not a Steam slot.
    const { algorithm, digits, period, counter } = STEAM_PARAMS;
    if (
      draft.algorithm !== algorithm ||
      draft.digits !== digits ||
      draft.period !== period ||
      draft.counter !== counter
    ) {
      throw new KeyslotError('OTP_TYPE', { field: 'type' });
    }
    return { kind, issuer, account, secret: draft.secret, ...STEAM_PARAMS };
  }
  const digits = parseDigits(draft.digits);
  if (kind === 'totp') {
    const period = parsePeriod(draft.period);
    if (draft.counter !== 0) throw new KeyslotError('COUNTER_INVALID', { field: 'counter', min: 0, max: 0 });
    return { kind, issuer, account, secret: draft.secret, algorithm: draft.algorithm, digits, period, counter: 0 };
  }
  if (draft.period !== DEFAULT_PERIOD_S)
    throw new KeyslotError('PERIOD', { field: 'period', min: DEFAULT_PERIOD_S, max: DEFAULT_PERIOD_S });
  const counter = parseCounter(draft.counter);
  return {
    kind,
    issuer,
    account,
    secret: draft.secret,
    algorithm: draft.algorithm,
    digits,
    period: DEFAULT_PERIOD_S,
    counter,
  };
}
