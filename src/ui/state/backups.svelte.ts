/**
 * Settings → Backups, Restore from a backup, Export as plain text (docs/backup.md): the
 * workflow, so the card only shows forms and words. Restores go through the slots state's write
 * queue like every other slot write.
 */
import { KeyslotError } from '../../core/errors';
import {
  BACKUP_MAX_CHARS,
  backupFileName,
  planRestore,
  plainExport,
  resolveRestore,
  validateBackupPassword,
  type BackupNoteV1,
  type ConflictChoice,
  type RestorePlan,
} from '../../core/backup';
import { makeBackup, readBackup, slotsFingerprint } from '../../platform/backup';
import { chooseBackupTarget, download, lastBackup, saveBackup } from '../../platform/backup-file';
import type { Announcer } from './announcer.svelte.ts';
import type { Session } from './session.svelte.ts';
import type { SlotsState } from './slots.svelte.ts';

/** What a restore did, for the summary line. */
export interface RestoreCounts {
  added: number;
  skipped: number;
  replaced: number;
}

export class BackupWorkflow {
  /** The reminder: when and where the last backup went (null: never), and whether slots changed since. */
  note = $state.raw<BackupNoteV1 | null>(null);
  changed = $state(false);
  noteLoaded = $state(false);

  readonly #slots: SlotsState;
  readonly #session: Session;
  readonly #announcer: Announcer;
  readonly #now: () => number;

  constructor(slots: SlotsState, session: Session, announcer: Announcer, now: () => number = Date.now) {
    this.#slots = slots;
    this.#session = session;
    this.#announcer = announcer;
    this.#now = now;
  }

  async refreshNote(): Promise<void> {
    const note = await lastBackup();
    this.changed = note !== null && note.fingerprint !== (await slotsFingerprint(this.#slots.backupSlots));
    this.note = note;
    this.noteLoaded = true;
  }

  /**
   * Back up now: the password rules first (errors name field 'confirm' for the confirmation),
   * then the file (while the click still counts as the person's gesture: picker, permission),
   * then the encrypted backup. False when the person closed the file picker.
   */
  async backUp(password: string, confirm: string, fileType: string): Promise<boolean> {
    validateBackupPassword(password, confirm);
    const slots = this.#slots.backupSlots;
    const target = await chooseBackupTarget(backupFileName(this.#now()), fileType);
    if (!target) return false;
    const text = await makeBackup(slots, password);
    await saveBackup(target, text, { at: this.#now(), fingerprint: await slotsFingerprint(slots) });
    performance.mark('keyslot:backup-done'); // for `npm run bench`
    this.#announcer.announce('backup.done');
    await this.refreshNote();
    return true;
  }

  /**
   * Open a backup file with its password: the plan of what it adds, replaces and asks about.
   * `signal` stops the key derivation's worker at once (IMPORT_CANCELLED).
   */
  async openBackup(file: Blob, password: string, signal?: AbortSignal): Promise<RestorePlan> {
    // A backup is ASCII (one byte a character): anything larger is not one, and is not even read.
    if (file.size > BACKUP_MAX_CHARS) throw new KeyslotError('BACKUP_TOO_LARGE');
    const incoming = await readBackup(await file.text(), password, signal);
    return planRestore(incoming, this.#slots.activeSlots);
  }

  /** Carry out a restore plan with the person's choices for its conflicts, in one transaction. */
  async restore(plan: RestorePlan, picked: readonly ConflictChoice[]): Promise<RestoreCounts> {
    const { add, remove } = resolveRestore(plan, picked);
    await this.#slots.restoreSlots(add, remove);
    performance.mark('keyslot:restore-done'); // for `npm run bench`
    const kept = picked.filter((c) => c === 'keep').length;
    this.#announcer.announce('restore.done');
    await this.refreshNote();
    return { added: add.length, skipped: plan.duplicates + kept, replaced: remove.length };
  }

  /** Plain export: the PIN again (a counted attempt), then a text file of otpauth:// URIs. */
  async exportPlain(pin: string): Promise<void> {
    if (!(await this.#session.verifyPin(pin))) return;
    download(plainExport(this.#slots.backupSlots), backupFileName(this.#now(), 'keyslot-export', '.txt'), 'text/plain');
    this.#announcer.announce('export.done');
  }
}
