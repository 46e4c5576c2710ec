/**
 * Settings → Groups (issue 15): every group in use with its number of slots, renaming one and
 * deleting one. The writes are ExtrasState's (every slot in the group changed in one
 * compare-and-swap transaction, through the slots state's one write queue); this class holds
 * what the screen is in the middle of: the group being renamed and the name typed, the question
 * before a rename merges two groups, the confirmation before a delete, and a new group being
 * made (its name and the slots ticked for it: a group is a name on slots, so at least one).
 * Deleting a group never deletes a slot: its slots just leave the group.
 */
import { groupCounts, planRename, type GroupUse } from '../../core/groups';
import { slotSubtitle, slotTitle, type Slot } from '../../core/slot';
import type { ExtrasState } from './extras.svelte.ts';
import type { SlotsState } from './slots.svelte.ts';

export class GroupAdmin {
  /** Every group some slot (not in the trash) is in, with how many, sorted for people. */
  readonly rows: GroupUse[] = $derived.by(() => groupCounts(this.#slots.activeSlots, this.#locale()));
  /** The group whose new name is being typed, or null. */
  renaming = $state<string | null>(null);
  /** The new name as typed. */
  draft = $state('');
  /** Why the typed name was refused (a KeyslotError), or null. */
  error = $state.raw<unknown>(null);
  /** Asked before a rename to a group that exists: merge `from` into `into`? */
  merge = $state.raw<{ from: string; into: string } | null>(null);
  /** The group asked about before it is deleted, or null. */
  deleting = $state<string | null>(null);
  /** The group the focus goes back to once a rename is finished or cancelled. */
  settled = $state<string | null>(null);
  busy = $state(false);
  /** "New group" is open: its name as typed and the ids of the slots ticked for it. */
  creating = $state(false);
  newName = $state('');
  newSlots = $state.raw<ReadonlySet<string>>(new Set());
  /** Why the new group was refused (a KeyslotError; its `field` says 'name' or 'slots'), or null. */
  createError = $state.raw<unknown>(null);
  /** The slots a new group may take: every one not in the trash, by name then account (locale order). */
  readonly candidates: Slot[] = $derived.by(() => {
    const compare = new Intl.Collator(this.#locale(), { sensitivity: 'base', numeric: true }).compare;
    return [...this.#slots.activeSlots].sort(
      (a, b) => compare(slotTitle(a), slotTitle(b)) || compare(slotSubtitle(a), slotSubtitle(b)),
    );
  });

  readonly #extras: ExtrasState;
  readonly #slots: SlotsState;
  readonly #locale: () => string;

  constructor(extras: ExtrasState, slots: SlotsState, locale: () => string = () => 'en') {
    this.#extras = extras;
    this.#slots = slots;
    this.#locale = locale;
  }

  /** How many slots a group has now (0 once it is gone). */
  count(group: string): number {
    return this.rows.find((r) => r.name === group)?.count ?? 0;
  }

  startRename(group: string): void {
    this.creating = false;
    this.renaming = group;
    this.draft = group;
    this.error = null;
    this.merge = null;
    this.settled = null;
  }

  cancelRename(): void {
    this.#settle(this.renaming);
  }

  /**
   * Save the typed name: refused with `error` when it is empty or too long; nothing written when
   * it is the same name; `merge` set (nothing written yet) when another group has that name.
   */
  async submitRename(): Promise<void> {
    const from = this.renaming;
    if (from === null || this.busy) return;
    this.error = null;
    let plan: ReturnType<typeof planRename>;
    try {
      plan = planRename(this.#extras.groups, from, this.draft);
    } catch (e) {
      this.error = e;
      return;
    }
    if (plan.kind === 'unchanged') return this.#settle(from);
    if (plan.kind === 'merge') {
      this.merge = { from, into: plan.into };
      return;
    }
    await this.#write(() => this.#extras.rename(from, plan.name), plan.name);
  }

  /** "Merge": every slot of the first group joins the second (once, if it was in both). */
  async confirmMerge(): Promise<void> {
    const merge = this.merge;
    if (!merge) return;
    this.merge = null; // a failure shows under the name field
    await this.#write(() => this.#extras.rename(merge.from, merge.into), merge.into);
  }

  /** Back to the name field, to type another name. */
  cancelMerge(): void {
    this.merge = null;
  }

  startCreate(): void {
    this.#settle(null);
    this.creating = true;
    this.newName = '';
    this.newSlots = new Set();
    this.createError = null;
  }

  cancelCreate(): void {
    this.creating = false;
    this.createError = null;
  }

  /** Tick or untick a slot for the new group. */
  pick(id: string, on: boolean): void {
    const next = new Set(this.newSlots);
    if (on) next.add(id);
    else next.delete(id);
    this.newSlots = next;
  }

  /** Make the group (ExtrasState.create); a refusal is kept as `createError` with what was typed and ticked. */
  async submitCreate(): Promise<void> {
    if (!this.creating || this.busy) return;
    this.createError = null;
    this.busy = true;
    try {
      const ids = this.candidates.filter((s) => this.newSlots.has(s.id)).map((s) => s.id);
      const name = await this.#extras.create(this.newName, ids);
      this.creating = false;
      this.settled = name;
    } catch (e) {
      this.createError = e;
    } finally {
      this.busy = false;
    }
  }

  askDelete(group: string): void {
    this.deleting = group;
  }

  cancelDelete(): void {
    this.deleting = null;
  }

  /** Remove the group from every slot in it; the slots stay. */
  async confirmDelete(): Promise<void> {
    const group = this.deleting;
    if (group === null) return;
    await this.#extras.remove(group);
    this.deleting = null;
  }

  /** A write; a failure (locked meanwhile, storage full) is shown as `error`, the typed name kept. */
  async #write(work: () => Promise<void>, done: string): Promise<void> {
    this.busy = true;
    try {
      await work();
      this.#settle(done);
    } catch (e) {
      this.error = e;
    } finally {
      this.busy = false;
    }
  }

  #settle(group: string | null): void {
    this.renaming = null;
    this.draft = '';
    this.error = null;
    this.settled = group;
  }
}
