/**
 * TOTP Authenticator (BinaryBoxes) for Android. Two files:
 *   - its backup (`.bin` / `.encrypt`): base64 text of AES-256-CBC (zero IV, PKCS#7) under
 *     SHA-256(password); the plaintext is a JSON object whose one key is the JSON text of the
 *     token array (and whose value is a timestamp);
 *   - its data file (SharedPreferences) with the array in the `STATIC_TOTP_CODES_LIST` string.
 * Tokens: { issuer, name, key, base: 16 | 32 | 64 (how `key` is written), digits: "6", period: "30" }.
 * All are TOTP with SHA1. Keyslot keeps the digits and period stored with each token.
 */
import { decodeBase32 } from '../base32';
import { base64Decode, trimTrailing, utf8Decode, utf8Encode } from '../bytes';
import { KeyslotError } from '../errors';
import { readStrings } from './android-prefs';
import {
  base64Loose,
  entriesOf,
  failed,
  field,
  formatError,
  hexDecode,
  isObject,
  makeEntry,
  name,
  needPassword,
  parseJson,
  str,
  val,
  wrongPassword,
  type ImportCrypto,
  type ImportEntry,
  type Json,
} from './common';

const PREFS_KEY = 'STATIC_TOTP_CODES_LIST';

export function isTotpAuthenticatorXml(text: string): boolean {
  return text.includes(`<string name="${PREFS_KEY}">`);
}

/** Base64 text only, a whole number of AES blocks: the shape of the encrypted backup. */
export function isTotpAuthenticatorBackup(text: string): boolean {
  const bare = text.replace(/\s+/g, '');
  return bare.length >= 24 && /^[A-Za-z0-9+/]+=*$/.test(bare) && ((trimTrailing(bare, '=').length * 3) >> 2) % 16 === 0;
}

export function readTotpAuthenticatorXml(text: string): ImportEntry[] {
  const found = readStrings(text).find(([name]) => name === PREFS_KEY);
  if (!found) throw formatError();
  return entriesOf(parseJson(found[1])).map(token);
}

export async function readTotpAuthenticatorBackup(
  text: string,
  password: string | undefined,
  crypto: ImportCrypto,
): Promise<ImportEntry[]> {
  if (password === undefined) throw needPassword();
  const ct = base64Loose(text);
  if (!ct || ct.length === 0 || ct.length % 16 !== 0) throw formatError();
  const pw = utf8Encode(password);
  const key = await crypto.sha256(pw);
  pw.fill(0);
  let plain: Uint8Array;
  try {
    plain = await crypto.aesCbcDecrypt(key, new Uint8Array(16), ct);
  } catch {
    throw wrongPassword(); // bad padding
  } finally {
    key.fill(0);
  }
  // CBC is not authenticated: a wrong key that happens to unpad gives text that is not this JSON.
  const outer = (() => {
    const decoded = utf8Decode(plain);
    try {
      return decoded === null ? null : parseJson(decoded);
    } catch {
      return null;
    }
  })();
  if (!isObject(outer)) throw wrongPassword();
  const keys = Object.keys(outer);
  if (keys.length !== 1) throw new KeyslotError('IMPORT_DAMAGED', { field: 'file' });
  return entriesOf(parseJson(keys[0]!)).map(token);
}

function token(t: Json): ImportEntry {
  if (!isObject(t)) return failed(formatError(), { issuer: '', account: '' });
  return makeEntry({
    kind: 'totp',
    issuer: name(t, 'issuer'),
    account: name(t, 'name'),
    secret: () => {
      const key = str(t, 'key') ?? '';
      const base = field(t, 'base');
      const bytes =
        base === 16 ? hexDecode(key) : base === 32 ? decodeBase32(key) : base === 64 ? base64Decode(key) : null;
      if (!bytes) throw new KeyslotError('SECRET_INVALID', { field: 'secret' });
      return bytes;
    },
    digits: val(t, 'digits'),
    period: val(t, 'period'),
  });
}
