/**
 * One import-reading request as plain data, for running it in a worker
 * (platform/import-parse.ts, workers/import-parse-worker.ts): the file's bytes and name, and
 * the password once the person typed it. The worker sniffs, parses, decrypts (its key
 * derivations run in the worker too) and checks every entry, posting a `kdf` message before
 * each derivation and one `done` message at the end. Errors come back as their code, field
 * and limit only, never text from the file (issue 14: a big export froze the page while read).
 */
import { isKeyslotError, KeyslotError, type ErrorCode } from '../errors';
import { readImport, type ImportControl, type ImportCrypto, type ImportRead } from './index';

export interface ImportParseRequest {
  name: string;
  bytes: Uint8Array;
  /** Only for an encrypted file; without it the answer's `entries` is null. */
  password?: string;
}

export type ImportParseAnswer =
  { ok: true; value: ImportRead } | { ok: false; code: ErrorCode; field?: string; max?: number };

/** What the worker posts: progress before each key derivation, then the answer. */
export type ImportParseMessage = { kind: 'kdf'; n: number; max: number } | { kind: 'done'; answer: ImportParseAnswer };

/** Runs one request with `crypto`; `control.onKdf` hears each derivation as it starts. Never throws. */
export async function runImportParse(
  req: ImportParseRequest,
  crypto: ImportCrypto,
  control: ImportControl = {},
): Promise<ImportParseAnswer> {
  try {
    const r = req as Partial<ImportParseRequest> | null;
    if (typeof r?.name !== 'string' || !(r.bytes instanceof Uint8Array)) {
      throw new KeyslotError('IMPORT_FORMAT', { field: 'file' });
    }
    const password = typeof r.password === 'string' ? r.password : undefined;
    return { ok: true, value: await readImport(r.name, r.bytes, { password, crypto, ...control }) };
  } catch (e) {
    if (isKeyslotError(e)) return { ok: false, code: e.code, field: e.field, max: e.max };
    return { ok: false, code: 'IMPORT_DAMAGED', field: 'file' };
  }
}

/** The answer's value, or its error thrown again as a KeyslotError. */
export function importParseResult(a: ImportParseAnswer): ImportRead {
  if (a.ok) return a.value;
  throw new KeyslotError(a.code, { field: a.field, max: a.max });
}
