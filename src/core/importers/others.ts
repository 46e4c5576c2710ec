/**
 * The smaller JSON formats:
 *
 *  - Proton Authenticator: { version, entries: [{ content: { uri, entry_type, name } }] };
 *    each `uri` is an otpauth:// URI (entry_type Steam: unsupported).
 *  - Stratum / Authenticator Pro (plain backup): { Authenticators: [{ Type, Issuer, Username,
 *    Secret, Algorithm, Digits, Period, Counter }] }; Type 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam,
 *    5 Yandex; Algorithm 0 SHA1, 1 SHA256, 2 SHA512 (Stratum's own enums).
 *  - Duo Mobile: [{ name, otpGenerator: { otpSecret, counter? } }]; a counter means HOTP.
 *    Duo exports no provider name.
 *  - Steam Guard (maFile / Steam Desktop Authenticator): every account is a Steam entry,
 *    reported as unsupported.
 */
import { parseSecret } from '../validate';
import {
  arr,
  entriesOf,
  entryFromUri,
  failed,
  field,
  formatError,
  isObject,
  labelText,
  makeEntry,
  obj,
  str,
  val,
  type ImportEntry,
  type Json,
  type JsonObject,
} from './common';

export function isProton(json: Json): json is JsonObject {
  const entries = isObject(json) ? arr(json, 'entries') : undefined;
  return entries !== undefined && entries.length > 0 && entries.every((e) => isObject(e) && isObject(field(e, 'content')));
}

export function readProton(json: JsonObject): ImportEntry[] {
  return entriesOf(field(json, 'entries')).map((e) => {
    const content = isObject(e) ? obj(e, 'content') : undefined;
    const uri = content ? str(content, 'uri') : undefined;
    if (uri === undefined) return failed(formatError(), { issuer: '', account: labelText(content ? val(content, 'name') : '') });
    if (str(content!, 'entry_type')?.toLowerCase() === 'steam') {
      return { status: 'unsupported', type: 'Steam', issuer: 'Steam', account: labelText(val(content!, 'name')) };
    }
    return entryFromUri(uri);
  });
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
      issuer: val(a, 'Issuer'),
      account: val(a, 'Username'),
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
      account: val(e, 'name'),
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
  return entriesOf(list).map((a) => ({
    status: 'unsupported',
    type: 'Steam',
    issuer: 'Steam',
    account: labelText(isObject(a) ? val(a, 'account_name') : ''),
  }));
}
