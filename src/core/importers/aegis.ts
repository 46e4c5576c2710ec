/**
 * Aegis Authenticator vault export (JSON), plain or encrypted. Format: Aegis docs/vault.md.
 *
 *   { version: 1, header: { slots, params }, db }
 *
 * Plain: `slots` and `params` are null and `db` is { version, entries: [...] }.
 * Encrypted: `db` is base64 of AES-256-GCM(master key, params.nonce) with params.tag; each
 * password slot (type 1) holds the master key under AES-256-GCM(scrypt(password, salt, N, r, p)).
 * Biometric slots (type 2) are skipped: they need the phone's keystore.
 *
 * Entry types: totp, hotp (info.counter), steam (Steam Guard), motp, yandex; the last two
 * are reported as unsupported. `info.secret` is base32.
 */
import { parseSecret } from '../validate';
import { utf8Decode, utf8Encode } from '../bytes';
import {
  arr,
  base64Loose,
  checkKdfBudget,
  damaged,
  decryptOrWrongPassword,
  entriesOf,
  failed,
  field,
  formatError,
  hexDecode,
  isObject,
  makeEntry,
  name,
  needPassword,
  obj,
  parseJson,
  SCRYPT_MEMORY_MAX,
  SCRYPT_WORK_MAX,
  str,
  val,
  wrongPassword,
  type ImportCrypto,
  type ImportEntry,
  type Json,
  type JsonObject,
  type KdfCall,
} from './common';
import { cleanGroups, cleanIcon, cleanNote, withExtras } from './extras';

/** True when the parsed JSON looks like an Aegis export. */
export function isAegis(json: Json): json is JsonObject {
  return isObject(json) && isObject(field(json, 'header')) && field(json, 'db') !== undefined;
}

export function aegisEncrypted(json: JsonObject): boolean {
  return typeof field(json, 'db') === 'string';
}

export async function readAegis(
  json: JsonObject,
  password: string | undefined,
  crypto: ImportCrypto,
): Promise<ImportEntry[]> {
  let db: Json | undefined = field(json, 'db');
  if (typeof db === 'string') {
    if (password === undefined) throw needPassword();
    db = await decryptDb(json, db, password, crypto);
  }
  if (!isObject(db)) throw formatError();
  // Vault v3: db.groups [{ uuid, name }], entries list uuids. Before: each entry has a group name.
  const groupNames = new Map<string, string>();
  for (const g of arr(db, 'groups') ?? []) {
    const uuid = isObject(g) ? str(g, 'uuid') : undefined;
    const groupName = isObject(g) ? str(g, 'name') : undefined;
    if (uuid !== undefined && groupName !== undefined) groupNames.set(uuid, groupName);
  }
  return entriesOf(field(db, 'entries')).map((e) => entry(e, groupNames));
}

function entry(e: Json, groupNames: ReadonlyMap<string, string>): ImportEntry {
  if (!isObject(e)) return failed(formatError(), { issuer: '', account: '' });
  const info = obj(e, 'info') ?? {};
  const groupIds = arr(e, 'groups') ?? [];
  const legacyGroup = str(e, 'group');
  const icon = str(e, 'icon');
  return withExtras(
    makeEntry({
      kind: str(e, 'type') ?? '',
      issuer: name(e, 'issuer'),
      account: name(e, 'name'),
      secret: () => parseSecret(val(info, 'secret')),
      algorithm: val(info, 'algo'),
      digits: val(info, 'digits'),
      period: val(info, 'period'),
      counter: val(info, 'counter'),
    }),
    {
      groups: cleanGroups([
        ...groupIds.map((id) => (typeof id === 'string' ? groupNames.get(id) : undefined)),
        legacyGroup,
      ]),
      favourite: field(e, 'favorite') === true,
      note: cleanNote(field(e, 'note')),
      icon: icon === undefined ? null : cleanIcon(base64Loose(icon), field(e, 'icon_mime')),
    },
  );
}

async function decryptDb(json: JsonObject, db: string, password: string, crypto: ImportCrypto): Promise<Json> {
  const header = obj(json, 'header')!;
  const params = obj(header, 'params');
  const nonce = hexDecode(str(params ?? {}, 'nonce') ?? '');
  const tag = hexDecode(str(params ?? {}, 'tag') ?? '');
  const ct = base64Loose(db);
  if (!nonce || !tag || !ct || nonce.length !== 12 || tag.length !== 16) throw damaged();
  const slots = (arr(header, 'slots') ?? []).filter(isObject).filter((s) => field(s, 'type') === 1);
  if (slots.length === 0) throw damaged();
  // Every password slot costs a scrypt: refuse a file over the per-file budget before the first.
  checkKdfBudget(slots.map(scryptCall));

  const pw = utf8Encode(password);
  try {
    for (const slot of slots) {
      const masterKey = await openSlot(slot, pw, crypto);
      if (!masterKey) continue;
      let plain: Uint8Array;
      try {
        plain = await decryptOrWrongPassword(() => crypto.aesGcmDecrypt(masterKey, nonce, concat(ct, tag)));
      } finally {
        masterKey.fill(0);
      }
      const text = utf8Decode(plain);
      if (text === null) throw damaged();
      return parseJson(text);
    }
  } finally {
    pw.fill(0);
  }
  throw wrongPassword();
}

/** The master key from one password slot, or null when the password does not open it. */
/** scrypt parameters within the per-call caps (powers of two, memory and work limits). */
function scryptOk(N: unknown, r: unknown, p: unknown): N is number {
  return (
    typeof N === 'number' &&
    typeof r === 'number' &&
    typeof p === 'number' &&
    Number.isInteger(N) &&
    Number.isInteger(r) &&
    Number.isInteger(p) &&
    N > 1 &&
    (N & (N - 1)) === 0 &&
    r >= 1 &&
    r <= 32 &&
    p >= 1 &&
    p <= 16 &&
    128 * N * r <= SCRYPT_MEMORY_MAX &&
    N * r * p <= SCRYPT_WORK_MAX
  );
}

/** The scrypt a password slot asks for; out-of-range parameters cost nothing here (openSlot refuses them). */
function scryptCall(slot: JsonObject): KdfCall {
  const [N, r, p] = [field(slot, 'n'), field(slot, 'r'), field(slot, 'p')];
  return scryptOk(N, r, p) ? { kdf: 'scrypt', N, r: r as number, p: p as number } : { kdf: 'scrypt', N: 0, r: 0, p: 0 };
}

async function openSlot(slot: JsonObject, pw: Uint8Array, crypto: ImportCrypto): Promise<Uint8Array | null> {
  const N = field(slot, 'n');
  const r = field(slot, 'r');
  const p = field(slot, 'p');
  const salt = hexDecode(str(slot, 'salt') ?? '');
  const key = hexDecode(str(slot, 'key') ?? '');
  const kp = obj(slot, 'key_params') ?? {};
  const nonce = hexDecode(str(kp, 'nonce') ?? '');
  const tag = hexDecode(str(kp, 'tag') ?? '');
  if (
    !scryptOk(N, r, p) ||
    !salt ||
    !key ||
    !nonce ||
    !tag ||
    nonce.length !== 12 ||
    tag.length !== 16 ||
    key.length !== 32
  )
    throw damaged();
  const kek = await crypto.scrypt(pw, salt, { N, r: r as number, p: p as number }, 32);
  try {
    return await crypto.aesGcmDecrypt(kek, nonce, concat(key, tag));
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
