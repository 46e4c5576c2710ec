/**
 * andOTP backups. Plain: a JSON array of
 *   { secret (base32), issuer, label, digits, type: TOTP|HOTP|STEAM|MOTP, algorithm, period, counter }
 * Encrypted (`.json.aes`/`.bin`), two generations (andOTP's EncryptionHelper / BackupHelper):
 *   new: iterations (uint32 BE) | salt (12) | nonce (12) | AES-256-GCM ct+tag,
 *        key = PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bit)
 *   old: nonce (12) | AES-256-GCM ct+tag, key = SHA-256(password)
 * Old backups have no `issuer` field: their label "Issuer - account" is split at " - ".
 * Nothing marks which one a file is: the new layout is tried first when its iteration count
 * is plausible, then the old one. Neither opening means a wrong password.
 */
import { utf8Decode, utf8Encode } from '../bytes';
import { parseSecret } from '../validate';
import {
  arr,
  damaged,
  entriesOf,
  failed,
  formatError,
  isObject,
  makeEntry,
  name,
  needPassword,
  parseJson,
  PBKDF2_ITERATIONS_MAX,
  readUint32,
  str,
  val,
  wrongPassword,
  type ImportCrypto,
  type ImportEntry,
  type Json,
} from './common';
import { cleanGroups, withExtras } from './extras';

const NONCE = 12;
const SALT = 12;
const TAG = 16;

/** True when the parsed JSON is an andOTP entry list. */
export function isAndOtp(json: Json): json is Json[] {
  return (
    Array.isArray(json) &&
    json.length > 0 &&
    json.every((e) => isObject(e) && 'secret' in e && 'type' in e && ('label' in e || 'issuer' in e))
  );
}

export function readAndOtp(json: Json[]): ImportEntry[] {
  return entriesOf(json).map(entry);
}

function entry(e: Json): ImportEntry {
  if (!isObject(e)) return failed(formatError(), { issuer: '', account: '' });
  let issuer = name(e, 'issuer');
  let account = name(e, 'label');
  // Old andOTP had no issuer field and showed "Issuer - account" as the label (Aegis splits it too).
  const dash = typeof account === 'string' ? account.indexOf(' - ') : -1;
  if (issuer === undefined && typeof account === 'string' && dash > 0) {
    issuer = account.slice(0, dash);
    account = account.slice(dash + 3);
  }
  return withExtras(
    makeEntry({
      kind: str(e, 'type') ?? '',
      issuer,
      account,
      secret: () => parseSecret(val(e, 'secret')),
      algorithm: val(e, 'algorithm'),
      digits: val(e, 'digits'),
      period: val(e, 'period'),
      counter: val(e, 'counter'),
    }),
    { groups: cleanGroups(arr(e, 'tags') ?? []) },
  );
}

/** Decrypts an encrypted andOTP backup and reads its entries. */
export async function readAndOtpEncrypted(
  bytes: Uint8Array,
  password: string | undefined,
  crypto: ImportCrypto,
): Promise<ImportEntry[]> {
  if (password === undefined) throw needPassword();
  if (bytes.length < NONCE + TAG) throw damaged();
  const pw = utf8Encode(password);
  let plain: Uint8Array | null = null;
  try {
    const iterations = bytes.length >= 4 + SALT + NONCE + TAG ? readUint32(bytes, 0) : 0;
    if (iterations >= 1000 && iterations <= PBKDF2_ITERATIONS_MAX) {
      const salt = bytes.subarray(4, 4 + SALT);
      const nonce = bytes.subarray(4 + SALT, 4 + SALT + NONCE);
      plain = await attempt(
        crypto,
        () => crypto.pbkdf2('SHA-1', pw, salt, iterations, 32),
        nonce,
        bytes.subarray(4 + SALT + NONCE),
      );
    }
    plain ??= await attempt(crypto, () => crypto.sha256(pw), bytes.subarray(0, NONCE), bytes.subarray(NONCE));
  } finally {
    pw.fill(0);
  }
  if (!plain) throw wrongPassword();
  const text = utf8Decode(plain);
  if (text === null) throw damaged();
  const json = parseJson(text);
  if (!Array.isArray(json)) throw damaged();
  return readAndOtp(json);
}

/** One way of opening the file: null when it does not open (wrong password or other layout). */
async function attempt(
  crypto: ImportCrypto,
  deriveKey: () => Promise<Uint8Array>,
  nonce: Uint8Array,
  ct: Uint8Array,
): Promise<Uint8Array | null> {
  let key: Uint8Array | null = null;
  try {
    key = await deriveKey();
    return await crypto.aesGcmDecrypt(key, nonce, ct);
  } catch {
    return null;
  } finally {
    key?.fill(0);
  }
}
