// Importing and restoring thousands of slots: the work is counted, not timed (timings live in
// `npm run bench`). Every read of a secret or a name, and every Unicode normalisation, is
// counted while a file of n entries is planned against n slots already in Keyslot; the count
// per entry must stay the same whether n is 250 or 4,000, which a plan comparing each entry
// with every slot (n × n) cannot do.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportEntry } from '../../src/core/importers';
import { planImport, runImport } from '../../src/core/importers/plan';
import { planRestore, V1_DEFAULTS } from '../../src/core/backup';
import { SLOT_META_DEFAULTS, type Slot, type SlotDraft } from '../../src/core/slot';
import { SlotIndex, matchExisting } from '../../src/core/slot-match';

let reads = 0;

/** A draft whose secret, issuer and account count their reads. */
function counted(i: number): SlotDraft {
  const secret = new Uint8Array(20);
  new DataView(secret.buffer).setUint32(0, i);
  const draft = { kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as SlotDraft;
  const fields = { secret, issuer: `Provider ${i}`, account: `user${i}@example.org` };
  for (const [name, value] of Object.entries(fields)) {
    Object.defineProperty(draft, name, { enumerable: true, configurable: true, get: () => ((reads += 1), value) });
  }
  return draft;
}

const slotOf = (i: number): Slot =>
  Object.assign(counted(i), { ...SLOT_META_DEFAULTS, id: `id${i}`, name: '', createdAt: i });
const entryOf = (i: number): ImportEntry => ({
  status: 'ok',
  draft: counted(i),
  issuer: `Provider ${i}`,
  account: `user${i}@example.org`,
});

/** n slots here (0 … n−1) and a file of n entries: half already here, half new, each new one twice. */
function scenario(n: number) {
  const existing = Array.from({ length: n }, (_, i) => slotOf(i));
  const entries = Array.from({ length: n }, (_, i) => entryOf(i < n / 2 ? i : n + Math.floor(i / 2)));
  return { existing, entries };
}

/** Reads and normalisations per slot or entry while `work` runs. */
function workPerItem(items: number, work: () => void): { reads: number; normalisations: number } {
  const normalize = vi.spyOn(String.prototype, 'normalize');
  reads = 0;
  work();
  const result = { reads: reads / items, normalisations: normalize.mock.calls.length / items };
  normalize.mockRestore();
  return result;
}

afterEach(() => vi.restoreAllMocks());

describe('planning an import of thousands of slots', () => {
  it('does the same work per entry for 250 and for 4,000 entries against as many slots', () => {
    const small = scenario(250);
    const large = scenario(4000);
    const per = (s: ReturnType<typeof scenario>) =>
      workPerItem(s.existing.length + s.entries.length, () => planImport(s.entries, s.existing));
    const a = per(small);
    const b = per(large);
    expect(b.reads).toBeLessThanOrEqual(a.reads * 1.1);
    expect(b.reads).toBeLessThan(6);
    // Duplicates are found by secret: no name is normalised at all.
    expect(b.normalisations).toBe(0);
  });

  it('still finds every duplicate, in the vault and within the file', () => {
    const { existing, entries } = scenario(400);
    const actions = planImport(entries, existing).map((p) => p.action);
    expect(actions.slice(0, 200).every((a) => a === 'duplicate')).toBe(true);
    // Entries 200 … 399 name 100 new secrets, each twice in a row: imported once, then a duplicate.
    expect(actions.slice(200)).toEqual(Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 'import' : 'duplicate')));
  });

  it('reports progress from none to all, after each saved entry and once at the end', async () => {
    const { existing, entries } = scenario(40);
    const seen: [number, number][] = [];
    await runImport(entries, existing, async () => undefined, { progress: (done, total) => seen.push([done, total]) });
    expect(seen[0]).toEqual([0, 40]);
    expect(seen.at(-1)).toEqual([40, 40]);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1]![0] || i === seen.length - 1)).toBe(true);
  });
});

describe('matching many drafts with one index', () => {
  it('normalises each name once however many drafts ask about reissues', () => {
    const slots = Array.from({ length: 2000 }, (_, i) => slotOf(i));
    const index = new SlotIndex(slots);
    const drafts = Array.from({ length: 2000 }, (_, i) => counted(10_000 + i));
    const { normalisations } = workPerItem(4000, () => drafts.forEach((d) => index.match(d)));
    // nameKey normalises a few times per name (main's core/names adds a pass), two names per slot or
    // draft: a handful per item (6 today), never × 2,000.
    expect(normalisations).toBeLessThanOrEqual(8);
  });

  it('gives the answers matchExisting gives, the first slot winning', () => {
    const a = slotOf(1);
    const b = Object.assign(slotOf(1), { id: 'copy of 1' });
    const renamed = Object.assign(slotOf(2), { id: 'reissue of 3' });
    Object.defineProperty(renamed, 'issuer', { value: ' provider 3 ' });
    Object.defineProperty(renamed, 'account', { value: 'USER3@example.org' });
    const slots = [a, b, renamed];
    const index = new SlotIndex(slots);
    for (const draft of [counted(1), counted(3), counted(4)])
      expect(index.match(draft)).toEqual(matchExisting(draft, slots));
    expect(index.match(counted(1))).toMatchObject({ kind: 'duplicate', slot: { id: 'id1' } });
    expect(index.match(counted(3))).toMatchObject({ kind: 'reissue', slot: { id: 'reissue of 3' } });
    expect(index.match(counted(4))).toEqual({ kind: 'new' });
  });

  it('tells a TOTP and an HOTP slot with the same secret apart', () => {
    const hotp = Object.assign(slotOf(5), { kind: 'hotp' });
    expect(new SlotIndex([hotp]).duplicateOf(counted(5))).toBeUndefined();
  });
});

describe('planning a restore of thousands of slots', () => {
  it('does the same work per slot for 250 and for 4,000 backup slots against as many here', () => {
    const per = (n: number) => {
      const { existing, entries } = scenario(n);
      const incoming = entries.map(
        (e) => (e.status === 'ok' ? { ...e.draft, ...V1_DEFAULTS, name: '', createdAt: 0 } : null)!,
      );
      reads = 0;
      // The spread above read every field once; count only the plan.
      return workPerItem(2 * n, () => planRestore(incoming, existing)).reads;
    };
    expect(per(4000)).toBeLessThanOrEqual(per(250) * 1.1);
  });
});
