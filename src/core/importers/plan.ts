/**
 * What importing a file would do, entry by entry, before anything is saved: each readable
 * entry is `new`, or a `duplicate` of a slot already in Keyslot or of an earlier entry of the
 * same file (same secret and kind, slot-match.ts); unsupported and failed entries stay as they
 * are. A reissue (same provider and account, new secret) is imported next to the old slot:
 * an export is a copy of another app, so both are kept and the person deletes what they like.
 */
import { SlotIndex } from '../slot-match';
import { SLOT_META_DEFAULTS, type OtpKind, type Slot, type SlotDraft } from '../slot';
import { isKeyslotError, type ErrorCode } from '../errors';
import type { ImportEntry } from './common';
import type { EntryExtras } from './extras';

export type PlannedEntry =
  | { action: 'import'; entry: Extract<ImportEntry, { status: 'ok' }> }
  | { action: 'duplicate'; entry: Extract<ImportEntry, { status: 'ok' }> }
  | { action: 'unsupported'; entry: Extract<ImportEntry, { status: 'unsupported' }> }
  | { action: 'failed'; entry: Extract<ImportEntry, { status: 'failed' }> };

export interface ImportCounts {
  import: number;
  duplicate: number;
  unsupported: number;
  failed: number;
}

/**
 * The kinds of slot the vault stores today. A readable entry of another kind (Steam, until the
 * record format has it) is planned as `unsupported`, named; the UI passes `storable` with
 * 'steam' once the vault stores it.
 */
export const STORABLE_KINDS_DEFAULT: ReadonlySet<OtpKind> = new Set<OtpKind>(['totp', 'hotp']);
const KIND_NAMES: Readonly<Record<OtpKind, string>> = { totp: 'TOTP', hotp: 'HOTP', steam: 'Steam' };

export interface PlanOptions {
  storable?: ReadonlySet<OtpKind>;
}

export function planImport(entries: readonly ImportEntry[], existing: readonly Slot[], options: PlanOptions = {}): PlannedEntry[] {
  const storable = options.storable ?? STORABLE_KINDS_DEFAULT;
  // Earlier entries of the file count as "already there", in file order. One index over both:
  // linear in the file and the vault (a 5,000-slot file against 5,000 slots is 10,000 lookups).
  const seen = new SlotIndex(existing);
  return entries.map((entry): PlannedEntry => {
    if (entry.status === 'ok' && !storable.has(entry.draft.kind)) {
      const type = KIND_NAMES[entry.draft.kind];
      return { action: 'unsupported', entry: { status: 'unsupported', type, issuer: entry.issuer, account: entry.account } };
    }
    if (entry.status === 'unsupported') return { action: 'unsupported', entry };
    if (entry.status === 'failed') return { action: 'failed', entry };
    if (seen.duplicateOf(entry.draft)) return { action: 'duplicate', entry };
    seen.add({ ...entry.draft, ...SLOT_META_DEFAULTS, id: '', name: '', createdAt: 0 });
    return { action: 'import', entry };
  });
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

/**
 * Carries out a plan: `save` stores each entry marked for import (it is the vault's add,
 * given in so core does no I/O), with the entry's groups, favourite, note and icon when the
 * file had them (`extras`, extras.ts). An entry that cannot be saved is reported failed with the
 * error's code and the others are still saved; everything else is reported as planned.
 * `include` (the preview's choice, all by default) leaves the other entries out of the run
 * and out of the report; indexes are those of `entries`. `progress` hears (entries done, total)
 * before each entry and once at the end, for a progress bar.
 */
export async function runImport(
  entries: readonly ImportEntry[],
  existing: readonly Slot[],
  save: (draft: SlotDraft, extras?: EntryExtras) => Promise<unknown>,
  options: PlanOptions & { include?: (index: number) => boolean; progress?: (done: number, total: number) => void } = {},
): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  const chosen = options.include ? entries.filter((_, i) => options.include!(i)) : entries;
  const plan = planImport(chosen, existing, options);
  for (const planned of plan) {
    options.progress?.(rows.length, plan.length);
    const label = { issuer: planned.entry.issuer, account: planned.entry.account };
    if (planned.action === 'unsupported') rows.push({ ...label, outcome: 'unsupported', type: planned.entry.type });
    else if (planned.action === 'failed') rows.push({ ...label, outcome: 'failed', code: planned.entry.code });
    else if (planned.action === 'duplicate') rows.push({ ...label, outcome: 'duplicate' });
    else {
      try {
        await save(planned.entry.draft, planned.entry.extras);
        rows.push({ ...label, outcome: 'imported' });
      } catch (e) {
        rows.push({ ...label, outcome: 'failed', code: isKeyslotError(e) ? e.code : 'STORAGE_FAILED' });
      }
    }
  }
  options.progress?.(rows.length, plan.length);
  return rows;
}
