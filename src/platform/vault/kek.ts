/**
 * Key-encryption keys, one way per unlock method: a PIN method's from the KDF of the PIN
 * (NFKC-normalised here, the one place: any caller derives the same key for the same PIN),
 * optionally peppered with the device key; a passkey method's from the authenticator's PRF
 * output through HKDF. Every KEK is a non-extractable CryptoKey; intermediate bytes are wiped.
 */
import { KeyslotError } from '../../core/errors';
import type { Bytes } from '../../core/bytes';
import { normalizePin } from '../../core/pin';
import { deviceMessage, passkeyInfo, type PasskeyMethod, type PinMethod } from '../../core/vault';
import { deriveKek } from '../kdf';
import { hkdfSha256, hmacSha256, importKek } from '../webcrypto';

export type KekInputs = Pick<PinMethod, 'id' | 'kdf' | 'salt' | 'deviceBound'>;

/**
 * The KDF output for a PIN method: NFKC first (pin.ts normalizePin: full-width digits from a
 * Japanese IME are the ASCII ones), so the vault API, not each caller, decides what a PIN is.
 * The caller wipes the result.
 */
export function pinKdfOutput(pin: string, method: Pick<PinMethod, 'kdf' | 'salt'>): Promise<Bytes> {
  return deriveKek(normalizePin(pin), method.kdf, method.salt);
}

/**
 * KDF output -> KEK (non-extractable). A device-bound method's KEK is
 * HMAC-SHA-256(device key, deviceMessage(id, KDF output)); otherwise the KDF output itself.
 * Intermediate bytes are wiped; `kdfOutput` is the caller's to wipe.
 */
export async function kekFromKdf(kdfOutput: Bytes, method: KekInputs, deviceKey: CryptoKey | null): Promise<CryptoKey> {
  if (!method.deviceBound) return importKek(kdfOutput);
  if (!deviceKey) throw new KeyslotError('DEVICE_KEY_MISSING');
  const message = deviceMessage(method.id, kdfOutput);
  let mac: Bytes | null = null;
  try {
    mac = await hmacSha256(deviceKey, message);
    return await importKek(mac);
  } finally {
    message.fill(0);
    mac?.fill(0);
  }
}

/** PIN -> KEK (non-extractable); the derived bytes are wiped as soon as they are used. */
export async function kekFor(pin: string, method: KekInputs, deviceKey: CryptoKey | null): Promise<CryptoKey> {
  const raw = await pinKdfOutput(pin, method);
  try {
    return await kekFromKdf(raw, method, deviceKey);
  } finally {
    raw.fill(0);
  }
}

/** PRF output -> KEK: HKDF-SHA256(ikm = prf, salt = prfSalt, info = keyslot/passkey/v2/<id>). The caller wipes `prf`. */
export async function kekFromPrf(prf: Bytes, method: Pick<PasskeyMethod, 'id' | 'prfSalt'>): Promise<CryptoKey> {
  const raw = await hkdfSha256(prf, method.prfSalt, passkeyInfo(method.id));
  try {
    return await importKek(raw);
  } finally {
    raw.fill(0);
  }
}
