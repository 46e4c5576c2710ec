/**
 * The encrypted vault, as the UI uses it.
 *
 *   PIN --KDF(salt)--> KEK --AES-GCM unwrap--> data key (non-extractable CryptoKey)
 *   data key --AES-GCM(iv, aad = keyslot/slot/v1/<id>)--> each slot record
 *
 * Modelled on Aegis's vault (random master key wrapped once per unlock method, versioned);
 * format in README.md, "The vault format". Order of work for every write: validate, encrypt, THEN
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
import type { Slot, SlotDraft } from '../core/slot';
import {
  SALT_BYTES,
  VAULT_FORMAT,
  VAULT_FORMAT_VERSION,
  decodeSlot,
  encodeSlot,
  methodAad,
  parseHeader,
  parseKdfParams,
  parseRecord,
  serializeHeader,
  serializeRecord,
  type KdfParams,
  type PinMethod,
  type VaultHeader,
} from '../core/vault-format';
import { deriveKek, defaultKdf } from './kdf';
import * as storage from './storage';
import {
  generateExtractableDataKey,
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
}

/** True when a vault header is stored (the app shows "unlock" rather than "set up"). */
export async function hasVault(): Promise<boolean> {
  return (await storage.readHeader()) !== undefined;
}

/** PIN -> KEK (non-extractable); the derived bytes are wiped as soon as they are imported. */
async function kekFor(pin: string, method: Pick<PinMethod, 'kdf' | 'salt'>): Promise<CryptoKey> {
  const raw = await deriveKek(pin, method.kdf, method.salt);
  try {
    return await importKek(raw);
  } finally {
    raw.fill(0);
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
  if (await hasVault()) throw new KeyslotError('VAULT_EXISTS');

  const method = { id: randomId(), type: 'pin' as const, kdf, salt: randomBytes(SALT_BYTES) };
  const aad = methodAad(VAULT_FORMAT_VERSION, createdAt, method);
  const kek = await kekFor(pin, method);

  // The one moment the data key is extractable: wrapKey needs it. We then unwrap our own
  // wrapping into a non-extractable key, which both proves the stored header opens and
  // leaves the page holding only a key that exportKey refuses.
  let extractable: CryptoKey | null = await generateExtractableDataKey();
  const { iv, wrappedKey } = await wrapDataKey(kek, extractable, aad);
  extractable = null;
  const dataKey = await unwrapDataKey(kek, iv, wrappedKey, aad);

  const header: VaultHeader = {
    format: VAULT_FORMAT,
    version: VAULT_FORMAT_VERSION,
    createdAt,
    methods: [{ ...method, iv, wrappedKey }],
  };
  await storage.createVault(serializeHeader(header), serializeGuard(INITIAL_GUARD));
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
  const counted = await countAttempt(nowMs);
  for (const method of header.methods) {
    const kek = await kekFor(pin, method);
    let dataKey: CryptoKey | null = null;
    try {
      const aad = methodAad(header.version, header.createdAt, method);
      dataKey = await unwrapDataKey(kek, method.iv, method.wrappedKey, aad);
    } catch {
      // try the next method; PIN_WRONG below if none opens
    }
    if (dataKey) {
      await storage.updateGuard((stored) => serializeGuard(nextGuard(readGuard(stored), 'success', nowMs)));
      return new UnlockedVault(dataKey);
    }
  }
  if (shouldErase(counted)) {
    await storage.eraseVault();
    throw new KeyslotError('VAULT_ERASED');
  }
  throw new KeyslotError('PIN_WRONG');
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
    const slots: Slot[] = [];
    for (const raw of raws) {
      const record = parseRecord(raw);
      const plaintext = await openRecord(key, record.id, record.iv, record.ct);
      try {
        slots.push(decodeSlot(plaintext, record.id));
      } finally {
        plaintext.fill(0);
      }
    }
    this.#requireKey(); // locked while we were decrypting: hand nothing out
    return slots.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Encrypt and store a new slot with a fresh random id. Returns the stored slot. */
  async addSlot(draft: SlotDraft, name = '', createdAt: number = Date.now()): Promise<Slot> {
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
    };
    await storage.addRecord(await this.#seal(slot));
    return slot;
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
   * Change the PIN (README.md, "The vault format" → "Changing the PIN"). Only the wrapped data
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
  async changePin(currentPin: string, newPin: string, options: { kdf?: KdfParams; nowMs?: number } = {}): Promise<void> {
    this.#requireKey();
    const nowMs = options.nowMs ?? Date.now();
    const kdf = parseKdfParams(options.kdf ?? defaultKdf());
    if (typeof newPin !== 'string' || newPin.length === 0) throw new KeyslotError('PIN_TOO_SHORT', { field: 'pin' });
    const raw = await storage.readHeader();
    if (raw === undefined) throw new KeyslotError('VAULT_MISSING');
    const header = parseHeader(raw);
    if (typeof currentPin !== 'string' || currentPin.length === 0) throw new KeyslotError('PIN_WRONG');
    const counted = await countAttempt(nowMs);

    let extractable: CryptoKey | null = null;
    let index = -1;
    for (const [i, method] of header.methods.entries()) {
      const kek = await kekFor(currentPin, method);
      try {
        extractable = await unwrapDataKeyForRewrap(kek, method.iv, method.wrappedKey, methodAad(header.version, header.createdAt, method));
        index = i;
        break;
      } catch {
        // try the next method
      }
    }
    if (!extractable) {
      if (shouldErase(counted)) {
        this.lock();
        await storage.eraseVault();
        throw new KeyslotError('VAULT_ERASED');
      }
      throw new KeyslotError('PIN_WRONG');
    }

    const old = header.methods[index]!;
    const fresh = { id: old.id, type: 'pin' as const, kdf, salt: randomBytes(SALT_BYTES) };
    const aad = methodAad(VAULT_FORMAT_VERSION, header.createdAt, fresh);
    const kek = await kekFor(newPin, fresh);
    const { iv, wrappedKey } = await wrapDataKey(kek, extractable, aad);
    extractable = null; // the only extractable copy: gone
    // Prove the new wrap opens before it replaces the old one.
    await unwrapDataKey(kek, iv, wrappedKey, aad);
    this.#requireKey(); // locked meanwhile: write nothing
    const next: VaultHeader = {
      ...header,
      methods: header.methods.map((m, i) => (i === index ? { ...fresh, iv, wrappedKey } : m)),
    };
    // The attempt succeeded: the reset guard goes into the same transaction as the header.
    await storage.replaceHeader(raw, serializeHeader(next), (stored) =>
      serializeGuard(nextGuard(readGuard(stored), 'success', nowMs)),
    );
  }

  async setEraseAfterFailures(on: boolean, nowMs: number = Date.now()): Promise<AttemptGuard> {
    this.#requireKey();
    const stored = await storage.updateGuard((raw) =>
      serializeGuard(nextGuard(readGuard(raw), { eraseAfterFailures: on }, nowMs)),
    );
    return readGuard(stored);
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
      return serializeRecord({ id: slot.id, v: 1, iv, ct });
    } finally {
      plaintext.fill(0);
    }
  }
}
