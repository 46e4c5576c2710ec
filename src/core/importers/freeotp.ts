/**
 * FreeOTP+ JSON export and FreeOTP (v1) / FreeOTP+ SharedPreferences backups. Both hold
 * the same token objects:
 *
 *   { algo, counter, digits, issuerExt, issuerInt, label, period, secret: [signed bytes], type: TOTP|HOTP }
 *
 * JSON: { tokenOrder: [...], tokens: [token, ...] }. XML: one `<string>` per token (its name
 * is "issuer:label"), plus a `tokenOrder` string that is skipped. FreeOTP stores the HOTP
 * counter of the next code, which is what Keyslot stores too. FreeOTP v2's encrypted backup
 * (a Java-serialised map) is not read.
 */
import {
  arr,
  entriesOf,
  failed,
  field,
  formatError,
  isObject,
  makeEntry,
  name,
  parseJson,
  signedBytes,
  str,
  val,
  type ImportEntry,
  type Json,
  type JsonObject,
} from './common';
import { readStrings } from './android-prefs';
import { KeyslotError } from '../errors';

export function isFreeOtpPlus(json: Json): json is JsonObject {
  return isObject(json) && Array.isArray(field(json, 'tokens'));
}

export function readFreeOtpPlus(json: JsonObject): ImportEntry[] {
  return entriesOf(arr(json, 'tokens')).map(token);
}

/** FreeOTP v1 / FreeOTP+ shared_prefs XML. */
export function readFreeOtpXml(text: string): ImportEntry[] {
  const tokens = readStrings(text).filter(([name]) => name !== 'tokenOrder');
  if (tokens.length === 0) throw formatError();
  return tokens.map(([, value]) => {
    try {
      return token(parseJson(value));
    } catch (e) {
      return failed(e, { issuer: '', account: '' });
    }
  });
}

export function isFreeOtpXml(text: string): boolean {
  return /<string name="tokenOrder">/.test(text);
}

function token(t: Json): ImportEntry {
  if (!isObject(t)) return failed(formatError(), { issuer: '', account: '' });
  const issuerExt = name(t, 'issuerExt');
  return makeEntry({
    kind: str(t, 'type') ?? '',
    issuer: typeof issuerExt === 'string' && issuerExt.trim() !== '' ? issuerExt : name(t, 'issuerInt'),
    account: name(t, 'label'),
    secret: () => {
      const bytes = signedBytes(field(t, 'secret'));
      if (!bytes) throw new KeyslotError('SECRET_INVALID', { field: 'secret' });
      return bytes;
    },
    algorithm: val(t, 'algo'),
    digits: val(t, 'digits'),
    period: val(t, 'period'),
    counter: val(t, 'counter'),
  });
}
