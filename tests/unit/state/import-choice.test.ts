// The import preview lets the person choose which entries to import (issue 15): all by default,
// Select all / none, and nothing imports that was left out, not even a duplicate standing in
// for an entry left out.
import { describe, expect, it } from 'vitest';
import type { ImportEntry } from '../../../src/core/importers';
import { includeChosen, planImport, runImport } from '../../../src/core/importers/plan';
import { SLOT_META_DEFAULTS, type Slot, type SlotDraft } from '../../../src/core/slot';
import { ImportChoice } from '../../../src/ui/state/import-choice.svelte';
import { nthDraft } from '../fixtures/slots';

const draft = (n: number): SlotDraft => nthDraft(n, { issuer: `P${n}`, account: `u${n}` });
const ok = (n: number): ImportEntry => ({ status: 'ok', draft: draft(n), issuer: `P${n}`, account: `u${n}` });
const bad: ImportEntry = { status: 'failed', code: 'SECRET_INVALID', issuer: 'Bad', account: '' };
const stored = (n: number): Slot => ({ ...draft(n), ...SLOT_META_DEFAULTS, id: 'ab12', name: '', createdAt: 1 });

// 0 new, 1 new, 2 unreadable, 3 copy of entry 0, 4 already in Keyslot, 5 new
const ENTRIES = [ok(1), ok(2), bad, ok(1), ok(9), ok(3)];
const EXISTING = [stored(9)];

async function imported(choice: ImportChoice): Promise<string[]> {
  const saved: string[] = [];
  await runImport(ENTRIES, EXISTING, async (d) => void saved.push(d.issuer), { include: choice.include() });
  return saved;
}

describe('choosing which entries to import', () => {
  it('chooses every entry that would import, and only those, at first', () => {
    const choice = new ImportChoice();
    choice.reset(planImport(ENTRIES, EXISTING));
    expect(choice.choosable).toEqual([0, 1, 5]);
    expect([...choice.chosen]).toEqual([0, 1, 5]);
    expect([choice.count, choice.allChosen]).toEqual([3, true]);
  });

  it('names the earlier entry a duplicate copies, or none when it copies a stored slot', () => {
    const plan = planImport(ENTRIES, EXISTING);
    expect(plan.map((p) => (p.action === 'duplicate' ? p.of : p.action))).toEqual([
      'import',
      'import',
      'failed',
      0,
      null,
      'import',
    ]);
  });

  it('leaves an entry out, puts it back, and selects none and all', () => {
    const choice = new ImportChoice();
    choice.reset(planImport(ENTRIES, EXISTING));
    choice.set(1, false);
    expect([choice.isChosen(1), choice.count, choice.allChosen]).toEqual([false, 2, false]);
    choice.set(1, true);
    expect(choice.count).toBe(3);
    choice.selectNone();
    expect(choice.count).toBe(0);
    choice.selectAll();
    expect([...choice.chosen].sort()).toEqual([0, 1, 5]);
  });

  it('never chooses an entry that would not import, nor one past the end', () => {
    const choice = new ImportChoice();
    choice.reset(planImport(ENTRIES, EXISTING));
    for (const i of [2, 3, 4, 6, -1, 0.5]) choice.set(i, true);
    expect([...choice.chosen]).toEqual([0, 1, 5]);
    expect(includeChosen(choice.plan, choice.chosen)(99)).toBe(false);
  });

  it('imports only the chosen entries, and the report keeps the rest as planned', async () => {
    const choice = new ImportChoice();
    choice.reset(planImport(ENTRIES, EXISTING));
    choice.set(1, false);
    expect(await imported(choice)).toEqual(['P1', 'P3']);
    const rows = await runImport(ENTRIES, EXISTING, async () => undefined, { include: choice.include() });
    expect(rows.map((r) => `${r.issuer}:${r.outcome}`)).toEqual([
      'P1:imported',
      'Bad:failed',
      'P1:duplicate',
      'P9:duplicate',
      'P3:imported',
    ]);
  });

  it('does not import a duplicate in place of the entry it copies when that entry is left out', async () => {
    const choice = new ImportChoice();
    choice.reset(planImport(ENTRIES, EXISTING));
    choice.set(0, false);
    expect(await imported(choice)).toEqual(['P2', 'P3']);
    choice.selectNone();
    expect(await imported(choice)).toEqual([]);
  });
});
