/**
 * The vault header (IndexedDB meta/'vault'): its unlock methods (PIN, passkey) in parsed
 * (bytes) and stored (base64) form, strict parsing of any stored version and writing as the
 * lowest version the methods need. Old versions are brought forward first (migrate.ts).
 */
import { base64Encode, type Bytes } from '../bytes';
import {
  CREDENTIAL_ID_MAX_BYTES,
  IV_BYTES,
  METHODS_MAX,
  PRF_SALT_BYTES,
  SALT_MAX_BYTES,
  SALT_MIN_BYTES,
  VAULT_FORMAT,
  WRAPPED_KEY_BYTES,
  type SecretInput,
} from './limits';
import { corrupt, expectKeys, isPlainObject, readB64, readId, readInt } from './fields';
import { parseKdfParams, type KdfParams } from './kdf-params';
import { migrateHeader } from './migrate';

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
        m.type === 'pin'
          ? { ...pinV2(m), wrappedUnder: m.wrappedUnder, input: m.input, deviceBound: m.deviceBound }
          : passkey(m),
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
        return {
          id: m.id,
          type: m.type,
          kdf: { ...m.kdf },
          salt: base64Encode(m.salt),
          iv: base64Encode(m.iv),
          wrappedKey: base64Encode(m.wrappedKey),
        };
      }),
    };
  }
  return {
    format: VAULT_FORMAT,
    version: 2,
    createdAt: h.createdAt,
    methods: h.methods.map((m) => (m.type === 'pin' ? pinV2(m) : passkey(m))),
  };
}
