/** The note about the last backup: where it went and what it held (stored in the clear, not secret). */
import { utf8Encode, type Bytes } from '../bytes';
import { BACKUP_EXTENSION } from './file';
import { hasExactKeys, isInt, isPlainObject, textOk } from './checks';

// ---------------------------------------------------------------------------------------------
// The note about the last backup (IndexedDB meta/'backup'; not secret)
// ---------------------------------------------------------------------------------------------

/** Where the last backup went: a file chosen once and re-saved each time, or the downloads. */
export type BackupPlace = 'file' | 'download';

export interface BackupNoteV1 {
  v: 1;
  /** ms since epoch. */
  at: number;
  place: BackupPlace;
  /** The file's name as the browser reports it (no folder: browsers do not reveal it). */
  fileName: string;
  /** slotsFingerprint of the slots the backup holds (base64 SHA-256 of their sorted ids). */
  fingerprint: string;
}

/** The stored note, or null when there is none or it is unreadable (then "No backup yet"). */
export function readBackupNote(raw: unknown): BackupNoteV1 | null {
  if (!isPlainObject(raw) || !hasExactKeys(raw, ['v', 'at', 'place', 'fileName', 'fingerprint'])) return null;
  const { v, at, place, fileName, fingerprint } = raw;
  if (v !== 1 || !isInt(at, 0, Number.MAX_SAFE_INTEGER) || (place !== 'file' && place !== 'download')) return null;
  if (!textOk(fileName) || typeof fingerprint !== 'string' || fingerprint.length > 64) return null;
  return { v, at, place, fileName, fingerprint };
}

/**
 * What the fingerprint is computed over: the slot ids, sorted, one per line. Ids change when
 * a slot is added, deleted or replaced, not when it is renamed or an HOTP code is generated,
 * so the reminder speaks up when a slot would be missing from the backup, not at every tap.
 * Ids are random and stored in the clear anyway: the fingerprint reveals nothing new.
 */
export function fingerprintInput(ids: readonly string[]): Bytes {
  return utf8Encode([...ids].sort().join('\n'));
}

/** A file name for a new backup: `keyslot-backup-YYYY-MM-DD.keyslot` (UTC date of `nowMs`). */
export function backupFileName(nowMs: number, stem = 'keyslot-backup', extension = BACKUP_EXTENSION): string {
  const d = new Date(nowMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${stem}-${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${extension}`;
}
