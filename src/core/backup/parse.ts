/**
 * One backup parsing request as plain data, for running it in a worker (platform/backup-parse.ts):
 * the file's text before the key derivation, the decrypted bytes after it. Errors come back as
 * their code, field and limit only, never text from the file.
 */
import { isKeyslotError, KeyslotError, type ErrorCode } from '../errors';
import { decodeBackupPlaintext, parseBackupFile, type BackupEnvelope, type BackupSlot, type BackupVersion } from '.';

export type BackupParseRequest =
  { op: 'file'; text: string } | { op: 'plaintext'; bytes: Uint8Array; version: BackupVersion };
export type BackupParseAnswer =
  { ok: true; value: BackupEnvelope | BackupSlot[] } | { ok: false; code: ErrorCode; field?: string; max?: number };

export function runBackupParse(req: BackupParseRequest): BackupParseAnswer {
  try {
    return {
      ok: true,
      value: req.op === 'file' ? parseBackupFile(req.text) : decodeBackupPlaintext(req.bytes, req.version),
    };
  } catch (e) {
    if (isKeyslotError(e)) return { ok: false, code: e.code, field: e.field, max: e.max };
    return { ok: false, code: 'BACKUP_DAMAGED' };
  }
}

/** The answer's value, or its error thrown again as a KeyslotError. */
export function backupParseResult(a: BackupParseAnswer): BackupEnvelope | BackupSlot[] {
  if (a.ok) return a.value;
  throw new KeyslotError(a.code, { field: a.field, max: a.max });
}
