/**
 * Changing the PIN (docs/vault.md, "Keys" → "Changing the PIN"), after the current PIN opened
 * the vault once more (pin-method.ts openWithPin, extractable). Only the wrapped data key of
 * the method that PIN opened changes: new salt, new KEK from `newPin` with the given KDF, new
 * IV and wrap. Slot records are not touched, so they stay byte-identical.
 *
 * The current PIN went through the same failed-attempt guard as unlockVault: counted (and
 * stored) before its KDF ran. Otherwise someone holding the unlocked phone for a moment could
 * try PINs here without limit and learn the PIN.
 *
 * Key material: the in-memory data key is non-extractable, and wrapKey needs an extractable
 * key, so the data key was unwrapped ONCE more from the stored header as extractable; it is
 * wrapped under the new KEK here, and the reference dropped at once.
 *
 * Order: all crypto first, then ONE IndexedDB transaction that writes the new header and the
 * reset guard, and only if the stored header is still the one read (else VAULT_CHANGED).
 * Interrupted anywhere, the old header (old PIN) or the new one (new PIN) is stored, never both
 * or neither.
 */
import { methodAad, SALT_BYTES, type KdfParams, type SecretInput } from '../../core/vault';
import { randomBytes } from '../webcrypto';
import { succeeded } from './attempts';
import { deviceKeyForWrap } from './device-key';
import { kekFor } from './kek';
import type { PinOpened } from './pin-method';
import { storeMethods, wrapAndProve } from './rewrap';

/** `requireKey` throws VAULT_LOCKED when the vault was locked meanwhile: then nothing is written. */
export async function replacePinMethod(
  opened: PinOpened,
  newPin: string,
  options: { kdf: KdfParams; nowMs: number; input?: SecretInput; deviceKey?: boolean },
  requireKey: () => void,
): Promise<void> {
  const { kdf, nowMs } = options;
  const { raw, header, index, dataKey } = opened;
  const input = options.input ?? 'digits';
  const extractable = { key: dataKey };

  const old = header.methods[index]!;
  // The new wrap is bound to the device key (the stored one, or a new one stored with the
  // header) wherever the browser keeps keys. Without that and with digits, it keeps the older
  // AAD rule: v2 only when the header is v2 anyway (it has a passkey), else v1.
  const device = options.deviceKey === false ? null : await deviceKeyForWrap();
  const wrappedUnder =
    device || input !== 'digits'
      ? (3 as const)
      : header.methods.some((m) => m.type === 'passkey')
        ? (2 as const)
        : (1 as const);
  const fresh = {
    id: old.id,
    type: 'pin' as const,
    kdf,
    salt: randomBytes(SALT_BYTES),
    wrappedUnder,
    input,
    deviceBound: device !== null,
  };
  const kek = await kekFor(newPin, fresh, device?.key ?? null);
  // Proven to open before it replaces the old wrap; the only extractable copy is gone after.
  const { iv, wrappedKey } = await wrapAndProve(
    kek,
    extractable,
    methodAad(fresh.wrappedUnder, header.createdAt, fresh),
  );
  requireKey(); // locked meanwhile: write nothing
  const methods = header.methods.map((m, i) => (i === index ? { ...fresh, iv, wrappedKey } : m));
  // The attempt succeeded: the reset guard goes into the same transaction as the header.
  await storeMethods(raw, header, methods, succeeded(nowMs), device?.fresh ? device.key : undefined);
}
