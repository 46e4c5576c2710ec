/**
 * Reading another app's export off the main thread (issue 14), in a single-use worker
 * (src/workers/import-parse-worker.ts): sniffing the format, JSON/XML parsing, the key
 * derivations and decryption of a password-protected export, and checking every entry. An
 * 8 MiB export with thousands of entries no longer freezes the page while it is read.
 *
 * Aborting `signal` terminates the worker at once, whatever it is doing (a 256 MiB scrypt
 * included), and rejects with IMPORT_CANCELLED. The per-file caps (size, entries, key
 * derivations and their total cost: core/importers/common.ts) hold inside the worker as they
 * did on the page. Without workers (Node tests, a CSP that forbids them) it runs here, with the
 * key derivations still in the KDF worker where there is one (import-crypto.ts).
 */
import { KeyslotError } from '../core/errors';
import type { ImportRead } from '../core/importers';
import {
  importParseResult,
  runImportParse,
  type ImportParseMessage,
  type ImportParseRequest,
} from '../core/importers/parse-request';

export interface ReadImportOptions {
  /** Only for an encrypted file; without it an encrypted file answers `entries: null`. */
  password?: string;
  /** Aborting stops the read at once (IMPORT_CANCELLED). */
  signal?: AbortSignal;
  /** Before each key derivation: its number (1-based) and the most there may be. */
  onKdf?: (n: number, max: number) => void;
}

const cancelled = () => new KeyslotError('IMPORT_CANCELLED');

function newWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('../workers/import-parse-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null; // e.g. CSP worker-src: read here rather than fail
  }
}

async function readHere(req: ImportParseRequest, options: ReadImportOptions): Promise<ImportRead> {
  const { importCryptoFor } = await import('./import-crypto');
  const { signal, onKdf } = options;
  // Core's budget stops before the next derivation; kdf.ts terminates a running one.
  const answer = await runImportParse(req, importCryptoFor(signal), { signal, onKdf });
  if (signal?.aborted) throw cancelled();
  return importParseResult(answer);
}

/**
 * Reads an export file: its format, whether it is encrypted, and its entries (null when it is
 * encrypted and no password was given). Throws the file's KeyslotError (IMPORT_*), or
 * IMPORT_CANCELLED when `signal` aborts. `bytes` is copied to the worker; the caller keeps and
 * wipes its own copy.
 */
export function readImportFile(name: string, bytes: Uint8Array, options: ReadImportOptions = {}): Promise<ImportRead> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(cancelled());
  const req: ImportParseRequest = { name, bytes, password: options.password };
  const worker = newWorker();
  if (!worker) return readHere(req, options);
  const w = worker;
  let onAbort: (() => void) | undefined;
  return new Promise<ImportRead>((resolve, reject) => {
    onAbort = () => {
      w.terminate(); // at once: parsing, or a key derivation mid-way
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    w.onmessage = (e: MessageEvent<ImportParseMessage>) => {
      const m = e.data;
      if (m?.kind === 'kdf') return options.onKdf?.(m.n, m.max);
      try {
        resolve(importParseResult(m.answer));
      } catch (err) {
        reject(err);
      }
    };
    // A crash or out of memory in the worker: the file could not be read (no detail from it).
    w.onerror = () => reject(new KeyslotError('IMPORT_DAMAGED', { field: 'file' }));
    w.onmessageerror = () => reject(new KeyslotError('IMPORT_DAMAGED', { field: 'file' }));
    w.postMessage(req);
  }).finally(() => {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    w.terminate(); // single use: frees the parsed file and any key material with it
  });
}
