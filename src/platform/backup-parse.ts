/**
 * Parsing a backup off the main thread, in a single-use worker (src/workers/backup-parse-worker.ts):
 * the file's JSON and base64 before the key derivation, the decrypted slots after it. Without
 * workers (Node tests, a CSP that forbids them) it runs here.
 */
import { KeyslotError } from '../core/errors';
import type { BackupEnvelope, BackupSlot, BackupVersion } from '../core/backup';
import {
  backupParseResult,
  runBackupParse,
  type BackupParseAnswer,
  type BackupParseRequest,
} from '../core/backup/parse';

function run(req: BackupParseRequest): Promise<BackupEnvelope | BackupSlot[]> {
  let worker: Worker | null = null;
  if (typeof Worker !== 'undefined') {
    try {
      worker = new Worker(new URL('../workers/backup-parse-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      worker = null; // e.g. CSP worker-src: parse here rather than fail
    }
  }
  if (!worker) return Promise.resolve().then(() => backupParseResult(runBackupParse(req)));
  const w = worker;
  return new Promise<BackupEnvelope | BackupSlot[]>((resolve, reject) => {
    w.onmessage = (e: MessageEvent<BackupParseAnswer>) => {
      try {
        resolve(backupParseResult(e.data));
      } catch (err) {
        reject(err);
      }
    };
    w.onerror = () => reject(new KeyslotError('BACKUP_DAMAGED', { field: 'file' }));
    w.postMessage(req);
  }).finally(() => w.terminate());
}

/** parseBackupFile, off the main thread. */
export async function parseBackupFileOffThread(text: string): Promise<BackupEnvelope> {
  return (await run({ op: 'file', text })) as BackupEnvelope;
}

/** decodeBackupPlaintext, off the main thread (the bytes are copied to the worker, which ends). */
export async function decodeBackupPlaintextOffThread(bytes: Uint8Array, version: BackupVersion): Promise<BackupSlot[]> {
  return (await run({ op: 'plaintext', bytes, version })) as BackupSlot[];
}
