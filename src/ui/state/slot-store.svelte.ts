/**
 * The slots of the unlocked vault and the ONE path every slot write takes. Writes run one after
 * another here (a queue), each a compare-and-swap against what is stored now (vault.changeSlots /
 * addSlotIfNew / addSlotsIfNew: encrypt first, then one IndexedDB transaction), and each tells
 * the other tabs (platform/tab-channel.ts), whose lists read the store again. So two taps in this
 * tab, or two tabs, never overwrite each other, an HOTP counter never goes back, and a secret
 * added in one tab is a duplicate in the other. What the person does with slots is SlotsState
 * (slots.svelte.ts), built on this.
 */
import { KeyslotError } from '../../core/errors';
import type { Slot } from '../../core/slot';
import type { UnlockedVault } from '../../platform/vault';
import type { IconPackStore } from '../../platform/vault/icon-packs';
import { requestPersistence } from '../../platform/storage-health';
import { onSlotsChanged, slotsChanged } from '../../platform/tab-channel';
import { slotGone } from './lock-hooks';

/** A generated HOTP code, kept in memory only while unlocked. */
export interface ShownHotp {
  code: string;
  counter: number;
}

export class SlotStore {
  slots = $state.raw<Slot[]>([]);
  /** The slots not in the trash: what backups, exports and duplicate checks are about. */
  activeSlots = $derived(this.slots.filter((s) => s.deletedAt === 0));
  /**
   * What backups and exports hold: not the slots a privacyIDEA container manages (the server
   * gives them to one device; a copy would outlive a rollover or an unregister).
   */
  backupSlots = $derived(this.activeSlots.filter((s) => !s.managed));
  /** HOTP codes generated this session, by slot id. */
  hotp = $state.raw<ReadonlyMap<string, ShownHotp>>(new Map());
  /** Id of the slot just added, so the list can bring it into view. */
  lastAddedId = $state<string | null>(null);
  /** Ids of the slots the last import stored (its report offers icon-pack suggestions for them). */
  lastImportedIds: readonly string[] = [];

  #vault: UnlockedVault | null = null;
  #writes: Promise<void> = Promise.resolve();
  #persistAsked = false;
  #stopListening: (() => void) | null = null;
  protected readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** After unlock: the vault's slots (the trash's expired ones purged), and news from other tabs. */
  async open(vault: UnlockedVault): Promise<void> {
    this.slots = await this.#purgeTrash(vault, await vault.listSlots());
    this.#vault = vault;
    this.#stopListening?.();
    this.#stopListening = onSlotsChanged(() => void this.#reload());
  }

  /** At lock: forget every decrypted secret and shown code along with the key. */
  close(): void {
    this.#stopListening?.();
    this.#stopListening = null;
    this.#vault = null;
    this.slots = [];
    this.hotp = new Map();
    this.lastAddedId = null;
    this.lastImportedIds = [];
  }

  /** Another tab wrote slots: read them again (in the queue, so no write of ours is in between). */
  #reload(): Promise<void> {
    return this.serial(async () => {
      const vault = this.#vault;
      if (!vault) return;
      const slots = await vault.listSlots();
      if (this.#vault !== vault) return; // locked meanwhile
      const active = new Set(slots.filter((s) => s.deletedAt === 0).map((s) => s.id));
      for (const id of this.hotp.keys()) if (!active.has(id)) slotGone(id);
      this.hotp = new Map([...this.hotp].filter(([id]) => active.has(id)));
      this.slots = slots;
    }, false);
  }

  /**
   * Slots 30 days in the trash go for good at unlock (one transaction). A failure here keeps
   * them for the next unlock rather than keep the person from their codes.
   */
  async #purgeTrash(vault: UnlockedVault, slots: Slot[]): Promise<Slot[]> {
    // The list loads this module anyway (in parallel with the PIN); importing it here keeps it
    // out of the PIN prompt's first load.
    const { expiredTrash } = await import('../../core/organise');
    const expired = expiredTrash(slots, this.now());
    if (expired.length === 0) return slots;
    try {
      await vault.deleteSlots(expired);
      slotsChanged();
      return slots.filter((s) => !expired.includes(s.id));
    } catch {
      return slots;
    }
  }

  /** The open vault's installed icon packs (icon-packs.svelte.ts); VAULT_LOCKED when locked. */
  iconPacks(): IconPackStore {
    return this.openVault().iconPacks();
  }

  /** The vault the queue writes to; VAULT_LOCKED when locked. */
  protected openVault(): UnlockedVault {
    if (!this.#vault) throw new KeyslotError('VAULT_LOCKED');
    return this.#vault;
  }

  /** One slot changed field by field, from what is stored now (so another tab's change stays). */
  protected change(id: string, change: Partial<Slot>): Promise<void> {
    return this.serial(async (vault) => {
      this.find(id);
      this.apply(await vault.changeSlots([id], (stored) => ({ ...stored, ...change })));
    });
  }

  protected apply(changed: readonly Slot[]): void {
    const byId = new Map(changed.map((s) => [s.id, s]));
    this.slots = this.slots.map((s) => byId.get(s.id) ?? s);
  }

  /**
   * The write queue: each write starts when the previous one ended (even if it failed), with the
   * vault as it is then (VAULT_LOCKED if it was locked meanwhile). A write that stored something
   * tells the other tabs.
   */
  protected serial<T>(work: (vault: UnlockedVault) => Promise<T>, announce = true): Promise<T> {
    const run = async () => {
      const vault = this.#vault;
      if (!vault) throw new KeyslotError('VAULT_LOCKED');
      try {
        return await work(vault);
      } finally {
        if (announce) slotsChanged();
      }
    };
    const result = this.#writes.then(run, run);
    this.#writes = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** After slots are first stored in this session: ask the browser to keep them (once). */
  protected keepStorage(): void {
    if (this.#persistAsked) return;
    this.#persistAsked = true;
    void requestPersistence();
  }

  protected find(id: string): Slot {
    const slot = this.slots.find((s) => s.id === id);
    if (!slot) throw new KeyslotError('SLOT_NOT_FOUND');
    return slot;
  }
}
