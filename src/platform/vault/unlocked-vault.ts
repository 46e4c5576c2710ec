/**
 * An open vault: holds the non-extractable data key until lock(). Lists, adds, updates,
 * restores and deletes slots (each encrypted before its IndexedDB transaction opens), and the
 * steps that need the current PIN again: verify it, change it, add or remove a passkey.
 * A little over ~400 lines: one class, because every method shares the one data key and the
 * compare-and-swap rules; longer steps live beside it (change-pin.ts, icon-packs.ts, rewrap.ts).
 */
import { KeyslotError } from '../../core/errors';
import { nextGuard, readGuard, serializeGuard, type AttemptGuard } from '../../core/attempt-guard';
import { SLOT_META_DEFAULTS, type Slot, type SlotDraft, type SlotMeta } from '../../core/slot';
import { keyAfter } from '../../core/order-keys';
import type { ManagedInfo } from '../../core/privacyidea/managed';
import { checkDraft, parseName } from '../../core/validate';
import {
  RECORD_VERSION,
  decodeSlot,
  encodeSlot,
  parseKdfParams,
  parseRecord,
  recordAad,
  serializeRecord,
  type KdfParams,
  type SecretInput,
} from '../../core/vault';
import { webAuthnPasskeys, type PasskeyApi } from '../passkey';
import { defaultKdf } from '../kdf';
import * as storage from '../storage';
import { openRecord, randomId, sealRecord } from '../webcrypto';
import { recordSuccess, succeeded } from './attempts';
import { addPasskeyMethod, removePasskeyMethod } from './passkey-method';
import { replacePinMethod } from './change-pin';
import { openWithPin, type PinOpened } from './pin-method';
import { iconPackStore, type IconPackStore } from './icon-packs';
import { firstScreenStore, type FirstScreenStore } from './first-screen';

/** What a registration or sync stores (storeContainerChanges): new managed slots and changed slots. */
export interface ContainerPlan {
  add: readonly { draft: SlotDraft; managed: ManagedInfo }[];
  change: readonly Slot[];
}

/** The records stored as last read or written by this tab, and their slots (addSlotsIfNew). */
export interface StoredSlots {
  readonly raws: readonly unknown[];
  readonly slots: readonly Slot[];
}

/** How often a compare-and-swap write reads again after another tab changed the store meanwhile. */
const WRITE_ATTEMPTS = 5;

/**
 * An unlocked vault: holds the non-extractable data key until lock(). Obtain one from
 * createVault/unlockVault only. Every method after lock() throws VAULT_LOCKED.
 */
export class UnlockedVault {
  #key: CryptoKey | null;
  /** The largest position key seen, so a new slot goes to the end of the manual order. */
  #lastPosition = '';

  /**
   * True when the PIN that opened it was tried while storage was full, so the attempt could not
   * be recorded (issue 14): the UI shows a warning.
   */
  readonly attemptUnsaved: boolean;

  /** @internal use createVault / unlockVault */
  constructor(dataKey: CryptoKey, attemptUnsaved = false) {
    if (dataKey.extractable) throw new KeyslotError('VAULT_CORRUPT', { field: 'dataKey' });
    this.#key = dataKey;
    this.attemptUnsaved = attemptUnsaved;
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
    return this.#openAll(key, await storage.readRecords());
  }

  async #openAll(key: CryptoKey, raws: readonly unknown[]): Promise<Slot[]> {
    // All decryptions at once: WebCrypto runs them off the main thread, so 5,000 records take
    // one wait, not 5,000 in a row. Any failure still fails the whole call.
    const slots = await Promise.all(raws.map((raw) => this.#open(key, raw)));
    this.#requireKey(); // locked while we were decrypting: hand nothing out
    for (const s of slots) this.#notePosition(s.position);
    return slots.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async #open(key: CryptoKey, raw: unknown): Promise<Slot> {
    const record = parseRecord(raw);
    const plaintext = await openRecord(key, record.iv, record.ct, recordAad(record.id, record.v));
    try {
      return decodeSlot(plaintext, record.id, record.v);
    } finally {
      plaintext.fill(0);
    }
  }

  /**
   * Change slots as they are stored NOW, safe against other tabs: read their records, decrypt,
   * apply `change` to each, encrypt, then ONE transaction stores them all only if every record is
   * still the one read (storage.swapRecords); otherwise all of it again from the newer records.
   * So a favourite set in another tab is kept, and an HOTP counter that `change` advances from the
   * stored value is never lowered. SLOT_NOT_FOUND (nothing written) if one is gone; VAULT_CHANGED
   * if they keep changing under us.
   */
  async changeSlots(ids: readonly string[], change: (stored: Slot) => Slot): Promise<Slot[]> {
    const key = this.#requireKey();
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const raws = await Promise.all(ids.map((id) => storage.readRecord(id)));
      if (raws.some((raw) => raw === undefined)) throw new KeyslotError('SLOT_NOT_FOUND');
      const next: Slot[] = [];
      for (const raw of raws) next.push(change(await this.#open(key, raw)));
      if (next.some((slot, i) => slot.id !== ids[i])) throw new KeyslotError('SLOT_NOT_FOUND', { field: 'id' });
      const records = [];
      for (const slot of next) records.push(await this.#seal(slot));
      if (await storage.swapRecords(raws, records)) return next;
    }
    throw new KeyslotError('VAULT_CHANGED');
  }

  /**
   * Add a new slot unless `isDuplicate` says the slots stored NOW already hold it (SLOT_DUPLICATE):
   * read and decrypt every record, check, encrypt the new one, then one transaction adds it only
   * if the store still holds exactly the records read (storage.addRecordIfUnchanged), else again.
   * So a secret another tab just added is refused here too.
   */
  async addSlotIfNew(
    draft: SlotDraft,
    name: string,
    isDuplicate: (stored: readonly Slot[]) => boolean,
    createdAt: number = Date.now(),
  ): Promise<Slot> {
    const key = this.#requireKey();
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const raws = await storage.readRecords();
      if (isDuplicate(await this.#openAll(key, raws))) throw new KeyslotError('SLOT_DUPLICATE');
      const slot = this.#newSlot(draft, name, createdAt, {});
      if (await storage.addRecordIfUnchanged(await this.#seal(slot), raws)) return slot;
    }
    throw new KeyslotError('VAULT_CHANGED');
  }

  /**
   * Add many new slots (one batch of an import) all or nothing: `fresh` says, for the slots stored
   * NOW (other tabs' too), which drafts are not already there; those are encrypted, then ONE
   * transaction adds them only if the store still holds exactly the records read
   * (storage.addRecordsIfUnchanged), else all of it again from a fresh read. Returns, per draft,
   * its stored slot or null (a duplicate), and `seen`: what the store holds after this batch, to
   * pass to the next call so it does not read and decrypt every record again (a store that
   * changed meanwhile is still noticed by the transaction's check). `metas[i]`: what draft i's
   * slot starts with beyond the defaults (an import's groups, favourite, note, icon).
   */
  async addSlotsIfNew(
    drafts: readonly SlotDraft[],
    fresh: (drafts: readonly SlotDraft[], stored: readonly Slot[]) => readonly boolean[],
    seen?: StoredSlots,
    createdAt: number = Date.now(),
    metas: readonly Partial<SlotMeta>[] = [],
  ): Promise<{ added: (Slot | null)[]; seen: StoredSlots }> {
    const key = this.#requireKey();
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      if (!seen || attempt > 0) {
        const raws = await storage.readRecords();
        seen = { raws, slots: await this.#openAll(key, raws) };
      }
      const keep = fresh(drafts, seen.slots);
      let position = this.#lastPosition;
      const added = drafts.map((draft, i) =>
        keep[i]
          ? this.#newSlot(draft, '', createdAt, { ...metas[i], position: (position = keyAfter(position)) })
          : null,
      );
      const slots = added.filter((slot) => slot !== null);
      // Encrypt first (all at once: WebCrypto works off the main thread), then one transaction.
      const records = await Promise.all(slots.map((slot) => this.#seal(slot)));
      if (records.length === 0 || (await storage.addRecordsIfUnchanged(records, seen.raws))) {
        return { added, seen: { raws: [...seen.raws, ...records], slots: [...seen.slots, ...slots] } };
      }
    }
    throw new KeyslotError('VAULT_CHANGED');
  }

  /**
   * Encrypt and store a new slot with a fresh random id. Returns the stored slot. It goes to the
   * end of the manual order unless `meta.position` says otherwise.
   */
  async addSlot(
    draft: SlotDraft,
    name = '',
    createdAt: number = Date.now(),
    meta: Partial<SlotMeta> = {},
  ): Promise<Slot> {
    const slot = this.#newSlot(draft, name, createdAt, meta);
    await storage.addRecord(await this.#seal(slot));
    return slot;
  }

  /**
   * privacyIDEA (platform/privacyidea.ts): store what a registration or a sync brings, safe
   * against other tabs: read and decrypt every record, let `plan` decide from the slots stored
   * NOW (new managed slots, changed ones: new secret, counter, withdrawn), encrypt, then ONE
   * transaction stores them with the container's signing key (registration only), only if the
   * store still holds exactly the records read (storage.storeContainerChanges); otherwise all of
   * it again. So a rename in another tab is planned over, never lost. Nothing is stored if any
   * part fails; VAULT_CHANGED if the store keeps changing. Returns the new and changed slots.
   */
  async storeContainerChanges(
    key: { keyId: string; key: CryptoKey } | null,
    plan: (stored: readonly Slot[]) => ContainerPlan,
    createdAt: number = Date.now(),
  ): Promise<{ added: Slot[]; changed: Slot[] }> {
    const dataKey = this.#requireKey();
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const raws = await storage.readRecords();
      const { add, change } = plan(await this.#openAll(dataKey, raws));
      const added: Slot[] = [];
      const addedRecords = [];
      for (const { draft, managed } of add) {
        const slot = { ...this.#newSlot(draft, '', createdAt, {}), managed };
        added.push(slot);
        addedRecords.push(await this.#seal(slot)); // notes its position: the next one goes after it
      }
      const changedRecords = [];
      for (const slot of change) changedRecords.push(await this.#seal(slot));
      if (await storage.storeContainerChanges(key, addedRecords, changedRecords, raws))
        return { added, changed: [...change] };
    }
    throw new KeyslotError('VAULT_CHANGED');
  }

  /** Delete a container's slots and, when `keyId` is given (no slot uses it any more), its signing key. */
  async deleteContainerSlots(ids: readonly string[], keyId: string | null): Promise<void> {
    this.#requireKey();
    await storage.deleteContainerRecords(ids, keyId);
  }

  /**
   * A new slot from a draft, through the one validator and name normaliser (core/validate.ts),
   * whatever way the draft came in (issue 14).
   */
  #newSlot(rawDraft: SlotDraft, rawName: string, createdAt: number, meta: Partial<SlotMeta>): Slot {
    const draft = checkDraft(rawDraft);
    return {
      id: randomId(),
      kind: draft.kind,
      issuer: draft.issuer,
      account: draft.account,
      name: parseName(rawName, 'name'),
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
    await recordSuccess(nowMs);
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
   * Change the PIN (docs/vault.md, "Keys" → "Changing the PIN"): the current PIN through the
   * failed-attempt guard, then only that PIN method's wrap is replaced (change-pin.ts). Slot
   * records are not touched. `newPin` must already satisfy the PIN rules (pin.ts; the UI checks).
   */
  async changePin(
    currentPin: string,
    newPin: string,
    options: { kdf?: KdfParams; nowMs?: number; input?: SecretInput; deviceKey?: boolean } = {},
  ): Promise<void> {
    this.#requireKey();
    const nowMs = options.nowMs ?? Date.now();
    const kdf = parseKdfParams(options.kdf ?? defaultKdf());
    if (typeof newPin !== 'string' || newPin.length === 0) throw new KeyslotError('PIN_TOO_SHORT', { field: 'pin' });
    const opened = await this.#extractWithPin(currentPin, nowMs);
    await replacePinMethod(opened, newPin, { ...options, kdf, nowMs }, () => this.#requireKey());
  }

  /**
   * The current PIN, checked through the failed-attempt guard (counted before its KDF runs),
   * unwraps the data key once more as EXTRACTABLE from the stored header, for a rewrap (change
   * PIN, add passkey). PIN_WAIT / PIN_WRONG / VAULT_ERASED as in unlockVault. On success the
   * guard is still in its counted state: the caller resets it when it writes.
   */
  #extractWithPin(currentPin: string, nowMs: number): Promise<PinOpened> {
    return openWithPin(currentPin, nowMs, { extractable: true, beforeErase: () => this.lock() });
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
    const extractable = { key: opened.dataKey };
    await addPasskeyMethod(opened, extractable, api, succeeded(nowMs), () => this.#requireKey());
  }

  /**
   * Remove the passkey unlock method, if any. The PIN method stays as it is (it keeps the AAD
   * version it was wrapped under), so a vault whose PIN was never changed while it had a passkey
   * is written back as version 1. The passkey itself stays on the authenticator (WebAuthn gives
   * no way to delete it); without the header's wrap it opens nothing.
   */
  async removePasskey(): Promise<void> {
    this.#requireKey();
    await removePasskeyMethod(() => this.#requireKey());
  }

  /**
   * Turn "erase all slots after 10 wrong PINs" on or off. Only while unlocked (the settings
   * screen), so turning it off needs the PIN; the failure count is kept.
   */
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
  async restoreSlots(
    add: readonly Omit<Slot, 'id' | 'position' | 'lastUsedAt' | 'deletedAt' | 'managed'>[],
    remove: readonly string[],
  ): Promise<Slot[]> {
    this.#requireKey();
    // Restored slots join the end of the manual order, never used, not in the trash; their
    // favourite, groups, note and icon come with them (a version 1 backup gives the defaults).
    let position = this.#lastPosition;
    const slots: Slot[] = add.map((s) => ({
      ...SLOT_META_DEFAULTS,
      ...s,
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

  /** The installed icon packs, encrypted under this vault's data key (icon-packs.ts); VAULT_LOCKED after lock(). */
  iconPacks(): IconPackStore {
    return iconPackStore(() => this.#requireKey());
  }

  /** Which slots the list shows first (first-screen.ts); VAULT_LOCKED after lock(). */
  firstScreen(): FirstScreenStore {
    return firstScreenStore(
      () => this.#requireKey(),
      (key, raw) => this.#open(key, raw),
    );
  }

  /** Forget the data key. The CryptoKey is garbage once no reference remains. */
  lock(): void {
    this.#key = null;
  }

  async #seal(slot: Slot) {
    const key = this.#requireKey();
    const plaintext = encodeSlot(slot);
    try {
      const { iv, ct } = await sealRecord(key, plaintext, recordAad(slot.id, RECORD_VERSION));
      this.#requireKey(); // locked during encryption: write nothing
      this.#notePosition(slot.position);
      return serializeRecord({ id: slot.id, v: RECORD_VERSION, iv, ct });
    } finally {
      plaintext.fill(0);
    }
  }
}
