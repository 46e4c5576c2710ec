/**
 * Single-use Web Worker that parses a backup file or its decrypted plaintext, so a backup near
 * the 64 MiB cap does not freeze the page (JSON.parse and base64 of 63 MiB blocked it for
 * 2.2 s: issue 14). Terminated after one answer. Created by src/platform/backup-parse.ts.
 */
import { runBackupParse, type BackupParseRequest } from '../core/backup/parse';

interface WorkerScope {
  onmessage: ((e: MessageEvent<BackupParseRequest>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => scope.postMessage(runBackupParse(e.data));
