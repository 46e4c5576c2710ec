/**
 * The rewrap sequence, written once: wrap the (extractable) data key under a new KEK, drop the
 * extractable reference, and prove the new wrap opens before anything stores it; then store
 * the header with its new methods in ONE compare-and-swap transaction. Used by create,
 * change PIN, add passkey and the device-key migration on unlock.
 */
import type { Bytes } from '../../core/bytes';
import { headerVersionFor, serializeHeader, type UnlockMethod, type VaultHeader } from '../../core/vault';
import type { StoredGuardV1 } from '../../core/attempt-guard';
import * as storage from '../storage';
import { unwrapDataKey, wrapDataKey } from '../webcrypto';

/** A held extractable data key: wrapAndProve takes it and sets `key` to null (the only copy is dropped). */
export interface ExtractableKey {
  key: CryptoKey | null;
}

/**
 * Wrap `extractable.key` under `kek` with `aad`, forget it (the only extractable copy), and
 * unwrap the new wrap as a NON-extractable key: proof that it opens, and the key to use.
 */
export async function wrapAndProve(
  kek: CryptoKey,
  extractable: ExtractableKey,
  aad: Bytes,
): Promise<{ iv: Bytes; wrappedKey: Bytes; dataKey: CryptoKey }> {
  const key = extractable.key;
  extractable.key = null;
  if (!key) throw new TypeError('extractable key already used');
  const { iv, wrappedKey } = await wrapDataKey(kek, key, aad);
  const dataKey = await unwrapDataKey(kek, iv, wrappedKey, aad);
  return { iv, wrappedKey, dataKey };
}

/** `header` with these methods, at the lowest version that holds them. */
export function withMethods(header: VaultHeader, methods: readonly UnlockMethod[]): VaultHeader {
  return { ...header, version: headerVersionFor(methods), methods };
}

/**
 * Store `header` with `methods` if the stored header is still `raw` (VAULT_CHANGED otherwise),
 * the guard updated by `guard` and, when given, a fresh device key, all in one transaction.
 */
export function storeMethods(
  raw: unknown,
  header: VaultHeader,
  methods: readonly UnlockMethod[],
  guard: (stored: unknown) => StoredGuardV1,
  deviceKey?: CryptoKey,
): Promise<void> {
  return storage.replaceHeader(raw, serializeHeader(withMethods(header, methods)), guard, deviceKey);
}
