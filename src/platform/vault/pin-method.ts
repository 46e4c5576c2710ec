/**
 * The PIN-method loop, written once: read and validate the header, count the attempt (before
 * any KDF runs), then try each PIN method this browser can open with the PIN. Used by unlock
 * (non-extractable data key) and by every step that needs the current PIN again (change PIN,
 * add passkey, verify: an extractable copy for a rewrap). The erase-after-10 rule fires here.
 */
import { KeyslotError } from '../../core/errors';
import { shouldErase } from '../../core/attempt-guard';
import type { Bytes } from '../../core/bytes';
import { aadFor, parseHeader, type PinMethod, type VaultHeader } from '../../core/vault';
import * as storage from '../storage';
import { unwrapDataKey, unwrapDataKeyForRewrap } from '../webcrypto';
import { countAttempt } from './attempts';
import { openableDeviceKey } from './device-key';
import { kekFromKdf, pinKdfOutput } from './kek';

export interface PinOpened {
  /** The stored header as read (for a compare-and-swap write) and parsed. */
  readonly raw: unknown;
  readonly header: VaultHeader;
  readonly index: number;
  readonly method: PinMethod;
  readonly kek: CryptoKey;
  /** Non-extractable, or extractable when asked for (for a rewrap; drop it at once). */
  readonly dataKey: CryptoKey;
  /** False when storage was full and the attempt could not be saved (attempts.ts countAttempt). */
  readonly saved: boolean;
}

/**
 * Open the stored vault's data key with `pin`, counted through the failed-attempt guard.
 * VAULT_MISSING, VAULT_CORRUPT / VAULT_VERSION / KDF_WEAK (before any KDF), DEVICE_KEY_MISSING,
 * PIN_WAIT, PIN_WRONG, or VAULT_ERASED after `beforeErase` ran. `withKdfOutput` sees the KDF
 * output of the method that opened before it is wiped (the device-key migration uses it).
 * On success the guard is still in its counted state: the caller resets it.
 */
export async function openWithPin(
  pin: string,
  nowMs: number,
  options: {
    extractable: boolean;
    beforeErase?: () => void;
    withKdfOutput?: (opened: PinOpened, kdfOutput: Bytes) => Promise<void>;
  },
): Promise<PinOpened> {
  const raw = await storage.readHeader();
  if (raw === undefined) throw new KeyslotError('VAULT_MISSING');
  const header = parseHeader(raw);
  if (typeof pin !== 'string' || pin.length === 0) throw new KeyslotError('PIN_WRONG');
  const deviceKey = await openableDeviceKey(header);
  const { guard: counted, saved } = await countAttempt(nowMs);
  const unwrap = options.extractable ? unwrapDataKeyForRewrap : unwrapDataKey;
  for (const [index, method] of header.methods.entries()) {
    if (method.type !== 'pin' || (method.deviceBound && !deviceKey)) continue;
    const kdfOutput = await pinKdfOutput(pin, method);
    try {
      const kek = await kekFromKdf(kdfOutput, method, deviceKey);
      let dataKey: CryptoKey | null = null;
      try {
        dataKey = await unwrap(kek, method.iv, method.wrappedKey, aadFor(header.createdAt, method));
      } catch {
        // try the next method; PIN_WRONG below if none opens
      }
      if (dataKey) {
        const opened = { raw, header, index, method, kek, dataKey, saved };
        await options.withKdfOutput?.(opened, kdfOutput);
        return opened;
      }
    } finally {
      kdfOutput.fill(0);
    }
  }
  if (shouldErase(counted)) {
    options.beforeErase?.();
    await storage.eraseVault();
    throw new KeyslotError('VAULT_ERASED');
  }
  throw new KeyslotError('PIN_WRONG');
}
