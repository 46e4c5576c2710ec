// Importing thousands of slots stores them in batches: each batch encrypted first, then ONE
// IndexedDB transaction that stores all of it or none of it, checked against what is stored now
// (another tab's slots count as duplicates), with progress after each batch.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { KeyslotError } from '../../../src/core/errors';
import type { ImportEntry } from '../../../src/core/importers';
import { runImportInBatches, type ImportItem } from '../../../src/core/importers/plan';
import { NO_EXTRAS, type EntryExtras } from '../../../src/core/importers/extras';
import type { SlotDraft } from '../../../src/core/slot';
import { ARGON2_FLOOR } from '../../../src/core/vault';
import * as storage from '../../../src/platform/storage';
import { createVault, unlockVault } from '../../../src/platform/vault';
import { createAppState } from '../../../src/ui/state/context';
import { useFreshIndexedDb } from '../fixtures/fresh-db';
import { nthDraft } from '../fixtures/slots';

const PIN = '731946';

const draft = (i: number): SlotDraft => nthDraft(i);

const entry = (i: number): ImportEntry =>
  ({ status: 'ok', issuer: `Provider ${i}`, account: `user${i}`, draft: draft(i) }) as ImportEntry;

/** Only the drafts no stored slot has the secret of. */
const fresh = (drafts: readonly SlotDraft[], stored: readonly { secret: Uint8Array }[]) =>
  drafts.map((d) => !stored.some((s) => s.secret.every((b, i) => b === d.secret[i])));

useFreshIndexedDb();

describe('runImportInBatches', () => {
  it('hands the entries to import over in batches, in file order, and reports progress after each', async () => {
    const batches: string[][] = [];
    const seen: [number, number][] = [];
    const entries = [0, 1, 2, 3, 4, 2, 5, 6].map(entry); // the second "2" is a duplicate within the file
    const rows = await runImportInBatches(
      entries,
      [],
      async (items: readonly ImportItem[]) => (
        batches.push(items.map((it) => it.draft.issuer)),
        items.map(() => 'imported' as const)
      ),
      {
        batch: 3,
        progress: (done, total) => seen.push([done, total]),
      },
    );
    expect(batches).toEqual([
      ['Provider 0', 'Provider 1', 'Provider 2'],
      ['Provider 3', 'Provider 4', 'Provider 5'],
      ['Provider 6'],
    ]);
    expect(rows.map((r) => r.outcome)).toEqual([
      'imported',
      'imported',
      'imported',
      'imported',
      'imported',
      'duplicate',
      'imported',
      'imported',
    ]);
    expect(seen).toEqual([
      [0, 8],
      [3, 8],
      [7, 8],
      [8, 8],
    ]);
  });

  it('reports every entry of a batch that failed as failed, with its code, and goes on with the next batch', async () => {
    let call = 0;
    const rows = await runImportInBatches(
      [0, 1, 2, 3].map(entry),
      [],
      async (items) => {
        call += 1;
        if (call === 1) throw new KeyslotError('STORAGE_FULL');
        return items.map((_, i) => (i === 0 ? 'duplicate' : 'imported'));
      },
      { batch: 2 },
    );
    expect(rows.map((r) => (r.outcome === 'failed' ? r.code : r.outcome))).toEqual([
      'STORAGE_FULL',
      'STORAGE_FULL',
      'duplicate',
      'imported',
    ]);
  });
});

describe('storage.addRecordsIfUnchanged', () => {
  it('stores a whole batch in one transaction, or nothing when the store changed or an id is taken', async () => {
    const vault = await createVault(PIN, { kdf: ARGON2_FLOOR });
    await vault.addSlot(draft(0));
    const before = await storage.readRecords();
    const one = await storage.readRecord((await vault.addSlot(draft(1))).id);
    const batch = (before as { id: string }[]).map((r) => ({ ...(r as object), id: `${r.id}-copy` })) as never[];
    // Another write came in after `before` was read: nothing of the batch is stored.
    expect(await storage.addRecordsIfUnchanged(batch, before)).toBe(false);
    expect(await storage.readRecords()).toHaveLength(2);
    const now = await storage.readRecords();
    // A batch whose id is already stored: refused whole.
    await expect(storage.addRecordsIfUnchanged([...batch, one as never], now)).rejects.toMatchObject({
      code: 'SLOT_DUPLICATE',
    });
    expect(await storage.readRecords()).toHaveLength(2);
    // The store as read, in any order: stored.
    expect(await storage.addRecordsIfUnchanged(batch, [...now].reverse())).toBe(true);
    expect(await storage.readRecords()).toHaveLength(3);
    vault.lock();
  });
});

describe('UnlockedVault.addSlotsIfNew', () => {
  it('stores the fresh drafts of a batch, skips those already stored, and carries what it stored to the next batch', async () => {
    const vault = await createVault(PIN, { kdf: ARGON2_FLOOR });
    await vault.addSlot(draft(1));
    const first = await vault.addSlotsIfNew([draft(0), draft(1), draft(2)], fresh);
    expect(first.added.map((s) => s?.issuer ?? null)).toEqual(['Provider 0', null, 'Provider 2']);
    expect(first.seen.slots).toHaveLength(3);
    const second = await vault.addSlotsIfNew([draft(2), draft(3)], fresh, first.seen);
    expect(second.added.map((s) => s?.issuer ?? null)).toEqual([null, 'Provider 3']);
    expect((await vault.listSlots()).map((s) => s.issuer).sort()).toEqual([
      'Provider 0',
      'Provider 1',
      'Provider 2',
      'Provider 3',
    ]);
    // File order is kept in the manual order.
    const positions = [first.added[0]!, first.added[2]!, second.added[1]!].map((s) => s.position);
    expect([...positions].sort()).toEqual(positions);
    vault.lock();
  });

  it('reads the store again when another tab wrote since the last batch, so its slots are duplicates', async () => {
    const vault = await createVault(PIN, { kdf: ARGON2_FLOOR });
    const first = await vault.addSlotsIfNew([draft(0)], fresh);
    const other = await unlockVault(PIN); // another tab
    await other.addSlot(draft(1));
    other.lock();
    const second = await vault.addSlotsIfNew([draft(1), draft(2)], fresh, first.seen);
    expect(second.added.map((s) => s?.issuer ?? null)).toEqual([null, 'Provider 2']);
    expect(await vault.listSlots()).toHaveLength(3);
    vault.lock();
  });
});

describe('SlotsState.importEntries', () => {
  it('imports 600 entries in batches, shows them in one update, and reports progress to the end', async () => {
    const vault = await createVault(PIN, { kdf: ARGON2_FLOOR });
    await vault.addSlot(draft(5));
    vault.lock();
    const app = createAppState();
    await app.session.unlock(PIN);
    const seen: number[] = [];
    const rows = await app.slots.importEntries(
      Array.from({ length: 600 }, (_, i) => entry(i)),
      (done) => seen.push(done),
    );
    expect(rows.filter((r) => r.outcome === 'imported')).toHaveLength(599);
    expect(rows[5]!.outcome).toBe('duplicate');
    expect(app.slots.slots).toHaveLength(600);
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(600);
    expect(seen.length).toBeGreaterThanOrEqual(4); // 0, two batches of 250, the rest
    const stored = await unlockVault(PIN);
    expect(await stored.listSlots()).toHaveLength(600);
    stored.lock();
  });

  it('stores the chosen entries with the groups, favourite, note and trash the file had, encrypted with the slot', async () => {
    (await createVault(PIN, { kdf: ARGON2_FLOOR })).lock();
    const app = createAppState();
    await app.session.unlock(PIN);
    const withExtras = (i: number, extras: Partial<EntryExtras>): ImportEntry =>
      ({ ...entry(i), extras: { ...NO_EXTRAS, ...extras } }) as ImportEntry;
    const entries = [
      withExtras(0, { groups: ['Work', 'Lab'], favourite: true, note: 'VPN\nfor the lab' }),
      withExtras(1, { groups: ['Home'] }),
      withExtras(2, { trashed: true }),
      entry(3),
    ];
    const rows = await app.slots.importEntries(entries, undefined, (i) => i !== 1);
    expect(rows.map((r) => `${r.issuer}:${r.outcome}`)).toEqual([
      'Provider 0:imported',
      'Provider 2:imported',
      'Provider 3:imported',
    ]);
    const stored = await unlockVault(PIN);
    const slots = await stored.listSlots();
    stored.lock();
    const by = (issuer: string) => slots.find((s) => s.issuer === issuer)!;
    expect(slots).toHaveLength(3);
    expect([by('Provider 0').groups, by('Provider 0').favourite, by('Provider 0').note]).toEqual([
      ['Work', 'Lab'],
      true,
      'VPN\nfor the lab',
    ]);
    expect(by('Provider 2').deletedAt).toBeGreaterThan(0);
    expect([by('Provider 3').groups, by('Provider 3').favourite, by('Provider 3').note, by('Provider 3').icon]).toEqual(
      [[], false, '', null],
    );
    expect(app.slots.activeSlots.map((s) => s.issuer).sort()).toEqual(['Provider 0', 'Provider 3']);
  });
});
