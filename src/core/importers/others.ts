/**
 * The smaller JSON formats:
 *
 *  - Proton Authenticator: { version, entries: [{ content: { uri, entry_type, name } }] };
 *    each `uri` is an otpauth:// URI; entry_type Steam marks a Steam Guard entry (its uri
 *    `steam://SECRET`, or an otpauth:// URI read as Steam whatever its type).
 *  - Stratum / Authenticator Pro (plain backup): { Authenticators: [{ Type, Issuer, Username,
 *    Secret, Algorithm, Digits, Period, Counter }] }; Type 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam,
 *    5 Yandex; Algorithm 0 SHA1, 1 SHA256, 2 SHA512 (Stratum's own enums).
 *  - Duo Mobile: [{ name, otpGenerator: { otpSecret, counter? } }]; a counter means HOTP.
 *    Duo exports no provider name.
 *  - Authenticator Pro encrypted backups, and Battle.net's data file (below).
 *  - Steam Guard (maFile / Steam Desktop Authenticator): every account is a Steam entry,
 *    its `shared_secret` in base64.
 */
import { utf8Decode, utf8Encode } from '../bytes';
import { KeyslotError } from '../errors';
import { readStrings } from './android-prefs';
import { parseSecret } from '../validate';
import { STEAM_PARAMS } from '../steam';
import {
  arr,
  base64Loose,
  damaged,
  decryptOrWrongPassword,
  entriesOf,
  entryFromSteamUri,
  entryFromUri,
  failed,
  field,
  formatError,
  hexDecode,
  isObject,
  labelText,
  makeEntry,
  name,
  needPassword,
  obj,
  parseJson,
  str,
  val,
  wrongPassword,
  type ImportCrypto,
  type ImportEntry,
  type Json,
  type JsonObject,
} from './common';
import { cleanNote, withExtras } from './extras';

export function isProton(json: Json): json is JsonObject {
  const entries = isObject(json) ? arr(json, 'entries') : undefined;
  return (
    entries !== undefined && entries.length > 0 && entries.every((e) => isObject(e) && isObject(field(e, 'content')))
  );
}

export function readProton(json: JsonObject): ImportEntry[] {
  return entriesOf(field(json, 'entries')).map((e) =>
    withExtras(protonEntry(e), { note: cleanNote(isObject(e) ? field(e, 'note') : undefined) }),
  );
}

function protonEntry(e: Json): ImportEntry {
  const content = isObject(e) ? obj(e, 'content') : undefined;
  const uri = content ? str(content, 'uri') : undefined;
  if (uri === undefined)
    return failed(formatError(), { issuer: '', account: labelText(content ? name(content, 'name') : '') });
  if (str(content!, 'entry_type')?.toLowerCase() === 'steam') {
    if (/^steam:\/\//i.test(uri.trim())) return entryFromSteamUri(uri, 'Steam', name(content!, 'name'));
    const entry = entryFromUri(uri);
    return entry.status === 'ok' ? { ...entry, draft: { ...entry.draft, kind: 'steam', ...STEAM_PARAMS } } : entry;
  }
  return entryFromUri(uri);
}

export function isStratum(json: Json): json is JsonObject {
  return isObject(json) && Array.isArray(field(json, 'Authenticators'));
}

const STRATUM_TYPES: Readonly<Record<number, string>> = { 1: 'hotp', 2: 'totp', 3: 'motp', 4: 'steam', 5: 'yandex' };
const STRATUM_ALGORITHMS: Readonly<Record<number, string>> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };

export function readStratum(json: JsonObject): ImportEntry[] {
  return entriesOf(field(json, 'Authenticators')).map((a) => {
    if (!isObject(a)) return failed(formatError(), { issuer: '', account: '' });
    const type = field(a, 'Type');
    const algorithm = field(a, 'Algorithm');
    return makeEntry({
      kind: typeof type === 'number' ? (STRATUM_TYPES[type] ?? String(type)) : '',
      issuer: name(a, 'Issuer'),
      account: name(a, 'Username'),
      secret: () => parseSecret(val(a, 'Secret')),
      algorithm: typeof algorithm === 'number' ? (STRATUM_ALGORITHMS[algorithm] ?? '?') : val(a, 'Algorithm'),
      digits: val(a, 'Digits'),
      period: val(a, 'Period'),
      counter: val(a, 'Counter'),
    });
  });
}

export function isDuo(json: Json): json is Json[] {
  return Array.isArray(json) && json.length > 0 && json.every((e) => isObject(e) && isObject(field(e, 'otpGenerator')));
}

export function readDuo(json: Json[]): ImportEntry[] {
  return entriesOf(json).map((e) => {
    if (!isObject(e)) return failed(formatError(), { issuer: '', account: '' });
    const gen = obj(e, 'otpGenerator') ?? {};
    const counter = field(gen, 'counter');
    return makeEntry({
      kind: counter === undefined || counter === null ? 'totp' : 'hotp',
      issuer: '',
      account: name(e, 'name'),
      secret: () => parseSecret(val(gen, 'otpSecret')),
      counter: val(gen, 'counter'),
    });
  });
}

export function isSteam(json: Json): json is JsonObject {
  return isObject(json) && (typeof field(json, 'shared_secret') === 'string' || isObject(field(json, 'accounts')));
}

export function readSteam(json: JsonObject): ImportEntry[] {
  const accounts = obj(json, 'accounts');
  const list = accounts ? Object.keys(accounts).map((k) => accounts[k]!) : [json];
  return entriesOf(list).map((a) => {
    const secretText = isObject(a) ? str(a, 'shared_secret') : undefined;
    return makeEntry({
      kind: 'steam',
      issuer: 'Steam',
      account: isObject(a) ? name(a, 'account_name') : '',
      secret: () => {
        const bytes = secretText === undefined ? null : base64Loose(secretText);
        if (!bytes || bytes.length === 0) throw new KeyslotError('SECRET_INVALID', { field: 'secret' });
        return bytes;
      },
    });
  });
}

/**
 * Authenticator Pro / Stratum encrypted backups (its BackupEncryption code):
 *   current: "AUTHENTICATORPRO" | salt (16) | iv (12) | AES-256-GCM ct+tag,
 *            key = Argon2id(password, salt; t = 3, m = 64 MiB, p = 4), 32 bytes
 *   legacy:  "AuthenticatorPro" | salt (20) | iv (16) | AES-256-CBC (PKCS#7),
 *            key = PBKDF2-HMAC-SHA1(password, salt, 64,000 iterations), 32 bytes
 * The plaintext is the plain backup's JSON.
 */
export const STRATUM_MAGIC = 'AUTHENTICATORPRO';
export const STRATUM_LEGACY_MAGIC = 'AuthenticatorPro';

export async function readStratumEncrypted(
  bytes: Uint8Array,
  password: string | undefined,
  crypto: ImportCrypto,
): Promise<ImportEntry[]> {
  if (password === undefined) throw needPassword();
  const legacy = String.fromCharCode(...bytes.subarray(0, 16)) === STRATUM_LEGACY_MAGIC;
  const saltLength = legacy ? 20 : 16;
  const ivLength = legacy ? 16 : 12;
  const start = 16 + saltLength + ivLength;
  if (bytes.length < start + 16) throw damaged();
  const salt = bytes.subarray(16, 16 + saltLength);
  const iv = bytes.subarray(16 + saltLength, start);
  const ct = bytes.subarray(start);
  const pw = utf8Encode(password);
  let plain: Uint8Array;
  try {
    plain = await decryptOrWrongPassword(async () => {
      const key = legacy
        ? await crypto.pbkdf2('SHA-1', pw, salt, 64_000, 32)
        : await crypto.argon2id(pw, salt, { iterations: 3, memoryKiB: 65_536, parallelism: 4 }, 32);
      try {
        return legacy ? await crypto.aesCbcDecrypt(key, iv, ct) : await crypto.aesGcmDecrypt(key, iv, ct);
      } finally {
        key.fill(0);
      }
    });
  } finally {
    pw.fill(0);
  }
  // CBC is not authenticated: a wrong key that happens to unpad gives text that is not the backup.
  const text = utf8Decode(plain);
  const json =
    text === null
      ? null
      : (() => {
          try {
            return parseJson(text);
          } catch {
            return null;
          }
        })();
  if (!json || !isStratum(json)) {
    if (legacy) throw wrongPassword();
    throw damaged();
  }
  return readStratum(json);
}

/**
 * Battle.net Authenticator's Android data file (SharedPreferences): the serial and the
 * device secret are hex of their ASCII text XOR-ed with a fixed 60-byte mask that the app
 * ships (the mask below; Aegis's BattleNetImporter uses the same). The unmasked secret is
 * hex of the key; the codes are ordinary TOTP: SHA1, 8 digits, 30 s.
 */
const BATTLE_NET_PREFIX = 'com.blizzard.messenger.AUTHENTICATOR_';
const BATTLE_NET_MASK =
  '398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a';

export function isBattleNet(text: string): boolean {
  return text.includes(`<string name="${BATTLE_NET_PREFIX}DEVICE_SECRET">`);
}

function unmask(hex: string): string | null {
  const masked = hexDecode(hex);
  const mask = hexDecode(BATTLE_NET_MASK)!;
  if (!masked || masked.length > mask.length) return null;
  return String.fromCharCode(...masked.map((b, i) => b ^ mask[i]!));
}

export function readBattleNet(text: string): ImportEntry[] {
  const prefs = new Map(readStrings(text));
  const serial = unmask(prefs.get(`${BATTLE_NET_PREFIX}SERIAL`) ?? '') ?? '';
  const account = labelText(serial);
  return [
    makeEntry({
      kind: 'totp',
      issuer: 'Battle.net',
      account,
      secret: () => {
        const hex = unmask(prefs.get(`${BATTLE_NET_PREFIX}DEVICE_SECRET`) ?? '');
        const key = hex === null ? null : hexDecode(hex);
        if (!key) throw new KeyslotError('SECRET_INVALID', { field: 'secret' });
        return key;
      },
      digits: 8,
    }),
  ];
}
