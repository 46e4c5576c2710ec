/**
 * Files exported by other authenticator apps: find out which app wrote the file (from its
 * bytes; the file name only breaks the tie for andOTP's unmarked encrypted backups), then
 * read it with that app's module. See docs/importers.md.
 *
 *   const found = detectImport(name, bytes);     // format, and whether a password is needed
 *   const result = await importFile(name, bytes, { password, crypto });
 *
 * The file is refused as a whole (KeyslotError IMPORT_*) when it is too big, not an export
 * Keyslot reads, damaged, encrypted without a password, or the password does not open it.
 * Otherwise every entry is reported on its own (common.ts ImportEntry).
 */
import { utf8Decode } from '../bytes';
import { KeyslotError } from '../errors';
import { aegisEncrypted, isAegis, readAegis } from './aegis';
import { readAndOtp, readAndOtpEncrypted, isAndOtp } from './andotp';
import { authyEncrypted, isAuthy, readAuthy } from './authy';
import { isBitwardenCsv, isBitwardenJson, readBitwardenCsv, readBitwardenJson } from './bitwarden';
import {
  budgeted,
  field,
  formatError,
  IMPORT_BYTES_MAX,
  isObject,
  parseJson,
  tooLarge,
  type ImportControl,
  type ImportCrypto,
  type ImportEntry,
  type ImportFormat,
  type ImportResult,
  type Json,
} from './common';
import { isFreeOtpPlus, isFreeOtpXml, readFreeOtpPlus, readFreeOtpXml } from './freeotp';
import { isFreeOtp2, readFreeOtp2 } from './freeotp2';
import { isAndroidPrefs } from './android-prefs';
import {
  isBattleNet,
  isDuo,
  isProton,
  isSteam,
  isStratum,
  readBattleNet,
  readDuo,
  readProton,
  readSteam,
  readStratum,
  readStratumEncrypted,
  STRATUM_LEGACY_MAGIC,
  STRATUM_MAGIC,
} from './others';
import {
  isTotpAuthenticatorBackup,
  isTotpAuthenticatorXml,
  readTotpAuthenticatorBackup,
  readTotpAuthenticatorXml,
} from './totp-authenticator';
import { isTwoFas, readTwoFas, twoFasEncrypted } from './twofas';
import { isUriList, readUriList } from './uri-list';

export type { ImportCrypto, ImportEntry, ImportFormat, ImportResult } from './common';
export {
  IMPORT_BYTES_MAX,
  IMPORT_ENTRIES_MAX,
  IMPORT_FORMATS,
  IMPORT_KDF_RUNS_MAX,
  IMPORT_KDF_WORK_MAX,
} from './common';
export type { ImportControl } from './common';

interface Reader {
  format: ImportFormat;
  encrypted: boolean;
  read(password: string | undefined, crypto: ImportCrypto): Promise<ImportEntry[]> | ImportEntry[];
}

const unsupported = (): KeyslotError => new KeyslotError('IMPORT_UNSUPPORTED', { field: 'file' });

function startsWith(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

function fromJson(json: Json): Reader {
  if (isAegis(json))
    return { format: 'aegis', encrypted: aegisEncrypted(json), read: (pw, c) => readAegis(json, pw, c) };
  if (isTwoFas(json))
    return { format: '2fas', encrypted: twoFasEncrypted(json), read: (pw, c) => readTwoFas(json, pw, c) };
  if (isFreeOtpPlus(json)) return { format: 'freeotp-plus', encrypted: false, read: () => readFreeOtpPlus(json) };
  if (isBitwardenJson(json)) return { format: 'bitwarden', encrypted: false, read: () => readBitwardenJson(json) };
  if (isProton(json)) return { format: 'proton', encrypted: false, read: () => readProton(json) };
  if (isStratum(json)) return { format: 'stratum', encrypted: false, read: () => readStratum(json) };
  if (isSteam(json)) return { format: 'steam', encrypted: false, read: () => readSteam(json) };
  if (isAndOtp(json)) return { format: 'andotp', encrypted: false, read: () => readAndOtp(json) };
  if (isDuo(json)) return { format: 'duo', encrypted: false, read: () => readDuo(json) };
  // Ente Auth's encrypted export (XChaCha20-Poly1305, which WebCrypto lacks): say so rather than "unreadable".
  if (isObject(json) && field(json, 'kdfParams') !== undefined && field(json, 'encryptedData') !== undefined)
    throw unsupported();
  throw formatError();
}

function sniff(name: string, bytes: Uint8Array): Reader {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw formatError();
  if (bytes.length > IMPORT_BYTES_MAX) throw tooLarge();
  // Recognised, not read: app databases (SQLite), password zips.
  if (startsWith(bytes, 'SQLite format 3\u0000') || startsWith(bytes, 'PK\u0003\u0004')) throw unsupported();
  if (isFreeOtp2(bytes)) return { format: 'freeotp', encrypted: true, read: (pw, c) => readFreeOtp2(bytes, pw, c) };
  if (startsWith(bytes, STRATUM_MAGIC) || startsWith(bytes, STRATUM_LEGACY_MAGIC)) {
    return { format: 'stratum', encrypted: true, read: (pw, c) => readStratumEncrypted(bytes, pw, c) };
  }

  const decoded = utf8Decode(bytes);
  if (decoded === null) {
    // andOTP's encrypted backups have no magic number: only the name says what they are.
    if (/\.(bin|aes)$/i.test(name) || /andotp/i.test(name)) {
      return { format: 'andotp', encrypted: true, read: (pw, c) => readAndOtpEncrypted(bytes, pw, c) };
    }
    throw formatError();
  }
  const text = decoded.replace(/^\uFEFF/, '');
  const head = text.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return fromJson(parseJson(text));
  if (isAndroidPrefs(text)) {
    if (isAuthy(text))
      return { format: 'authy', encrypted: authyEncrypted(text), read: (pw, c) => readAuthy(text, pw, c) };
    if (isFreeOtpXml(text)) return { format: 'freeotp', encrypted: false, read: () => readFreeOtpXml(text) };
    if (isTotpAuthenticatorXml(text))
      return { format: 'totp-authenticator', encrypted: false, read: () => readTotpAuthenticatorXml(text) };
    if (isBattleNet(text)) return { format: 'battle-net', encrypted: false, read: () => readBattleNet(text) };
    throw unsupported(); // other apps' data files
  }
  if (isUriList(text)) {
    // Ente Auth's plain-text export adds a codeDisplay parameter to each URI.
    return {
      format: /[?&]codeDisplay=/.test(text) ? 'ente' : 'otpauth-list',
      encrypted: false,
      read: () => readUriList(text),
    };
  }
  if (isBitwardenCsv(text)) return { format: 'bitwarden', encrypted: false, read: () => readBitwardenCsv(text) };
  if (isTotpAuthenticatorBackup(text)) {
    return { format: 'totp-authenticator', encrypted: true, read: (pw, c) => readTotpAuthenticatorBackup(text, pw, c) };
  }
  throw formatError();
}

/** Which app's export this is, and whether it needs a password. Throws IMPORT_* when it is none Keyslot reads. */
export function detectImport(name: string, bytes: Uint8Array): { format: ImportFormat; encrypted: boolean } {
  const { format, encrypted } = sniff(name, bytes);
  return { format, encrypted };
}

/**
 * Reads every entry of an export. `password` is needed only for encrypted files
 * (IMPORT_PASSWORD_NEEDED without it, IMPORT_PASSWORD_WRONG when it does not open the file).
 */
export async function importFile(
  name: string,
  bytes: Uint8Array,
  options: { password?: string; crypto: ImportCrypto } & ImportControl,
): Promise<ImportResult> {
  return readWith(sniff(name, bytes), options);
}

/**
 * What the import screen asks for (in a worker: platform/import-parse.ts): importFile, except
 * that an encrypted file read without a password answers `entries: null` (ask for it) rather
 * than throwing, so a file is sniffed and parsed once, not once to detect and once to read.
 */
export async function readImport(
  name: string,
  bytes: Uint8Array,
  options: { password?: string; crypto: ImportCrypto } & ImportControl,
): Promise<ImportRead> {
  const reader = sniff(name, bytes);
  if (reader.encrypted && !options.password) return { format: reader.format, encrypted: true, entries: null };
  return readWith(reader, options);
}

/** readImport's answer: the entries, or null when the file needs its password first. */
export interface ImportRead {
  format: ImportFormat;
  encrypted: boolean;
  entries: ImportEntry[] | null;
}

async function readWith(
  reader: Reader,
  options: { password?: string; crypto: ImportCrypto } & ImportControl,
): Promise<ImportResult> {
  const password = reader.encrypted ? options.password : undefined;
  if (reader.encrypted && (password === undefined || password === '')) {
    throw new KeyslotError('IMPORT_PASSWORD_NEEDED', { field: 'password' });
  }
  // Every key derivation counted and charged against the per-file budget; Cancel stops the next.
  const entries = await reader.read(password, budgeted(options.crypto, options));
  if (entries.length === 0) throw new KeyslotError('IMPORT_FORMAT', { field: 'file' });
  return { format: reader.format, encrypted: reader.encrypted, entries };
}
