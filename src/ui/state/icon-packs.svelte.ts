/**
 * Icon packs (issue 15): install an Aegis icon pack from Settings, list and remove installed
 * packs, and suggest a pack's icon for a slot that has none of its own (core/icons/icon-pack.ts
 * matches the issuer to the pack's patterns). A suggestion becomes the slot's icon only when the
 * person accepts it (in Details, on the confirm screen of a new slot, or for all such slots at
 * once in Settings); it is then rasterised to the small picture the vault stores with the slot
 * (platform/icon-image.ts), so backups carry it and no SVG is ever shown or stored as such.
 *
 * Packs are kept encrypted under the vault key (platform/vault/icon-packs.ts), read on first
 * need after an unlock, and forgotten at lock.
 */
import { KeyslotError } from '../../core/errors';
import { bestIcon, readIconPack, type IconPack, type PackIcon } from '../../core/icons/icon-pack';
import { iconPackTooLarge, ICON_PACK_LIMITS } from '../../core/icons/zip-guard';
import { summarise, type PackSummary } from '../../core/icons/pack-store';
import type { IconSource, SlotIcon } from '../../core/slot-extras';
import type { Slot } from '../../core/slot';
import type { IconPackStore } from '../../platform/vault/icon-packs';
import { iconPacksChanged, onIconPacksChanged } from '../../platform/tab-channel';
import { whenLocked } from './lock-hooks';
import type { Announcer } from './announcer.svelte.ts';
import type { ExtrasState } from './extras.svelte.ts';
import type { SlotsState } from './slots.svelte.ts';

/** Turns a picture into the icon the vault stores (platform/icon-image.ts encodeIcon). */
export type Rasterise = (picture: Blob, source: IconSource) => Promise<SlotIcon>;

const rasteriseInBrowser: Rasterise = async (picture, source) =>
  (await import('../../platform/icon-image')).encodeIcon(picture, source);

const unzipInBrowser = async (zip: Uint8Array) => (await import('../../platform/unzip')).unzipIconPack(zip);

export interface IconPacksOptions {
  /** The open vault's pack store (SlotsState.iconPacks()). */
  store: () => IconPackStore;
  rasterise?: Rasterise;
}

export class IconPacksState {
  /** The installed packs, in the order they were installed. */
  #packs = $state.raw<IconPack[]>([]);
  /** What Settings lists of each installed pack. */
  readonly installed = $derived<PackSummary[]>(this.#packs.map(summarise));
  /** 'idle' before the first read after an unlock; 'ready' once read (or failed: `error`). */
  status = $state<'idle' | 'loading' | 'ready'>('idle');
  /** Why the installed packs could not be read (a catalogue-ready error), or null. */
  error = $state.raw<unknown>(null);
  /** Slots (not in the trash) with no icon of their own for which a pack has one. */
  readonly candidates = $derived.by<Slot[]>(() =>
    this.#packs.length === 0
      ? []
      : this.#slots.activeSlots.filter((s) => s.icon === null && bestIcon(this.#packs, s.issuer) !== null),
  );

  readonly #slots: SlotsState;
  readonly #extras: ExtrasState;
  readonly #announcer: Announcer;
  readonly #store: () => IconPackStore;
  readonly #rasterise: Rasterise;
  #loading: Promise<void> | null = null;
  /** Rasterised previews, by pack icon (the same picture is what gets stored on accept). */
  #previews = new WeakMap<PackIcon, Promise<SlotIcon>>();

  constructor(slots: SlotsState, extras: ExtrasState, announcer: Announcer, options: IconPacksOptions) {
    this.#slots = slots;
    this.#extras = extras;
    this.#announcer = announcer;
    this.#store = options.store;
    this.#rasterise = options.rasterise ?? rasteriseInBrowser;
    whenLocked(() => this.#forget());
    // Another tab installed or removed a pack: read them again if this tab has read them.
    onIconPacksChanged(() => {
      if (this.status !== 'ready') return;
      this.#loading = null;
      void this.load();
    });
  }

  /** Read the installed packs once after an unlock (Settings, Details and the confirm screen call it). */
  load(): Promise<void> {
    this.#loading ??= (async () => {
      this.status = 'loading';
      try {
        this.#packs = await this.#store().list();
        this.error = null;
      } catch (e) {
        this.error = e;
      } finally {
        this.status = 'ready';
      }
    })();
    return this.#loading;
  }

  /** The icon Keyslot proposes for an issuer (Aegis matching, best first), or null. */
  suggestion(issuer: string): PackIcon | null {
    return bestIcon(this.#packs, issuer);
  }

  /** A slot's suggestion: only for a slot without an icon of its own. */
  suggestionFor(slot: Pick<Slot, 'issuer' | 'icon'>): PackIcon | null {
    return slot.icon ? null : this.suggestion(slot.issuer);
  }

  /** The suggested icon as the vault would store it (rasterised once, then kept). ICON_INVALID if it can't be drawn. */
  preview(icon: PackIcon): Promise<SlotIcon> {
    let done = this.#previews.get(icon);
    if (!done) {
      done = this.#rasterise(new Blob([icon.bytes as Uint8Array<ArrayBuffer>], { type: icon.mime }), 'pack');
      done.catch(() => this.#previews.delete(icon)); // a later try draws it again
      this.#previews.set(icon, done);
    }
    return done;
  }

  /** The person accepts a suggestion for one slot: it becomes the slot's icon. */
  async accept(slotId: string, icon: PackIcon): Promise<void> {
    await this.#extras.setIcon(slotId, await this.preview(icon));
  }

  /**
   * A new slot takes the icon ticked on its confirm screen (drawn with preview() before the slot
   * was stored). Quiet: "Slot added" is what the person hears.
   */
  async attach(slotId: string, picture: SlotIcon): Promise<void> {
    await this.#slots.update([slotId], (stored) => (stored.icon ? stored : { ...stored, icon: picture }));
  }

  /** The candidates among these slots (the ones an import just stored, say). */
  candidatesAmong(ids: ReadonlySet<string>): Slot[] {
    return this.candidates.filter((s) => ids.has(s.id));
  }

  /**
   * "Use suggested icons": every candidate (or, given `among`, every candidate among those ids:
   * the slots an import just stored) gets its suggestion, in ONE write (all or none); a slot that
   * got an icon of its own meanwhile (another tab) keeps it. Returns how many changed.
   */
  async acceptAll(among?: ReadonlySet<string>): Promise<number> {
    const chosen = new Map<string, SlotIcon>();
    for (const slot of among ? this.candidatesAmong(among) : this.candidates) {
      const icon = this.suggestionFor(slot);
      if (!icon) continue;
      try {
        chosen.set(slot.id, await this.preview(icon));
      } catch {
        // An icon this browser cannot draw: that slot keeps its generated icon.
      }
    }
    // The write may run again on newer records (another tab wrote meanwhile): the last run counts.
    const took = new Map<string, boolean>();
    await this.#slots.update([...chosen.keys()], (stored) => {
      took.set(stored.id, stored.icon === null);
      return stored.icon ? stored : { ...stored, icon: chosen.get(stored.id) ?? null };
    });
    const changed = [...took.values()].filter(Boolean).length;
    this.#announcer.announce('iconPacks.applied', { count: changed });
    return changed;
  }

  /**
   * Install a pack from its ZIP file: unpacked within limits (platform/unzip.ts), read and
   * checked (core/icons/icon-pack.ts), encrypted and stored. A pack with the same uuid is
   * replaced (a newer version). ICON_PACK_INVALID / ICON_PACK_TOO_LARGE / ICON_PACK_TOO_MANY;
   * nothing is stored then.
   */
  async install(file: Blob): Promise<PackSummary> {
    if (file.size > ICON_PACK_LIMITS.zipBytesMax) throw iconPackTooLarge();
    if (file.size === 0) throw new KeyslotError('ICON_PACK_INVALID', { field: 'file' });
    await this.load();
    const pack = readIconPack(await unzipInBrowser(new Uint8Array(await file.arrayBuffer())));
    if (pack.icons.length === 0) throw new KeyslotError('ICON_PACK_INVALID', { field: 'icons' });
    await this.#store().save(pack);
    const replaced = this.#packs.some((p) => p.uuid === pack.uuid);
    this.#packs = replaced ? this.#packs.map((p) => (p.uuid === pack.uuid ? pack : p)) : [...this.#packs, pack];
    iconPacksChanged();
    const summary = summarise(pack);
    this.#announcer.announce('iconPacks.installed', { name: summary.name, count: summary.count });
    return summary;
  }

  /** Remove an installed pack. Icons already given to slots stay (they are the slots' own now). */
  async remove(uuid: string): Promise<void> {
    await this.#store().remove(uuid);
    this.#packs = this.#packs.filter((p) => p.uuid !== uuid);
    iconPacksChanged();
    this.#announcer.announce('iconPacks.removed');
  }

  #forget(): void {
    this.#packs = [];
    this.#previews = new WeakMap();
    this.#loading = null;
    this.status = 'idle';
    this.error = null;
  }
}
