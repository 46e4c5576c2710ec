/**
 * 2FAS Authenticator backups (`.2fas`, JSON), schema versions 1–4:
 *
 *   { schemaVersion, services: [{ name, secret, otp: { account, issuer, digits, period,
 *     algorithm, counter, tokenType } }], servicesEncrypted? }
 *
 * Encrypted backups (schema 2+) have `services: []` and
 * `servicesEncrypted = base64(ct+tag) ":" base64(salt) ":" base64(iv)`, AES-256-GCM under
 * PBKDF2-HMAC-SHA256(password, salt, 10,000 iterations) (2FAS's own backup code; Aegis
 * TwoFASImporter reads it the same way). The plaintext is the JSON array of services.
 *
 * Schema 1 has no algorithm/digits/period and schema 2 no HOTP: what is missing takes the
 * Key URI Format defaults (TOTP, SHA1, 6 digits, 30 s). tokenType STEAM is a Steam Guard entry.
 */
import { utf8Decode, utf8Encode } from '../bytes';
import { parseSecret } from '../validate';
import {
  arr,
  base64Loose,
  damaged,
  decryptOrWrongPassword,
  entriesOf,
  failed,
  field,
  formatError,
  isObject,
  makeEntry,
  name,
  needPassword,
  obj,
  parseJson,
  str,
  val,
  type ImportCrypto,
  type ImportEntry,
  type Json,
  type JsonObject,
} from './common';
import { cleanGroups, withExtras } from './extras';

const PBKDF2_ITERATIONS = 10_000;

export function isTwoFas(json: Json): json is JsonObject {
  return isObject(json) && typeof field(json, 'schemaVersion') === 'number' && Array.isArray(field(json, 'services'));
}

export function twoFasEncrypted(json: JsonObject): boolean {
  return typeof field(json, 'servicesEncrypted') === 'string';
}

export async function readTwoFas(
  json: JsonObject,
  password: string | undefined,
  crypto: ImportCrypto,
): Promise<ImportEntry[]> {
  let services: Json | undefined = field(json, 'services');
  const sealed = str(json, 'servicesEncrypted');
  if (sealed !== undefined) {
    if (password === undefined) throw needPassword();
    services = await decrypt(sealed, password, crypto);
  }
  // Groups are not encrypted in 2FAS backups: groups [{ id, name }], each service a groupId.
  const groupNames = new Map<string, string>();
  for (const g of arr(json, 'groups') ?? []) {
    const id = isObject(g) ? str(g, 'id') : undefined;
    const groupName = isObject(g) ? str(g, 'name') : undefined;
    if (id !== undefined && groupName !== undefined) groupNames.set(id, groupName);
  }
  return entriesOf(services).map((s) => entry(s, groupNames));
}

function entry(s: Json, groupNames: ReadonlyMap<string, string>): ImportEntry {
  if (!isObject(s)) return failed(formatError(), { issuer: '', account: '' });
  const otp = obj(s, 'otp') ?? {};
  const issuer = name(otp, 'issuer');
  const groupId = str(s, 'groupId');
  return withExtras(
    makeEntry({
      kind: str(otp, 'tokenType') ?? 'totp',
      // Schema 1 files may lack otp.issuer; the service name is what 2FAS shows.
      issuer: typeof issuer === 'string' && issuer.trim() !== '' ? issuer : name(s, 'name'),
      account: name(otp, 'account'),
      secret: () => parseSecret(val(s, 'secret')),
      algorithm: val(otp, 'algorithm'),
      digits: val(otp, 'digits'),
      period: val(otp, 'period'),
      counter: val(otp, 'counter'),
    }),
    { groups: cleanGroups([groupId === undefined ? undefined : groupNames.get(groupId)]) },
  );
}

async function decrypt(sealed: string, password: string, crypto: ImportCrypto): Promise<Json> {
  const parts = sealed.split(':');
  if (parts.length !== 3) throw damaged();
  const [ct, salt, iv] = parts.map(base64Loose);
  if (!ct || !salt || !iv || ct.length < 16 || salt.length === 0 || iv.length !== 12) throw damaged();
  const pw = utf8Encode(password);
  let plain: Uint8Array;
  try {
    plain = await decryptOrWrongPassword(async () => {
      const key = await crypto.pbkdf2('SHA-256', pw, salt, PBKDF2_ITERATIONS, 32);
      try {
        return await crypto.aesGcmDecrypt(key, iv, ct);
      } finally {
        key.fill(0);
      }
    });
  } finally {
    pw.fill(0);
  }
  const text = utf8Decode(plain);
  if (text === null) throw damaged();
  return parseJson(text);
}
