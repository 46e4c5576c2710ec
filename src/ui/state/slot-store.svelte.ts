/**
 * The slots of the unlocked vault and the ONE path every slot write takes. Writes run one after
 * another here (a queue), each a compare-and-swap against what is stored now (vault.changeSlots /
 * addSlotIfNew / addSlotsIfNew: encrypt first, then one IndexedDB transaction), and each tells
 * the other tabs (platform/tab-channel.ts), whose lists read the store again. So two taps in this
 * tab, or two tabs, never overwrite each other, an HOTP counter never goes back, and a secret
 * added in one tab is a duplicate in the other. What the person does with slots is SlotsState
 * (slots.svelte.ts), built on this.
 *
 * Unlocking with many slots: the first-screen hint (core/vault/first-screen.ts) names the slots
 * the list shows first; open() decrypts only those and shows them (`preview`), then loads the
 * whole list after the first paint, and writes wait for it in the queue. `slots` is never
 * partial: it is empty until every slot is in, so counts, backups, exports and duplicate checks
 * never see part of the vault.
 */
import { KeyslotError } from '../../core/errors';
import type { Slot } from '../../core/slot';
import { SORT_ORDERS, type SortOrder } from '../../core/sort-order';
import { FIRST_SCREEN_MAX_IDS, type FirstScreenHint } from '../../core/vault/first-screen';
import type { UnlockedVault } from '../../platform/vault';
import type { IconPackStore } from '../../platform/vault/icon-packs';
import { requestPersistence } from '../../platform/storage-health';
import { onSlotsChanged, slotsChanged } from '../../platform/tab-channel';
import { slotGone } from './lock-hooks';
import { FIRST_SCREEN } from './render-limit.svelte.ts';

/** Quiet time after the last change before the first-screen hint is written again. */
export const HINT_DELAY_MS = 500;

/** Resolves after the next frame has painted (or soon, in a hidden tab that paints no frame). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 250);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

/**
 * How long the rest of the list waits for the list to say it painted its first screen
 * (firstScreenShown) before it loads anyway: another screen opened first, or a hidden tab.
 */
export const REST_FALLBACK_MS = 1000;

/** A generated HOTP code, kept in memory only while unlocked. */
export interface ShownHotp {
  code: string;
  counter: number;
}

export class SlotStore {
  /** Every slot of the open vault, or none: never part of them (see preview). */
  slots = $state.raw<Slot[]>([]);
  /**
   * Right after unlock, while the rest loads: the slots the first-screen hint names, to show at
   * once; null once `slots` holds every slot. Only the list reads it (`listed`).
   */
  preview = $state.raw<Slot[] | null>(null);
  /** What the list shows: the preview while the rest loads, then every slot. */
  listed = $derived(this.preview ?? this.slots);
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
  #hintTimer: ReturnType<typeof setTimeout> | null = null;
  /** While the preview shows: starts loading the rest (open()). */
  #askRest: (() => void) | null = null;
  /** The hint as last written by this tab (JSON), so an unchanged one is not written again. */
  #savedHint = '';
  protected readonly now: () => number;
  readonly #order: () => SortOrder;

  /** `order`: the list's sort order now (the preferences), for the first screen at unlock. */
  constructor(now: () => number = Date.now, order: () => SortOrder = () => 'manual') {
    this.now = now;
    this.#order = order;
  }

  /**
   * After unlock: the vault's slots (the trash's expired ones purged), and news from other tabs.
   * Resolves as soon as the list has something to show: every slot, or the first screen's when
   * the vault has a hint. The returned promise settles when every slot is in (`slots`); it
   * rejects, as open() did before the hint, when the vault cannot be read whole (VAULT_CORRUPT).
   */
  async open(vault: UnlockedVault): Promise<{ whole: Promise<void> }> {
    const order = this.#order();
    const { slots: named, hint } = await vault.firstScreen().read(order, FIRST_SCREEN);
    this.#savedHint = hint === null ? '' : JSON.stringify(hint);
    // Only what the list would show: a hint older than a delete may name a slot now in the trash.
    const first = named.filter((s) => s.deletedAt === 0);
    this.#vault = vault;
    this.#stopListening?.();
    this.#stopListening = onSlotsChanged(() => void this.#reload());
    // A vault small enough to have fewer ids in its hint than a hint keeps is read whole at once:
    // it is as quick, and its list never shows a preview.
    const small = hint === null || hint[order].length < FIRST_SCREEN_MAX_IDS;
    if (first.length === 0 || small) {
      await this.#loadWhole(vault);
      return { whole: Promise.resolve() };
    }
    this.preview = first;
    // The rest once the first screen has painted (the list says so), or when something needs
    // every slot (loadRest); writes queue behind it (serial).
    let ask = (): void => undefined;
    const asked = new Promise<void>((resolve) => (ask = resolve));
    const fallback = setTimeout(ask, REST_FALLBACK_MS);
    this.#askRest = ask;
    const whole = asked.then(() => {
      clearTimeout(fallback);
      this.#askRest = null;
      return this.#loadWhole(vault);
    });
    this.#writes = Promise.all([this.#writes, whole]).then(
      () => undefined,
      () => undefined,
    );
    return { whole };
  }

  /** The list painted its first screen: the rest loads after that paint. */
  firstScreenShown(): void {
    const ask = this.#askRest;
    if (ask) void afterPaint().then(ask);
  }

  /** Something needs every slot now (an activation link's duplicate check): load the rest at once. */
  loadRest(): void {
    this.#askRest?.();
  }

  async #loadWhole(vault: UnlockedVault): Promise<void> {
    const slots = await this.#purgeTrash(vault, await vault.listSlots());
    if (this.#vault !== vault) return; // locked meanwhile
    this.slots = slots;
    this.preview = null;
    this.#noteChange();
  }

  /** At lock: forget every decrypted secret and shown code along with the key. */
  close(): void {
    this.#stopListening?.();
    this.#stopListening = null;
    if (this.#hintTimer !== null) clearTimeout(this.#hintTimer);
    this.#hintTimer = null;
    this.#vault = null;
    this.preview = null;
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
      this.#noteChange();
    }, false);
  }

  /** The list changed: write the first-screen hint again once things are quiet. */
  #noteChange(): void {
    if (this.#hintTimer !== null) clearTimeout(this.#hintTimer);
    this.#hintTimer = setTimeout(() => {
      this.#hintTimer = null;
      // A hint that cannot be written (storage full, locked meanwhile) only costs the next unlock time.
      this.#saveHint().catch(() => undefined);
    }, HINT_DELAY_MS);
  }

  /** For each sort order, the ids of the slots the list shows first; written if changed. */
  #saveHint(): Promise<void> {
    return this.serial(async (vault) => {
      const { firstArranged } = await import('../../core/organise');
      const hint = {} as Record<SortOrder, string[]>;
      for (const order of SORT_ORDERS) {
        hint[order] = firstArranged(this.slots, order, FIRST_SCREEN_MAX_IDS).map((s) => s.id);
      }
      const text = JSON.stringify(hint);
      // Nothing to show first (an empty vault): no hint. One left from before names slots that
      // are gone or in the trash, which open() skips.
      if (text === this.#savedHint || hint.manual.length === 0) return;
      await vault.firstScreen().save(hint satisfies FirstScreenHint);
      this.#savedHint = text;
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

  /**
   * One slot changed field by field, from what is stored now (so another tab's change stays).
   * `change` may be worked out from the slot as this tab has it when the write's turn comes
   * (after every slot is in); resolves to the fields written.
   */
  protected change(id: string, change: Partial<Slot> | ((slot: Slot) => Partial<Slot>)): Promise<Partial<Slot>> {
    return this.serial(async (vault) => {
      const slot = this.find(id);
      const fields = typeof change === 'function' ? change(slot) : change;
      this.apply(await vault.changeSlots([id], (stored) => ({ ...stored, ...fields })));
      return fields;
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
        if (announce) {
          slotsChanged();
          this.#noteChange();
        }
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

  /** A slot by id: from every slot, or, while the rest loads, from the first screen shown. */
  protected find(id: string): Slot {
    const slot = this.slots.find((s) => s.id === id) ?? this.preview?.find((s) => s.id === id);
    if (!slot) throw new KeyslotError('SLOT_NOT_FOUND');
    return slot;
  }
}
