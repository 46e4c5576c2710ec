/**
 * A text file of otpauth:// URIs, one per line: the "plain text" export of Ente Auth, Aegis,
 * and many others (Ente adds a `codeDisplay` parameter, read for tags, pin, note and trash;
 * the URI parser ignores it like any unknown parameter). Blank lines are skipped; every other line is one entry, parsed by the same
 * parser as a scanned QR code (otpauth-uri.ts). A line holding a Google Authenticator
 * export (`otpauth-migration://`, as QR-reading tools print it) gives its accounts (migration.ts).
 * Steam Guard entries: `otpauth://steam/…` (Aegis, 2FAS, Ente) and `encoder=steam` (KeePassXC)
 * through the URI parser; a bare `steam://SECRET` line (Bitwarden's form, no names) is a Steam
 * slot named "Steam".
 */
import { KeyslotError } from '../errors';
import { parseMigrationUri } from '../migration';
import {
  arr,
  entryFromSteamUri,
  entryFromUri,
  failed,
  field,
  formatError,
  IMPORT_ENTRIES_MAX,
  isObject,
  parseJson,
  tooMany,
  type ImportEntry,
} from './common';
import { cleanGroups, cleanNote, withExtras, type EntryExtras } from './extras';

export function isUriList(text: string): boolean {
  return /^\s*(otpauth(-migration)?|steam):\/\//i.test(text);
}

export function readUriList(text: string): ImportEntry[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) throw formatError();
  if (lines.length > IMPORT_ENTRIES_MAX) throw tooMany();
  const out: ImportEntry[] = [];
  for (const line of lines) {
    if (/^otpauth-migration:/i.test(line)) out.push(...migrationEntries(line));
    else if (/^otpauth:\/\//i.test(line)) out.push(withExtras(entryFromUri(line), enteExtras(line)));
    else if (/^steam:\/\//i.test(line)) out.push(entryFromSteamUri(line, 'Steam', ''));
    else out.push(failed(new KeyslotError('URI_SCHEME', { field: 'uri' }), { issuer: '', account: '' }));
    if (out.length > IMPORT_ENTRIES_MAX) throw tooMany();
  }
  return out;
}

/**
 * Ente Auth's `codeDisplay` parameter: URI-encoded JSON
 * { pinned, trashed, lastUsedAt, tapCount, tags: [], note }. Anything malformed is ignored.
 */
function enteExtras(line: string): Partial<EntryExtras> {
  const raw = /[?&]codeDisplay=([^&]*)/.exec(line)?.[1];
  if (raw === undefined) return {};
  let display: unknown;
  try {
    display = parseJson(decodeURIComponent(raw.replace(/\+/g, '%20')));
  } catch {
    return {};
  }
  if (!isObject(display)) return {};
  return {
    groups: cleanGroups(arr(display, 'tags') ?? []),
    favourite: field(display, 'pinned') === true,
    note: cleanNote(field(display, 'note')),
    trashed: field(display, 'trashed') === true,
  };
}

function migrationEntries(line: string): ImportEntry[] {
  try {
    return parseMigrationUri(line).entries.map((e) =>
      e.ok
        ? { status: 'ok', draft: e.draft, issuer: e.draft.issuer, account: e.draft.account }
        : { status: 'failed', code: e.code, issuer: e.issuer, account: e.account },
    );
  } catch (e) {
    return [failed(e, { issuer: '', account: '' })];
  }
}
