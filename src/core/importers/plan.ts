/**
 * What importing a file would do, entry by entry, before anything is saved: each readable
 * entry is `new`, or a `duplicate` of a slot already in Keyslot or of an earlier entry of the
 * same file (same secret and kind, slot-match.ts); unsupported and failed entries stay as they
 * are. Steam Guard entries are planned like any other (the vault stores 'steam' slots since
 * record version 4). A reissue (same provider and account, new secret) is imported next to the old slot:
 * an export is a copy of another app, so both are kept and the person deletes what they like.
 */
import { SlotIndex } from '../slot-match';
import { SLOT_META_DEFAULTS, type Slot, type SlotDraft } from '../slot';
import { isKeyslotError, type ErrorCode } from '../errors';
import type { ImportEntry } from './common';
import type { EntryExtras } from './extras';

export type PlannedEntry =
  | { action: 'import'; entry: Extract<ImportEntry, { status: 'ok' }> }
  /** `of`: the index of the earlier entry of the file it copies, or null for a slot already in Keyslot. */
  | { action: 'duplicate'; entry: Extract<ImportEntry, { status: 'ok' }>; of: number | null }
  | { action: 'unsupported'; entry: Extract<ImportEntry, { status: 'unsupported' }> }
  | { action: 'failed'; entry: Extract<ImportEntry, { status: 'failed' }> };

export interface ImportCounts {
  import: number;
  duplicate: number;
  unsupported: number;
  failed: number;
}

/** Marks the file's own entries in the duplicate index (stored ids are hex, never this). */
const FILE_ID = '#';

export function planImport(entries: readonly ImportEntry[], existing: readonly Slot[]): PlannedEntry[] {
  // Earlier entries of the file count as "already there", in file order. One index over both:
  // linear in the file and the vault (a 5,000-slot file against 5,000 slots is 10,000 lookups).
  const seen = new SlotIndex(existing);
  return entries.map((entry, index): PlannedEntry => {
    if (entry.status === 'unsupported') return { action: 'unsupported', entry };
    if (entry.status === 'failed') return { action: 'failed', entry };
    const copy = seen.duplicateOf(entry.draft);
    if (copy) return { action: 'duplicate', entry, of: copy.id.startsWith(FILE_ID) ? Number(copy.id.slice(1)) : null };
    seen.add({ ...entry.draft, ...SLOT_META_DEFAULTS, id: `${FILE_ID}${index}`, name: '', createdAt: 0 });
    return { action: 'import', entry };
  });
}

/**
 * The preview's choice as the `include` of runImport: the chosen entries (by index), and every
 * entry that would not import anyway (reported as planned), except a duplicate of an earlier
 * entry that was left out: it copies a slot the person chose not to import. So nothing
 * imports that the preview did not show as chosen, and the report still lists the rest.
 */
export function includeChosen(plan: readonly PlannedEntry[], chosen: ReadonlySet<number>): (index: number) => boolean {
  return (index) => {
    const p = plan[index];
    if (!p) return false;
    if (p.action === 'import') return chosen.has(index);
    if (p.action === 'duplicate' && p.of !== null) return chosen.has(p.of);
    return true;
  };
}

export function countPlan(plan: readonly { action: keyof ImportCounts }[]): ImportCounts {
  const counts: ImportCounts = { import: 0, duplicate: 0, unsupported: 0, failed: 0 };
  for (const p of plan) counts[p.action] += 1;
  return counts;
}

/** What happened to one entry, for the report shown after importing. */
export type ReportRow = { issuer: string; account: string } & (
  | { outcome: 'imported' }
  | { outcome: 'duplicate' }
  | { outcome: 'unsupported'; type: string }
  | { outcome: 'failed'; code: ErrorCode }
);

/** One entry to store, with what the file had beyond the slot itself. */
export interface ImportItem {
  draft: SlotDraft;
  extras?: EntryExtras;
}

/**
 * Stores a batch of entries all or nothing; says, per item, 'imported' or 'duplicate' (another
 * tab stored the same secret meanwhile). A throw fails the whole batch and nothing of it is stored.
 */
export type SaveBatch = (items: readonly ImportItem[]) => Promise<readonly ('imported' | 'duplicate')[]>;

/** Entries stored per batch (one encryption round and one IndexedDB transaction each). */
export const IMPORT_BATCH = 250;

type RunOptions = {
  include?: (index: number) => boolean;
  progress?: (done: number, total: number) => void;
  batch?: number;
};

/**
 * Carries out a plan: `save` stores each entry marked for import (it is the vault's add,
 * given in so core does no I/O), with the entry's groups, favourite, note and icon when the
 * file had them (`extras`, extras.ts). An entry that cannot be saved is reported failed with the
 * error's code and the others are still saved; everything else is reported as planned.
 * `include` (the preview's choice, all by default) leaves the other entries out of the run
 * and out of the report; indexes are those of `entries`. `progress` hears (entries done, total)
 * before each entry and once at the end, for a progress bar.
 */
export function runImport(
  entries: readonly ImportEntry[],
  existing: readonly Slot[],
  save: (draft: SlotDraft, extras?: EntryExtras) => Promise<unknown>,
  options: Omit<RunOptions, 'batch'> = {},
): Promise<ReportRow[]> {
  const one: SaveBatch = async ([item]) => {
    await save(item!.draft, item!.extras);
    return ['imported'];
  };
  return runImportInBatches(entries, existing, one, { ...options, batch: 1 });
}

/**
 * runImport with `saveBatch` storing up to `options.batch` entries (IMPORT_BATCH) at a time, all
 * or nothing: a batch that fails is reported failed entry by entry (its error's code) and the
 * next batches go on. The report keeps the file's order; `progress` hears (entries done, total)
 * at the start, after each batch and at the end.
 */
export async function runImportInBatches(
  entries: readonly ImportEntry[],
  existing: readonly Slot[],
  saveBatch: SaveBatch,
  options: RunOptions = {},
): Promise<ReportRow[]> {
  const size = Math.max(1, options.batch ?? IMPORT_BATCH);
  const chosen = options.include ? entries.filter((_, i) => options.include!(i)) : entries;
  const plan = planImport(chosen, existing);
  const rows: ReportRow[] = [];
  let pending: { row: number; item: ImportItem }[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    let outcomes: readonly ('imported' | 'duplicate')[] | ErrorCode;
    try {
      outcomes = await saveBatch(batch.map((p) => p.item));
    } catch (e) {
      outcomes = isKeyslotError(e) ? e.code : 'STORAGE_FAILED';
    }
    batch.forEach(({ row }, i) => {
      const label = { issuer: rows[row]!.issuer, account: rows[row]!.account };
      rows[row] =
        typeof outcomes === 'string'
          ? { ...label, outcome: 'failed', code: outcomes }
          : { ...label, outcome: outcomes[i] ?? 'imported' };
    });
  };
  options.progress?.(0, plan.length);
  for (const planned of plan) {
    const label = { issuer: planned.entry.issuer, account: planned.entry.account };
    if (planned.action === 'unsupported') rows.push({ ...label, outcome: 'unsupported', type: planned.entry.type });
    else if (planned.action === 'failed') rows.push({ ...label, outcome: 'failed', code: planned.entry.code });
    else if (planned.action === 'duplicate') rows.push({ ...label, outcome: 'duplicate' });
    else {
      pending.push({ row: rows.length, item: { draft: planned.entry.draft, extras: planned.entry.extras } });
      rows.push({ ...label, outcome: 'imported' }); // until its batch is stored
      if (pending.length >= size) {
        await flush();
        options.progress?.(rows.length, plan.length);
      }
    }
  }
  if (pending.length > 0) await flush();
  options.progress?.(rows.length, plan.length);
  return rows;
}
