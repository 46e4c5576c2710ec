/**
 * What every importer shares: the per-entry result, the crypto the encrypted formats need
 * (passed in, since core never calls WebCrypto or WASM), limits, and strict readers for the
 * untrusted JSON/XML/text of an export. Longer than ~400 lines so that each format's module
 * stays small: what two importers need is here, once.
 *
 * Every importer turns one entry into a SlotDraft with the same validate.ts rules a scanned
 * QR code goes through, so an imported slot can be nothing a scanned one could not be.
 * An entry that breaks a rule is reported on its own (`failed`, with the error code);
 * an entry of a kind Keyslot does not generate (mOTP, Yandex, …) is `unsupported`
 * with the kind named. Neither stops the other entries. Steam Guard entries are read as
 * 'steam' slots (steam.ts) with their fixed parameters, whatever digits the file claims.
 *
 * Errors about the file as a whole are KeyslotErrors (IMPORT_*), without file content.
 */
import { base64Decode, trimTrailing } from '../bytes';
import { isKeyslotError, KeyslotError, type ErrorCode } from '../errors';
import { parseOtpauthUri } from '../otpauth-uri';
import type { SlotDraft } from '../slot';
import type { EntryExtras } from './extras';
import { STEAM_PARAMS } from '../steam';
import {
  checkDraft,
  checkSecretBytes,
  DEFAULT_PERIOD_S,
  parseAlgorithm,
  parseCounter,
  parseDigits,
  parseName,
  parsePeriod,
  parseSecret,
  requireLabel,
  type FieldValue,
} from '../validate';

/** Largest export file read (an Aegis vault with icons is the biggest; ~100 KB without). Checked first. */
export const IMPORT_BYTES_MAX = 8 * 1024 * 1024;
/** Most entries in one file (the plan is linear: slot-match.ts SlotIndex). */
export const IMPORT_ENTRIES_MAX = 10_000;
/** Caps on the key-derivation parameters a file may ask for, so a crafted file cannot hang the device. */
export const PBKDF2_ITERATIONS_MAX = 5_000_000;
export const SCRYPT_MEMORY_MAX = 256 * 1024 * 1024;
/** scrypt work N·r·p: 16 times Aegis's own 2^15 · 8 · 1. */
export const SCRYPT_WORK_MAX = 2 ** 22;
export const ARGON2_MEMORY_KIB_MAX = 256 * 1024;

/**
 * The work one file may cost, whatever it asks for (issue 14: a crafted Aegis file listed
 * ~21,800 password slots, each a 256 MiB scrypt). At most IMPORT_KDF_RUNS_MAX key derivations,
 * and at most IMPORT_KDF_WORK_MAX in kdfCost units (MiB of memory touched per pass, times
 * passes; PBKDF2 at 100,000 iterations counts 1): two derivations at the per-call caps, or
 * ~30 of Aegis's own default. Real exports need one (Aegis: one password slot, plus biometric
 * slots Keyslot skips).
 */
export const IMPORT_KDF_RUNS_MAX = 8;
export const IMPORT_KDF_WORK_MAX = 2048;

export type KdfCall =
  | { kdf: 'pbkdf2'; iterations: number }
  | { kdf: 'scrypt'; N: number; r: number; p: number }
  | { kdf: 'argon2id'; memoryKiB: number; iterations: number; parallelism: number };

/** A derivation's cost in IMPORT_KDF_WORK_MAX units (see there). */
export function kdfCost(call: KdfCall): number {
  if (call.kdf === 'pbkdf2') return call.iterations / 100_000;
  // scrypt: V is 128·N·r bytes, written then read (2 passes), p times.
  if (call.kdf === 'scrypt') return (128 * call.N * call.r * 2 * call.p) / 2 ** 20;
  return (call.memoryKiB / 1024) * call.iterations;
}

/** What a caller may pass to stop an import and follow it. */
export interface ImportControl {
  /** Aborting stops before the next derivation (and the platform's worker at once). */
  signal?: { readonly aborted: boolean };
  /** Called before each key derivation: its number (1-based) and the most there may be. */
  onKdf?: (run: number, max: number) => void;
}

export const cancelled = (): KeyslotError => new KeyslotError('IMPORT_CANCELLED');
export const tooCostly = (): KeyslotError =>
  new KeyslotError('IMPORT_TOO_COSTLY', { field: 'file', max: IMPORT_KDF_RUNS_MAX });

/** Refuses, before anything runs, a list of derivations over the per-file budget. */
export function checkKdfBudget(calls: readonly KdfCall[]): void {
  if (calls.length > IMPORT_KDF_RUNS_MAX) throw tooCostly();
  if (calls.reduce((sum, c) => sum + kdfCost(c), 0) > IMPORT_KDF_WORK_MAX) throw tooCostly();
}

/**
 * The crypto of one import, on a budget: each key derivation is counted and charged, refused
 * (IMPORT_TOO_COSTLY) beyond IMPORT_KDF_RUNS_MAX runs or IMPORT_KDF_WORK_MAX work, and none
 * starts once `signal` is aborted (IMPORT_CANCELLED).
 */
export function budgeted(crypto: ImportCrypto, control: ImportControl = {}): ImportCrypto {
  let runs = 0;
  let work = 0;
  const charge = (call: KdfCall) => {
    if (control.signal?.aborted) throw cancelled();
    runs += 1;
    work += kdfCost(call);
    if (runs > IMPORT_KDF_RUNS_MAX || work > IMPORT_KDF_WORK_MAX) throw tooCostly();
    control.onKdf?.(runs, IMPORT_KDF_RUNS_MAX);
  };
  const after = async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    if (control.signal?.aborted) throw cancelled();
    return value;
  };
  return {
    pbkdf2: async (hash, password, salt, iterations, length) => {
      charge({ kdf: 'pbkdf2', iterations });
      return after(crypto.pbkdf2(hash, password, salt, iterations, length));
    },
    scrypt: async (password, salt, params, length) => {
      charge({ kdf: 'scrypt', ...params });
      return after(crypto.scrypt(password, salt, params, length));
    },
    argon2id: async (password, salt, params, length) => {
      charge({ kdf: 'argon2id', ...params });
      return after(crypto.argon2id(password, salt, params, length));
    },
    aesGcmDecrypt: (...args) => crypto.aesGcmDecrypt(...args),
    aesCbcDecrypt: (...args) => crypto.aesCbcDecrypt(...args),
    sha256: (data) => crypto.sha256(data),
  };
}

/** The apps (and formats) Keyslot reads. */
export const IMPORT_FORMATS = [
  'aegis',
  '2fas',
  'andotp',
  'freeotp-plus',
  'freeotp',
  'bitwarden',
  'ente',
  'proton',
  'authy',
  'stratum',
  'duo',
  'steam',
  'totp-authenticator',
  'battle-net',
  'otpauth-list',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Names shown for the entry in previews and reports (never a secret). */
export interface EntryLabel {
  issuer: string;
  account: string;
}

/** One entry of an export. */
export type ImportEntry =
  /** `extras`: groups, favourite, note, icon, when the file has them (extras.ts). */
  | ({ status: 'ok'; draft: SlotDraft; extras?: EntryExtras } & EntryLabel)
  /** A kind of code Keyslot does not make (mOTP, Yandex, …); `type` names it. */
  | ({ status: 'unsupported'; type: string } & EntryLabel)
  | ({ status: 'failed'; code: ErrorCode } & EntryLabel);

export interface ImportResult {
  format: ImportFormat;
  encrypted: boolean;
  entries: ImportEntry[];
}

export type KdfHash = 'SHA-1' | 'SHA-256' | 'SHA-512';

/**
 * The crypto the encrypted exports need, implemented in src/platform/import-crypto.ts
 * (WebCrypto; scrypt and Argon2id in WebAssembly, off the main thread). Decryption
 * functions reject (any error) when the data does not authenticate or unpad.
 */
export interface ImportCrypto {
  pbkdf2(
    hash: KdfHash,
    password: Uint8Array,
    salt: Uint8Array,
    iterations: number,
    length: number,
  ): Promise<Uint8Array>;
  scrypt(
    password: Uint8Array,
    salt: Uint8Array,
    params: { N: number; r: number; p: number },
    length: number,
  ): Promise<Uint8Array>;
  argon2id(
    password: Uint8Array,
    salt: Uint8Array,
    params: { iterations: number; memoryKiB: number; parallelism: number },
    length: number,
  ): Promise<Uint8Array>;
  /** AES-GCM with a 128-bit tag appended to the ciphertext. */
  aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, ciphertextAndTag: Uint8Array, aad?: Uint8Array): Promise<Uint8Array>;
  /** AES-CBC with PKCS#7 padding removed. */
  aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array>;
  sha256(data: Uint8Array): Promise<Uint8Array>;
}

export const formatError = (): KeyslotError => new KeyslotError('IMPORT_FORMAT', { field: 'file' });
export const damaged = (): KeyslotError => new KeyslotError('IMPORT_DAMAGED', { field: 'file' });
export const wrongPassword = (): KeyslotError => new KeyslotError('IMPORT_PASSWORD_WRONG', { field: 'password' });
export const needPassword = (): KeyslotError => new KeyslotError('IMPORT_PASSWORD_NEEDED', { field: 'password' });
/** Too big or too many entries: one message, with the size limit in MiB as `max`. */
export const tooLarge = (): KeyslotError =>
  new KeyslotError('IMPORT_TOO_LARGE', { field: 'file', max: IMPORT_BYTES_MAX / 1024 / 1024 });
export const tooMany = tooLarge;

// ---------------------------------------------------------------- untrusted JSON

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** Keys that could reach a prototype if some later code copied objects around: dropped while parsing. */
const POISON = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON.parse that never throws anything but IMPORT_FORMAT, and drops prototype-polluting keys. */
export function parseJson(text: string): Json {
  try {
    return JSON.parse(text, (key, value: unknown) => (POISON.has(key) ? undefined : value)) as Json;
  } catch {
    // SyntaxError, or RangeError for absurd nesting: its message may quote the file.
    throw formatError();
  }
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property of a parsed object (never one inherited from Object.prototype). */
export function field(o: JsonObject, key: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export function str(o: JsonObject, key: string): string | undefined {
  const v = field(o, key);
  return typeof v === 'string' ? v : undefined;
}

/**
 * A value field (secret, algorithm, digits, period, counter) as validate.ts takes it: text or a
 * number; missing or null is "not given"; anything else (an object, a boolean) becomes NaN,
 * which every validate.ts rule refuses.
 */
export function val(o: JsonObject, key: string): FieldValue {
  const v = field(o, key);
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (v === undefined || v === null) return undefined;
  return Number.NaN;
}

/** A name field (issuer, account): text, or a number as text; anything else counts as no name. */
export function name(o: JsonObject, key: string): string | undefined {
  const v = field(o, key);
  if (typeof v === 'string') return v;
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
}

export function obj(o: JsonObject, key: string): JsonObject | undefined {
  const v = field(o, key);
  return isObject(v) ? v : undefined;
}

export function arr(o: JsonObject, key: string): Json[] | undefined {
  const v = field(o, key);
  return Array.isArray(v) ? v : undefined;
}

/** An array of entries, refused as a whole beyond IMPORT_ENTRIES_MAX. */
export function entriesOf(v: Json | undefined): Json[] {
  if (!Array.isArray(v)) throw formatError();
  if (v.length > IMPORT_ENTRIES_MAX) throw tooMany();
  return v;
}

// ---------------------------------------------------------------- entries

export interface DraftFields {
  kind: string;
  issuer?: FieldValue;
  account?: FieldValue;
  /** Raw bytes, or a function that decodes them (its KeyslotError fails only this entry). */
  secret: Uint8Array | (() => Uint8Array);
  algorithm?: FieldValue;
  digits?: FieldValue;
  period?: FieldValue;
  counter?: FieldValue;
}

/** Text that is safe to show as the entry's name in a report, even when the entry is refused. */
export function labelText(value: FieldValue): string {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return '';
  const text = value.trim();
  return text.length > 256 ? `${text.slice(0, 255)}…` : text;
}

/** Kinds other apps have that are not RFC 4226/6238 codes: named in the report, never guessed. */
const UNSUPPORTED_KINDS: Readonly<Record<string, string>> = {
  motp: 'mOTP',
  yandex: 'Yandex',
  yaotp: 'Yandex',
  battlenet: 'Battle.net',
};

/**
 * Turns one entry's fields into an ImportEntry: an unsupported kind is named, anything
 * else goes through validate.ts (the same rules and codes as an otpauth:// URI).
 */
export function makeEntry(f: DraftFields): ImportEntry {
  const label = { issuer: labelText(f.issuer), account: labelText(f.account) };
  const kind = f.kind.trim().toLowerCase();
  if (kind !== 'totp' && kind !== 'hotp' && kind !== 'steam') {
    // No type at all is a damaged entry; a type we do not make is named in the report.
    if (kind === '') return failed(new KeyslotError('OTP_TYPE', { field: 'type' }), label);
    return { status: 'unsupported', type: UNSUPPORTED_KINDS[kind] ?? labelText(f.kind).slice(0, 20), ...label };
  }
  try {
    const issuer = parseName(f.issuer, 'issuer');
    const account = parseName(f.account, 'account');
    requireLabel(issuer, account);
    const secret = typeof f.secret === 'function' ? f.secret() : f.secret;
    checkSecretBytes(secret);
    if (kind === 'steam')
      return { status: 'ok', draft: checkDraft({ kind, issuer, account, secret, ...STEAM_PARAMS }), issuer, account };
    const draft: SlotDraft = checkDraft({
      kind,
      issuer,
      account,
      secret,
      algorithm: parseAlgorithm(f.algorithm),
      digits: parseDigits(f.digits),
      period: kind === 'totp' ? parsePeriod(f.period) : DEFAULT_PERIOD_S,
      counter: kind === 'hotp' ? parseCounter(f.counter) : 0,
    });
    return { status: 'ok', draft, issuer, account };
  } catch (e) {
    return failed(e, label);
  }
}

/** A refused entry, keeping only the error code. */
export function failed(e: unknown, label: EntryLabel): ImportEntry {
  return { status: 'failed', code: isKeyslotError(e) ? e.code : 'IMPORT_DAMAGED', ...label };
}

/** The type word of an otpauth-like URI ("totp", "steam", …) or null when it is not one. */
function uriKind(uri: string): string | null {
  const m = /^otpauth:\/\/([^/?#]*)/i.exec(uri.trim());
  return m ? decodeURIComponentSafe(m[1]!).toLowerCase() : null;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Rough names from a URI that could not be parsed, for the report only. */
function uriLabel(uri: string): EntryLabel {
  const m = /^[a-z]+:\/\/[^/?#]*\/([^?]*)(?:\?(.*))?$/i.exec(uri.trim());
  if (!m) return { issuer: '', account: '' };
  const label = decodeURIComponentSafe(m[1]!);
  const issuerParam = /(?:^|&)issuer=([^&]*)/i.exec(m[2] ?? '')?.[1];
  const colon = label.indexOf(':');
  const issuer =
    issuerParam !== undefined
      ? decodeURIComponentSafe(issuerParam.replace(/\+/g, ' '))
      : colon < 0
        ? ''
        : label.slice(0, colon);
  return { issuer: labelText(issuer), account: labelText(colon < 0 ? label : label.slice(colon + 1)) };
}

/**
 * One otpauth:// URI as an entry: parsed by the very parser a scanned QR code uses
 * (`otpauth://steam/…` and `encoder=steam` give Steam slots there).
 */
export function entryFromUri(uri: string): ImportEntry {
  const kind = uriKind(uri);
  if (kind !== null && kind !== '' && kind !== 'totp' && kind !== 'hotp' && kind !== 'steam') {
    return { status: 'unsupported', type: UNSUPPORTED_KINDS[kind] ?? labelText(kind).slice(0, 20), ...uriLabel(uri) };
  }
  try {
    const draft = parseOtpauthUri(uri, { steam: true });
    return { status: 'ok', draft, issuer: draft.issuer, account: draft.account };
  } catch (e) {
    return failed(e, uriLabel(uri));
  }
}

/**
 * A Steam Guard entry written as `steam://SECRET` (Bitwarden, Proton Authenticator): base32
 * secret, no names in it (they come from the item around it).
 */
export function entryFromSteamUri(text: string, issuer: FieldValue, account: FieldValue): ImportEntry {
  const secretText = text.trim().replace(/^steam:\/\//i, '');
  return makeEntry({ kind: 'steam', issuer, account, secret: () => parseSecret(secretText) });
}

// ---------------------------------------------------------------- bytes

/** Hex (either case) -> bytes, or null. */
export function hexDecode(text: string): Uint8Array | null {
  if (typeof text !== 'string' || text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Base64 as apps write it: standard alphabet, line breaks allowed, padding added when missing. */
export function base64Loose(text: string): Uint8Array | null {
  if (typeof text !== 'string') return null;
  const bare = trimTrailing(text.replace(/\s+/g, ''), '=');
  if (bare.length % 4 === 1) return null;
  return base64Decode(bare.padEnd(Math.ceil(bare.length / 4) * 4, '='));
}

/** Java signed bytes (FreeOTP's "secret": [-19, 64, …]) -> bytes, or null. */
export function signedBytes(v: Json | undefined): Uint8Array | null {
  if (!Array.isArray(v) || v.length > 1024) return null;
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const b = v[i];
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 255) return null;
    out[i] = b & 0xff;
  }
  return out;
}

/** Big-endian unsigned 32-bit number at `offset`. */
export function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) >>> 0) + (bytes[offset + 1]! << 16) + (bytes[offset + 2]! << 8) + bytes[offset + 3]!;
}

/** Runs a decryption; any failure of it is the wrong password (authenticated encryption cannot tell tampering apart). */
export async function decryptOrWrongPassword(run: () => Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await run();
  } catch (e) {
    if (isKeyslotError(e) && e.code !== 'KDF_FAILED') throw e;
    throw wrongPassword();
  }
}
