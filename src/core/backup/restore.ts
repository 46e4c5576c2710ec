/**
 * How a backup's slots meet the slots already here (the restore plan), and the plain-text
 * export.
 */
import { base64Encode } from '../bytes';
import type { Slot } from '../slot';
import { SlotIndex } from '../slot-match';
import { toOtpauthUri } from '../otpauth-uri';
import type { BackupSlot } from './plaintext';

// ---------------------------------------------------------------------------------------------
// Restore: how the backup's slots meet the slots already here
// ---------------------------------------------------------------------------------------------

export interface RestoreConflict {
  /** The slot from the backup. */
  readonly incoming: BackupSlot;
  /** The slot here with the same provider and account but another key. */
  readonly existing: Slot;
}

export interface RestorePlan {
  /** New here: added without asking. */
  readonly add: readonly BackupSlot[];
  /** Already here (same key and kind, or twice in the backup): skipped. */
  readonly duplicates: number;
  /** Same provider and account with another key: the person chooses, one by one. */
  readonly conflicts: readonly RestoreConflict[];
}

/** What to do with one conflict: keep the slot here, replace it by the backup's, or keep both. */
export type ConflictChoice = 'keep' | 'replace' | 'both';

/**
 * Sort the backup's slots with the same rules as adding one (slot-match.ts): the same secret
 * and kind is a duplicate (skipped, whatever the names say), the same issuer and account with
 * another secret is a conflict, anything else is added. A slot that appears twice in the
 * backup itself is added once.
 */
export function planRestore(incoming: readonly BackupSlot[], existing: readonly Slot[]): RestorePlan {
  const add: BackupSlot[] = [];
  const conflicts: RestoreConflict[] = [];
  let duplicates = 0;
  // Kind and secret of the backup's slots already taken (added or asked about), to skip
  // repeats within it: the same test as matchExisting's duplicate, in a set (500 slots, not 500²).
  const taken = new Set<string>();
  const index = new SlotIndex(existing); // linear in both lists, not incoming × existing
  for (const s of incoming) {
    const here = index.match(s);
    const key = `${s.kind}:${base64Encode(s.secret)}`;
    if (here.kind === 'duplicate' || taken.has(key)) {
      duplicates += 1;
      continue;
    }
    taken.add(key);
    if (here.kind === 'reissue') conflicts.push({ incoming: s, existing: here.slot });
    else add.push(s);
  }
  return { add, duplicates, conflicts };
}

/**
 * The plan with the person's choices (one per conflict, in order): the slots to add and the
 * ids to delete. `keep` drops the backup's slot, `replace` adds it and deletes the one here,
 * `both` adds it. A missing choice counts as `keep`: nothing here is lost by default.
 */
export function resolveRestore(
  plan: RestorePlan,
  choices: readonly ConflictChoice[],
): { add: BackupSlot[]; remove: string[] } {
  const add = [...plan.add];
  const remove = new Set<string>();
  plan.conflicts.forEach((c, i) => {
    const choice = choices[i] ?? 'keep';
    if (choice === 'keep') return;
    add.push(c.incoming);
    if (choice === 'replace') remove.add(c.existing.id);
  });
  return { add, remove: [...remove] };
}

// ---------------------------------------------------------------------------------------------
// Plain export
// ---------------------------------------------------------------------------------------------

/**
 * The plain-text export: one otpauth:// URI per line (toOtpauthUri, which parseOtpauthUri
 * reads back to the same draft), in list order, with a final newline. No encryption at all:
 * anyone with the text can make the codes. Slot names given in Keyslot are not part of the
 * Key URI Format and are left out; HOTP URIs carry the next counter.
 */
export function plainExport(
  slots: readonly Pick<
    Slot,
    'kind' | 'issuer' | 'account' | 'secret' | 'algorithm' | 'digits' | 'period' | 'counter'
  >[],
): string {
  return slots.map((s) => `${toOtpauthUri(s)}\n`).join('');
}
