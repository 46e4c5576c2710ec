/**
 * Groups, notes and icons (issue 15): the group filter of the list, and the writes that change
 * a slot's groups, note or icon. Every write goes through the slots state's one write path
 * (SlotsState.update: compare-and-swap against what is stored now, one transaction), so a
 * rename that touches forty slots is all or nothing, and another tab's change is kept.
 */
import {
  groupsInUse,
  inGroup,
  planCreate,
  renamedGroup,
  slotsInGroup,
  withGroup,
  withoutGroup,
} from '../../core/groups';
import { groupKey, groupList, groupName, noteText, type SlotIcon } from '../../core/slot-extras';
import { slotTitle, type Slot } from '../../core/slot';
import type { Announcer } from './announcer.svelte.ts';
import type { SlotsState } from './slots.svelte.ts';

export class ExtrasState {
  /** The group the list is filtered by, as the person chose it; '' = every slot. */
  chosen = $state('');
  /** Every group some slot (not in the trash) is in, sorted. */
  readonly groups = $derived.by(() => groupsInUse(this.#slots.activeSlots, this.#locale()));
  /** The filter in effect: the chosen group while it still exists, else every slot. */
  readonly filter = $derived.by(() => {
    const key = groupKey(this.chosen);
    return this.groups.find((g) => groupKey(g) === key) ?? '';
  });

  readonly #slots: SlotsState;
  readonly #announcer: Announcer;
  readonly #locale: () => string;

  constructor(slots: SlotsState, announcer: Announcer, locale: () => string = () => 'en') {
    this.#slots = slots;
    this.#announcer = announcer;
    this.#locale = locale;
  }

  /** Whether the list shows this slot under the current filter. */
  shows(slot: Pick<Slot, 'groups'>): boolean {
    return inGroup(slot, this.filter);
  }

  /** Filter the list by a group ('' = all). */
  choose(group: string): void {
    this.chosen = group;
  }

  /** The slot's groups, replaced by `names` (cleaned; GROUP_INVALID / NAME_TOO_LONG / GROUPS_TOO_MANY). */
  async setGroups(id: string, names: readonly string[]): Promise<void> {
    const groups = groupList(names);
    await this.#slots.update([id], (stored) => ({ ...stored, groups }));
    this.#announcer.announce('groups.saved', { name: this.#title(id) });
  }

  /**
   * A new group on the chosen slots, in one transaction; returns its cleaned name. Refused before
   * anything is written (core/groups.ts planCreate): GROUP_INVALID / NAME_TOO_LONG / GROUP_EXISTS
   * for the name, GROUP_NO_SLOTS without a slot; GROUPS_TOO_MANY when a slot is in too many groups.
   */
  async create(name: string, ids: readonly string[]): Promise<string> {
    const clean = planCreate(this.groups, name, ids);
    await this.#slots.update(ids, (stored) => ({ ...stored, groups: withGroup(stored.groups, clean) }));
    this.#announcer.announce(ids.length === 1 ? 'groups.created.one' : 'groups.created.other', {
      group: clean,
      count: ids.length,
    });
    return clean;
  }

  /** Rename a group on every slot in it (trash included), in one transaction. */
  async rename(from: string, to: string): Promise<void> {
    const name = groupName(to); // refused before anything is read: GROUP_INVALID / NAME_TOO_LONG
    const ids = slotsInGroup(this.#slots.slots, from);
    await this.#slots.update(ids, (stored) => ({ ...stored, groups: renamedGroup(stored.groups, from, name) }));
    if (groupKey(this.chosen) === groupKey(from)) this.chosen = name;
    this.#announcer.announce('groups.renamed');
  }

  /** Delete a group: its slots stay, just no longer in it. */
  async remove(group: string): Promise<void> {
    const ids = slotsInGroup(this.#slots.slots, group);
    await this.#slots.update(ids, (stored) => ({ ...stored, groups: withoutGroup(stored.groups, group) }));
    this.#announcer.announce('groups.deleted');
  }

  /** The slot's note ('' removes it; NOTE_TOO_LONG past the limit). */
  async setNote(id: string, note: string): Promise<void> {
    const clean = noteText(note.trim());
    await this.#slots.update([id], (stored) => ({ ...stored, note: clean }));
    this.#announcer.announce(clean === '' ? 'note.removed' : 'note.saved');
  }

  /** The slot's icon: a stored picture, or null for the generated one. */
  async setIcon(id: string, icon: SlotIcon | null): Promise<void> {
    await this.#slots.update([id], (stored) => ({ ...stored, icon }));
    this.#announcer.announce(icon ? 'icon.saved' : 'icon.resetDone');
  }

  /** A picked, pasted or dropped picture as the slot's icon, re-encoded small first (ICON_INVALID). */
  async setIconFromPicture(id: string, picture: Blob): Promise<void> {
    const { encodeIcon } = await import('../../platform/icon-image');
    await this.setIcon(id, await encodeIcon(picture, 'custom'));
  }

  #title(id: string): string {
    const slot = this.#slots.slots.find((s) => s.id === id);
    return slot ? slotTitle(slot) : '';
  }
}
