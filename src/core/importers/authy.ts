/**
 * Authy: the app has no export; what exists is its Android data file
 * `com.authy.storage.tokens.authenticator.xml` (SharedPreferences, read from a rooted phone
 * or a backup), whose one string is a JSON array of tokens:
 *
 *   { originalName: "Issuer:account", originalIssuer, name: "Issuer: account", digits,
 *     decryptedSecret (base32) | encryptedSecret (base64) + salt }
 *
 * Older files hold `encryptedSecret`: AES-CBC with a zero IV and PKCS#7 padding under
 * PBKDF2-HMAC-SHA1(backup password, salt as UTF-8, 1000 iterations, 256 bit), decrypting to
 * the base32 secret (as Aegis AuthyImporter reads it). Authy "authenticator" tokens are
 * TOTP, SHA1, 30 s. Authy's own 7-digit 10-second tokens are not in this file.
 */
import { decodeBase32 } from '../base32';
import { utf8Decode, utf8Encode } from '../bytes';
import { isKeyslotError, KeyslotError } from '../errors';
import { parseSecret } from '../validate';
import {
  base64Loose,
  entriesOf,
  failed,
  formatError,
  isObject,
  labelText,
  makeEntry,
  needPassword,
  parseJson,
  str,
  val,
  wrongPassword,
  type EntryLabel,
  type ImportCrypto,
  type ImportEntry,
  type JsonObject,
} from './common';
import { readStrings } from './android-prefs';

const KEY = 'com.authy.storage.tokens.authenticator.key';
const ITERATIONS = 1000;

export function isAuthy(text: string): boolean {
  return text.includes(`<string name="${KEY}">`);
}

/** True when the file needs the backup password. */
export function authyEncrypted(text: string): boolean {
  return tokens(text).some(
    (t) => isObject(t) && str(t, 'decryptedSecret') === undefined && str(t, 'encryptedSecret') !== undefined,
  );
}

function tokens(text: string) {
  const found = readStrings(text).find(([name]) => name === KEY);
  if (!found) throw formatError();
  return entriesOf(parseJson(found[1]));
}

export async function readAuthy(
  text: string,
  password: string | undefined,
  crypto: ImportCrypto,
): Promise<ImportEntry[]> {
  const list = tokens(text);
  const out: ImportEntry[] = [];
  let opened = 0;
  let sealed = 0;
  for (const t of list) {
    if (!isObject(t)) {
      out.push(failed(formatError(), { issuer: '', account: '' }));
      continue;
    }
    const label = names(t);
    const plain = str(t, 'decryptedSecret');
    let secretText: string | undefined = plain;
    if (plain === undefined && str(t, 'encryptedSecret') !== undefined) {
      if (password === undefined) throw needPassword();
      sealed += 1;
      try {
        secretText = await decrypt(t, password, crypto);
        opened += 1;
      } catch (e) {
        out.push(failed(isKeyslotError(e) ? e : wrongPassword(), label));
        continue;
      }
    }
    out.push(makeEntry({ kind: 'totp', ...label, secret: () => parseSecret(secretText), digits: val(t, 'digits') }));
  }
  // Not one secret opened: the password is wrong, and nothing is imported.
  if (sealed > 0 && opened === 0) throw wrongPassword();
  return out;
}

/** Provider and account, from "Issuer:account" (originalName) or the display name "Issuer: account". */
function names(t: JsonObject): EntryLabel {
  const original = str(t, 'originalName') ?? '';
  const colon = original.indexOf(':');
  const issuer = str(t, 'originalIssuer') ?? (colon >= 0 ? original.slice(0, colon) : '');
  let account = colon >= 0 ? original.slice(colon + 1) : original;
  if (account.trim() === '') {
    account = str(t, 'name') ?? '';
    for (const sep of [': ', ' - ', ':'])
      if (issuer !== '' && account.startsWith(issuer + sep)) account = account.slice(issuer.length + sep.length);
  }
  return { issuer: labelText(issuer), account: labelText(account) };
}

async function decrypt(t: JsonObject, password: string, crypto: ImportCrypto): Promise<string> {
  const ct = base64Loose(str(t, 'encryptedSecret') ?? '');
  const salt = str(t, 'salt');
  if (!ct || ct.length === 0 || ct.length % 16 !== 0 || salt === undefined)
    throw new KeyslotError('IMPORT_DAMAGED', { field: 'file' });
  const pw = utf8Encode(password);
  const key = await crypto.pbkdf2('SHA-1', pw, utf8Encode(salt), ITERATIONS, 32);
  pw.fill(0);
  try {
    const plain = await crypto.aesCbcDecrypt(key, new Uint8Array(16), ct);
    const text = utf8Decode(plain);
    // CBC has no authentication: a wrong key shows as bad padding or as text that is not base32.
    if (text === null) throw wrongPassword();
    decodeBase32(text);
    return text;
  } catch (e) {
    if (isKeyslotError(e, 'SECRET_INVALID')) throw wrongPassword();
    throw e;
  } finally {
    key.fill(0);
  }
}
