/**
 * The device key: a non-extractable HMAC key kept in this browser's IndexedDB that a
 * device-bound PIN method's KEK needs (docs/vault.md, "Keys"). Reading
 * it, making one for a new wrap, and refusing early when no PIN method can open without it.
 */
import { KeyslotError } from '../../core/errors';
import type { PinMethod, VaultHeader } from '../../core/vault';
import * as storage from '../storage';
import { generateDeviceKey, isDeviceKey } from '../webcrypto';

/** The stored device key, or null when there is none (or what is stored is not one). */
export async function storedDeviceKey(): Promise<CryptoKey | null> {
  const key = await storage.readDeviceKey();
  return isDeviceKey(key) ? key : null;
}

/** A fresh device key when this browser can store one, else null (the method is made without the binding). */
export async function newDeviceKey(): Promise<CryptoKey | null> {
  try {
    const key = await generateDeviceKey();
    return (await storage.canStoreKey(key)) ? key : null;
  } catch {
    return null;
  }
}

/**
 * A device key for a PIN method that is about to be wrapped: the stored one, else a fresh one
 * when this browser can store it (`fresh` true: the caller stores it in the header's
 * transaction), else null (the method is made without the binding).
 */
export async function deviceKeyForWrap(): Promise<{ key: CryptoKey; fresh: boolean } | null> {
  const stored = await storedDeviceKey();
  if (stored) return { key: stored, fresh: false };
  const key = await newDeviceKey();
  return key ? { key, fresh: true } : null;
}

/**
 * The device key, when a PIN method needs it. DEVICE_KEY_MISSING, before any attempt is counted,
 * when EVERY PIN method is device-bound and this browser has no device key: no PIN can open
 * the vault here (it was copied from another browser, or the browser lost the key), so saying
 * "wrong PIN" would be a lie and counting the attempt a punishment.
 */
export async function openableDeviceKey(header: VaultHeader): Promise<CryptoKey | null> {
  const pins = header.methods.filter((m): m is PinMethod => m.type === 'pin');
  if (!pins.some((m) => m.deviceBound)) return null;
  const key = await storedDeviceKey();
  if (!key && pins.every((m) => m.deviceBound)) throw new KeyslotError('DEVICE_KEY_MISSING');
  return key;
}
