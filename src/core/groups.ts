/**
 * Groups as the list uses them (issue 15): a group is a name on its slots (slot-extras.ts), like a
 * tag, so a slot may be in several. These pure helpers list the groups in use, filter by one,
 * and compute each slot's new list for add / remove / rename; the slots state stores the
 * changed slots through its one write path (all in one compare-and-swap transaction).
 */
import type { Slot } from './slot';
import { GROUPS_MAX, groupKey, groupName } from './slot-extras';
import { KeyslotError } from './errors';

/** Every group some slot is in, one spelling each (the first met), sorted for people (locale order, case-insensitive). */
export function groupsInUse(slots: readonly Pick<Slot, 'groups'>[], locale = 'en'): string[] {
  const byKey = new Map<string, string>();
  for (const s of slots) for (const g of s.groups) if (!byKey.has(groupKey(g))) byKey.set(groupKey(g), g);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, locale, { sensitivity: 'base', numeric: true }));
}

/** Whether the slot is in the group (case-insensitive). An empty filter ('') means every slot. */
export function inGroup(slot: Pick<Slot, 'groups'>, group: string): boolean {
  if (group === '') return true;
  const key = groupKey(group);
  return slot.groups.some((g) => groupKey(g) === key);
}

/**
 * The slot's groups with `name` added (cleaned by groupName; nothing changes if it is there in
 * any case). GROUP_INVALID / NAME_TOO_LONG for a bad name; GROUPS_TOO_MANY past the limit.
 */
export function withGroup(groups: readonly string[], name: string): string[] {
  const clean = groupName(name);
  if (groups.some((g) => groupKey(g) === groupKey(clean))) return [...groups];
  if (groups.length >= GROUPS_MAX) throw new KeyslotError('GROUPS_TOO_MANY', { field: 'groups', max: GROUPS_MAX });
  return [...groups, clean];
}

/** The slot's groups without `name` (case-insensitive). */
export function withoutGroup(groups: readonly string[], name: string): string[] {
  const key = groupKey(name);
  return groups.filter((g) => groupKey(g) !== key);
}

/**
 * The slot's groups with `from` renamed to `to`, in place; if the slot is also in `to` already,
 * the two merge into one entry. `to` is cleaned by groupName (GROUP_INVALID / NAME_TOO_LONG).
 */
export function renamedGroup(groups: readonly string[], from: string, to: string): string[] {
  const clean = groupName(to);
  const fromKey = groupKey(from);
  const toKey = groupKey(clean);
  const out: string[] = [];
  for (const g of groups) {
    const k = groupKey(g);
    const next = k === fromKey ? clean : g;
    if (out.some((o) => groupKey(o) === groupKey(next))) continue;
    if (k === toKey && fromKey !== toKey && groups.some((x) => groupKey(x) === fromKey)) continue; // merged into the renamed one
    out.push(next);
  }
  return out;
}

/** The ids of the slots a change to `group` touches. */
export function slotsInGroup(slots: readonly Pick<Slot, 'id' | 'groups'>[], group: string): string[] {
  return slots.filter((s) => group !== '' && inGroup(s, group)).map((s) => s.id);
}

/** A group as Settings → Groups lists it: its name and how many slots are in it. */
export interface GroupUse {
  name: string;
  count: number;
}

/** Every group in use (as groupsInUse) with the number of slots in it. */
export function groupCounts(slots: readonly Pick<Slot, 'groups'>[], locale = 'en'): GroupUse[] {
  const counts = new Map<string, number>();
  for (const s of slots) for (const g of new Set(s.groups.map(groupKey))) counts.set(g, (counts.get(g) ?? 0) + 1);
  return groupsInUse(slots, locale).map((name) => ({ name, count: counts.get(groupKey(name)) ?? 0 }));
}

/**
 * What renaming `from` to `to` would do, given the groups in use: nothing (the same name), a
 * rename (a new name, or the same one spelt differently: "work" → "Work"), or a merge into a
 * group that exists already (compared as groupKey does; `into` is that group's spelling), which
 * the person is asked about first. GROUP_INVALID / NAME_TOO_LONG for a bad new name.
 */
export type RenamePlan = { kind: 'unchanged' } | { kind: 'rename'; name: string } | { kind: 'merge'; into: string };

export function planRename(groups: readonly string[], from: string, to: string): RenamePlan {
  const name = groupName(to);
  if (name === from) return { kind: 'unchanged' };
  const key = groupKey(name);
  if (key === groupKey(from)) return { kind: 'rename', name };
  const existing = groups.find((g) => groupKey(g) === key);
  return existing === undefined ? { kind: 'rename', name } : { kind: 'merge', into: existing };
}

/**
 * A new group (Settings → Groups → New group): its cleaned name, or why not. A group is a name
 * on slots (there is no empty group to store), so it needs at least one slot (GROUP_NO_SLOTS,
 * field 'slots'); its name is cleaned as every group name (GROUP_INVALID / NAME_TOO_LONG, field
 * 'name') and may not be one in use in any spelling (GROUP_EXISTS, field 'name': rename or add
 * to that one instead).
 */
export function planCreate(groups: readonly string[], name: string, slotIds: readonly string[]): string {
  const clean = groupName(name, 'name');
  if (groups.some((g) => groupKey(g) === groupKey(clean))) throw new KeyslotError('GROUP_EXISTS', { field: 'name' });
  if (slotIds.length === 0) throw new KeyslotError('GROUP_NO_SLOTS', { field: 'slots' });
  return clean;
}
