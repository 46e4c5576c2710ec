/**
 * A text file of otpauth:// URIs, one per line: the "plain text" export of Ente Auth, Aegis,
 * and many others (Ente adds a `codeDisplay` parameter, which is ignored like any unknown
 * parameter). Blank lines are skipped; every other line is one entry, parsed by the same
 * parser as a scanned QR code (otpauth-uri.ts). A line holding a Google Authenticator
 * export (`otpauth-migration://`, as QR-reading tools print it) gives its accounts (migration.ts).
 */
import { KeyslotError } from '../errors';
import { parseMigrationUri } from '../migration';
import { entryFromUri, failed, formatError, IMPORT_ENTRIES_MAX, tooMany, type ImportEntry } from './common';

export function isUriList(text: string): boolean {
  return /^\s*otpauth(-migration)?:\/\//i.test(text);
}

export function readUriList(text: string): ImportEntry[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) throw formatError();
  if (lines.length > IMPORT_ENTRIES_MAX) throw tooMany();
  const out: ImportEntry[] = [];
  for (const line of lines) {
    if (/^otpauth-migration:/i.test(line)) out.push(...migrationEntries(line));
    else if (/^otpauth:\/\//i.test(line)) out.push(entryFromUri(line));
    else out.push(failed(new KeyslotError('URI_SCHEME', { field: 'uri' }), { issuer: '', account: '' }));
    if (out.length > IMPORT_ENTRIES_MAX) throw tooMany();
  }
  return out;
}

function migrationEntries(line: string): ImportEntry[] {
  try {
    return parseMigrationUri(line).entries.map((e) =>
      e.ok ? { status: 'ok', draft: e.draft, issuer: e.draft.issuer, account: e.draft.account } : { status: 'failed', code: e.code, issuer: e.issuer, account: e.account },
    );
  } catch (e) {
    return [failed(e, { issuer: '', account: '' })];
  }
}
