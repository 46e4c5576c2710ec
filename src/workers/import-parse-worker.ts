/**
 * Single-use Web Worker that reads another app's export (issue 14: a big export froze the page
 * while it was parsed): sniff, parse, derive the password's key and decrypt, check every entry.
 * Posts a `kdf` message before each key derivation and one `done` answer; terminated after it,
 * or at once on Cancel. Created by src/platform/import-parse.ts.
 */
import { runImportParse, type ImportParseMessage, type ImportParseRequest } from '../core/importers/parse-request';
import { importCryptoInThisThread } from '../platform/import-crypto';

interface WorkerScope {
  onmessage: ((e: MessageEvent<ImportParseRequest>) => void) | null;
  postMessage(message: ImportParseMessage): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const progress = (n: number, max: number) => scope.postMessage({ kind: 'kdf', n, max });
  void runImportParse(e.data, importCryptoInThisThread(), { onKdf: progress }).then((answer) =>
    scope.postMessage({ kind: 'done', answer }),
  );
};
