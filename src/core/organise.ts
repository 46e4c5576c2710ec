/**
 * Organising the slot list, pure: search, sort, favourites, manual order keys, the trash's
 * expiry and when to preview the next code. Time comes in as an argument (`nowMs`).
 */
import { POSITION_MAX, slotTitle, type Slot } from './slot';
import { keyBetween, spreadKeys } from './order-keys';
import type { SortOrder } from './sort-order';

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

/**
 * Text folded for matching: compatibility decomposition (NFKD, so full-width "ＶＰＮ" matches
 * "vpn"), combining marks removed ("é" matches "e"), lower case (locale-independent).
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The folded words of a query; none means "no filter". */
export function searchTerms(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean);
}

/** The folded text a slot is searched in: issuer, account and the user's name. */
export function searchText(slot: Pick<Slot, 'issuer' | 'account' | 'name'>): string {
  return foldForSearch(`${slot.issuer}\n${slot.account}\n${slot.name}`);
}

/** True when every term occurs somewhere in the slot's issuer, account or name. */
export function matchesSearch(text: string, terms: readonly string[]): boolean {
  return terms.every((term) => text.includes(term));
}

// ---------------------------------------------------------------------------------------------
// Sort and arrange
// ---------------------------------------------------------------------------------------------

export { SORT_ORDERS, type SortOrder } from './sort-order';
export { keyAfter, keyBetween, spreadKeys } from './order-keys';

/**
 * Manual order: position key (plain string comparison; the key alphabet is in ASCII order),
 * then age, then id, so the order is total and the same in every tab. Unplaced slots (record
 * version 1, key '') come first, oldest first: before any reorder that is the order they had.
 */
export function compareManual(a: Slot, b: Slot): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function comparer(order: SortOrder): (a: Slot, b: Slot) => number {
  switch (order) {
    case 'name':
      return (a, b) =>
        collator.compare(slotTitle(a), slotTitle(b)) || collator.compare(a.account, b.account) || compareManual(a, b);
    case 'recent':
      // Most recently used first; never used ones after, in manual order.
      return (a, b) => b.lastUsedAt - a.lastUsedAt || compareManual(a, b);
    case 'manual':
      return compareManual;
  }
}

/** The list's order: favourites first, then `order` (arrange and firstArranged share it). */
function listComparer(order: SortOrder): (a: Slot, b: Slot) => number {
  const compare = comparer(order);
  return (a, b) => Number(b.favourite) - Number(a.favourite) || compare(a, b);
}

export interface ArrangeOptions {
  order: SortOrder;
  /** Folded terms (searchTerms); empty = all. */
  terms?: readonly string[];
  /** Folded search text per slot, when the caller keeps it (searchText); else computed here. */
  textOf?: (slot: Slot) => string;
}

/**
 * What the list shows: slots not in the trash, matching the search, favourites first, each
 * group in the chosen order.
 */
export function arrange(slots: readonly Slot[], { order, terms = [], textOf = searchText }: ArrangeOptions): Slot[] {
  const shown = slots.filter((s) => s.deletedAt === 0 && (terms.length === 0 || matchesSearch(textOf(s), terms)));
  return shown.sort(listComparer(order));
}

/**
 * The first `count` slots arrange() would show with no search, without sorting them all: one pass
 * keeping the best `count` in order (n·log(count) comparisons, not n·log(n)). For the
 * first-screen hint (core/vault/first-screen.ts), recomputed after every write.
 */
export function firstArranged(slots: readonly Slot[], order: SortOrder, count: number): Slot[] {
  const before = listComparer(order);
  const best: Slot[] = [];
  if (count <= 0) return best;
  for (const slot of slots) {
    if (slot.deletedAt !== 0) continue;
    if (best.length === count && before(slot, best[count - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(slot, best[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, slot);
    if (best.length > count) best.pop();
  }
  return best;
}

/** Slots in the trash, most recently deleted first. */
export function trashed(slots: readonly Slot[]): Slot[] {
  return slots.filter((s) => s.deletedAt > 0).sort((a, b) => b.deletedAt - a.deletedAt || compareManual(a, b));
}

/** Slots not in the trash (duplicate checks, counts). */
export function active(slots: readonly Slot[]): Slot[] {
  return slots.filter((s) => s.deletedAt === 0);
}

// ---------------------------------------------------------------------------------------------
// Manual order: fractional position keys
// ---------------------------------------------------------------------------------------------

export type MoveResult =
  /** Only the moved slot changes: its new key. */
  | { kind: 'one'; id: string; position: string }
  /** The order had to be renumbered (unplaced or equal keys, or a key would grow too long): every slot's key. */
  | { kind: 'all'; positions: Map<string, string> };

/**
 * Move `id` to index `to` within `group` (the slots shown together, in manual order: the
 * favourites, or the others), given every slot (`all`, any order) so a renumbering keeps the
 * slots of other groups and the trash in place. Returns null when nothing moves.
 */
export function moveTo(all: readonly Slot[], group: readonly Slot[], id: string, to: number): MoveResult | null {
  const from = group.findIndex((s) => s.id === id);
  if (from < 0) return null;
  const target = Math.max(0, Math.min(group.length - 1, to));
  if (target === from) return null;
  const rest = group.filter((s) => s.id !== id);
  const before = rest[target - 1] ?? null;
  const after = rest[target] ?? null;
  try {
    const position = keyBetween(before?.position ?? null, after?.position ?? null);
    // An unplaced neighbour ('') has no key to stay above: the whole order gets keys then.
    if (position.length <= POSITION_MAX && before?.position !== '' && after?.position !== '') {
      return { kind: 'one', id, position };
    }
  } catch {
    // equal or missing keys: renumber below
  }
  return { kind: 'all', positions: renumber(all, group, id, target) };
}

/** Fresh keys for every slot: the manual order, with `id` moved to `target` within its group. */
function renumber(all: readonly Slot[], group: readonly Slot[], id: string, target: number): Map<string, string> {
  const ordered = [...all].sort(compareManual).filter((s) => s.id !== id);
  const moved = all.find((s) => s.id === id)!;
  const rest = group.filter((s) => s.id !== id);
  const anchor = rest[target] ?? null;
  // Before the slot it should precede; at the end of the group, right after the group's last.
  const index = anchor
    ? ordered.findIndex((s) => s.id === anchor.id)
    : ordered.findIndex((s) => s.id === rest[rest.length - 1]?.id) + 1;
  ordered.splice(index < 0 ? ordered.length : index, 0, moved);
  const keys = spreadKeys(ordered.length);
  return new Map(ordered.map((s, i) => [s.id, keys[i]!]));
}

// ---------------------------------------------------------------------------------------------
// Trash
// ---------------------------------------------------------------------------------------------

export const DAY_MS = 86_400_000;
/** A deleted slot stays in the trash this long, then goes for good at the next unlock. */
export const TRASH_KEEP_MS = 30 * DAY_MS;

/** Ids of trashed slots whose 30 days are over at `nowMs`. */
export function expiredTrash(slots: readonly Slot[], nowMs: number): string[] {
  return slots.filter((s) => s.deletedAt > 0 && nowMs - s.deletedAt >= TRASH_KEEP_MS).map((s) => s.id);
}

/** Whole days (rounded up, at least 1 while it is still there) before a trashed slot goes. */
export function trashDaysLeft(slot: Pick<Slot, 'deletedAt'>, nowMs: number): number {
  const left = slot.deletedAt + TRASH_KEEP_MS - nowMs;
  return Math.max(1, Math.min(30, Math.ceil(left / DAY_MS)));
}

// ---------------------------------------------------------------------------------------------
// Next-code preview
// ---------------------------------------------------------------------------------------------

/** The next code is shown during the last seconds of a period: 10, or a third of short periods. */
export const PREVIEW_S = 10;
/** The warning (colour, icon and words) in the last 5 seconds. */
export const WARN_S = 5;

/** Seconds before the end of a period from which the next code shows (never the whole period). */
export function previewWindow(periodS: number): number {
  return Math.min(PREVIEW_S, Math.floor(periodS / 3));
}

/** Whether to show the next code with `secondsLeft` (as the countdown shows it) of `periodS`. */
export function showsNext(secondsLeft: number, periodS: number): boolean {
  return secondsLeft <= previewWindow(periodS);
}

/** Whether the last seconds' warning is on. */
export function warns(secondsLeft: number, periodS: number): boolean {
  return secondsLeft <= Math.min(WARN_S, previewWindow(periodS));
}
