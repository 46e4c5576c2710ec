/**
 * The encrypted vault, as the UI uses it.
 *
 *   PIN --KDF(salt)--> [HMAC(device key)] --> KEK --AES-GCM unwrap--> data key (non-extractable CryptoKey)
 *   data key --AES-GCM(iv, aad = keyslot/slot/v2/<id>)--> each slot record (v1 records are read too)
 *
 * Modelled on Aegis's vault (random master key wrapped once per unlock method, versioned);
 * format in docs/vault.md. Order of work for every write: validate, encrypt, THEN
 * open the IndexedDB transaction (storage.ts), so no plaintext ever reaches storage and
 * no transaction waits on crypto.
 */
import { KeyslotError } from '../core/errors';
import {
  INITIAL_GUARD,
  nextGuard,
  readGuard,
  serializeGuard,
  shouldErase,
  waitMs,
  type AttemptGuard,
} from '../core/attempt-guard';
import { SLOT_META_DEFAULTS, type Slot, type SlotDraft, type SlotMeta } from '../core/slot';
import { keyAfter } from '../core/order-keys';
import type { Bytes } from '../core/bytes';
import {
  PRF_SALT_BYTES,
  RECORD_VERSION,
  SALT_BYTES,
  VAULT_FORMAT,
  aadFor,
  decodeSlot,
  deviceMessage,
  headerVersionFor,
  passkeyAad,
  passkeyInfo,
  encodeSlot,
  methodAad,
  parseHeader,
  parseKdfParams,
  parseRecord,
  serializeHeader,
  serializeRecord,
  type KdfParams,
  type PasskeyMethod,
  type PinMethod,
  type SecretInput,
  type VaultHeader,
} from '../core/vault-format';
import { webAuthnPasskeys, type PasskeyApi } from './passkey';
import { deriveKek, defaultKdf } from './kdf';
import * as storage from './storage';
import {
  generateDeviceKey,
  generateExtractableDataKey,
  hkdfSha256,
  hmacSha256,
  isDeviceKey,
  importKek,
  openRecord,
  randomBytes,
  randomId,
  sealRecord,
  unwrapDataKey,
  unwrapDataKeyForRewrap,
  wrapDataKey,
} from './webcrypto';

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

/** True when a vault header is stored (the app shows "unlock" rather than "set up"). */
export async function hasVault(): Promise<boolean> {
  return (await storage.readHeader()) !== undefined;
}

type KekInputs = Pick<PinMethod, 'id' | 'kdf' | 'salt' | 'deviceBound'>;

/**
 * KDF output -> KEK (non-extractable). A device-bound method's KEK is
 * HMAC-SHA-256(device key, deviceMessage(id, KDF output)); otherwise the KDF output itself.
 * Intermediate bytes are wiped; `kdfOutput` is the caller's to wipe.
 */
async function kekFromKdf(kdfOutput: Bytes, method: KekInputs, deviceKey: CryptoKey | null): Promise<CryptoKey> {
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
async function kekFor(pin: string, method: KekInputs, deviceKey: CryptoKey | null): Promise<CryptoKey> {
  const raw = await deriveKek(pin, method.kdf, method.salt);
  try {
    return await kekFromKdf(raw, method, deviceKey);
  } finally {
    raw.fill(0);
  }
}

/** The stored device key, or null when there is none (or what is stored is not one). */
async function storedDeviceKey(): Promise<CryptoKey | null> {
  const key = await storage.readDeviceKey();
  return isDeviceKey(key) ? key : null;
}

/**
 * A device key for a PIN method that is about to be wrapped: the stored one, else a fresh one
 * when this browser can store it (`fresh` true: the caller stores it in the header's
 * transaction), else null (the method is made without the binding).
 */
async function deviceKeyForWrap(): Promise<{ key: CryptoKey; fresh: boolean } | null> {
  const stored = await storedDeviceKey();
  if (stored) return { key: stored, fresh: false };
  try {
    const key = await generateDeviceKey();
    return (await storage.canStoreKey(key)) ? { key, fresh: true } : null;
  } catch {
    return null;
  }
}

/** What the stored vault's PIN method expects to be typed ('digits' when there is no vault). */
export async function secretInput(): Promise<SecretInput> {
  try {
    const raw = await storage.readHeader();
    if (raw === undefined) return 'digits';
    return parseHeader(raw).methods.find((m): m is PinMethod => m.type === 'pin')?.input ?? 'digits';
  } catch {
    return 'digits'; // a damaged header shows itself when unlocking
  }
}

/** PRF output -> KEK: HKDF-SHA256(ikm = prf, salt = prfSalt, info = keyslot/passkey/v2/<id>). The caller wipes `prf`. */
async function kekFromPrf(prf: Bytes, method: Pick<PasskeyMethod, 'id' | 'prfSalt'>): Promise<CryptoKey> {
  const raw = await hkdfSha256(prf, method.prfSalt, passkeyInfo(method.id));
  try {
    return await importKek(raw);
  } finally {
    raw.fill(0);
  }
}

/** True when the stored vault has a passkey unlock method (the unlock screen shows its button). */
export async function hasPasskey(): Promise<boolean> {
  try {
    const raw = await storage.readHeader();
    return raw !== undefined && parseHeader(raw).methods.some((m) => m.type === 'passkey');
  } catch {
    return false; // a damaged header shows itself when unlocking with the PIN
  }
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
  const raw = await storage.readHeader();
  if (raw === undefined) throw new KeyslotError('VAULT_MISSING');
  const header = parseHeader(raw);
  const method = header.methods.find((m): m is PasskeyMethod => m.type === 'passkey');
  if (!method) throw new KeyslotError('PASSKEY_UNSUPPORTED');
  const prf = await api.getPrf(method.credentialId, method.prfSalt);
  let kek: CryptoKey;
  try {
    kek = await kekFromPrf(prf, method);
  } finally {
    prf.fill(0);
  }
  try {
    return new UnlockedVault(await unwrapDataKey(kek, method.iv, method.wrappedKey, passkeyAad(header.createdAt, method)));
  } catch (e) {
    if (e instanceof KeyslotError && e.code === 'PIN_WRONG') throw new KeyslotError('PASSKEY_WRONG');
    throw e;
  }
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
  let deviceKey: CryptoKey | null = null;
  if (options.deviceKey !== false) {
    try {
      const key = await generateDeviceKey();
      if (await storage.canStoreKey(key)) deviceKey = key;
    } catch {
      deviceKey = null; // no binding where the browser can't keep the key
    }
  }
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
  const aad = methodAad(method.wrappedUnder, createdAt, method);
  const kek = await kekFor(pin, method, deviceKey);

  // The one moment the data key is extractable: wrapKey needs it. We then unwrap our own
  // wrapping into a non-extractable key, which both proves the stored header opens and
  // leaves the page holding only a key that exportKey refuses.
  let extractable: CryptoKey | null = await generateExtractableDataKey();
  const { iv, wrappedKey } = await wrapDataKey(kek, extractable, aad);
  extractable = null;
  const dataKey = await unwrapDataKey(kek, iv, wrappedKey, aad);

  const methods = [{ ...method, iv, wrappedKey }];
  const header: VaultHeader = { format: VAULT_FORMAT, version: headerVersionFor(methods), createdAt, methods };
  await storage.createVault(serializeHeader(header), serializeGuard(INITIAL_GUARD), deviceKey ?? undefined);
  return new UnlockedVault(dataKey);
}

/**
 * The failed-attempt guard as stored (core/attempt-guard.ts): for the unlock screen's
 * "attempts left" and countdown, and the setting. INITIAL_GUARD when there is no vault;
 * UNKNOWN_GUARD when the vault has no readable guard.
 */
export async function attemptGuard(): Promise<AttemptGuard> {
  if ((await storage.readHeader()) === undefined) return INITIAL_GUARD;
  return readGuard(await storage.readGuard());
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
 * Slots and header are never written here.
 */
export async function unlockVault(pin: string, nowMs: number = Date.now()): Promise<UnlockedVault> {
  const raw = await storage.readHeader();
  if (raw === undefined) throw new KeyslotError('VAULT_MISSING');
  const header = parseHeader(raw);
  if (typeof pin !== 'string' || pin.length === 0) throw new KeyslotError('PIN_WRONG');
  const deviceKey = await openableDeviceKey(header);
  const counted = await countAttempt(nowMs);
  for (const method of header.methods) {
    if (method.type !== 'pin' || (method.deviceBound && !deviceKey)) continue;
    const kdfOutput = await deriveKek(pin, method.kdf, method.salt);
    try {
      const kek = await kekFromKdf(kdfOutput, method, deviceKey);
      let dataKey: CryptoKey | null = null;
      try {
        dataKey = await unwrapDataKey(kek, method.iv, method.wrappedKey, aadFor(header.createdAt, method));
      } catch {
        // try the next method; PIN_WRONG below if none opens
      }
      if (dataKey) {
        await storage.updateGuard((stored) => serializeGuard(nextGuard(readGuard(stored), 'success', nowMs)));
        if (!method.deviceBound) await bindToDevice(raw, header, method, kek, kdfOutput);
        return new UnlockedVault(dataKey);
      }
    } finally {
      kdfOutput.fill(0);
    }
  }
  if (shouldErase(counted)) {
    await storage.eraseVault();
    throw new KeyslotError('VAULT_ERASED');
  }
  throw new KeyslotError('PIN_WRONG');
}

/**
 * The device key, when a PIN method needs it. DEVICE_KEY_MISSING, before any attempt is counted,
 * when EVERY PIN method is device-bound and this browser has no device key: no PIN can open
 * the vault here (it was copied from another browser, or the browser lost the key), so saying
 * "wrong PIN" would be a lie and counting the attempt a punishment.
 */
async function openableDeviceKey(header: VaultHeader): Promise<CryptoKey | null> {
  const pins = header.methods.filter((m): m is PinMethod => m.type === 'pin');
  if (!pins.some((m) => m.deviceBound)) return null;
  const key = await storedDeviceKey();
  if (!key && pins.every((m) => m.deviceBound)) throw new KeyslotError('DEVICE_KEY_MISSING');
  return key;
}

/**
 * Forward migration of a PIN method made before device keys (or where the browser could not
 * store one then): right after it opened, with the KDF output still in hand (no second KDF run),
 * rewrap the data key under HMAC(device key, ...) as a v3 wrap and store the header with the
 * key in ONE compare-and-swap transaction. Best effort: any failure leaves the vault exactly as
 * it was (it still opens with the PIN) and the next unlock tries again.
 */
async function bindToDevice(raw: unknown, header: VaultHeader, method: PinMethod, oldKek: CryptoKey, kdfOutput: Bytes): Promise<void> {
  try {
    const device = await deviceKeyForWrap();
    if (!device) return;
    let extractable: CryptoKey | null = await unwrapDataKeyForRewrap(oldKek, method.iv, method.wrappedKey, aadFor(header.createdAt, method));
    const bound = { ...method, wrappedUnder: 3 as const, deviceBound: true };
    const kek = await kekFromKdf(kdfOutput, bound, device.key);
    const aad = methodAad(3, header.createdAt, bound);
    const { iv, wrappedKey } = await wrapDataKey(kek, extractable, aad);
    extractable = null;
    await unwrapDataKey(kek, iv, wrappedKey, aad); // proven to open before it replaces the old wrap
    const methods = header.methods.map((m) => (m.id === method.id ? { ...bound, iv, wrappedKey } : m));
    const next: VaultHeader = { ...header, version: headerVersionFor(methods), methods };
    await storage.replaceHeader(raw, serializeHeader(next), (stored) => serializeGuard(readGuard(stored)), device.fresh ? device.key : undefined);
  } catch {
    // unchanged: still opens with the PIN alone
  }
}

/**
 * Count a PIN attempt before its KDF runs: PIN_WAIT (nothing written) while a wait runs, else
 * store the guard already in its failed state and return it. Shared by unlock and change PIN.
 */
async function countAttempt(nowMs: number): Promise<AttemptGuard> {
  return readGuard(
    await storage.updateGuard((stored) => {
      const guard = readGuard(stored);
      const wait = waitMs(guard, nowMs);
      if (wait > 0) throw new KeyslotError('PIN_WAIT', { min: Math.ceil(wait / 1000) });
      return serializeGuard(nextGuard(guard, 'failure', nowMs));
    }),
  );
}

/**
 * An unlocked vault: holds the non-extractable data key until lock(). Obtain one from
 * createVault/unlockVault only. Every method after lock() throws VAULT_LOCKED.
 */
export class UnlockedVault {
  #key: CryptoKey | null;
  /** The largest position key seen, so a new slot goes to the end of the manual order. */
  #lastPosition = '';

  /** @internal use createVault / unlockVault */
  constructor(dataKey: CryptoKey) {
    if (dataKey.extractable) throw new KeyslotError('VAULT_CORRUPT', { field: 'dataKey' });
    this.#key = dataKey;
  }

  get locked(): boolean {
    return this.#key === null;
  }

  #requireKey(): CryptoKey {
    if (!this.#key) throw new KeyslotError('VAULT_LOCKED');
    return this.#key;
  }

  /**
   * All slots, decrypted, oldest first (ties by id). A record that fails to parse or
   * decrypt is NOT skipped: the whole call throws VAULT_CORRUPT (field 'slots'), so a
   * damaged or tampered vault is noticed rather than silently losing a credential.
   */
  async listSlots(): Promise<Slot[]> {
    const key = this.#requireKey();
    const raws = await storage.readRecords();
    // All decryptions at once: WebCrypto runs them off the main thread, so 5,000 records take
    // one wait, not 5,000 in a row. Any failure still fails the whole call.
    const records = raws.map(parseRecord);
    const slots = await Promise.all(
      records.map(async (record) => {
        const plaintext = await openRecord(key, record.id, record.iv, record.ct, record.v);
        try {
          return decodeSlot(plaintext, record.id, record.v);
        } finally {
          plaintext.fill(0);
        }
      }),
    );
    this.#requireKey(); // locked while we were decrypting: hand nothing out
    for (const s of slots) this.#notePosition(s.position);
    return slots.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Encrypt and store a new slot with a fresh random id. Returns the stored slot. It goes to the
   * end of the manual order unless `meta.position` says otherwise.
   */
  async addSlot(draft: SlotDraft, name = '', createdAt: number = Date.now(), meta: Partial<SlotMeta> = {}): Promise<Slot> {
    const slot: Slot = {
      id: randomId(),
      kind: draft.kind,
      issuer: draft.issuer,
      account: draft.account,
      name,
      secret: Uint8Array.from(draft.secret),
      algorithm: draft.algorithm,
      digits: draft.digits,
      period: draft.period,
      counter: draft.counter,
      createdAt,
      ...SLOT_META_DEFAULTS,
      position: keyAfter(this.#lastPosition),
      ...meta,
    };
    await storage.addRecord(await this.#seal(slot));
    return slot;
  }

  /**
   * Re-encrypt several slots and replace them in ONE transaction (a renumbered order, the trash
   * emptied of expired slots is deleteSlots): everything is encrypted first. SLOT_NOT_FOUND, and
   * nothing written, if any is gone.
   */
  async updateSlots(slots: readonly Slot[]): Promise<void> {
    const records = [];
    for (const slot of slots) records.push(await this.#seal(slot));
    await storage.replaceRecords(records);
  }

  /** Delete several slots in ONE transaction (empty the trash, purge expired ones). */
  async deleteSlots(ids: readonly string[]): Promise<void> {
    this.#requireKey();
    if (ids.length > 0) await storage.deleteRecords(ids);
  }

  /**
   * Check the PIN again while unlocked (to show a slot's secret): the same counted attempt as
   * changePin (PIN_WAIT / PIN_WRONG / VAULT_ERASED), and a right PIN resets the count. The
   * extractable key this unwraps is dropped at once; nothing else is written.
   */
  async verifyPin(currentPin: string, nowMs: number = Date.now()): Promise<void> {
    this.#requireKey();
    // The extractable key it returns is not kept: the result is dropped unused.
    await this.#extractWithPin(currentPin, nowMs);
    await storage.updateGuard((stored) => serializeGuard(nextGuard(readGuard(stored), 'success', nowMs)));
    this.#requireKey();
  }

  /**
   * Re-encrypt an existing slot (rename, HOTP counter) under a fresh random IV.
   * SLOT_NOT_FOUND if no record has this id.
   */
  async updateSlot(slot: Slot): Promise<void> {
    await storage.replaceRecord(await this.#seal(slot));
  }

  /** Delete a slot. SLOT_NOT_FOUND if no record has this id. */
  async deleteSlot(id: string): Promise<void> {
    this.#requireKey();
    await storage.deleteRecord(id);
  }

  /**
   * Turn "erase all slots after 10 wrong PINs" on or off. Only while unlocked (the settings
   * screen), so turning it off needs the PIN; the failure count is kept.
   */
  /**
   * Change the PIN (docs/vault.md, "Keys" → "Changing the PIN"). Only the wrapped data
   * key of the method that `currentPin` opens changes: new salt, new KEK from `newPin` with the
   * current default KDF (or options.kdf), new IV and wrap. Slot records are not touched, so they
   * stay byte-identical. `newPin` must already satisfy the PIN rules (pin.ts; the UI checks).
   *
   * The current PIN goes through the same failed-attempt guard as unlockVault: counted (and
   * stored) before its KDF runs, PIN_WAIT while a wait runs, PIN_WRONG when wrong, VAULT_ERASED
   * when it was the 10th wrong PIN with "erase after 10" on. Otherwise someone holding the
   * unlocked phone for a moment could try PINs here without limit and learn the PIN.
   *
   * Key material: the in-memory data key is non-extractable, and wrapKey needs an extractable
   * key, so the data key is unwrapped ONCE more from the stored header as extractable (this also
   * verifies the current PIN), wrapped under the new KEK, and the reference dropped at once.
   *
   * Order: all crypto first, then ONE IndexedDB transaction that writes the new header and the
   * reset guard, and only if the stored header is still the one read (else VAULT_CHANGED).
   * Interrupted anywhere, the old header (old PIN) or the new one (new PIN) is stored, never both
   * or neither.
   */
  async changePin(
    currentPin: string,
    newPin: string,
    options: { kdf?: KdfParams; nowMs?: number; input?: SecretInput; deviceKey?: boolean } = {},
  ): Promise<void> {
    this.#requireKey();
    const nowMs = options.nowMs ?? Date.now();
    const kdf = parseKdfParams(options.kdf ?? defaultKdf());
    const input = options.input ?? 'digits';
    if (typeof newPin !== 'string' || newPin.length === 0) throw new KeyslotError('PIN_TOO_SHORT', { field: 'pin' });
    const opened = await this.#extractWithPin(currentPin, nowMs);
    const { raw, header, index } = opened;
    let extractable: CryptoKey | null = opened.extractable;

    const old = header.methods[index]!;
    // The new wrap is bound to the device key (the stored one, or a new one stored with the
    // header) wherever the browser keeps keys. Without that and with digits, it keeps the older
    // AAD rule: v2 only when the header is v2 anyway (it has a passkey), else v1.
    const device = options.deviceKey === false ? null : await deviceKeyForWrap();
    const wrappedUnder =
      device || input !== 'digits' ? (3 as const) : header.methods.some((m) => m.type === 'passkey') ? (2 as const) : (1 as const);
    const fresh = { id: old.id, type: 'pin' as const, kdf, salt: randomBytes(SALT_BYTES), wrappedUnder, input, deviceBound: device !== null };
    const aad = methodAad(fresh.wrappedUnder, header.createdAt, fresh);
    const kek = await kekFor(newPin, fresh, device?.key ?? null);
    const { iv, wrappedKey } = await wrapDataKey(kek, extractable, aad);
    extractable = null; // the only extractable copy: gone
    // Prove the new wrap opens before it replaces the old one.
    await unwrapDataKey(kek, iv, wrappedKey, aad);
    this.#requireKey(); // locked meanwhile: write nothing
    const methods = header.methods.map((m, i) => (i === index ? { ...fresh, iv, wrappedKey } : m));
    const next: VaultHeader = { ...header, version: headerVersionFor(methods), methods };
    // The attempt succeeded: the reset guard goes into the same transaction as the header.
    await storage.replaceHeader(
      raw,
      serializeHeader(next),
      (stored) => serializeGuard(nextGuard(readGuard(stored), 'success', nowMs)),
      device?.fresh ? device.key : undefined,
    );
  }

  /**
   * The current PIN, checked through the failed-attempt guard (counted before its KDF runs),
   * unwraps the data key once more as EXTRACTABLE from the stored header, for a rewrap (change
   * PIN, add passkey). PIN_WAIT / PIN_WRONG / VAULT_ERASED as in unlockVault. On success the
   * guard is still in its counted state: the caller resets it when it writes.
   */
  async #extractWithPin(currentPin: string, nowMs: number): Promise<{ raw: unknown; header: VaultHeader; index: number; extractable: CryptoKey }> {
    const raw = await storage.readHeader();
    if (raw === undefined) throw new KeyslotError('VAULT_MISSING');
    const header = parseHeader(raw);
    if (typeof currentPin !== 'string' || currentPin.length === 0) throw new KeyslotError('PIN_WRONG');
    const deviceKey = await openableDeviceKey(header);
    const counted = await countAttempt(nowMs);
    for (const [index, method] of header.methods.entries()) {
      if (method.type !== 'pin' || (method.deviceBound && !deviceKey)) continue;
      const kek = await kekFor(currentPin, method, deviceKey);
      try {
        const extractable = await unwrapDataKeyForRewrap(kek, method.iv, method.wrappedKey, aadFor(header.createdAt, method));
        return { raw, header, index, extractable };
      } catch {
        // try the next method
      }
    }
    if (shouldErase(counted)) {
      this.lock();
      await storage.eraseVault();
      throw new KeyslotError('VAULT_ERASED');
    }
    throw new KeyslotError('PIN_WRONG');
  }

  /**
   * Add a passkey unlock method (docs/vault.md, "Passkey method"); it replaces a
   * passkey method already there (at most one). `currentPin` is checked exactly as in
   * changePin (counted attempt, PIN_WAIT / PIN_WRONG / VAULT_ERASED) and gives the extractable
   * data key; then the authenticator creates a passkey and returns its PRF output for a fresh
   * 32-byte prfSalt; HKDF makes the KEK; the data key is wrapped (AAD = passkeyAad), the wrap
   * proven to open, and the header (now version 2) written with the guard reset in ONE
   * transaction (VAULT_CHANGED if the header changed meanwhile). The PIN method is not touched.
   * If the authenticator fails (PASSKEY_*), nothing but the guard's reset is written.
   */
  async addPasskey(currentPin: string, options: { api?: PasskeyApi; nowMs?: number } = {}): Promise<void> {
    this.#requireKey();
    const api = options.api ?? webAuthnPasskeys;
    const nowMs = options.nowMs ?? Date.now();
    const opened = await this.#extractWithPin(currentPin, nowMs);
    const { raw, header } = opened;
    let extractable: CryptoKey | null = opened.extractable;
    const resetGuard = (stored: unknown) => serializeGuard(nextGuard(readGuard(stored), 'success', nowMs));
    const fields = { id: randomId(), type: 'passkey' as const, prfSalt: randomBytes(PRF_SALT_BYTES) };
    let created: { credentialId: Bytes; prf: Bytes };
    try {
      created = await api.createPasskey('Keyslot', randomBytes(16), fields.prfSalt);
    } catch (e) {
      extractable = null;
      await storage.updateGuard(resetGuard); // the PIN was right
      throw e;
    }
    const method = { ...fields, credentialId: Uint8Array.from(created.credentialId) };
    let kek: CryptoKey;
    try {
      kek = await kekFromPrf(created.prf, method);
    } finally {
      created.prf.fill(0);
    }
    const aad = passkeyAad(header.createdAt, method);
    const { iv, wrappedKey } = await wrapDataKey(kek, extractable, aad);
    extractable = null;
    await unwrapDataKey(kek, iv, wrappedKey, aad);
    this.#requireKey();
    const methods = [...header.methods.filter((m) => m.type !== 'passkey'), { ...method, iv, wrappedKey }];
    const next: VaultHeader = { ...header, version: headerVersionFor(methods), methods };
    await storage.replaceHeader(raw, serializeHeader(next), resetGuard);
  }

  /**
   * Remove the passkey unlock method, if any. The PIN method stays as it is (it keeps the AAD
   * version it was wrapped under), so a vault whose PIN was never changed while it had a passkey
   * is written back as version 1. The passkey itself stays on the authenticator (WebAuthn gives
   * no way to delete it); without the header's wrap it opens nothing.
   */
  async removePasskey(): Promise<void> {
    this.#requireKey();
    const raw = await storage.readHeader();
    if (raw === undefined) throw new KeyslotError('VAULT_MISSING');
    const header = parseHeader(raw);
    if (!header.methods.some((m) => m.type === 'passkey')) return;
    const methods = header.methods.filter((m) => m.type !== 'passkey');
    const next: VaultHeader = { ...header, version: headerVersionFor(methods), methods };
    this.#requireKey();
    await storage.replaceHeader(raw, serializeHeader(next), (stored) => serializeGuard(readGuard(stored)));
  }

  async setEraseAfterFailures(on: boolean, nowMs: number = Date.now()): Promise<AttemptGuard> {
    this.#requireKey();
    const stored = await storage.updateGuard((raw) =>
      serializeGuard(nextGuard(readGuard(raw), { eraseAfterFailures: on }, nowMs)),
    );
    return readGuard(stored);
  }

  /**
   * Restore slots from a backup: each gets a fresh random id, all are encrypted FIRST, then one
   * IndexedDB transaction adds them and deletes the `remove` ids (slots replaced by the backup's),
   * so a failure (or a closed page) leaves the vault exactly as it was. Returns the new slots.
   */
  async restoreSlots(add: readonly Omit<Slot, 'id' | keyof SlotMeta>[], remove: readonly string[]): Promise<Slot[]> {
    this.#requireKey();
    // Restored slots join the end of the manual order, not favourites, not in the trash.
    let position = this.#lastPosition;
    const slots: Slot[] = add.map((s) => ({
      ...s,
      ...SLOT_META_DEFAULTS,
      id: randomId(),
      secret: Uint8Array.from(s.secret),
      position: (position = keyAfter(position)),
    }));
    const records = [];
    for (const slot of slots) records.push(await this.#seal(slot));
    this.#requireKey();
    await storage.restoreRecords(records, remove);
    this.#notePosition(position);
    return slots;
  }

  #notePosition(position: string): void {
    if (position > this.#lastPosition) this.#lastPosition = position;
  }

  /** Forget the data key. The CryptoKey is garbage once no reference remains. */
  lock(): void {
    this.#key = null;
  }

  async #seal(slot: Slot) {
    const key = this.#requireKey();
    const plaintext = encodeSlot(slot);
    try {
      const { iv, ct } = await sealRecord(key, slot.id, plaintext);
      this.#requireKey(); // locked during encryption: write nothing
      this.#notePosition(slot.position);
      return serializeRecord({ id: slot.id, v: RECORD_VERSION, iv, ct });
    } finally {
      plaintext.fill(0);
    }
  }
}
