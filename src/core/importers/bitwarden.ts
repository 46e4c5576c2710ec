/**
 * Bitwarden exports, JSON and CSV (unencrypted only: a password-protected Bitwarden export
 * is refused as IMPORT_UNSUPPORTED). Each login's TOTP field is an otpauth:// URI, a
 * `steam://SECRET` (Steam Guard) or a bare base32 key, which Bitwarden treats as
 * TOTP with the defaults; the item name is then the provider and the username the account.
 *
 *   JSON: { encrypted: false, items: [{ name, login: { username, totp } }] }
 *   CSV:  folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp
 */
import { KeyslotError } from '../errors';
import { parseSecret } from '../validate';
import {
  entriesOf,
  entryFromSteamUri,
  entryFromUri,
  field,
  formatError,
  IMPORT_ENTRIES_MAX,
  isObject,
  makeEntry,
  obj,
  str,
  tooMany,
  type ImportEntry,
  type Json,
  type JsonObject,
} from './common';
import { cleanGroups, cleanNote, withExtras } from './extras';

export function isBitwardenJson(json: Json): json is JsonObject {
  return isObject(json) && Array.isArray(field(json, 'items')) && typeof field(json, 'encrypted') === 'boolean';
}

export function readBitwardenJson(json: JsonObject): ImportEntry[] {
  if (field(json, 'encrypted') === true) throw new KeyslotError('IMPORT_UNSUPPORTED', { field: 'file' });
  const folders = new Map<string, string>();
  for (const f of Array.isArray(field(json, 'folders')) ? (field(json, 'folders') as Json[]) : []) {
    const id = isObject(f) ? str(f, 'id') : undefined;
    const folderName = isObject(f) ? str(f, 'name') : undefined;
    if (id !== undefined && folderName !== undefined) folders.set(id, folderName);
  }
  const out: ImportEntry[] = [];
  for (const item of entriesOf(field(json, 'items'))) {
    if (!isObject(item)) continue;
    const login = obj(item, 'login');
    const totp = login ? str(login, 'totp') : undefined;
    if (totp === undefined || totp.trim() === '') continue; // a login without a code
    const folderId = str(item, 'folderId');
    out.push(
      withExtras(fromTotpField(totp, str(item, 'name') ?? '', str(login!, 'username') ?? ''), {
        groups: cleanGroups([folderId === undefined ? undefined : folders.get(folderId)]),
        favourite: field(item, 'favorite') === true,
        note: cleanNote(field(item, 'notes')),
      }),
    );
  }
  return out;
}

function fromTotpField(totp: string, name: string, username: string): ImportEntry {
  const text = totp.trim();
  if (/^otpauth:\/\//i.test(text)) return entryFromUri(text);
  if (/^steam:\/\//i.test(text)) return entryFromSteamUri(text, name, username);
  return makeEntry({ kind: 'totp', issuer: name, account: username, secret: () => parseSecret(text) });
}

export function isBitwardenCsv(text: string): boolean {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return /(^|,)login_totp(,|$)/.test(header) && /(^|,)name(,|$)/.test(header);
}

export function readBitwardenCsv(text: string): ImportEntry[] {
  const rows = parseCsv(text);
  const header = rows.shift() ?? [];
  const col = (name: string) => header.indexOf(name);
  const totpCol = col('login_totp');
  if (totpCol < 0) throw formatError();
  const out: ImportEntry[] = [];
  for (const row of rows) {
    const totp = row[totpCol] ?? '';
    if (totp.trim() === '') continue;
    const cell = (name: string) => (col(name) < 0 ? undefined : row[col(name)]);
    out.push(
      withExtras(fromTotpField(totp, row[col('name')] ?? '', row[col('login_username')] ?? ''), {
        groups: cleanGroups([cell('folder')]),
        favourite: cell('favorite')?.trim() === '1',
        note: cleanNote(cell('notes')),
      }),
    );
  }
  return out;
}

/** RFC 4180 CSV: quoted fields may hold commas, line breaks and "" for a quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (row.some((x) => x !== '')) rows.push(row);
      if (rows.length > IMPORT_ENTRIES_MAX + 1) throw tooMany();
      row = [];
    } else cell += c;
  }
  if (quoted) throw formatError();
  row.push(cell);
  if (row.some((x) => x !== '')) rows.push(row);
  return rows;
}
