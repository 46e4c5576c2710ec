/**
 * The Keyslot vault format, versions 1 to 3 (2 adds the passkey method; 3 adds the passphrase
 * choice and the device-bound key to the PIN method): types, limits, strict parsing, migration,
 * the bytes bound into AES-GCM associated data, and the slot plaintext encoding.
 *
 * Pure on purpose: no DOM, no crypto calls, no clock, no randomness (those come in as
 * arguments from src/platform). The design follows Aegis's vault (random master key wrapped
 * once per unlock method, versioned), see docs/vault.md.
 *
 * Words: a "slot" is an OTP credential; an "unlock method" is one wrapped copy of the data
 * key (Aegis and LUKS call those slots; we do not, to keep "slot" for what the user sees).
 */
import { KeyslotError } from './errors';
import {
  COUNTER_MAX,
  DIGITS_MAX,
  DIGITS_MIN,
  PERIOD_MAX_S,
  PERIOD_MIN_S,
  SECRET_MAX_BYTES,
  SECRET_MIN_BYTES,
  TEXT_MAX,
  POSITION_MAX,
  POSITION_RE,
  SLOT_META_DEFAULTS,
  type HashAlgorithm,
  type OtpKind,
  type Slot,
} from './slot';
import { base64Decode, base64Encode, utf8Decode, utf8Encode, type Bytes } from './bytes';

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

export const VAULT_FORMAT = 'keyslot-vault';
/**
 * Newest header version this code reads. Version 2 adds the passkey unlock method; version 3
 * adds, per PIN method, what the person types (digits or a passphrase) and whether the KEK is
 * bound to this browser's device key. A header is written as the lowest version its methods
 * need (headerVersionFor), so a vault that needs nothing new stays readable by older code.
 */
export const VAULT_FORMAT_VERSION = 3;
/** What unlocks a PIN method: a PIN of digits, or a passphrase (v3). */
export type SecretInput = 'digits' | 'passphrase';
/** HMAC-SHA-256 output, the device-bound KEK (RFC 2104; 32 bytes). */
export const DEVICE_MAC_BYTES = 32;
/** PRF salt of a passkey method (the WebAuthn PRF input, also the HKDF salt): 32 random bytes. */
export const PRF_SALT_BYTES = 32;
/** PRF output: 32 bytes (WebAuthn PRF is HMAC-SHA-256 based). */
export const PRF_BYTES = 32;
/** A WebAuthn credential id is at most 1023 bytes (WebAuthn L3 §5.1 credential id). */
export const CREDENTIAL_ID_MAX_BYTES = 1023;
/**
 * Slot record version this code writes and the newest it reads. Version 2 adds the organise
 * fields to the plaintext (favourite, position, lastUsedAt, deletedAt); the record around it
 * is unchanged, and its AAD binds the version, so a v1 record is read with the v1 rule.
 */
export const RECORD_VERSION = 2;

/** AES-GCM IV: 96 bits, the length NIST SP 800-38D §5.2.1.1 / §8.2.2 recommends for random IVs. */
export const IV_BYTES = 12;
/** AES-GCM tag: the full 128 bits (SP 800-38D §5.2.1.2; shorter tags weaken forgery bounds). */
export const TAG_BYTES = 16;
/** Data key and KEK: AES-256. */
export const KEY_BYTES = 32;
/** A 32-byte key wrapped with AES-GCM is ciphertext (32) + tag (16). */
export const WRAPPED_KEY_BYTES = KEY_BYTES + TAG_BYTES;
/** RFC 9106 §3.1: 128-bit salt is enough for all applications; we write 16 and accept 16..64. */
export const SALT_MIN_BYTES = 16;
export const SALT_MAX_BYTES = 64;
export const SALT_BYTES = 16;
/** Ids (slot ids, method ids): 128 random bits as lower-case hex. */
export const ID_BYTES = 16;
const ID_RE = /^[0-9a-f]{32}$/;
/** A slot's ciphertext: tag plus a small JSON. 64 KiB is far above any legal slot. */
export const RECORD_CT_MAX_BYTES = 65_536;
/** Unlock methods per vault: one today (PIN); room for a few more (e.g. a passkey). */
export const METHODS_MAX = 8;

export interface Argon2idParams {
  readonly name: 'argon2id';
  /** m, in KiB (RFC 9106 §3.1). */
  readonly memoryKiB: number;
  /** t, passes over memory. */
  readonly iterations: number;
  /** p, lanes. */
  readonly parallelism: number;
}

export interface Pbkdf2Params {
  readonly name: 'pbkdf2-sha256';
  readonly iterations: number;
}

export type KdfParams = Argon2idParams | Pbkdf2Params;

/**
 * Floors: OWASP Password Storage Cheat Sheet minimums (Argon2id m=19 MiB, t=2, p=1;
 * PBKDF2-HMAC-SHA256 600,000 iterations). A vault below them is refused with KDF_WEAK,
 * so a tampered header can't downgrade the PIN's protection.
 */
export const ARGON2_FLOOR: Argon2idParams = { name: 'argon2id', memoryKiB: 19_456, iterations: 2, parallelism: 1 };
export const PBKDF2_FLOOR: Pbkdf2Params = { name: 'pbkdf2-sha256', iterations: 600_000 };

/**
 * Caps: no honest writer goes above these, and a hostile header must not make the device
 * allocate gigabytes or spin for minutes. Above a cap is VAULT_CORRUPT (the header is not
 * something Keyslot wrote), below a floor is KDF_WEAK.
 */
export const ARGON2_CAP = { memoryKiB: 1_048_576, iterations: 20, parallelism: 16 } as const;
export const PBKDF2_CAP = { iterations: 10_000_000 } as const;

/**
 * Default for new vaults: ~0.7 s median in a Chromium worker on the 2-core reference
 * machine (measurements in docs/vault.md, "KDF parameters"). p=1 because hash-wasm runs one thread:
 * more lanes would cost us time without costing a parallel attacker any.
 */
export const DEFAULT_ARGON2: Argon2idParams = { name: 'argon2id', memoryKiB: 131_072, iterations: 4, parallelism: 1 };
/** Fallback when WebAssembly is unavailable (e.g. CSP without 'wasm-unsafe-eval'). */
export const PBKDF2_ITERATIONS = 600_000;
export const DEFAULT_PBKDF2: Pbkdf2Params = { name: 'pbkdf2-sha256', iterations: PBKDF2_ITERATIONS };

// ---------------------------------------------------------------------------------------------
// Types: parsed (bytes) and stored (base64) forms
// ---------------------------------------------------------------------------------------------

export interface PinMethod {
  readonly id: string;
  readonly type: 'pin';
  readonly kdf: KdfParams;
  readonly salt: Bytes;
  /** IV of the AES-GCM wrap of the data key. */
  readonly iv: Bytes;
  /** AES-GCM(KEK, iv, dataKey, aad = methodAad(...)): 32-byte key || 16-byte tag. */
  readonly wrappedKey: Bytes;
  /**
   * The header version whose AAD rule this wrap was made under (bound into its AAD). Implicit
   * in a v1 header (always 1); stored as `wrappedUnder` in v2 and v3 headers.
   */
  readonly wrappedUnder: 1 | 2 | 3;
  /** What the person types. Always 'digits' for a wrap made under v1 or v2. */
  readonly input: SecretInput;
  /**
   * True when the KEK is HMAC-SHA-256(device key, KDF output): the device key is a
   * non-extractable CryptoKey kept in this browser's IndexedDB. Always false under v1 or v2.
   */
  readonly deviceBound: boolean;
}

/** Version 2: the data key wrapped under a KEK from a WebAuthn passkey's PRF output. */
export interface PasskeyMethod {
  readonly id: string;
  readonly type: 'passkey';
  readonly credentialId: Bytes;
  /** PRF input and HKDF salt, 32 random bytes. */
  readonly prfSalt: Bytes;
  readonly iv: Bytes;
  readonly wrappedKey: Bytes;
}

export type UnlockMethod = PinMethod | PasskeyMethod;

export interface VaultHeader {
  readonly format: typeof VAULT_FORMAT;
  /** The version to write: see headerVersionFor(). */
  readonly version: 1 | 2 | 3;
  readonly createdAt: number;
  readonly methods: readonly UnlockMethod[];
}

/** The version a header with these methods is written as: the lowest one that holds them. */
export function headerVersionFor(methods: readonly UnlockMethod[]): 1 | 2 | 3 {
  if (methods.some((m) => m.type === 'pin' && m.wrappedUnder === 3)) return 3;
  return methods.some((m) => m.type === 'passkey' || m.wrappedUnder === 2) ? 2 : 1;
}

/** What IndexedDB holds under meta/'vault': JSON-safe, bytes as base64. */
export interface StoredHeaderV1 {
  format: typeof VAULT_FORMAT;
  version: 1;
  createdAt: number;
  methods: StoredPinMethodV1[];
}

export interface StoredPinMethodV1 {
  id: string;
  type: 'pin';
  kdf: KdfParams;
  salt: string;
  iv: string;
  wrappedKey: string;
}

export interface StoredHeaderV2 {
  format: typeof VAULT_FORMAT;
  version: 2;
  createdAt: number;
  methods: (StoredPinMethodV2 | StoredPasskeyMethodV2)[];
}

export interface StoredPinMethodV2 extends StoredPinMethodV1 {
  wrappedUnder: 1 | 2;
}

export interface StoredPasskeyMethodV2 {
  id: string;
  type: 'passkey';
  credentialId: string;
  prfSalt: string;
  iv: string;
  wrappedKey: string;
}

export interface StoredHeaderV3 {
  format: typeof VAULT_FORMAT;
  version: 3;
  createdAt: number;
  methods: (StoredPinMethodV3 | StoredPasskeyMethodV2)[];
}

export interface StoredPinMethodV3 {
  id: string;
  type: 'pin';
  kdf: KdfParams;
  salt: string;
  iv: string;
  wrappedKey: string;
  wrappedUnder: 1 | 2 | 3;
  input: SecretInput;
  deviceBound: boolean;
}

/** Any header version this code writes. */
export type StoredHeader = StoredHeaderV1 | StoredHeaderV2 | StoredHeaderV3;

/** Record versions this code reads: the version decides the AAD and the plaintext's keys. */
export type RecordVersion = 1 | 2;

export interface SlotRecord {
  readonly id: string;
  /** The version it was written under (kept: the AAD binds it, so it cannot be rewritten without the key). */
  readonly v: RecordVersion;
  readonly iv: Bytes;
  readonly ct: Bytes;
}

/** What IndexedDB holds in store 'slots' (keyPath 'id'). */
export interface StoredRecordV1 {
  id: string;
  v: 1;
  iv: string;
  ct: string;
}

/** Version 2: the same fields; only the plaintext inside `ct` (and the AAD) differ. */
export interface StoredRecordV2 {
  id: string;
  v: 2;
  iv: string;
  ct: string;
}

/** Any record version this code reads; it writes only version 2. */
export type StoredRecord = StoredRecordV1 | StoredRecordV2;

// ---------------------------------------------------------------------------------------------
// Strict field readers (all failures are VAULT_CORRUPT with the field name)
// ---------------------------------------------------------------------------------------------

function corrupt(field: string): KeyslotError {
  return new KeyslotError('VAULT_CORRUPT', { field });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Exactly these keys, no more, no fewer: unknown keys would be unauthenticated data. */
function expectKeys(o: Record<string, unknown>, keys: readonly string[], field: string): void {
  const own = Object.keys(o);
  if (own.length !== keys.length || !keys.every((k) => Object.prototype.hasOwnProperty.call(o, k))) {
    throw corrupt(field);
  }
}

function readInt(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) throw corrupt(field);
  return v;
}

function readId(v: unknown, field: string): string {
  if (typeof v !== 'string' || !ID_RE.test(v)) throw corrupt(field);
  return v;
}

function readB64(v: unknown, field: string, min: number, max: number): Bytes {
  const bytes = typeof v === 'string' ? base64Decode(v) : null;
  if (!bytes || bytes.length < min || bytes.length > max) throw corrupt(field);
  return bytes;
}

/** True for a well-formed id (what randomId() produces). */
export function isValidId(v: unknown): v is string {
  return typeof v === 'string' && ID_RE.test(v);
}

// ---------------------------------------------------------------------------------------------
// KDF parameters
// ---------------------------------------------------------------------------------------------

/**
 * Validate KDF parameters from an untrusted source (a stored header, or options).
 * Shape errors and values above the caps: VAULT_CORRUPT. Below the floors: KDF_WEAK.
 * Called before any derivation runs, so a hostile header costs no CPU.
 */
export function parseKdfParams(raw: unknown): KdfParams {
  if (!isPlainObject(raw)) throw corrupt('kdf');
  if (raw['name'] === 'argon2id') {
    expectKeys(raw, ['name', 'memoryKiB', 'iterations', 'parallelism'], 'kdf');
    const memoryKiB = readInt(raw['memoryKiB'], 'kdf.memoryKiB', 0, ARGON2_CAP.memoryKiB);
    const iterations = readInt(raw['iterations'], 'kdf.iterations', 0, ARGON2_CAP.iterations);
    const parallelism = readInt(raw['parallelism'], 'kdf.parallelism', 0, ARGON2_CAP.parallelism);
    if (memoryKiB < ARGON2_FLOOR.memoryKiB) {
      throw new KeyslotError('KDF_WEAK', { field: 'kdf.memoryKiB', min: ARGON2_FLOOR.memoryKiB });
    }
    if (iterations < ARGON2_FLOOR.iterations) {
      throw new KeyslotError('KDF_WEAK', { field: 'kdf.iterations', min: ARGON2_FLOOR.iterations });
    }
    if (parallelism < ARGON2_FLOOR.parallelism) {
      throw new KeyslotError('KDF_WEAK', { field: 'kdf.parallelism', min: ARGON2_FLOOR.parallelism });
    }
    // RFC 9106 §3.1: m >= 8p. Implied by the floor and cap today; kept for when they move.
    if (memoryKiB < 8 * parallelism) throw corrupt('kdf.memoryKiB');
    return { name: 'argon2id', memoryKiB, iterations, parallelism };
  }
  if (raw['name'] === 'pbkdf2-sha256') {
    expectKeys(raw, ['name', 'iterations'], 'kdf');
    const iterations = readInt(raw['iterations'], 'kdf.iterations', 0, PBKDF2_CAP.iterations);
    if (iterations < PBKDF2_FLOOR.iterations) {
      throw new KeyslotError('KDF_WEAK', { field: 'kdf.iterations', min: PBKDF2_FLOOR.iterations });
    }
    return { name: 'pbkdf2-sha256', iterations };
  }
  throw corrupt('kdf.name');
}

// ---------------------------------------------------------------------------------------------
// Migration
// ---------------------------------------------------------------------------------------------

function readVersion(v: unknown, field: string, newest: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw corrupt(field);
  if (v > newest) throw new KeyslotError('VAULT_VERSION', { field, max: newest });
  return v;
}

/**
 * Bring a stored header of any known version up to the current stored shape. Each version
 * adds one `case` that rewrites to the next and falls through; the current version returns
 * the object unchanged (same reference). Newer than known: VAULT_VERSION; not a version
 * at all: VAULT_CORRUPT. Field validation happens afterwards, in parseHeader.
 *
 * Note for v2: methodAad binds the version the method was WRAPPED under. A migration that
 * changes bound fields must keep the old AAD rule for old methods or rewrap on next unlock.
 */
export function migrateHeader(raw: unknown): StoredHeaderV3 {
  if (!isPlainObject(raw)) throw corrupt('header');
  if (raw['format'] !== VAULT_FORMAT) throw corrupt('format');
  const version = readVersion(raw['version'], 'version', VAULT_FORMAT_VERSION);
  let current: Record<string, unknown> = raw;
  switch (version) {
    case 1:
      current = headerV1toV2(current);
    // falls through
    case 2:
      current = headerV2toV3(current);
    // falls through
    case 3:
      return current as unknown as StoredHeaderV3;
    default:
      throw corrupt('version'); // unreachable: readVersion bounds it
  }
}

/**
 * v1 -> v2, structural only: every v1 method is a PIN method wrapped under the v1 AAD, so it
 * gets `wrappedUnder: 1` (nothing is re-wrapped; its AAD keeps binding version 1). A returned
 * copy; the input is not changed. Methods that are not objects are left for parseHeader to refuse.
 */
function headerV1toV2(h: Record<string, unknown>): Record<string, unknown> {
  const methods = h['methods'];
  return {
    ...h,
    version: 2,
    methods: Array.isArray(methods)
      ? methods.map((m: unknown) => (isPlainObject(m) && m['type'] === 'pin' ? { ...m, wrappedUnder: 1 } : m))
      : methods,
  };
}

/**
 * v2 -> v3, structural only: every PIN method of a v2 header was typed as digits and is not
 * device-bound, so it gets `input: 'digits', deviceBound: false`; its wrap keeps the AAD rule
 * it was made under (`wrappedUnder` 1 or 2). Passkey methods are unchanged.
 */
function headerV2toV3(h: Record<string, unknown>): Record<string, unknown> {
  const methods = h['methods'];
  return {
    ...h,
    version: 3,
    methods: Array.isArray(methods)
      ? methods.map((m: unknown) => (isPlainObject(m) && m['type'] === 'pin' ? { ...m, input: 'digits', deviceBound: false } : m))
      : methods,
  };
}

/**
 * Same as migrateHeader, for slot records (field `v`). The record around the ciphertext has the
 * same shape in versions 1 and 2, and its version is bound into the AAD, so it cannot change
 * without the data key: the record passes through unchanged (same reference) and keeps its `v`.
 * The forward migration happens to the plaintext once decrypted (migrateSlotPlaintext), and
 * the next write of that slot stores it as version 2.
 */
export function migrateRecord(raw: unknown): StoredRecord {
  if (!isPlainObject(raw)) throw corrupt('record');
  const version = readVersion(raw['v'], 'v', RECORD_VERSION);
  switch (version) {
    case 1:
    case 2:
      return raw as unknown as StoredRecord;
    default:
      throw corrupt('v');
  }
}

/**
 * Bring a decrypted slot plaintext (parsed JSON) of record version `v` up to the current
 * keys: version 1 gets the organise fields with their defaults (not a favourite, never placed,
 * never used, not in the trash). Each version adds one `case` that falls through. A copy;
 * the input is not changed. A v1 plaintext that already has v2 keys is refused by the key
 * check afterwards (the v1 key set plus the defaults would then be duplicated), so a
 * plaintext can't claim organise state under the v1 rule.
 */
export function migrateSlotPlaintext(raw: Record<string, unknown>, v: RecordVersion): Record<string, unknown> {
  let current = raw;
  switch (v) {
    case 1:
      expectKeys(current, SLOT_KEYS_V1, 'slot');
      current = { ...current, ...SLOT_META_DEFAULTS };
    // falls through
    case 2:
      return current;
    default:
      throw corrupt('v');
  }
}

// ---------------------------------------------------------------------------------------------
// Header and record parsing / serialising
// ---------------------------------------------------------------------------------------------

function parseMethod(raw: unknown, i: number): UnlockMethod {
  const f = `methods[${i}]`;
  if (!isPlainObject(raw)) throw corrupt(f);
  if (raw['type'] === 'passkey') {
    expectKeys(raw, ['id', 'type', 'credentialId', 'prfSalt', 'iv', 'wrappedKey'], f);
    return {
      id: readId(raw['id'], `${f}.id`),
      type: 'passkey',
      credentialId: readB64(raw['credentialId'], `${f}.credentialId`, 1, CREDENTIAL_ID_MAX_BYTES),
      prfSalt: readB64(raw['prfSalt'], `${f}.prfSalt`, PRF_SALT_BYTES, PRF_SALT_BYTES),
      iv: readB64(raw['iv'], `${f}.iv`, IV_BYTES, IV_BYTES),
      wrappedKey: readB64(raw['wrappedKey'], `${f}.wrappedKey`, WRAPPED_KEY_BYTES, WRAPPED_KEY_BYTES),
    };
  }
  if (raw['type'] !== 'pin') throw corrupt(`${f}.type`);
  expectKeys(raw, ['id', 'type', 'kdf', 'salt', 'iv', 'wrappedKey', 'wrappedUnder', 'input', 'deviceBound'], f);
  const wrappedUnder = raw['wrappedUnder'];
  if (wrappedUnder !== 1 && wrappedUnder !== 2 && wrappedUnder !== 3) throw corrupt(`${f}.wrappedUnder`);
  const input = raw['input'];
  if (input !== 'digits' && input !== 'passphrase') throw corrupt(`${f}.input`);
  const deviceBound = raw['deviceBound'];
  if (typeof deviceBound !== 'boolean') throw corrupt(`${f}.deviceBound`);
  // Only a v3 wrap binds these two fields into its AAD; older wraps can't have them set.
  if (wrappedUnder !== 3 && (input !== 'digits' || deviceBound)) throw corrupt(`${f}.wrappedUnder`);
  return {
    id: readId(raw['id'], `${f}.id`),
    type: 'pin',
    wrappedUnder,
    input,
    deviceBound,
    kdf: parseKdfParams(raw['kdf']),
    salt: readB64(raw['salt'], `${f}.salt`, SALT_MIN_BYTES, SALT_MAX_BYTES),
    iv: readB64(raw['iv'], `${f}.iv`, IV_BYTES, IV_BYTES),
    wrappedKey: readB64(raw['wrappedKey'], `${f}.wrappedKey`, WRAPPED_KEY_BYTES, WRAPPED_KEY_BYTES),
  };
}

/** Migrate, then validate every field of a stored header. Throws VAULT_CORRUPT / VAULT_VERSION / KDF_WEAK. */
export function parseHeader(raw: unknown): VaultHeader {
  const h = migrateHeader(raw) as unknown as Record<string, unknown>;
  const storedVersion = (raw as Record<string, unknown>)['version'];
  expectKeys(h, ['format', 'version', 'createdAt', 'methods'], 'header');
  const createdAt = readInt(h['createdAt'], 'createdAt', 0, Number.MAX_SAFE_INTEGER);
  const rawMethods = h['methods'];
  if (!Array.isArray(rawMethods) || rawMethods.length < 1 || rawMethods.length > METHODS_MAX) {
    throw corrupt('methods');
  }
  const methods = rawMethods.map((m, i) => parseMethod(m, i));
  if (new Set(methods.map((m) => m.id)).size !== methods.length) throw corrupt('methods');
  // The PIN method always stays; at most one passkey.
  if (!methods.some((m) => m.type === 'pin')) throw corrupt('methods');
  if (methods.filter((m) => m.type === 'passkey').length > 1) throw corrupt('methods');
  // A stored v1 header holds only PIN methods wrapped under v1 (the migration said so); a stored
  // v2 header is one that needed v2. Anything else is not something Keyslot wrote.
  if (headerVersionFor(methods) !== storedVersion) throw corrupt('version');
  return { format: VAULT_FORMAT, version: headerVersionFor(methods), createdAt, methods };
}

/** Stored form, as the lowest version that holds the methods (headerVersionFor). */
export function serializeHeader(h: VaultHeader): StoredHeader {
  const version = headerVersionFor(h.methods);
  const passkey = (m: PasskeyMethod): StoredPasskeyMethodV2 => ({
    id: m.id,
    type: m.type,
    credentialId: base64Encode(m.credentialId),
    prfSalt: base64Encode(m.prfSalt),
    iv: base64Encode(m.iv),
    wrappedKey: base64Encode(m.wrappedKey),
  });
  const pinV2 = (m: PinMethod): StoredPinMethodV2 => ({
    id: m.id,
    type: m.type,
    kdf: { ...m.kdf },
    salt: base64Encode(m.salt),
    iv: base64Encode(m.iv),
    wrappedKey: base64Encode(m.wrappedKey),
    wrappedUnder: m.wrappedUnder as 1 | 2, // headerVersionFor: no v3 wrap in a v2 header
  });
  if (version === 3) {
    return {
      format: VAULT_FORMAT,
      version: 3,
      createdAt: h.createdAt,
      methods: h.methods.map((m) =>
        m.type === 'pin' ? { ...pinV2(m), wrappedUnder: m.wrappedUnder, input: m.input, deviceBound: m.deviceBound } : passkey(m),
      ),
    };
  }
  if (version === 1) {
    return {
      format: VAULT_FORMAT,
      version: 1,
      createdAt: h.createdAt,
      methods: h.methods.map((m) => {
        if (m.type !== 'pin') throw corrupt('methods'); // unreachable: headerVersionFor
        return { id: m.id, type: m.type, kdf: { ...m.kdf }, salt: base64Encode(m.salt), iv: base64Encode(m.iv), wrappedKey: base64Encode(m.wrappedKey) };
      }),
    };
  }
  return { format: VAULT_FORMAT, version: 2, createdAt: h.createdAt, methods: h.methods.map((m) => (m.type === 'pin' ? pinV2(m) : passkey(m))) };
}

/** Migrate, then validate a stored slot record. Throws VAULT_CORRUPT / VAULT_VERSION. */
export function parseRecord(raw: unknown): SlotRecord {
  const r = migrateRecord(raw) as unknown as Record<string, unknown>;
  expectKeys(r, ['id', 'v', 'iv', 'ct'], 'record');
  return {
    id: readId(r['id'], 'id'),
    v: r['v'] as RecordVersion,
    iv: readB64(r['iv'], 'iv', IV_BYTES, IV_BYTES),
    // At least a tag plus one byte: an empty plaintext is never a slot.
    ct: readB64(r['ct'], 'ct', TAG_BYTES + 1, RECORD_CT_MAX_BYTES),
  };
}

/** Stored form of a record: always the current version (the caller sealed it under that version's AAD). */
export function serializeRecord(r: SlotRecord): StoredRecordV2 {
  if (r.v !== RECORD_VERSION) throw corrupt('v');
  return { id: r.id, v: RECORD_VERSION, iv: base64Encode(r.iv), ct: base64Encode(r.ct) };
}

// ---------------------------------------------------------------------------------------------
// Associated data (AAD)
// ---------------------------------------------------------------------------------------------

/**
 * AAD for a slot record: UTF-8 of `keyslot/slot/v<version>/<id>` (v1 or v2). Binding the id
 * stops a record being moved to another id (or swapped with another record); binding the
 * version stops a v1 ciphertext being read under the v2 interpretation (or the reverse).
 */
export function recordAad(id: string, version: RecordVersion = RECORD_VERSION): Bytes {
  return utf8Encode(`keyslot/slot/v${version}/${id}`);
}

/**
 * AAD for wrapping the data key under one unlock method: UTF-8 of the compact JSON array
 *   ["keyslot-vault", version, createdAt, methodId, "pin", "argon2id", m, t, p, saltB64]
 *   ["keyslot-vault", version, createdAt, methodId, "pin", "pbkdf2-sha256", iterations, saltB64]
 * and, for a wrap made under version 3, with what is typed and the device binding after "pin":
 *   ["keyslot-vault", 3, createdAt, methodId, "pin", "digits"|"passphrase", true|false, <kdf...>, saltB64]
 * Fixed order, integers, booleans and ASCII strings only, so it is canonical and easy to
 * rebuild by hand (Python: json.dumps(list, separators=(',', ':'))). Every header field except
 * the wrap's own iv and wrappedKey (which GCM authenticates by itself) is bound here, so
 * flipping any stored header byte makes unwrapping fail.
 */
export function methodAad(
  version: number,
  createdAt: number,
  m: Pick<PinMethod, 'id' | 'type' | 'kdf' | 'salt'> & Partial<Pick<PinMethod, 'input' | 'deviceBound'>>,
): Bytes {
  const kdf: (string | number)[] =
    m.kdf.name === 'argon2id'
      ? [m.kdf.name, m.kdf.memoryKiB, m.kdf.iterations, m.kdf.parallelism]
      : [m.kdf.name, m.kdf.iterations];
  const v3: (string | boolean)[] = version >= 3 ? [m.input ?? 'digits', m.deviceBound ?? false] : [];
  return utf8Encode(JSON.stringify([VAULT_FORMAT, version, createdAt, m.id, m.type, ...v3, ...kdf, base64Encode(m.salt)]));
}

/**
 * The message a device-bound PIN method's KEK is the HMAC of: UTF-8 of
 * `keyslot/device/v3/<methodId>`, a NUL byte, then the KDF output. KEK = HMAC-SHA-256(device key,
 * message) (RFC 2104): the KDF output "peppered" with a key the browser keeps and never lets out
 * (OWASP Password Storage Cheat Sheet, "Peppering"). The label keeps this use of the key apart
 * from any other; the method id ties the KEK to its method.
 */
export function deviceMessage(methodId: string, kdfOutput: Bytes): Bytes {
  const label = utf8Encode(`keyslot/device/v3/${methodId}`);
  const out = new Uint8Array(label.length + 1 + kdfOutput.length);
  out.set(label, 0);
  out.set(kdfOutput, label.length + 1);
  return out;
}

/**
 * AAD for a passkey method (version 2 only): UTF-8 of the compact JSON array
 *   ["keyslot-vault", 2, createdAt, methodId, "passkey", credentialIdB64, prfSaltB64]
 * Same pattern as methodAad: every field of the method but its own iv and wrappedKey.
 */
export function passkeyAad(createdAt: number, m: Pick<PasskeyMethod, 'id' | 'credentialId' | 'prfSalt'>): Bytes {
  return utf8Encode(JSON.stringify([VAULT_FORMAT, 2, createdAt, m.id, 'passkey', base64Encode(m.credentialId), base64Encode(m.prfSalt)]));
}

/** HKDF info for a passkey method's KEK: UTF-8 of `keyslot/passkey/v2/<methodId>`. */
export function passkeyInfo(methodId: string): Bytes {
  return utf8Encode(`keyslot/passkey/v2/${methodId}`);
}

/** The AAD for any method, by its type (a PIN method binds the version it was wrapped under). */
export function aadFor(createdAt: number, m: UnlockMethod): Bytes {
  return m.type === 'pin' ? methodAad(m.wrappedUnder, createdAt, m) : passkeyAad(createdAt, m);
}

// ---------------------------------------------------------------------------------------------
// Slot plaintext
// ---------------------------------------------------------------------------------------------

const KINDS: readonly OtpKind[] = ['totp', 'hotp'];
const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
/** Plaintext keys of record version 1. */
const SLOT_KEYS_V1 = [
  'id',
  'kind',
  'issuer',
  'account',
  'name',
  'secret',
  'algorithm',
  'digits',
  'period',
  'counter',
  'createdAt',
] as const;
/** Version 2 adds how the user organises the slot. */
const SLOT_KEYS = [...SLOT_KEYS_V1, 'favourite', 'position', 'lastUsedAt', 'deletedAt'] as const;

/** Length in code points, the most permissive of the usual counts, so a UI check never disagrees upward. */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

type Problem = { code: 'OTP_TYPE' | 'LABEL_EMPTY' | 'NAME_TOO_LONG' | 'SECRET_TOO_SHORT' | 'SECRET_TOO_LONG' | 'SECRET_INVALID' | 'ALGORITHM' | 'DIGITS' | 'PERIOD' | 'COUNTER_INVALID' | 'VAULT_CORRUPT'; field: string; min?: number; max?: number };

/** The first thing wrong with a slot, or null. Shared by encode (input codes) and decode (VAULT_CORRUPT). */
function slotProblem(s: Record<string, unknown>, secret: unknown): Problem | null {
  if (!isValidId(s['id'])) return { code: 'VAULT_CORRUPT', field: 'id' };
  if (!KINDS.includes(s['kind'] as OtpKind)) return { code: 'OTP_TYPE', field: 'kind' };
  for (const f of ['issuer', 'account', 'name'] as const) {
    const v = s[f];
    if (typeof v !== 'string') return { code: 'VAULT_CORRUPT', field: f };
    if (codePoints(v) > TEXT_MAX) return { code: 'NAME_TOO_LONG', field: f, max: TEXT_MAX };
  }
  if (s['issuer'] === '' && s['account'] === '') return { code: 'LABEL_EMPTY', field: 'account' };
  if (!(secret instanceof Uint8Array)) return { code: 'SECRET_INVALID', field: 'secret' };
  if (secret.length < SECRET_MIN_BYTES) return { code: 'SECRET_TOO_SHORT', field: 'secret', min: SECRET_MIN_BYTES };
  if (secret.length > SECRET_MAX_BYTES) return { code: 'SECRET_TOO_LONG', field: 'secret', max: SECRET_MAX_BYTES };
  if (!ALGORITHMS.includes(s['algorithm'] as HashAlgorithm)) return { code: 'ALGORITHM', field: 'algorithm' };
  const int = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isSafeInteger(v) && v >= lo && v <= hi;
  if (!int(s['digits'], DIGITS_MIN, DIGITS_MAX)) return { code: 'DIGITS', field: 'digits', min: DIGITS_MIN, max: DIGITS_MAX };
  if (!int(s['period'], PERIOD_MIN_S, PERIOD_MAX_S)) return { code: 'PERIOD', field: 'period', min: PERIOD_MIN_S, max: PERIOD_MAX_S };
  if (!int(s['counter'], 0, COUNTER_MAX)) return { code: 'COUNTER_INVALID', field: 'counter', min: 0, max: COUNTER_MAX };
  if (!int(s['createdAt'], 0, Number.MAX_SAFE_INTEGER)) return { code: 'VAULT_CORRUPT', field: 'createdAt' };
  if (typeof s['favourite'] !== 'boolean') return { code: 'VAULT_CORRUPT', field: 'favourite' };
  const position = s['position'];
  if (typeof position !== 'string' || position.length > POSITION_MAX || (position !== '' && !POSITION_RE.test(position))) {
    return { code: 'VAULT_CORRUPT', field: 'position' };
  }
  if (!int(s['lastUsedAt'], 0, Number.MAX_SAFE_INTEGER)) return { code: 'VAULT_CORRUPT', field: 'lastUsedAt' };
  if (!int(s['deletedAt'], 0, Number.MAX_SAFE_INTEGER)) return { code: 'VAULT_CORRUPT', field: 'deletedAt' };
  return null;
}

/**
 * Slot -> compact JSON (UTF-8), secret as base64. Validates first so Keyslot never writes
 * a record it could not read back; throws the input error codes (DIGITS, SECRET_TOO_SHORT...).
 */
export function encodeSlot(slot: Slot): Bytes {
  const problem = slotProblem(slot as unknown as Record<string, unknown>, slot.secret);
  if (problem) {
    const { code, ...details } = problem;
    throw new KeyslotError(code, details);
  }
  return utf8Encode(
    JSON.stringify({
      id: slot.id,
      kind: slot.kind,
      issuer: slot.issuer,
      account: slot.account,
      name: slot.name,
      secret: base64Encode(slot.secret),
      algorithm: slot.algorithm,
      digits: slot.digits,
      period: slot.period,
      counter: slot.counter,
      createdAt: slot.createdAt,
      favourite: slot.favourite,
      position: slot.position,
      lastUsedAt: slot.lastUsedAt,
      deletedAt: slot.deletedAt,
    }),
  );
}

/**
 * Decrypted bytes of record version `v` -> Slot (current shape), validating every field; the
 * inner id must equal the record's id (already bound by the AAD; checked again so a logic slip
 * elsewhere can't mix slots up). A v1 plaintext gets the organise defaults (migrateSlotPlaintext).
 * Any problem: VAULT_CORRUPT (with the field).
 */
export function decodeSlot(bytes: Uint8Array, expectedId: string, v: RecordVersion = RECORD_VERSION): Slot {
  const text = utf8Decode(bytes);
  if (text === null) throw corrupt('slot');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw corrupt('slot');
  }
  if (!isPlainObject(parsed)) throw corrupt('slot');
  const raw = migrateSlotPlaintext(parsed, v);
  expectKeys(raw, SLOT_KEYS, 'slot');
  const secret = typeof raw['secret'] === 'string' ? base64Decode(raw['secret']) : null;
  const problem = slotProblem(raw, secret);
  if (problem) throw corrupt(problem.field);
  if (raw['id'] !== expectedId) throw corrupt('id');
  return {
    id: raw['id'] as string,
    kind: raw['kind'] as OtpKind,
    issuer: raw['issuer'] as string,
    account: raw['account'] as string,
    name: raw['name'] as string,
    secret: secret as Bytes,
    algorithm: raw['algorithm'] as HashAlgorithm,
    digits: raw['digits'] as number,
    period: raw['period'] as number,
    counter: raw['counter'] as number,
    createdAt: raw['createdAt'] as number,
    favourite: raw['favourite'] as boolean,
    position: raw['position'] as string,
    lastUsedAt: raw['lastUsedAt'] as number,
    deletedAt: raw['deletedAt'] as number,
  };
}
