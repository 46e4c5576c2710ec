import { describe, expect, it } from 'vitest';
import { GROUPS_MAX } from '../../src/core/slot-extras';
import {
  groupCounts,
  groupsInUse,
  inGroup,
  planCreate,
  planRename,
  renamedGroup,
  slotsInGroup,
  withGroup,
  withoutGroup,
} from '../../src/core/groups';
import { expectThrowsCode } from './fixtures/errors';

const slots = [
  { id: 'a', groups: ['Work', 'VPN'] },
  { id: 'b', groups: ['work'] },
  { id: 'c', groups: [] },
  { id: 'd', groups: ['Home', 'Bank 10', 'Bank 9'] },
];

describe('groups in use', () => {
  it('lists each group once, with the first spelling met, in a people-friendly order', () => {
    expect(groupsInUse(slots)).toEqual(['Bank 9', 'Bank 10', 'Home', 'VPN', 'Work']);
    expect(groupsInUse([])).toEqual([]);
  });

  it('filters without regard to case, and an empty filter shows every slot', () => {
    expect(slots.filter((s) => inGroup(s, 'WORK')).map((s) => s.id)).toEqual(['a', 'b']);
    expect(slots.filter((s) => inGroup(s, '')).map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(slotsInGroup(slots, 'work')).toEqual(['a', 'b']);
    expect(slotsInGroup(slots, '')).toEqual([]);
  });
});

describe('changing a slot’s groups', () => {
  it('adds a cleaned name once, and removes without regard to case', () => {
    expect(withGroup(['Work'], '  Travel ')).toEqual(['Work', 'Travel']);
    expect(withGroup(['Work'], 'WORK')).toEqual(['Work']);
    expect(withoutGroup(['Work', 'VPN'], 'work')).toEqual(['VPN']);
    expect(withoutGroup(['Work'], 'Home')).toEqual(['Work']);
  });

  it('refuses an empty name, a name too long, and a group past the limit', () => {
    expectThrowsCode(() => withGroup([], '   '), 'GROUP_INVALID', 'groups');
    expectThrowsCode(() => withGroup([], 'x'.repeat(65)), 'NAME_TOO_LONG', 'groups');
    const full = Array.from({ length: GROUPS_MAX }, (_, i) => `g${i}`);
    expectThrowsCode(() => withGroup(full, 'one more'), 'GROUPS_TOO_MANY', 'groups');
  });

  it('renames in place, merges into an existing group of the new name, and leaves other slots alone', () => {
    expect(renamedGroup(['Work', 'VPN'], 'work', 'Office')).toEqual(['Office', 'VPN']);
    expect(renamedGroup(['Work', 'Office'], 'Work', 'office')).toEqual(['office']);
    expect(renamedGroup(['Home'], 'Work', 'Office')).toEqual(['Home']);
    expect(renamedGroup(['Work'], 'Work', 'WORK')).toEqual(['WORK']);
    expectThrowsCode(() => renamedGroup(['Work'], 'Work', ' '), 'GROUP_INVALID', 'groups');
  });
});

describe('Settings → Groups', () => {
  it('counts each slot once per group, whatever the spelling', () => {
    expect(groupCounts([...slots, { id: 'e', groups: ['WORK', 'Ｗｏｒｋ'] }])).toEqual([
      { name: 'Bank 9', count: 1 },
      { name: 'Bank 10', count: 1 },
      { name: 'Home', count: 1 },
      { name: 'VPN', count: 1 },
      { name: 'Work', count: 3 },
    ]);
    expect(groupCounts([])).toEqual([]);
  });

  it('plans a rename: nothing for the same name, a rename for a new name or a new spelling', () => {
    const inUse = ['Home', 'Work'];
    expect(planRename(inUse, 'Work', '  Work ')).toEqual({ kind: 'unchanged' });
    expect(planRename(inUse, 'Work', 'Office')).toEqual({ kind: 'rename', name: 'Office' });
    expect(planRename(inUse, 'Work', 'WORK')).toEqual({ kind: 'rename', name: 'WORK' });
  });

  it('plans a merge, in the existing spelling, when the new name is another group’s as names compare', () => {
    const inUse = ['Home', 'Work'];
    expect(planRename(inUse, 'Work', 'home')).toEqual({ kind: 'merge', into: 'Home' });
    // Full-width letters, a zero-width joiner and doubled spaces make no new group (core/names.ts nameKey).
    expect(planRename(inUse, 'Work', 'Ｈｏｍｅ')).toEqual({ kind: 'merge', into: 'Home' });
    expect(planRename(['Home office', 'Work'], 'Work', 'Home\u200D  office')).toEqual({
      kind: 'merge',
      into: 'Home office',
    });
  });

  it('refuses an empty, invisible or too long new name, naming the field', () => {
    expectThrowsCode(() => planRename(['Work'], 'Work', '   '), 'GROUP_INVALID', 'groups');
    expectThrowsCode(() => planRename(['Work'], 'Work', '\u200B\u202E'), 'GROUP_INVALID', 'groups');
    expectThrowsCode(() => planRename(['Work'], 'Work', 'x'.repeat(65)), 'NAME_TOO_LONG', 'groups');
  });
});

describe('a new group', () => {
  it('takes a cleaned name that no group has in any spelling, with at least one slot', () => {
    expect(planCreate(['Work', 'Home'], '  Lab VPN ', ['a'])).toBe('Lab VPN');
    expect(planCreate([], 'Work', ['a', 'b'])).toBe('Work');
  });

  it('refuses an empty, too long or existing name, and a group without slots, naming the field', () => {
    expectThrowsCode(() => planCreate(['Work'], ' \u200B ', ['a']), 'GROUP_INVALID', 'name');
    expectThrowsCode(() => planCreate(['Work'], 'x'.repeat(65), ['a']), 'NAME_TOO_LONG', 'name');
    expectThrowsCode(() => planCreate(['Work'], ' WORK ', ['a']), 'GROUP_EXISTS', 'name');
    expectThrowsCode(() => planCreate(['Work'], 'Lab', []), 'GROUP_NO_SLOTS', 'slots');
  });
});
