/**
 * The only module that touches crypto.subtle and crypto.getRandomValues.
 *
 * AES-256-GCM everywhere, with a fresh random 96-bit IV per encryption. NIST SP 800-38D
 * §8.2.2 allows random 96-bit IVs as long as one key performs at most 2^32 encryptions
 * (§8.3); a vault rewrites a record on each HOTP use or rename, orders of magnitude below.
 * Full 128-bit tags (§5.2.1.2).
 */
import { KeyslotError } from '../core/errors';
import { hexEncode, utf8Encode, type Bytes } from '../core/bytes';
import { ID_BYTES, IV_BYTES, KEY_BYTES, RECORD_VERSION, WRAPPED_KEY_BYTES, recordAad, type RecordVersion } from '../core/vault-format';

const AES_GCM = 'AES-GCM';
const TAG_BITS = 128;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  // crypto.subtle exists only in secure contexts (https, localhost).
  if (!s) throw new KeyslotError('KDF_FAILED', { field: 'crypto.subtle' });
  return s;
}

/** n cryptographically random bytes (CSPRNG). */
export function randomBytes(n: number): Bytes {
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let i = 0; i < n; i += 65_536) globalThis.crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65_536)));
  return out;
}

/** A 128-bit random id as 32 lower-case hex characters (slot ids, method ids). */
export function randomId(): string {
  return hexEncode(randomBytes(ID_BYTES));
}

/**
 * A fresh AES-256-GCM data key. Extractable only because wrapKey needs that; vault.ts wraps
 * it, unwraps a non-extractable copy for use, and drops this one.
 */
export function generateExtractableDataKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: AES_GCM, length: KEY_BYTES * 8 }, true, ['encrypt', 'decrypt']);
}

/** Import 32 derived bytes as a non-extractable AES-GCM key-encryption key. The caller wipes `raw`. */
export function importKek(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES) throw new KeyslotError('KDF_FAILED', { field: 'kek' });
  return subtle().importKey('raw', Uint8Array.from(raw), { name: AES_GCM }, false, ['wrapKey', 'unwrapKey']);
}

/** Wrap the data key under the KEK: AES-GCM, fresh IV, `aad` binds the method's header fields. */
export async function wrapDataKey(kek: CryptoKey, dataKey: CryptoKey, aad: Bytes): Promise<{ iv: Bytes; wrappedKey: Bytes }> {
  const iv = randomBytes(IV_BYTES);
  const wrapped = await subtle().wrapKey('raw', dataKey, kek, { name: AES_GCM, iv, additionalData: aad, tagLength: TAG_BITS });
  return { iv, wrappedKey: new Uint8Array(wrapped) };
}

/** AES-GCM unwrap of the data key. PIN_WRONG on failure: GCM cannot tell a wrong KEK from a tampered iv/wrappedKey/aad, and a wrong PIN is by far the likelier. */
async function unwrap(kek: CryptoKey, iv: Bytes, wrappedKey: Bytes, aad: Bytes, extractable: boolean): Promise<CryptoKey> {
  if (iv.length !== IV_BYTES || wrappedKey.length !== WRAPPED_KEY_BYTES) throw new KeyslotError('VAULT_CORRUPT', { field: 'wrappedKey' });
  try {
    return await subtle().unwrapKey(
      'raw',
      wrappedKey,
      kek,
      { name: AES_GCM, iv, additionalData: aad, tagLength: TAG_BITS },
      { name: AES_GCM, length: KEY_BYTES * 8 },
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch {
    throw new KeyslotError('PIN_WRONG');
  }
}

/**
 * Unwrap straight into a NON-extractable AES-GCM key (encrypt/decrypt): the raw data key
 * never exists in JS memory.
 */
export function unwrapDataKey(kek: CryptoKey, iv: Bytes, wrappedKey: Bytes, aad: Bytes): Promise<CryptoKey> {
  return unwrap(kek, iv, wrappedKey, aad, false);
}

/**
 * Unwrap as an EXTRACTABLE key, for changing the PIN only: wrapKey needs an extractable key,
 * and the in-memory data key is (on purpose) not one. The caller wraps it under the new KEK
 * and drops it at once.
 */
export function unwrapDataKeyForRewrap(kek: CryptoKey, iv: Bytes, wrappedKey: Bytes, aad: Bytes): Promise<CryptoKey> {
  return unwrap(kek, iv, wrappedKey, aad, true);
}

/** Encrypt one slot's plaintext, always as the current record version. AAD = `keyslot/slot/v2/<id>`. */
export async function sealRecord(key: CryptoKey, id: string, plaintext: Bytes): Promise<{ iv: Bytes; ct: Bytes }> {
  const iv = randomBytes(IV_BYTES);
  const ct = await subtle().encrypt({ name: AES_GCM, iv, additionalData: recordAad(id, RECORD_VERSION), tagLength: TAG_BITS }, key, plaintext);
  return { iv, ct: new Uint8Array(ct) };
}

/**
 * Decrypt one slot record written under record version `v` (AAD `keyslot/slot/v<v>/<id>`); any
 * authentication failure is VAULT_CORRUPT (the key is known good).
 */
export async function openRecord(key: CryptoKey, id: string, iv: Bytes, ct: Bytes, v: RecordVersion = RECORD_VERSION): Promise<Bytes> {
  try {
    const pt = await subtle().decrypt({ name: AES_GCM, iv, additionalData: recordAad(id, v), tagLength: TAG_BITS }, key, ct);
    return new Uint8Array(pt);
  } catch {
    throw new KeyslotError('VAULT_CORRUPT', { field: 'ct' });
  }
}

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) -> `length` bytes (32 by default). No floor here:
 * this is the primitive (tests run RFC 7914 §11 vectors with 1 iteration); floors are
 * enforced by parseKdfParams before kdf.ts calls it.
 */
export async function pbkdf2Sha256(pin: string | Uint8Array, salt: Bytes, iterations: number, length = KEY_BYTES): Promise<Bytes> {
  const password = typeof pin === 'string' ? utf8Encode(pin) : Uint8Array.from(pin);
  try {
    const base = await subtle().importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, length * 8);
    return new Uint8Array(bits);
  } finally {
    password.fill(0);
  }
}

/**
 * HKDF-SHA256 (RFC 5869) -> `length` bytes. Used to turn a passkey's PRF output into the
 * passkey method's KEK (salt = the method's prfSalt, info = `keyslot/passkey/v2/<id>`).
 */
export async function hkdfSha256(ikm: Bytes, salt: Bytes, info: Bytes, length = KEY_BYTES): Promise<Bytes> {
  const copy = Uint8Array.from(ikm);
  try {
    const base = await subtle().importKey('raw', copy, 'HKDF', false, ['deriveBits']);
    const bits = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, base, length * 8);
    return new Uint8Array(bits);
  } finally {
    copy.fill(0);
  }
}
