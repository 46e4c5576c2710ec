/**
 * The vault service: is there a vault, what does it expect to be typed, create one, open one
 * (PIN or passkey). What an open vault can do is unlocked-vault.ts.
 *
 *   PIN --NFKC, KDF(salt)--> [HMAC(device key)] --> KEK --AES-GCM unwrap--> data key (non-extractable CryptoKey)
 *   data key --AES-GCM(iv, aad = keyslot/slot/v2/<id>)--> each slot record (v1 records are read too)
 *
 * Modelled on Aegis's vault (random master key wrapped once per unlock method, versioned);
 * format in docs/vault.md. Order of work for every write: validate, encrypt, THEN
 * open the IndexedDB transaction (storage.ts), so no plaintext ever reaches storage and
 * no transaction waits on crypto.
 */
import { KeyslotError } from '../../core/errors';
import { INITIAL_GUARD, serializeGuard } from '../../core/attempt-guard';
import type { Bytes } from '../../core/bytes';
import {
  SALT_BYTES,
  VAULT_FORMAT,
  aadFor,
  headerVersionFor,
  methodAad,
  parseKdfParams,
  serializeHeader,
  type KdfParams,
  type SecretInput,
  type VaultHeader,
} from '../../core/vault';
import { webAuthnPasskeys, type PasskeyApi } from '../passkey';
import { defaultKdf } from '../kdf';
import * as storage from '../storage';
import { generateExtractableDataKey, randomBytes, randomId, unwrapDataKeyForRewrap } from '../webcrypto';
import { recordSuccess, unchanged } from './attempts';
import { deviceKeyForWrap, newDeviceKey } from './device-key';
import { kekFor, kekFromKdf } from './kek';
import { openWithPasskey } from './passkey-method';
import { openWithPin, type PinOpened } from './pin-method';
import { hasVault } from './probe';
import { storeMethods, wrapAndProve } from './rewrap';
import { UnlockedVault } from './unlocked-vault';

export interface CreateVaultOptions {
  /** KDF for the PIN; defaults to defaultKdf(). Tests pass the floor to stay fast. Validated (KDF_WEAK below the floor). */
  kdf?: KdfParams;
  /** Header createdAt (ms); defaults to Date.now(). */
  now?: number;
  /** What the person types: a PIN of digits (default) or a passphrase. The rules are pin.ts's job. */
  input?: SecretInput;
  /**
   * Bind the PIN's KEK to a device key kept in this browser (default true). Where the browser
   * can't store a CryptoKey (some private modes) the vault is made without it, silently.
   * Tests turn it off to check the older header shapes.
   */
  deviceKey?: boolean;
}

/**
 * Open the stored vault with its passkey (docs/vault.md, "Passkey method"): the
 * authenticator's PRF output for the method's prfSalt, HKDF, unwrap (non-extractable).
 * PASSKEY_UNSUPPORTED when the vault has no passkey method; PASSKEY_CANCELLED / FAILED /
 * UNSUPPORTED from the authenticator (passkey.ts); PASSKEY_WRONG when the PRF output does not
 * unwrap the data key (another passkey, or a tampered method).
 *
 * The failed-attempt guard is neither checked nor counted: a passkey unlock needs the
 * authenticator's own user verification (with its own attempt limits), and a guess here is
 * a 256-bit key, not a PIN. It is not reset either: only a right PIN resets PIN failures.
 * Nothing is written. When the passkey is gone, the PIN still opens the vault.
 */
export async function unlockWithPasskey(api: PasskeyApi = webAuthnPasskeys): Promise<UnlockedVault> {
  return new UnlockedVault(await openWithPasskey(api));
}

/**
 * Create a new vault protected by `pin` and return it unlocked. VAULT_EXISTS if one is
 * already stored (checked before the slow KDF, and again atomically when writing).
 * PIN policy (length, triviality) is pin.ts's job; this only refuses an empty PIN.
 */
export async function createVault(pin: string, options: CreateVaultOptions = {}): Promise<UnlockedVault> {
  const kdf = parseKdfParams(options.kdf ?? defaultKdf());
  const createdAt = options.now ?? Date.now();
  const input = options.input ?? 'digits';
  if (await hasVault()) throw new KeyslotError('VAULT_EXISTS');

  // A fresh device key (not a leftover one): the new vault's binding starts here.
  const deviceKey = options.deviceKey !== false ? await newDeviceKey() : null;
  // The older header shapes stay for what needs nothing new: a digits PIN without binding is v1.
  const v3 = input !== 'digits' || deviceKey !== null;
  const method = {
    id: randomId(),
    type: 'pin' as const,
    kdf,
    salt: randomBytes(SALT_BYTES),
    wrappedUnder: v3 ? (3 as const) : (1 as const),
    input,
    deviceBound: deviceKey !== null,
  };
  const kek = await kekFor(pin, method, deviceKey);

  // The one moment the data key is extractable: wrapKey needs it. We then unwrap our own
  // wrapping into a non-extractable key, which both proves the stored header opens and
  // leaves the page holding only a key that exportKey refuses.
  const extractable = { key: await generateExtractableDataKey() };
  const { iv, wrappedKey, dataKey } = await wrapAndProve(
    kek,
    extractable,
    methodAad(method.wrappedUnder, createdAt, method),
  );

  const methods = [{ ...method, iv, wrappedKey }];
  const header: VaultHeader = { format: VAULT_FORMAT, version: headerVersionFor(methods), createdAt, methods };
  await storage.createVault(serializeHeader(header), serializeGuard(INITIAL_GUARD), deviceKey ?? undefined);
  return new UnlockedVault(dataKey);
}

/**
 * Open the stored vault with `pin`, at time `nowMs` (the failed-attempt guard's clock).
 * VAULT_MISSING: no vault. VAULT_CORRUPT / VAULT_VERSION / KDF_WEAK: the header fails
 * validation (checked before any KDF runs). PIN_WAIT: too many wrong PINs, the next attempt
 * must wait (`min` = seconds left, rounded up); no KDF runs and nothing is written.
 * PIN_WRONG: no unlock method opens with this PIN; a tampered salt, iv, wrappedKey or bound
 * header field lands here too, since AES-GCM cannot tell those apart from a wrong PIN.
 * VAULT_ERASED: that wrong PIN was the 10th in a row with "erase after 10" on, and the vault
 * (header, slots, guard) has been deleted.
 *
 * The guard is written BEFORE the KDF runs, already in its failed state (count + 1 and the
 * wait that earns), so closing the tab mid-derivation counts the attempt; a success resets it.
 * Slots and header are never written here (but for the one-time device-key migration).
 */
export async function unlockVault(pin: string, nowMs: number = Date.now()): Promise<UnlockedVault> {
  const opened = await openWithPin(pin, nowMs, {
    extractable: false,
    withKdfOutput: async (o, kdfOutput) => {
      await recordSuccess(nowMs);
      if (!o.method.deviceBound) await bindToDevice(o, kdfOutput);
    },
  });
  return new UnlockedVault(opened.dataKey, !opened.saved);
}

/**
 * Forward migration of a PIN method made before device keys (or where the browser could not
 * store one then): right after it opened, with the KDF output still in hand (no second KDF run),
 * rewrap the data key under HMAC(device key, ...) as a v3 wrap and store the header with the
 * key in ONE compare-and-swap transaction. Best effort: any failure leaves the vault exactly as
 * it was (it still opens with the PIN) and the next unlock tries again.
 */
async function bindToDevice({ raw, header, method, kek: oldKek }: PinOpened, kdfOutput: Bytes): Promise<void> {
  try {
    const device = await deviceKeyForWrap();
    if (!device) return;
    const extractable = {
      key: await unwrapDataKeyForRewrap(oldKek, method.iv, method.wrappedKey, aadFor(header.createdAt, method)),
    };
    const bound = { ...method, wrappedUnder: 3 as const, deviceBound: true };
    const kek = await kekFromKdf(kdfOutput, bound, device.key);
    const { iv, wrappedKey } = await wrapAndProve(kek, extractable, methodAad(3, header.createdAt, bound));
    const methods = header.methods.map((m) => (m.id === method.id ? { ...bound, iv, wrappedKey } : m));
    await storeMethods(raw, header, methods, unchanged, device.fresh ? device.key : undefined);
  } catch {
    // unchanged: still opens with the PIN alone
  }
}
