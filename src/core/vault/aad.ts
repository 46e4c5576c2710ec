/**
 * The bytes bound into AES-GCM associated data (AAD) for slot records and for each unlock
 * method's wrap of the data key, plus the labels of the device-key HMAC and the passkey HKDF.
 * Canonical and easy to rebuild by hand (docs/vault.md, "Decrypting by hand").
 */
import { base64Encode, utf8Encode, type Bytes } from '../bytes';
import { RECORD_VERSION, VAULT_FORMAT } from './limits';
import type { PasskeyMethod, PinMethod, UnlockMethod } from './header';
import type { RecordVersion } from './record';

/**
 * AAD for a slot record: UTF-8 of `keyslot/slot/v<version>/<id>` (v1, v2 or v3). Binding the id
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
  return utf8Encode(
    JSON.stringify([VAULT_FORMAT, version, createdAt, m.id, m.type, ...v3, ...kdf, base64Encode(m.salt)]),
  );
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
  return utf8Encode(
    JSON.stringify([
      VAULT_FORMAT,
      2,
      createdAt,
      m.id,
      'passkey',
      base64Encode(m.credentialId),
      base64Encode(m.prfSalt),
    ]),
  );
}

/** HKDF info for a passkey method's KEK: UTF-8 of `keyslot/passkey/v2/<methodId>`. */
export function passkeyInfo(methodId: string): Bytes {
  return utf8Encode(`keyslot/passkey/v2/${methodId}`);
}

/** The AAD for any method, by its type (a PIN method binds the version it was wrapped under). */
export function aadFor(createdAt: number, m: UnlockMethod): Bytes {
  return m.type === 'pin' ? methodAad(m.wrappedUnder, createdAt, m) : passkeyAad(createdAt, m);
}

/**
 * AAD for an installed icon pack (core/icons/pack-store.ts): UTF-8 of `keyslot/iconpack/v1/<uuid>`.
 * Its own label, so a pack's ciphertext can never pass for a slot record or the reverse, and the
 * uuid, so one pack's record cannot be moved under another's key.
 */
export function iconPackAad(uuid: string): Bytes {
  return utf8Encode(`keyslot/iconpack/v1/${uuid}`);
}
