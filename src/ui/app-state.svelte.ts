import { KeyslotError } from '../core/errors';
import type { Slot, SlotDraft } from '../core/slot';
import { codeAt } from '../core/otp';
import { normalizePin, validateNewPin } from '../core/pin';
import type { MessageKey } from './i18n/i18n';
import { createVault, hasVault, unlockVault, type UnlockedVault } from '../platform/vault';

export type Screen = 'loading' | 'welcome' | 'setup' | 'locked' | 'slots' | 'add';

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
  /** HOTP codes generated this session, by slot id. */
  hotp = $state.raw<ReadonlyMap<string, ShownHotp>>(new Map());
  /** Id of the slot just added, so the list can bring it into view. */
  lastAddedId = $state<string | null>(null);
  /** Text for the polite live region ("Copied", "Slot added"). */
  announcement = $state<MessageKey | ''>('');

  #vault: UnlockedVault | null = null;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;

  async init(): Promise<void> {
    this.screen = (await hasVault()) ? 'locked' : 'welcome';
  }

  start(): void {
    this.screen = 'setup';
  }

  async createPin(pin: string, confirm: string): Promise<void> {
    validateNewPin(pin, confirm);
    this.#vault = await createVault(normalizePin(pin));
    this.slots = [];
    this.screen = 'slots';
  }

  async unlock(pin: string): Promise<void> {
    const vault = await unlockVault(normalizePin(pin));
    // User Timing mark: lets `npm run bench` (and devtools) split KDF time from rendering time.
    performance.mark('keyslot:key-ready');
    this.slots = await vault.listSlots();
    this.#vault = vault;
    this.screen = 'slots';
  }

  lock(): void {
    this.#vault?.lock();
    this.#vault = null;
    // Forget every decrypted secret and shown code along with the key.
    this.slots = [];
    this.hotp = new Map();
    this.lastAddedId = null;
    this.announcement = '';
    this.screen = 'locked';
  }

  openAdd(): void {
    this.screen = 'add';
  }

  closeAdd(): void {
    this.screen = 'slots';
  }

  async addSlot(draft: SlotDraft, name: string): Promise<Slot> {
    const vault = this.#requireVault();
    if (this.slots.some((s) => sameSecret(s.secret, draft.secret))) {
      throw new KeyslotError('SLOT_DUPLICATE');
    }
    const slot = await vault.addSlot(draft, name.trim());
    this.slots = [...this.slots, slot];
    this.lastAddedId = slot.id;
    this.screen = 'slots';
    this.announce('confirm.done');
    return slot;
  }

  async rename(id: string, name: string): Promise<void> {
    const slot = this.#find(id);
    const renamed = { ...slot, name: name.trim() };
    await this.#requireVault().updateSlot(renamed);
    this.slots = this.slots.map((s) => (s.id === id ? renamed : s));
    this.announce('rename.done');
  }

  async remove(id: string): Promise<void> {
    await this.#requireVault().deleteSlot(id);
    this.slots = this.slots.filter((s) => s.id !== id);
    const hotp = new Map(this.hotp);
    hotp.delete(id);
    this.hotp = hotp;
    this.announce('delete.done');
  }

  /**
   * HOTP (RFC 4226): the stored counter is the next one to use. It is advanced and
   * saved *before* the code is shown, so a crash can skip a code but never show
   * the same code twice.
   */
  async generateHotp(id: string): Promise<void> {
    const slot = this.#find(id);
    const next = { ...slot, counter: slot.counter + 1 };
    await this.#requireVault().updateSlot(next);
    this.slots = this.slots.map((s) => (s.id === id ? next : s));
    const { code } = codeAt(slot, 0);
    this.hotp = new Map(this.hotp).set(id, { code, counter: slot.counter });
  }

  announce(key: MessageKey): void {
    // Clear first so the same words twice in a row are announced again.
    this.announcement = '';
    clearTimeout(this.#announceTimer);
    queueMicrotask(() => (this.announcement = key));
    this.#announceTimer = setTimeout(() => (this.announcement = ''), 4000);
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

function sameSecret(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
