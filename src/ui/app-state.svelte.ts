import { KeyslotError, isKeyslotError } from '../core/errors';
import { prepareKdf } from '../platform/kdf';
import type { AttemptGuard } from '../core/attempt-guard';
import { slotTitle, type Slot, type SlotDraft } from '../core/slot';
import { matchExisting } from '../core/slot-match';
import type { BackupSlot } from '../core/backup-format';
import type { ImportEntry } from '../core/importers';
import { runImport, type ReportRow } from '../core/importers/plan';
import { validateNewSecret } from '../core/pin';
import type { SecretInput } from '../core/vault';
import { secretKey, useSecretWording, type MessageKey } from './i18n/i18n';
import { locked, slotGone } from './lock-hooks';
import {
  attemptGuard,
  createVault,
  hasPasskey,
  hasVault,
  secretInput,
  unlockVault,
  unlockWithPasskey,
  type UnlockedVault,
} from '../platform/vault';
import { prfSupported } from '../platform/passkey';
import { onVersionChange, type ConnectionLoss } from '../platform/storage';
import { forgetVault, rememberVault, requestPersistence, vaultCreatedAt } from '../platform/storage-health';

export type Screen = 'loading' | 'welcome' | 'setup' | 'locked' | 'slots' | 'add' | 'import' | 'settings' | 'gone' | 'stale';

/**
 * Why the add screen opens, and with what: pick a way, go straight to the camera
 * (the "Scan QR code" shortcut), or handle a text already in hand (an activation
 * link opened cold, a share). Lives in memory only: an activation text is a secret.
 */
export type AddIntent =
  | { kind: 'choose' }
  | { kind: 'scan' }
  | { kind: 'text'; text: string }
  | { kind: 'shared' };

export interface Announcement {
  key: MessageKey;
  params: Record<string, string | number>;
}

/** A generated HOTP code, kept in memory only while unlocked. */
export interface ShownHotp {
  code: string;
  counter: number;
}

/**
 * The app's state: which screen, the unlocked vault and its slots. Screens call
 * these methods; errors are thrown as KeyslotError for the screen to put into words.
 */
export class AppState {
  screen = $state<Screen>('loading');
  slots = $state.raw<Slot[]>([]);
  /** The slots not in the trash: what backups, exports and duplicate checks are about. */
  activeSlots = $derived(this.slots.filter((s) => s.deletedAt === 0));
  /** HOTP codes generated this session, by slot id. */
  hotp = $state.raw<ReadonlyMap<string, ShownHotp>>(new Map());
  /** Id of the slot just added, so the list can bring it into view. */
  lastAddedId = $state<string | null>(null);
  /** Words for the polite live region ("Copied", "Slot added"), as a catalogue key. */
  announcement = $state.raw<Announcement | null>(null);

  /** What the add screen should do when it opens. */
  addIntent = $state.raw<AddIntent>({ kind: 'choose' });

  /**
   * What opens the vault: a PIN of digits or a passphrase (read from the vault header). The
   * unlock and Settings fields follow it: keypad or keyboard, "PIN" or "Passphrase".
   */
  secretInput = $state<SecretInput>('digits');

  #vault: UnlockedVault | null = null;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** Why this tab lost its database connection (screen 'stale'). */
  connectionLost = $state<ConnectionLoss | null>(null);
  #persistAsked = false;
  /** Where the app was launched to go (activation link, shortcut), honoured once unlocked. */
  #launch: AddIntent | null;

  constructor(launch: AddIntent | null = null) {
    this.#launch = launch;
  }

  /**
   * An activation link (or shortcut) arriving while the app is already open: go
   * straight to it when unlocked, or after the PIN when locked.
   */
  launchWith(intent: AddIntent): void {
    if (this.#vault) this.openAdd(intent);
    else this.#launch = intent;
  }

  /** True while an activation link opened the app and waits for the PIN. */
  get activationWaiting(): boolean {
    return this.#launch?.kind === 'text';
  }

  async init(): Promise<void> {
    // Another tab upgrading the database (or the browser closing it): lock, ask for a reload.
    onVersionChange((reason) => this.#lostConnection(reason));
    const checked = hasVault().then(async (exists) => {
      if (exists) {
        rememberVault(); // a vault from before the marker existed gets one now
        this.#setSecretInput(await secretInput());
      }
      // Had a vault here, and it is gone: say so rather than greet a "new" user.
      const screen = exists ? 'locked' : vaultCreatedAt() ? 'gone' : 'welcome';
      if (this.screen === 'loading' || (this.screen === 'locked' && screen !== 'locked')) this.screen = screen;
    });
    // The marker says a vault was made here: show the PIN field at once, without waiting for
    // IndexedDB to open (about a third of an offline cold start). The check above still runs and
    // turns this into "Your slots are gone" if the vault has vanished.
    if (vaultCreatedAt()) {
      this.screen = 'locked';
      checked.catch(() => undefined); // a broken database shows up when unlocking (STORAGE_FAILED)
      return;
    }
    await checked;
  }

  /** From "Your slots are gone": acknowledge, forget the marker, set up a new PIN. */
  startFresh(): void {
    forgetVault();
    this.erased = false;
    this.screen = 'setup';
  }

  /** True when the slots were erased by the "erase after 10 wrong PINs" setting (screen 'gone'). */
  erased = $state(false);

  /** The failed-attempt guard (attempts left, wait, erase setting), read from storage. */
  attemptGuard(): Promise<AttemptGuard> {
    return attemptGuard();
  }

  /** Settings: turn "erase all slots after 10 wrong PINs" on or off (needs the vault unlocked). */
  setEraseAfterFailures(on: boolean): Promise<AttemptGuard> {
    return this.#requireVault().setEraseAfterFailures(on);
  }

  /**
   * Settings → Change PIN. The new PIN follows the setup rules (same errors, confirmation field
   * 'confirm'); a wrong current PIN is a counted failed attempt (vault.ts changePin). Field
   * 'current' on errors about the current PIN, so the form puts them under the right field.
   */
  async changePin(current: string, pin: string, confirm: string, input: SecretInput = 'digits'): Promise<void> {
    const vault = this.#requireVault();
    validateNewSecret(input, pin, confirm);
    if (await this.#withCurrentPin(() => vault.changePin(current, pin, { input }))) {
      this.#setSecretInput(input);
      this.announce(secretKey('changePin.done', input));
    }
  }

  #setSecretInput(input: SecretInput): void {
    this.secretInput = input;
    useSecretWording(input);
  }

  /** Whether the stored vault has a passkey unlock method (the unlock screen's button). */
  hasPasskey(): Promise<boolean> {
    return hasPasskey();
  }

  /** Whether this browser may do passkey unlock (WebAuthn PRF); Settings shows the section only then. */
  passkeySupported(): Promise<boolean> {
    return prfSupported();
  }

  /**
   * Settings → add a passkey. The current PIN is a counted attempt, as in changePin (errors
   * about it get field 'current'); then the authenticator asks the person to verify.
   */
  async addPasskey(current: string): Promise<void> {
    const vault = this.#requireVault();
    if (await this.#withCurrentPin(() => vault.addPasskey(current))) this.announce('passkey.added');
  }

  /**
   * Runs a Settings action that checks the current PIN (a counted attempt). Returns false
   * when that attempt erased the vault (the erase setting): the app then shows so. Errors
   * about the current PIN get field 'current', so the form puts them under that field.
   */
  async #withCurrentPin(action: () => Promise<void>): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (e) {
      if (isKeyslotError(e, 'VAULT_ERASED')) {
        this.lock();
        forgetVault();
        this.erased = true;
        this.screen = 'gone';
        return false;
      }
      if (isKeyslotError(e, 'PIN_WRONG') || isKeyslotError(e, 'PIN_WAIT')) {
        throw new KeyslotError(e.code, e.min === undefined ? { field: 'current' } : { field: 'current', min: e.min });
      }
      throw e;
    }
  }

  /**
   * Settings → plain export, a slot's QR code: the PIN again before any secret is shown. A
   * counted attempt, as in changePin (errors get field 'current'). False when that attempt
   * erased the vault (the erase setting): the app then shows so, and nothing is shown.
   */
  async verifyPin(pin: string): Promise<boolean> {
    const vault = this.#requireVault();
    return this.#withCurrentPin(() => vault.verifyPin(pin));
  }

  /**
   * Settings → restore: add the backup's slots and delete the ones the person chose to replace,
   * in one transaction (vault.ts restoreSlots); the list follows only once it is stored.
   */
  async restoreSlots(add: readonly BackupSlot[], remove: readonly string[]): Promise<void> {
    const vault = this.#requireVault();
    const added = await vault.restoreSlots(add, remove);
    const gone = new Set(remove);
    this.slots = [...this.slots.filter((s) => !gone.has(s.id)), ...added].sort(
      (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    if (gone.size > 0) this.hotp = new Map([...this.hotp].filter(([id]) => !gone.has(id)));
    if (added.length > 0) this.#keepStorage();
  }

  /** Settings → remove the passkey: the PIN alone opens the vault again. */
  async removePasskey(): Promise<void> {
    await this.#requireVault().removePasskey();
    this.announce('passkey.removed');
  }

  /** Unlock screen → "Unlock with passkey". Errors (PASSKEY_*) go to the screen; the PIN still works. */
  async unlockWithPasskey(): Promise<void> {
    const vault = await unlockWithPasskey();
    await this.#unlocked(vault);
  }

  openSettings(): void {
    this.screen = 'settings';
  }

  /** Where "Import from another app" goes back to. */
  importFrom = $state<'settings' | 'add'>('settings');

  openImport(from: 'settings' | 'add'): void {
    this.importFrom = from;
    this.screen = 'import';
  }

  closeImport(): void {
    this.screen = this.importFrom === 'add' ? 'add' : 'settings';
  }

  /**
   * Imports the readable entries of another app's export (src/core/importers) and reports
   * each entry: imported, a duplicate (of a slot here or of an earlier entry), unsupported,
   * or failed. An entry that cannot be saved is reported as failed and the rest go on.
   */
  async importEntries(entries: readonly ImportEntry[], progress?: (done: number, total: number) => void): Promise<ReportRow[]> {
    const vault = this.#requireVault();
    // The list takes the new slots once, at the end: one update, not one per slot (each would
    // copy the list and wake everything that reads it: 5,000 slots made that quadratic).
    const added: Slot[] = [];
    let rows: ReportRow[];
    try {
      rows = await runImport(entries, this.activeSlots, async (draft) => void added.push(await vault.addSlot(draft, '')), { progress });
    } finally {
      if (added.length > 0) {
        this.slots = [...this.slots, ...added];
        this.lastAddedId = added.at(-1)!.id;
      }
    }
    const imported = rows.filter((r) => r.outcome === 'imported').length;
    const failed = rows.filter((r) => r.outcome === 'failed').length;
    this.announce('import.done', { imported, skipped: rows.length - imported - failed, failed });
    if (imported > 0) this.#keepStorage();
    return rows;
  }

  #lostConnection(reason: ConnectionLoss): void {
    this.lock();
    this.connectionLost = reason;
    this.screen = 'stale';
  }

  /** After slots are first stored in this session: ask the browser to keep them (once). */
  #keepStorage(): void {
    if (this.#persistAsked) return;
    this.#persistAsked = true;
    void requestPersistence();
  }

  start(): void {
    this.screen = 'setup';
  }

  async createPin(pin: string, confirm: string, input: SecretInput = 'digits'): Promise<void> {
    validateNewSecret(input, pin, confirm);
    this.#vault = await createVault(pin, { input });
    this.#setSecretInput(input);
    rememberVault(new Date(), true);
    this.slots = [];
    this.#opened();
  }

  /** While the PIN is typed: start the key-derivation worker, so Unlock does not wait for it to load. */
  prepareUnlock(): void {
    prepareKdf();
  }

  async unlock(pin: string): Promise<void> {
    let vault: UnlockedVault;
    try {
      vault = await unlockVault(pin, Date.now());
    } catch (e) {
      if (!isKeyslotError(e, 'VAULT_ERASED')) throw e;
      // The erase setting fired: the slots are gone on purpose, so the "had a vault" note goes too.
      forgetVault();
      this.erased = true;
      this.screen = 'gone';
      return;
    }
    await this.#unlocked(vault);
    // Storage full: this try could not be counted (issue 14); say so, and why the next waits.
    if (vault.attemptUnsaved) this.announce(secretKey('unlock.unsavedAttempt', this.secretInput));
  }

  async #unlocked(vault: UnlockedVault): Promise<void> {
    // User Timing mark: lets `npm run bench` (and devtools) split KDF time from rendering time.
    performance.mark('keyslot:key-ready');
    this.slots = await this.#purgeTrash(vault, await vault.listSlots());
    this.#vault = vault;
    this.#opened();
  }

  /**
   * Slots 30 days in the trash go for good at unlock (one transaction). A failure here keeps
   * them for the next unlock rather than keep the person from their codes.
   */
  async #purgeTrash(vault: UnlockedVault, slots: Slot[]): Promise<Slot[]> {
    // The list loads this module anyway (in parallel with the PIN); importing it here keeps it
    // out of the PIN prompt's first load.
    const { expiredTrash } = await import('../core/organise');
    const expired = expiredTrash(slots, Date.now());
    if (expired.length === 0) return slots;
    try {
      await vault.deleteSlots(expired);
      return slots.filter((s) => !expired.includes(s.id));
    } catch {
      return slots;
    }
  }

  /** After unlock or setup: the list, or where the launch asked to go. */
  #opened(): void {
    const launch = this.#launch;
    this.#launch = null;
    if (launch) this.openAdd(launch);
    else this.screen = 'slots';
  }

  lock(): void {
    this.#vault?.lock();
    this.#vault = null;
    // Forget every decrypted secret and shown code along with the key, the Keep-on-top window too.
    locked();
    this.slots = [];
    this.hotp = new Map();
    this.lastAddedId = null;
    this.announcement = null;
    this.screen = 'locked';
  }

  openAdd(intent: AddIntent = { kind: 'choose' }): void {
    this.addIntent = intent;
    this.screen = 'add';
  }

  closeAdd(): void {
    this.addIntent = { kind: 'choose' };
    this.screen = 'slots';
  }

  /** How a draft relates to the slots already here: new, the same secret again, or a reissue. */
  match(draft: SlotDraft): ReturnType<typeof matchExisting> {
    // The trash is on its way out: a slot added again is a new slot, not a duplicate.
    return matchExisting(draft, this.activeSlots);
  }

  /**
   * Adds a confirmed slot. The same secret twice is refused (SLOT_DUPLICATE). With
   * `replaceId` (the provider reissued the slot) the new slot is stored first and the
   * old one deleted after, so a failure in between leaves both, never neither.
   */
  async addSlot(draft: SlotDraft, name: string, replaceId?: string): Promise<Slot> {
    const vault = this.#requireVault();
    if (this.match(draft).kind === 'duplicate') throw new KeyslotError('SLOT_DUPLICATE');
    const slot = await vault.addSlot(draft, name.trim());
    this.slots = [...this.slots, slot];
    if (replaceId) {
      await vault.deleteSlot(replaceId);
      this.slots = this.slots.filter((s) => s.id !== replaceId);
    }
    this.lastAddedId = slot.id;
    this.closeAdd();
    this.announce('confirm.done');
    this.#keepStorage();
    return slot;
  }

  /** Adds several slots (an export from another app); ones already here are skipped. */
  async addMany(drafts: readonly SlotDraft[]): Promise<{ added: number; skipped: number }> {
    const vault = this.#requireVault();
    let added = 0;
    for (const draft of drafts) {
      if (this.match(draft).kind === 'duplicate') continue;
      const slot = await vault.addSlot(draft, '');
      this.slots = [...this.slots, slot];
      this.lastAddedId = slot.id;
      added += 1;
    }
    this.closeAdd();
    this.announce(added === 1 ? 'migration.done.one' : 'migration.done.other', { count: added });
    if (added > 0) this.#keepStorage();
    return { added, skipped: drafts.length - added };
  }

  /** Edit dialog: name, provider and account (LABEL_EMPTY / NAME_TOO_LONG from the format's checks). */
  async edit(id: string, fields: { name: string; issuer: string; account: string }): Promise<void> {
    await this.#change(id, { name: fields.name.trim(), issuer: fields.issuer.trim(), account: fields.account.trim() });
    this.announce('edit.done');
  }

  /** Delete moves to the trash: no codes, not in the list, back with Restore for 30 days. */
  async remove(id: string): Promise<void> {
    await this.#change(id, { deletedAt: Date.now() });
    slotGone(id);
    const hotp = new Map(this.hotp);
    hotp.delete(id);
    this.hotp = hotp;
    this.announce('delete.done');
  }

  async restore(id: string): Promise<void> {
    await this.#change(id, { deletedAt: 0 });
    this.announce('trash.restored');
  }

  /** Trash → "Delete forever" for one slot. */
  async deleteForever(id: string): Promise<void> {
    await this.#requireVault().deleteSlot(id);
    this.slots = this.slots.filter((s) => s.id !== id);
    this.announce('trash.deleted');
  }

  /** Trash → "Empty trash" (after the confirmation): every trashed slot, in one transaction. */
  async emptyTrash(): Promise<void> {
    const ids = this.slots.filter((s) => s.deletedAt > 0).map((s) => s.id);
    await this.#requireVault().deleteSlots(ids);
    this.slots = this.slots.filter((s) => !ids.includes(s.id));
    this.announce('trash.emptied');
  }

  async toggleFavourite(id: string): Promise<void> {
    const favourite = !this.#find(id).favourite;
    await this.#change(id, { favourite });
    this.announce(favourite ? 'slot.favourited' : 'slot.unfavourited', { name: slotTitle(this.#find(id)) });
  }

  /** A code was copied or generated: "recent use" order. Best effort: a failure changes nothing else. */
  async markUsed(id: string): Promise<void> {
    try {
      await this.#change(id, { lastUsedAt: Date.now() });
    } catch {
      // the code was still copied; only the order misses this use
    }
  }

  /**
   * Move a slot to `to` within `group` (the favourites or the others, as shown in manual order).
   * Usually one record is written; when the order needs new keys (slots from before ordering
   * existed, or keys grown too long) every slot is re-encrypted first and written in one
   * transaction.
   */
  async move(id: string, to: number, group: readonly Slot[]): Promise<void> {
    const { moveTo } = await import('../core/organise'); // already loaded by the list
    const result = moveTo(this.slots, group, id, to);
    if (!result) return;
    if (result.kind === 'one') {
      await this.#change(id, { position: result.position });
    } else {
      await this.#serial(async () => {
        const next = this.slots.map((s) => ({ ...s, position: result.positions.get(s.id) ?? s.position }));
        await this.#requireVault().updateSlots(next.filter((s, i) => s.position !== this.slots[i]!.position));
        this.slots = next;
      });
    }
    const moved = group.filter((s) => s.id !== id);
    moved.splice(Math.max(0, Math.min(group.length - 1, to)), 0, this.#find(id));
    this.announce('reorder.moved', {
      name: slotTitle(this.#find(id)),
      position: moved.findIndex((s) => s.id === id) + 1,
      count: group.length,
    });
  }

  /**
   * Details → "Show secret": the PIN again, as a counted attempt (vault.verifyPin; errors about
   * it get field 'current'). Returns the secret in base32 for the dialog to show; it lives only
   * in that dialog, which goes with a lock. Never logged, announced or stored.
   */
  async revealSecret(id: string, pin: string): Promise<string | null> {
    const vault = this.#requireVault();
    const slot = this.#find(id);
    if (!(await this.#withCurrentPin(() => vault.verifyPin(pin)))) return null;
    const { encodeBase32 } = await import('../core/base32');
    return encodeBase32(slot.secret);
  }

  /**
   * Re-encrypt one slot with `change` applied, then show it. Changes run one after another, each
   * from the slot as the previous one left it, so a copy's "last used" and a favourite tapped
   * meanwhile can't overwrite each other.
   */
  #change(id: string, change: Partial<Slot>): Promise<void> {
    return this.#serial(async () => {
      const next = { ...this.#find(id), ...change };
      await this.#requireVault().updateSlot(next);
      this.slots = this.slots.map((s) => (s.id === id ? next : s));
    });
  }

  #writes: Promise<void> = Promise.resolve();

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#writes.then(work, work);
    this.#writes = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * HOTP (RFC 4226): the stored counter is the next one to use. It is advanced and
   * saved *before* the code is shown, so a crash can skip a code but never show
   * the same code twice.
   */
  async generateHotp(id: string): Promise<void> {
    const slot = this.#find(id);
    const next = { ...slot, counter: slot.counter + 1, lastUsedAt: Date.now() };
    await this.#requireVault().updateSlot(next);
    this.slots = this.slots.map((s) => (s.id === id ? next : s));
    // The list already loaded the OTP engine; this import only shares it.
    const { codeAt } = await import('../core/otp');
    const { code } = codeAt(slot, 0);
    this.hotp = new Map(this.hotp).set(id, { code, counter: slot.counter });
  }

  announce(key: MessageKey, params: Record<string, string | number> = {}): void {
    // Clear first so the same words twice in a row are announced again.
    this.announcement = null;
    clearTimeout(this.#announceTimer);
    queueMicrotask(() => (this.announcement = { key, params }));
    this.#announceTimer = setTimeout(() => (this.announcement = null), 4000);
  }

  #find(id: string): Slot {
    const slot = this.slots.find((s) => s.id === id);
    if (!slot) throw new KeyslotError('SLOT_NOT_FOUND');
    return slot;
  }

  #requireVault(): UnlockedVault {
    if (!this.#vault) throw new KeyslotError('VAULT_LOCKED');
    return this.#vault;
  }
}
