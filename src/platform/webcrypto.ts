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
import { ID_BYTES, IV_BYTES, KEY_BYTES, WRAPPED_KEY_BYTES } from '../core/vault/limits';

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
export async function wrapDataKey(
  kek: CryptoKey,
  dataKey: CryptoKey,
  aad: Bytes,
): Promise<{ iv: Bytes; wrappedKey: Bytes }> {
  const iv = randomBytes(IV_BYTES);
  const wrapped = await subtle().wrapKey('raw', dataKey, kek, {
    name: AES_GCM,
    iv,
    additionalData: aad,
    tagLength: TAG_BITS,
  });
  return { iv, wrappedKey: new Uint8Array(wrapped) };
}

/** AES-GCM unwrap of the data key. PIN_WRONG on failure: GCM cannot tell a wrong KEK from a tampered iv/wrappedKey/aad, and a wrong PIN is by far the likelier. */
async function unwrap(
  kek: CryptoKey,
  iv: Bytes,
  wrappedKey: Bytes,
  aad: Bytes,
  extractable: boolean,
): Promise<CryptoKey> {
  if (iv.length !== IV_BYTES || wrappedKey.length !== WRAPPED_KEY_BYTES)
    throw new KeyslotError('VAULT_CORRUPT', { field: 'wrappedKey' });
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

/** Encrypt one slot's plaintext: AES-256-GCM, fresh random IV; `aad` is the caller's (the vault format's recordAad). */
export async function sealRecord(key: CryptoKey, plaintext: Bytes, aad: Bytes): Promise<{ iv: Bytes; ct: Bytes }> {
  const iv = randomBytes(IV_BYTES);
  const ct = await subtle().encrypt({ name: AES_GCM, iv, additionalData: aad, tagLength: TAG_BITS }, key, plaintext);
  return { iv, ct: new Uint8Array(ct) };
}

/** Decrypt one slot record under `aad`; any authentication failure is VAULT_CORRUPT (the key is known good). */
export async function openRecord(key: CryptoKey, iv: Bytes, ct: Bytes, aad: Bytes): Promise<Bytes> {
  try {
    const pt = await subtle().decrypt({ name: AES_GCM, iv, additionalData: aad, tagLength: TAG_BITS }, key, ct);
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
export async function pbkdf2Sha256(
  pin: string | Uint8Array,
  salt: Bytes,
  iterations: number,
  length = KEY_BYTES,
): Promise<Bytes> {
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

/**
 * Import 32 bytes derived from a backup password as a non-extractable AES-256-GCM key
 * (encrypt/decrypt). The caller wipes `raw`.
 */
export function importBackupKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES) throw new KeyslotError('KDF_FAILED', { field: 'key' });
  return subtle().importKey('raw', Uint8Array.from(raw), { name: AES_GCM }, false, ['encrypt', 'decrypt']);
}

/** Encrypt a backup's plaintext: AES-256-GCM, fresh random IV, `aad` binds the file's header fields. */
export async function sealBackup(key: CryptoKey, plaintext: Bytes, aad: Bytes): Promise<{ iv: Bytes; ct: Bytes }> {
  const iv = randomBytes(IV_BYTES);
  const ct = await subtle().encrypt({ name: AES_GCM, iv, additionalData: aad, tagLength: TAG_BITS }, key, plaintext);
  return { iv, ct: new Uint8Array(ct) };
}

/**
 * Decrypt a backup. BACKUP_PASSWORD_WRONG on any authentication failure: GCM cannot tell a
 * wrong password from an edited header field, IV or ciphertext, and a wrong password is the likelier.
 */
export async function openBackup(key: CryptoKey, iv: Bytes, ct: Bytes, aad: Bytes): Promise<Bytes> {
  try {
    return new Uint8Array(
      await subtle().decrypt({ name: AES_GCM, iv, additionalData: aad, tagLength: TAG_BITS }, key, ct),
    );
  } catch {
    throw new KeyslotError('BACKUP_PASSWORD_WRONG');
  }
}

/**
 * A fresh device key: HMAC-SHA-256, NON-extractable, usable only to sign. Kept in this
 * browser's IndexedDB (storage.ts) so a device-bound PIN method's KEK needs it; exportKey
 * refuses it, and where the browser protects stored keys (WebKit wraps them with a key from
 * the system keychain) a copy of the database files alone does not carry it.
 */
export function generateDeviceKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
}

/** True when `key` is a usable device key (a stored value may be anything). */
export function isDeviceKey(key: unknown): key is CryptoKey {
  return (
    typeof CryptoKey !== 'undefined' &&
    key instanceof CryptoKey &&
    key.type === 'secret' &&
    key.algorithm.name === 'HMAC' &&
    key.usages.includes('sign') &&
    !key.extractable
  );
}

/** HMAC-SHA-256 (RFC 2104) of `message` under a non-extractable key -> 32 bytes. The caller wipes both. */
export async function hmacSha256(key: CryptoKey, message: Bytes): Promise<Bytes> {
  try {
    return new Uint8Array(await subtle().sign('HMAC', key, message));
  } catch {
    throw new KeyslotError('KDF_FAILED', { field: 'deviceKey' });
  }
}

// ---------------------------------------------------------------- reading other apps' exports
// Keys come from files other apps wrote (src/core/importers), so they are raw bytes here,
// imported for one operation and never stored.

const HASHES = new Set(['SHA-1', 'SHA-256', 'SHA-512']);

/** PBKDF2-HMAC with the hash an export uses (andOTP: SHA-1, 2FAS: SHA-256). Iteration caps are the importer's. */
export async function pbkdf2Raw(
  hash: string,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Promise<Bytes> {
  if (!HASHES.has(hash)) throw new KeyslotError('KDF_FAILED', { field: 'hash' });
  const copy = Uint8Array.from(password);
  try {
    const base = await subtle().importKey('raw', copy, 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle().deriveBits(
      { name: 'PBKDF2', hash, salt: Uint8Array.from(salt), iterations },
      base,
      length * 8,
    );
    return new Uint8Array(bits);
  } finally {
    copy.fill(0);
  }
}

/** AES-GCM decryption with a raw key and a 128-bit tag at the end of `data`. Rejects when it does not authenticate. */
export async function aesGcmDecryptRaw(
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  aad?: Uint8Array,
): Promise<Bytes> {
  const k = await subtle().importKey('raw', Uint8Array.from(key), { name: AES_GCM }, false, ['decrypt']);
  const params: AesGcmParams = { name: AES_GCM, iv: Uint8Array.from(iv), tagLength: TAG_BITS };
  if (aad) params.additionalData = Uint8Array.from(aad);
  return new Uint8Array(await subtle().decrypt(params, k, Uint8Array.from(data)));
}

/** AES-GCM encryption with a raw key, fresh `iv` from the caller, 128-bit tag appended (sealed activation links). */
export async function aesGcmEncryptRaw(
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<Bytes> {
  const k = await subtle().importKey('raw', Uint8Array.from(key), { name: AES_GCM }, false, ['encrypt']);
  const params: AesGcmParams = {
    name: AES_GCM,
    iv: Uint8Array.from(iv),
    tagLength: TAG_BITS,
    additionalData: Uint8Array.from(aad),
  };
  return new Uint8Array(await subtle().encrypt(params, k, Uint8Array.from(plaintext)));
}

/** AES-CBC decryption with PKCS#7 unpadding (WebCrypto's); rejects on bad padding. */
export async function aesCbcDecryptRaw(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Bytes> {
  const k = await subtle().importKey('raw', Uint8Array.from(key), { name: 'AES-CBC' }, false, ['decrypt']);
  return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: Uint8Array.from(iv) }, k, Uint8Array.from(data)));
}

/** SHA-256 (FIPS 180-4): imports (TOTP Authenticator's and andOTP's old keys) and the backup reminder's fingerprint. */
export async function sha256(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-256', Uint8Array.from(data)));
}

// ---------------------------------------------------------------- privacyIDEA containers
// The container's signing key is ECDSA P-384 (privacyIDEA's secp384r1), its private half
// NON-extractable and kept in IndexedDB (storage.ts) like the device key. Each sync makes a
// one-time X25519 key; the server's answer is AES-256-GCM under the raw X25519 shared secret
// (privacyIDEA's smartphone.py encrypt_dict uses the exchange output itself as the key).

const PIA_HASHES: Readonly<Record<string, string>> = { SHA256: 'SHA-256', SHA384: 'SHA-384', SHA512: 'SHA-512' };

/** A fresh P-384 signing key pair; the private key cannot be exported. */
export function generateSigningKeyPair(): Promise<CryptoKeyPair> {
  return subtle().generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, [
    'sign',
    'verify',
  ]) as Promise<CryptoKeyPair>;
}

/** True when `key` is a usable stored signing key (a stored value may be anything). */
export function isSigningKey(key: unknown): key is CryptoKey {
  return (
    typeof CryptoKey !== 'undefined' &&
    key instanceof CryptoKey &&
    key.type === 'private' &&
    key.algorithm.name === 'ECDSA' &&
    (key.algorithm as { namedCurve?: string }).namedCurve === 'P-384' &&
    key.usages.includes('sign') &&
    !key.extractable
  );
}

/** The public key as SubjectPublicKeyInfo DER (public keys are always exportable). */
export async function exportPublicSpki(key: CryptoKey): Promise<Bytes> {
  return new Uint8Array(await subtle().exportKey('spki', key));
}

/** ECDSA signature, raw r‖s (IEEE P1363, 96 bytes for P-384): core/privacyidea/encoding.ts makes it DER. */
export async function signEcdsa(key: CryptoKey, hash: string, message: Bytes): Promise<Bytes> {
  const name = PIA_HASHES[hash];
  if (!name) throw new KeyslotError('PIA_ALGORITHM', { field: 'hash_algorithm' });
  return new Uint8Array(await subtle().sign({ name: 'ECDSA', hash: name }, key, message));
}

/**
 * A one-time X25519 key pair for one sync: the private key as a non-extractable CryptoKey, or,
 * where WebCrypto has no X25519, as 32 random bytes for x25519-fallback.ts (wiped after use).
 */
export async function generateX25519(): Promise<{ privateKey: CryptoKey | Bytes; publicRaw: Bytes }> {
  let pair: CryptoKeyPair;
  try {
    pair = (await subtle().generateKey({ name: 'X25519' }, false, ['deriveKey'])) as CryptoKeyPair;
  } catch {
    const secret = randomBytes(32);
    const { x25519PublicKey } = await import('./x25519-fallback');
    return { privateKey: secret, publicRaw: x25519PublicKey(secret) };
  }
  return { privateKey: pair.privateKey, publicRaw: new Uint8Array(await subtle().exportKey('raw', pair.publicKey)) };
}

async function syncKey(privateKey: CryptoKey | Bytes, serverKey: Bytes): Promise<CryptoKey> {
  if (privateKey instanceof Uint8Array) {
    const { x25519Shared } = await import('./x25519-fallback');
    const shared = x25519Shared(privateKey, serverKey);
    try {
      return await subtle().importKey('raw', shared, { name: AES_GCM }, false, ['decrypt']);
    } finally {
      shared.fill(0);
      privateKey.fill(0);
    }
  }
  const peer = await subtle().importKey('raw', serverKey, { name: 'X25519' }, false, []);
  return subtle().deriveKey({ name: 'X25519', public: peer }, privateKey, { name: AES_GCM, length: 256 }, false, [
    'decrypt',
  ]);
}

/**
 * Opens a sync answer: X25519(our private key, the server's raw public key) is the AES-256-GCM
 * key; `sealed` is ciphertext‖tag. A bad server key (an all-zero shared secret is refused) is
 * PIA_ANSWER 'public_server_key'; a wrong tag or a changed byte is PIA_ANSWER 'tag'.
 */
export async function openSyncAnswer(
  privateKey: CryptoKey | Bytes,
  serverKey: Bytes,
  iv: Bytes,
  sealed: Bytes,
): Promise<Bytes> {
  let key: CryptoKey;
  try {
    key = await syncKey(privateKey, serverKey);
  } catch {
    throw new KeyslotError('PIA_ANSWER', { field: 'public_server_key' });
  }
  try {
    return new Uint8Array(await subtle().decrypt({ name: AES_GCM, iv, tagLength: TAG_BITS }, key, sealed));
  } catch {
    throw new KeyslotError('PIA_ANSWER', { field: 'tag' });
  }
}
