import { describe, expect, it } from 'vitest';
import { POSITION_MAX, POSITION_RE, SLOT_META_DEFAULTS, slotSubtitle, slotTitle, type Slot } from '../../src/core/slot';
import {
  DAY_MS,
  TRASH_KEEP_MS,
  arrange,
  compareManual,
  expiredTrash,
  firstArranged,
  foldForSearch,
  keyAfter,
  keyBetween,
  matchesSearch,
  moveTo,
  previewWindow,
  searchTerms,
  searchText,
  showsNext,
  spreadKeys,
  trashDaysLeft,
  trashed,
  warns,
} from '../../src/core/organise';

let n = 0;
function slot(over: Partial<Slot> = {}): Slot {
  n += 1;
  return {
    id: n.toString(16).padStart(32, '0'),
    kind: 'totp',
    issuer: 'Acme',
    account: `user${n}`,
    name: '',
    secret: new Uint8Array(20).fill(n),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    createdAt: 1_700_000_000_000 + n,
    ...SLOT_META_DEFAULTS,
    ...over,
  };
}

const ids = (slots: readonly Slot[]) => slots.map((s) => s.account);

describe('search', () => {
  it('folds case, accents and full-width letters', () => {
    expect(foldForSearch('Ærø Bánk')).toBe('ærø bank');
    expect(foldForSearch('ＶＰＮ')).toBe('vpn');
    expect(foldForSearch('CAFÉ')).toBe(foldForSearch('cafe'));
  });

  it('matches every term against issuer, account and name', () => {
    const s = slot({ issuer: 'Société Générale', account: 'alice@example.org', name: 'Work VPN' });
    const text = searchText(s);
    expect(matchesSearch(text, searchTerms('societe'))).toBe(true);
    expect(matchesSearch(text, searchTerms('ALICE'))).toBe(true);
    expect(matchesSearch(text, searchTerms('vpn  générale'))).toBe(true);
    expect(matchesSearch(text, searchTerms('work bob'))).toBe(false);
    expect(matchesSearch(text, searchTerms('   '))).toBe(true);
  });

  it('never matches on the secret or other fields', () => {
    const s = slot({ issuer: 'A', account: 'b', algorithm: 'SHA256' });
    expect(matchesSearch(searchText(s), searchTerms('sha256'))).toBe(false);
    expect(matchesSearch(searchText(s), searchTerms('totp'))).toBe(false);
  });

  it('treats hostile queries as plain text (no patterns)', () => {
    const s = slot({ issuer: 'a.b', account: 'x' });
    expect(matchesSearch(searchText(s), searchTerms('.*'))).toBe(false);
    expect(matchesSearch(searchText(s), searchTerms('a.b'))).toBe(true);
    expect(() => searchTerms('('.repeat(10_000))).not.toThrow();
  });
});

describe('arrange', () => {
  it('hides the trash, keeps favourites on top, and sorts each group', () => {
    const a = slot({ account: 'a', issuer: 'Zeta', position: 'V' });
    const b = slot({ account: 'b', issuer: 'Alpha', position: 'k' });
    const c = slot({ account: 'c', issuer: 'Mu', position: 'F', favourite: true });
    const d = slot({ account: 'd', issuer: 'Beta', position: 'A', deletedAt: 5 });
    const all = [a, b, c, d];
    expect(ids(arrange(all, { order: 'manual' }))).toEqual(['c', 'a', 'b']);
    expect(ids(arrange(all, { order: 'name' }))).toEqual(['c', 'b', 'a']);
    expect(ids(arrange(all, { order: 'recent' }))).toEqual(['c', 'a', 'b']);
    expect(
      ids(arrange([a, b, { ...b, account: 'e', id: 'e'.repeat(32), lastUsedAt: 9 }], { order: 'recent' })),
    ).toEqual(['e', 'a', 'b']);
  });

  it('filters by the search terms, with the trash never found', () => {
    const a = slot({ issuer: 'GitLab', account: 'a' });
    const b = slot({ issuer: 'GitHub', account: 'b' });
    const c = slot({ issuer: 'GitLab', account: 'c', deletedAt: 1 });
    expect(ids(arrange([a, b, c], { order: 'manual', terms: searchTerms('gitlab') }))).toEqual(['a']);
    expect(arrange([a, b, c], { order: 'manual', terms: searchTerms('nothing') })).toEqual([]);
  });

  it('sorts by name naturally and without regard to case or accents', () => {
    const list = ['slot 10', 'Slot 9', 'élan', 'Eagle'].map((name) => slot({ name, account: name }));
    expect(ids(arrange(list, { order: 'name' }))).toEqual(['Eagle', 'élan', 'Slot 9', 'slot 10']);
  });

  it('puts unplaced slots (record version 1) first, oldest first, in the manual order', () => {
    const old1 = slot({ account: 'old1', createdAt: 1 });
    const old2 = slot({ account: 'old2', createdAt: 2 });
    const placed = slot({ account: 'new', position: '1', createdAt: 0 });
    expect(ids([placed, old2, old1].sort(compareManual))).toEqual(['old1', 'old2', 'new']);
  });

  it('lists the trash most recently deleted first', () => {
    expect(
      ids(
        trashed([slot({ account: 'a', deletedAt: 1 }), slot({ account: 'b' }), slot({ account: 'c', deletedAt: 2 })]),
      ),
    ).toEqual(['c', 'a']);
  });
});

describe('the first slots of the list (the first-screen hint)', () => {
  it('are the first slots arrange() shows, for every order, without sorting them all', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      slot({
        issuer: `Issuer ${(i * 37) % 50}`,
        favourite: i % 9 === 0,
        deletedAt: i % 13 === 0 ? 5 : 0,
        lastUsedAt: (i * 7919) % 97,
        position: i % 5 === 0 ? '' : String.fromCharCode(97 + ((i * 11) % 26)),
      }),
    );
    for (const order of ['manual', 'name', 'recent'] as const) {
      for (const count of [1, 7, 30, 500]) {
        expect(firstArranged(many, order, count)).toEqual(arrange(many, { order }).slice(0, count));
      }
    }
  });

  it('give nothing for a count of zero or less, and never a slot in the trash', () => {
    const gone = [slot({ deletedAt: 1 }), slot({ deletedAt: 2 })];
    expect(firstArranged(gone, 'manual', 5)).toEqual([]);
    expect(firstArranged([slot()], 'name', 0)).toEqual([]);
    expect(firstArranged([slot()], 'name', -3)).toEqual([]);
  });
});

describe('position keys', () => {
  it('finds a key strictly between any two keys, and at both ends', () => {
    const cases: [string | null, string | null][] = [
      [null, null],
      [null, '1'],
      [null, '01'],
      ['V', null],
      ['V', 'W'],
      ['V', 'V1'],
      ['V1', 'W'],
      ['0V', '1'],
      ['z', null],
      ['zz', null],
      ['1', '2'],
      ['y', 'z'],
      ['V05', 'W'],
    ];
    for (const [lo, hi] of cases) {
      const key = keyBetween(lo, hi);
      expect(key, `${lo}..${hi}`).toMatch(POSITION_RE);
      if (lo !== null) expect(key > lo, `${key} > ${lo}`).toBe(true);
      if (hi !== null) expect(key < hi, `${key} < ${hi}`).toBe(true);
    }
  });

  it('keeps keys short when always inserting at the same place', () => {
    let lo = 'V';
    const hi = 'W';
    for (let i = 0; i < 40; i++) {
      const key = keyBetween(lo, hi);
      expect(key > lo && key < hi).toBe(true);
      lo = key;
    }
    expect(lo.length).toBeLessThanOrEqual(POSITION_MAX);
    let last = '';
    for (let i = 0; i < 500; i++) {
      const next = keyAfter(last);
      expect(next > last).toBe(true);
      expect(next).toMatch(POSITION_RE);
      last = next;
    }
    expect(last.length).toBeLessThanOrEqual(10);
  });

  it('adds at the end with an equal key rather than one too long (the age then orders them)', () => {
    const longest = 'z'.repeat(POSITION_MAX);
    expect(keyAfter(longest)).toBe(longest);
    expect(keyAfter('Vz')).toBe('W');
    expect(keyAfter('not a key!')).toBe('V');
    const older = slot({ account: 'older', position: longest });
    const newer = slot({ account: 'newer', position: keyAfter(longest) });
    expect(ids([newer, older].sort(compareManual))).toEqual(['older', 'newer']);
  });

  it('refuses keys out of order, equal, or not keys at all', () => {
    expect(() => keyBetween('W', 'V')).toThrow(RangeError);
    expect(() => keyBetween('V', 'V')).toThrow(RangeError);
    expect(() => keyBetween('V0', null)).toThrow(RangeError);
    expect(() => keyBetween('', 'V')).toThrow(RangeError);
    expect(() => keyBetween(null, '-')).toThrow(RangeError);
  });

  it('spreads n keys in order, all valid and distinct', () => {
    for (const count of [1, 2, 61, 62, 500, 4000]) {
      const keys = spreadKeys(count);
      expect(keys).toHaveLength(count);
      expect(new Set(keys).size).toBe(count);
      expect([...keys].sort()).toEqual(keys);
      for (const k of keys) expect(k).toMatch(POSITION_RE);
    }
  });
});

describe('moving a slot', () => {
  function placed(count: number): Slot[] {
    const keys = spreadKeys(count);
    return keys.map((position, i) => slot({ account: `s${i}`, position }));
  }
  const apply = (all: Slot[], r: ReturnType<typeof moveTo>): Slot[] => {
    if (!r) return all;
    if (r.kind === 'one') return all.map((s) => (s.id === r.id ? { ...s, position: r.position } : s));
    return all.map((s) => ({ ...s, position: r.positions.get(s.id) ?? s.position }));
  };

  it('changes only the moved slot when the order has keys', () => {
    const all = placed(5);
    const r = moveTo(all, all, all[4]!.id, 1);
    expect(r?.kind).toBe('one');
    expect(ids(apply(all, r).sort(compareManual))).toEqual(['s0', 's4', 's1', 's2', 's3']);
    const down = moveTo(all, all, all[0]!.id, 4);
    expect(ids(apply(all, down).sort(compareManual))).toEqual(['s1', 's2', 's3', 's4', 's0']);
    expect(ids(apply(all, moveTo(all, all, all[2]!.id, 0)).sort(compareManual))).toEqual([
      's2',
      's0',
      's1',
      's3',
      's4',
    ]);
  });

  it('does nothing for a move to the same place or of an unknown slot, and clamps the target', () => {
    const all = placed(3);
    expect(moveTo(all, all, all[1]!.id, 1)).toBeNull();
    expect(moveTo(all, all, 'f'.repeat(32), 0)).toBeNull();
    expect(ids(apply(all, moveTo(all, all, all[0]!.id, 99)).sort(compareManual))).toEqual(['s1', 's2', 's0']);
  });

  it('renumbers every slot when some have no key yet (record version 1), keeping the order', () => {
    const all = [slot({ account: 'a' }), slot({ account: 'b' }), slot({ account: 'c' })];
    const r = moveTo(all, all, all[2]!.id, 1);
    expect(r?.kind).toBe('all');
    const after = apply(all, r);
    expect(ids(after.sort(compareManual))).toEqual(['a', 'c', 'b']);
    for (const s of after) expect(s.position).toMatch(POSITION_RE);
  });

  it('renumbers when two slots share a key (two tabs moved at once)', () => {
    const all = [
      slot({ account: 'a', position: 'V' }),
      slot({ account: 'b', position: 'V' }),
      slot({ account: 'c', position: 'k' }),
    ];
    const sorted = [...all].sort(compareManual);
    const r = moveTo(all, sorted, all[2]!.id, 1);
    expect(r?.kind).toBe('all');
    expect(ids(apply(all, r).sort(compareManual))).toEqual(['a', 'c', 'b']);
  });

  it('moves within a group (the favourites) and keeps the others and the trash in order', () => {
    const all = [
      slot({ account: 'f1', position: '1', favourite: true }),
      slot({ account: 'o1', position: '2' }),
      slot({ account: 'f2', position: '3', favourite: true }),
      slot({ account: 't', position: '4', deletedAt: 7 }),
      slot({ account: 'o2', position: '5' }),
    ];
    const favs = arrange(all, { order: 'manual' }).filter((s) => s.favourite);
    const after = apply(all, moveTo(all, favs, all[2]!.id, 0));
    expect(ids(arrange(after, { order: 'manual' }))).toEqual(['f2', 'f1', 'o1', 'o2']);
    // A renumbering (unplaced slots) also keeps the non-moved order, trash included.
    const old = all.map((s) => ({ ...s, position: '' }));
    const favsOld = arrange(old, { order: 'manual' }).filter((s) => s.favourite);
    const r = moveTo(old, favsOld, old[2]!.id, 0);
    expect(r?.kind).toBe('all');
    const renumbered = apply(old, r);
    expect(ids(arrange(renumbered, { order: 'manual' }))).toEqual(['f2', 'f1', 'o1', 'o2']);
    expect(ids([...renumbered].sort(compareManual))).toEqual(['f2', 'f1', 'o1', 't', 'o2']);
  });

  it('survives many random moves with the order always what was asked', () => {
    let all = placed(8);
    let expected = ids(all);
    let seed = 7;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
    for (let i = 0; i < 300; i++) {
      const ordered = [...all].sort(compareManual);
      const from = rand(8);
      const to = rand(8);
      all = apply(all, moveTo(all, ordered, ordered[from]!.id, to));
      const [moved] = expected.splice(from, 1);
      expected.splice(to, 0, moved!);
      expect(ids([...all].sort(compareManual))).toEqual(expected);
      for (const s of all) expect(s.position.length).toBeLessThanOrEqual(POSITION_MAX);
    }
    expected = [];
  });
});

describe('trash', () => {
  const now = 1_800_000_000_000;

  it('keeps a slot for 30 days, then lists it as expired', () => {
    const fresh = slot({ deletedAt: now - DAY_MS });
    const edge = slot({ deletedAt: now - TRASH_KEEP_MS + 1 });
    const old = slot({ deletedAt: now - TRASH_KEEP_MS });
    const kept = slot();
    expect(expiredTrash([fresh, edge, old, kept], now)).toEqual([old.id]);
  });

  it('says how many days are left, never 0 or more than 30', () => {
    expect(trashDaysLeft({ deletedAt: now }, now)).toBe(30);
    expect(trashDaysLeft({ deletedAt: now - DAY_MS }, now)).toBe(29);
    expect(trashDaysLeft({ deletedAt: now - TRASH_KEEP_MS + 1 }, now)).toBe(1);
    expect(trashDaysLeft({ deletedAt: now - 10 * TRASH_KEEP_MS }, now)).toBe(1);
    // A clock set back (deletedAt in the future) still shows at most 30.
    expect(trashDaysLeft({ deletedAt: now + 5 * DAY_MS }, now)).toBe(30);
  });

  it('does not expire anything when the clock is behind the deletion time', () => {
    expect(expiredTrash([slot({ deletedAt: now })], now - 100 * DAY_MS)).toEqual([]);
  });
});

describe('next-code preview', () => {
  it('shows the next code in the last 10 seconds of a 30-second period, and warns in the last 5', () => {
    expect(showsNext(11, 30)).toBe(false);
    expect(showsNext(10, 30)).toBe(true);
    expect(showsNext(1, 30)).toBe(true);
    expect(warns(6, 30)).toBe(false);
    expect(warns(5, 30)).toBe(true);
  });

  it('shows it for a third of short periods, and never for the whole period', () => {
    expect(previewWindow(60)).toBe(10);
    expect(previewWindow(15)).toBe(5);
    expect(previewWindow(6)).toBe(2);
    expect(previewWindow(1)).toBe(0);
    expect(showsNext(1, 1)).toBe(false);
    expect(warns(3, 6)).toBe(false);
    expect(warns(2, 6)).toBe(true);
  });
});

describe('the names a slot shows', () => {
  it('keeps provider and account on screen when the user has named the slot', () => {
    const named = { name: 'Work VPN', issuer: 'Acme', account: 'ivy' };
    expect([slotTitle(named), slotSubtitle(named)]).toEqual(['Work VPN', 'Acme · ivy']);
    expect(slotSubtitle({ ...named, account: '' })).toBe('Acme');
    expect(slotSubtitle({ ...named, issuer: '' })).toBe('ivy');
  });

  it('shows provider and account as before when there is no name of its own', () => {
    expect([
      slotTitle({ name: '', issuer: 'Acme', account: 'ivy' }),
      slotSubtitle({ name: '', issuer: 'Acme', account: 'ivy' }),
    ]).toEqual(['Acme', 'ivy']);
    expect(slotSubtitle({ name: '  ', issuer: '', account: 'ivy' })).toBe('');
    expect(slotSubtitle({ name: 'Acme', issuer: 'Acme', account: 'ivy' })).toBe('ivy');
  });
});
