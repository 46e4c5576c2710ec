/**
 * Organising the slot list, pure: search, sort, favourites, manual order keys, the trash's
 * expiry and when to preview the next code. Time comes in as an argument (`nowMs`).
 */
import { POSITION_MAX, slotTitle, type Slot } from './slot';

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

export const SORT_ORDERS = ['manual', 'name', 'recent'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

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
      return (a, b) => collator.compare(slotTitle(a), slotTitle(b)) || collator.compare(a.account, b.account) || compareManual(a, b);
    case 'recent':
      // Most recently used first; never used ones after, in manual order.
      return (a, b) => b.lastUsedAt - a.lastUsedAt || compareManual(a, b);
    case 'manual':
      return compareManual;
  }
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
  const compare = comparer(order);
  return shown.sort((a, b) => Number(b.favourite) - Number(a.favourite) || compare(a, b));
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

/**
 * Base-62 digits in ASCII order, so comparing keys as strings compares them as numbers.
 * A key "d1d2…dn" stands for the fraction 0.d1d2…dn (base 62) and never ends in "0" (that
 * would be the same number as without it, and leave no room below). Moving one slot then
 * writes one record: its new key lies between its new neighbours' keys.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function digit(key: string, i: number): number {
  return i < key.length ? DIGITS.indexOf(key[i]!) : 0;
}

/**
 * A key strictly between `lo` and `hi` (null = the start or the end of the list). Throws
 * RangeError when `lo >= hi` or a key is not a valid position key: callers renumber then.
 */
export function keyBetween(lo: string | null, hi: string | null): string {
  const a = lo ?? '';
  if (!isKey(a, lo !== null) || (hi !== null && !isKey(hi, true))) throw new RangeError('not a position key');
  if (hi !== null && a >= hi) throw new RangeError('keys out of order');
  let out = '';
  // Walk the digits: copy the common prefix, then take a digit between the two, or copy a's
  // digit and continue with "a's rest .. the end".
  for (let i = 0; ; i++) {
    const da = digit(a, i);
    const db = hi === null ? BASE : digit(hi, i);
    if (db === da) {
      out += DIGITS[da];
      continue;
    }
    if (db - da > 1) return out + DIGITS[Math.floor((da + db) / 2)];
    // Adjacent digits: da and, below everything after it, "a's rest .. end".
    out += DIGITS[da];
    return out + keyBetween(a.length > i + 1 ? a.slice(i + 1) : null, null);
  }
}

function isKey(key: string, mustBeNonEmpty: boolean): boolean {
  if (key === '') return !mustBeNonEmpty;
  return /^[0-9A-Za-z]*[1-9A-Za-z]$/.test(key);
}

/** `n` evenly spread keys in ascending order, as short as they can be (renumbering). */
export function spreadKeys(n: number): string[] {
  let width = 1;
  while (BASE ** width <= n) width++;
  const keys: string[] = [];
  const span = BASE ** width;
  for (let i = 1; i <= n; i++) {
    let value = Math.floor((i * span) / (n + 1));
    let key = '';
    for (let w = 0; w < width; w++) {
      key = DIGITS[value % BASE] + key;
      value = Math.floor(value / BASE);
    }
    keys.push(key.replace(/0+$/, ''));
  }
  return keys;
}

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

/**
 * The key for a slot added at the end of the manual order, after `last` (the largest key so
 * far). Counts up by one in the last digit (carrying, dropping what follows) rather than
 * halving the rest, so keys grow by one digit per ~61 additions, not per ~6. When even that
 * would pass POSITION_MAX it returns `last` itself: an equal key sorts by age, so the newest
 * slot is still last, and the next move renumbers.
 */
export function keyAfter(last: string): string {
  if (last === '' || !isKey(last, true)) return DIGITS[BASE / 2]!;
  const digits = [...last].map((c) => DIGITS.indexOf(c));
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i]! < BASE - 1) return last.slice(0, i) + DIGITS[digits[i]! + 1];
  }
  const longer = last + DIGITS[1];
  return longer.length <= POSITION_MAX ? longer : last;
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
