/**
 * The Keyslot backup file (`.keyslot`): its constants, the envelope, strict parsing of the
 * file before any key derivation, writing it, the bytes bound into AES-GCM's associated data,
 * and the backup password's rules. docs/backup.md documents the format.
 */
import { KeyslotError } from '../errors';
import { base64Encode, utf8Encode, type Bytes } from '../bytes';
import { IV_BYTES, SALT_MAX_BYTES, SALT_MIN_BYTES, TAG_BYTES, parseKdfParams, type KdfParams } from '../vault';
import { bytesField, damaged, hasExactKeys, isInt, isPlainObject } from './checks';

export const BACKUP_FORMAT = 'keyslot-backup';
/**
 * The version this code writes and the newest it reads. Version 2 (record version 4's fields)
 * adds to each slot its favourite, groups, note and icon, and allows Steam slots; a version 1
 * file reads with their defaults. The version is bound into the AAD.
 */
export const BACKUP_VERSION = 2;
export type BackupVersion = 1 | 2;
/** File name extension; the content is JSON. */
export const BACKUP_EXTENSION = '.keyslot';
/** More slots than anyone has; a file claiming more is not something Keyslot wrote. */
export const BACKUP_SLOTS_MAX = 10_000;
/**
 * The largest file read, in characters, checked before JSON.parse. A slot of maximal size
 * (three 256-code-point names, a 512-byte secret) is under 4 KB of JSON, base64 adds a third:
 * 10,000 of them fit in 64 MiB.
 */
export const BACKUP_MAX_CHARS = 64 * 1024 * 1024;
/** Backup password: a passphrase of at least 8 characters (NIST SP 800-63B §3.1.1.2), at most 1024. */
export const BACKUP_PASSWORD_MIN = 8;
export const BACKUP_PASSWORD_MAX = 1024;

export interface BackupEnvelope {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: BackupVersion;
  /** ms since epoch when the backup was made. */
  readonly createdAt: number;
  readonly kdf: KdfParams;
  readonly salt: Bytes;
  readonly iv: Bytes;
  /** AES-GCM ciphertext followed by the 16-byte tag. */
  readonly ct: Bytes;
}

/** The file as JSON: bytes as base64 (RFC 4648 §4, padded, canonical). */
export interface StoredBackupV1 {
  format: typeof BACKUP_FORMAT;
  version: BackupVersion;
  createdAt: number;
  kdf: KdfParams;
  salt: string;
  iv: string;
  ct: string;
}

// ---------------------------------------------------------------------------------------------
// Password
// ---------------------------------------------------------------------------------------------

/**
 * The backup password's rules: 8 to 1024 characters (code points, after NFC, so a password
 * typed with combining accents counts as it looks), and the confirmation must match. It is a
 * passphrase, not the PIN: the file may travel far from the device, and a 6-digit PIN would
 * fall to an offline search in about an hour (docs/threat-model.md).
 */
export function validateBackupPassword(password: string, confirm?: string): void {
  const length = [...password.normalize('NFC')].length;
  if (length < BACKUP_PASSWORD_MIN)
    throw new KeyslotError('BACKUP_PASSWORD_TOO_SHORT', { field: 'password', min: BACKUP_PASSWORD_MIN });
  if (length > BACKUP_PASSWORD_MAX)
    throw new KeyslotError('BACKUP_PASSWORD_TOO_LONG', { field: 'password', max: BACKUP_PASSWORD_MAX });
  if (confirm !== undefined && confirm.normalize('NFC') !== password.normalize('NFC')) {
    throw new KeyslotError('BACKUP_PASSWORD_MISMATCH', { field: 'confirm' });
  }
}

// ---------------------------------------------------------------------------------------------
// The file
// ---------------------------------------------------------------------------------------------

const FILE_KEYS = ['format', 'version', 'createdAt', 'kdf', 'salt', 'iv', 'ct'] as const;

/**
 * Read a backup file's text, strictly, before any KDF runs. BACKUP_TOO_LARGE above the size
 * cap; BACKUP_NOT_BACKUP for anything that is not JSON with `"format": "keyslot-backup"`
 * (another app's export, a picture); BACKUP_VERSION for a newer version; BACKUP_DAMAGED
 * (with the field) for every other deviation: a cut-off file, a missing or extra field,
 * KDF parameters below the floors or above the caps, wrong lengths.
 */
export function parseBackupFile(text: string): BackupEnvelope {
  if (typeof text !== 'string') throw new KeyslotError('BACKUP_NOT_BACKUP');
  if (text.length > BACKUP_MAX_CHARS) throw new KeyslotError('BACKUP_TOO_LARGE', { max: BACKUP_MAX_CHARS });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // A Keyslot backup cut short is still recognisably one: say "damaged", not "not a backup".
    throw text.trimStart().startsWith('{') && text.includes(`"${BACKUP_FORMAT}"`)
      ? damaged('file')
      : new KeyslotError('BACKUP_NOT_BACKUP');
  }
  if (!isPlainObject(raw) || raw['format'] !== BACKUP_FORMAT) throw new KeyslotError('BACKUP_NOT_BACKUP');
  const version = raw['version'];
  if (!isInt(version, 1, Number.MAX_SAFE_INTEGER)) throw damaged('version');
  if (version > BACKUP_VERSION) throw new KeyslotError('BACKUP_VERSION', { max: BACKUP_VERSION });
  if (!hasExactKeys(raw, FILE_KEYS)) throw damaged('file');
  const createdAt = raw['createdAt'];
  if (!isInt(createdAt, 0, Number.MAX_SAFE_INTEGER)) throw damaged('createdAt');
  let kdf: KdfParams;
  try {
    kdf = parseKdfParams(raw['kdf']); // the vault's floors and caps (VAULT_CORRUPT / KDF_WEAK)
  } catch {
    throw damaged('kdf');
  }
  return {
    format: BACKUP_FORMAT,
    version: version as BackupVersion,
    createdAt,
    kdf,
    salt: bytesField(raw['salt'], 'salt', SALT_MIN_BYTES, SALT_MAX_BYTES),
    iv: bytesField(raw['iv'], 'iv', IV_BYTES, IV_BYTES),
    // At least the tag and `{"slots":[]}`; at most what the size cap allows.
    ct: bytesField(raw['ct'], 'ct', TAG_BYTES + 12, BACKUP_MAX_CHARS),
  };
}

/** The file's text: the stored form, indented (people open backups in text editors), with a final newline. */
export function serializeBackupFile(b: BackupEnvelope): string {
  const stored: StoredBackupV1 = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: b.createdAt,
    kdf: { ...b.kdf },
    salt: base64Encode(b.salt),
    iv: base64Encode(b.iv),
    ct: base64Encode(b.ct),
  };
  return `${JSON.stringify(stored, null, 2)}\n`;
}

/**
 * AAD: UTF-8 of the compact JSON array of every field but iv and ct, in this order:
 *   ["keyslot-backup", 1, createdAt, "argon2id", m, t, p, saltB64]
 *   ["keyslot-backup", 1, createdAt, "pbkdf2-sha256", iterations, saltB64]
 * Integers and ASCII only, so it is the same bytes as Python's
 * json.dumps(list, separators=(",", ":")). The tag covers iv and ct by itself.
 */
export function backupAad(
  createdAt: number,
  kdf: KdfParams,
  salt: Uint8Array,
  version: BackupVersion = BACKUP_VERSION,
): Bytes {
  const params: (string | number)[] =
    kdf.name === 'argon2id' ? [kdf.name, kdf.memoryKiB, kdf.iterations, kdf.parallelism] : [kdf.name, kdf.iterations];
  return utf8Encode(JSON.stringify([BACKUP_FORMAT, version, createdAt, ...params, base64Encode(salt)]));
}
