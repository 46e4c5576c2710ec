/**
 * The Keyslot backup file (`.keyslot`), version 2: types, limits, strict parsing, the bytes
 * bound into AES-GCM associated data, the plaintext encoding, the backup password's rules,
 * the merge plan for a restore, and the plain-text export. docs/backup.md documents
 * the format so a backup can be opened without Keyslot.
 *
 *   password --NFC, UTF-8--> Argon2id(salt, params) --> 32-byte key
 *   key --AES-256-GCM(iv, aad = backupAad(...))--> {"slots":[...]} (compact JSON, UTF-8)
 *
 * Modelled on the vault format (core/vault/): the same KDF parameters with the same
 * floors and caps, a random salt, a fresh 96-bit IV, the full 128-bit tag, and every header
 * field bound into the AAD, so editing any of them makes the file fail to open. Unlike the
 * vault there is no wrapped data key: a backup is written once, read once, and has one
 * password, so the password's key encrypts the slots directly.
 *
 * Pure on purpose: no crypto calls, no clock, no randomness (src/platform/backup.ts brings them).
 * Errors carry a code and a field name only: never the password, a secret, a name or a URI.
 */
import { KeyslotError } from './errors';
import { base64Decode, base64Encode, utf8Decode, utf8Encode, type Bytes } from './bytes';
import {
  COUNTER_MAX,
  DIGITS_MAX,
  DIGITS_MIN,
  PERIOD_MAX_S,
  PERIOD_MIN_S,
  SECRET_MAX_BYTES,
  SECRET_MIN_BYTES,
  SLOT_META_DEFAULTS,
  TEXT_MAX,
  type HashAlgorithm,
  type OtpKind,
  type Slot,
  type SlotMeta,
} from './slot';
import { groupList, iconFromJson, iconToJson, noteText } from './slot-extras';
import { STEAM_PARAMS } from './steam';
import { SlotIndex } from './slot-match';
import { toOtpauthUri } from './otpauth-uri';
import { checkDraft, parseName } from './validate';
import { IV_BYTES, SALT_MAX_BYTES, SALT_MIN_BYTES, TAG_BYTES, parseKdfParams, type KdfParams } from './vault';

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

/**
 * A slot as a backup holds it: without its id (a restore gives each a fresh one) and without
 * the list's own state (manual position, last use, trash), which belongs to the vault it lives
 * in: restored slots join the end of the list. What the person made of it (favourite, groups,
 * note, icon) travels with it from version 2 on.
 */
export type BackupSlot = Omit<Slot, 'id' | 'position' | 'lastUsedAt' | 'deletedAt' | 'managed'>;
/** What a version 1 backup slot lacks, and gets on reading. */
export const V1_DEFAULTS: Pick<SlotMeta, 'favourite' | 'groups' | 'note' | 'icon'> = {
  favourite: SLOT_META_DEFAULTS.favourite,
  groups: SLOT_META_DEFAULTS.groups,
  note: SLOT_META_DEFAULTS.note,
  icon: SLOT_META_DEFAULTS.icon,
};

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

function damaged(field: string): KeyslotError {
  return new KeyslotError('BACKUP_DAMAGED', { field });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Exactly these keys: an unknown key would be unauthenticated data. */
function hasExactKeys(o: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}

const isInt = (v: unknown, lo: number, hi: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= lo && v <= hi;

function bytesField(v: unknown, field: string, min: number, max: number): Bytes {
  const bytes = typeof v === 'string' ? base64Decode(v) : null;
  if (!bytes || bytes.length < min || bytes.length > max) throw damaged(field);
  return bytes;
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

// ---------------------------------------------------------------------------------------------
// The plaintext: {"slots":[{kind, issuer, account, name, secret, algorithm, digits, period, counter, createdAt}]}
// ---------------------------------------------------------------------------------------------

const SLOT_KEYS_V1 = [
  'kind',
  'issuer',
  'account',
  'name',
  'secret',
  'algorithm',
  'digits',
  'period',
  'counter',
  'createdAt',
] as const;
/** Version 2 adds what the person made of the slot. */
const SLOT_KEYS = [...SLOT_KEYS_V1, 'favourite', 'groups', 'note', 'icon'] as const;
const KINDS_V1: readonly string[] = ['totp', 'hotp'] satisfies OtpKind[];
const KINDS: readonly string[] = ['totp', 'hotp', 'steam'] satisfies OtpKind[];
const ALGORITHMS: readonly string[] = ['SHA1', 'SHA256', 'SHA512'] satisfies HashAlgorithm[];

function textOk(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  let n = 0;
  for (const _ of v) if (++n > TEXT_MAX) return false;
  return true;
}

/** A slot read from a decrypted backup, every field checked as strictly as a vault record's. */
function readBackupSlot(raw: unknown, i: number, version: BackupVersion = BACKUP_VERSION): BackupSlot {
  const f = `slots[${i}]`;
  if (!isPlainObject(raw) || !hasExactKeys(raw, version === 1 ? SLOT_KEYS_V1 : SLOT_KEYS)) throw damaged(f);
  const { kind, issuer, account, name, algorithm, digits, period, counter, createdAt } = raw;
  const secret = typeof raw['secret'] === 'string' ? base64Decode(raw['secret']) : null;
  const steam = kind === 'steam';
  const ok =
    (version === 1 ? KINDS_V1 : KINDS).includes(kind as string) &&
    textOk(issuer) &&
    textOk(account) &&
    textOk(name) &&
    (issuer !== '' || account !== '') &&
    secret !== null &&
    secret.length >= SECRET_MIN_BYTES &&
    secret.length <= SECRET_MAX_BYTES &&
    ALGORITHMS.includes(algorithm as string) &&
    (steam ? digits === STEAM_PARAMS.digits : isInt(digits, DIGITS_MIN, DIGITS_MAX)) &&
    (!steam || (algorithm === STEAM_PARAMS.algorithm && period === STEAM_PARAMS.period)) &&
    isInt(period, PERIOD_MIN_S, PERIOD_MAX_S) &&
    isInt(counter, 0, COUNTER_MAX) &&
    isInt(createdAt, 0, Number.MAX_SAFE_INTEGER);
  if (!ok) throw damaged(f);
  // Then the one validator every way in uses (validate.ts checkDraft): names normalised, and
  // nothing a way out could not write back (a whitespace-only name, a TOTP with a counter, an
  // HOTP with a time step). An authenticated file with such a slot is not one Keyslot wrote.
  try {
    const draft = checkDraft({
      kind: kind as OtpKind,
      issuer: issuer as string,
      account: account as string,
      secret: secret!,
      algorithm: algorithm as HashAlgorithm,
      digits: digits as number,
      period: period as number,
      counter: counter as number,
    });
    return {
      ...(version === 1 ? V1_DEFAULTS : readBackupExtras(raw, f)),
      ...draft,
      name: parseName(name as string, 'name'),
      createdAt: createdAt as number,
    };
  } catch {
    throw damaged(f);
  }
}

/** Version 2's favourite, groups, note and icon, as strictly as a vault record's (slot-extras.ts). */
function readBackupExtras(
  raw: Record<string, unknown>,
  f: string,
): Pick<SlotMeta, 'favourite' | 'groups' | 'note' | 'icon'> {
  const { favourite, groups, note, icon } = raw;
  try {
    if (typeof favourite !== 'boolean' || !Array.isArray(groups) || typeof note !== 'string') throw damaged(f);
    const list = groupList(groups);
    if (list.length !== groups.length || list.some((g, k) => g !== groups[k]) || noteText(note) !== note)
      throw damaged(f);
    return { favourite, groups: list, note, icon: iconFromJson(icon) };
  } catch {
    throw damaged(f);
  }
}

/** Slots -> the plaintext to encrypt. Ids are left out: a restore gives every slot a fresh one. */
export function encodeBackupPlaintext(slots: readonly BackupSlot[]): Bytes {
  if (slots.length > BACKUP_SLOTS_MAX) throw new KeyslotError('BACKUP_TOO_LARGE', { max: BACKUP_SLOTS_MAX });
  const list = slots.map((s) => ({
    kind: s.kind,
    issuer: s.issuer,
    account: s.account,
    name: s.name,
    secret: base64Encode(s.secret),
    algorithm: s.algorithm,
    digits: s.digits,
    period: s.period,
    counter: s.counter,
    createdAt: s.createdAt,
    favourite: s.favourite,
    groups: s.groups,
    note: s.note,
    icon: iconToJson(s.icon),
  }));
  // Check what is written the way it will be read, so Keyslot never writes a backup it cannot restore.
  list.forEach((s, i) => readBackupSlot(s, i));
  return utf8Encode(JSON.stringify({ slots: list }));
}

/** Decrypted bytes -> slots. Anything out of shape is BACKUP_DAMAGED: an authenticated file Keyslot did not write. */
export function decodeBackupPlaintext(bytes: Uint8Array, version: BackupVersion = BACKUP_VERSION): BackupSlot[] {
  const text = utf8Decode(bytes);
  if (text === null) throw damaged('slots');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw damaged('slots');
  }
  if (!isPlainObject(raw) || !hasExactKeys(raw, ['slots'])) throw damaged('slots');
  const list = raw['slots'];
  if (!Array.isArray(list) || list.length > BACKUP_SLOTS_MAX) throw damaged('slots');
  return list.map((s: unknown, i) => readBackupSlot(s, i, version));
}

// ---------------------------------------------------------------------------------------------
// Restore: how the backup's slots meet the slots already here
// ---------------------------------------------------------------------------------------------

export interface RestoreConflict {
  /** The slot from the backup. */
  readonly incoming: BackupSlot;
  /** The slot here with the same provider and account but another key. */
  readonly existing: Slot;
}

export interface RestorePlan {
  /** New here: added without asking. */
  readonly add: readonly BackupSlot[];
  /** Already here (same key and kind, or twice in the backup): skipped. */
  readonly duplicates: number;
  /** Same provider and account with another key: the person chooses, one by one. */
  readonly conflicts: readonly RestoreConflict[];
}

/** What to do with one conflict: keep the slot here, replace it by the backup's, or keep both. */
export type ConflictChoice = 'keep' | 'replace' | 'both';

/**
 * Sort the backup's slots with the same rules as adding one (slot-match.ts): the same secret
 * and kind is a duplicate (skipped, whatever the names say), the same issuer and account with
 * another secret is a conflict, anything else is added. A slot that appears twice in the
 * backup itself is added once.
 */
export function planRestore(incoming: readonly BackupSlot[], existing: readonly Slot[]): RestorePlan {
  const add: BackupSlot[] = [];
  const conflicts: RestoreConflict[] = [];
  let duplicates = 0;
  // Kind and secret of the backup's slots already taken (added or asked about), to skip
  // repeats within it: the same test as matchExisting's duplicate, in a set (500 slots, not 500²).
  const taken = new Set<string>();
  const index = new SlotIndex(existing); // linear in both lists, not incoming × existing
  for (const s of incoming) {
    const here = index.match(s);
    const key = `${s.kind}:${base64Encode(s.secret)}`;
    if (here.kind === 'duplicate' || taken.has(key)) {
      duplicates += 1;
      continue;
    }
    taken.add(key);
    if (here.kind === 'reissue') conflicts.push({ incoming: s, existing: here.slot });
    else add.push(s);
  }
  return { add, duplicates, conflicts };
}

/**
 * The plan with the person's choices (one per conflict, in order): the slots to add and the
 * ids to delete. `keep` drops the backup's slot, `replace` adds it and deletes the one here,
 * `both` adds it. A missing choice counts as `keep`: nothing here is lost by default.
 */
export function resolveRestore(
  plan: RestorePlan,
  choices: readonly ConflictChoice[],
): { add: BackupSlot[]; remove: string[] } {
  const add = [...plan.add];
  const remove = new Set<string>();
  plan.conflicts.forEach((c, i) => {
    const choice = choices[i] ?? 'keep';
    if (choice === 'keep') return;
    add.push(c.incoming);
    if (choice === 'replace') remove.add(c.existing.id);
  });
  return { add, remove: [...remove] };
}

// ---------------------------------------------------------------------------------------------
// Plain export
// ---------------------------------------------------------------------------------------------

/**
 * The plain-text export: one otpauth:// URI per line (toOtpauthUri, which parseOtpauthUri
 * reads back to the same draft), in list order, with a final newline. No encryption at all:
 * anyone with the text can make the codes. Slot names given in Keyslot are not part of the
 * Key URI Format and are left out; HOTP URIs carry the next counter.
 */
export function plainExport(
  slots: readonly Pick<
    Slot,
    'kind' | 'issuer' | 'account' | 'secret' | 'algorithm' | 'digits' | 'period' | 'counter'
  >[],
): string {
  return slots.map((s) => `${toOtpauthUri(s)}\n`).join('');
}

// ---------------------------------------------------------------------------------------------
// The note about the last backup (IndexedDB meta/'backup'; not secret)
// ---------------------------------------------------------------------------------------------

/** Where the last backup went: a file chosen once and re-saved each time, or the downloads. */
export type BackupPlace = 'file' | 'download';

export interface BackupNoteV1 {
  v: 1;
  /** ms since epoch. */
  at: number;
  place: BackupPlace;
  /** The file's name as the browser reports it (no folder: browsers do not reveal it). */
  fileName: string;
  /** slotsFingerprint of the slots the backup holds (base64 SHA-256 of their sorted ids). */
  fingerprint: string;
}

/** The stored note, or null when there is none or it is unreadable (then "No backup yet"). */
export function readBackupNote(raw: unknown): BackupNoteV1 | null {
  if (!isPlainObject(raw) || !hasExactKeys(raw, ['v', 'at', 'place', 'fileName', 'fingerprint'])) return null;
  const { v, at, place, fileName, fingerprint } = raw;
  if (v !== 1 || !isInt(at, 0, Number.MAX_SAFE_INTEGER) || (place !== 'file' && place !== 'download')) return null;
  if (!textOk(fileName) || typeof fingerprint !== 'string' || fingerprint.length > 64) return null;
  return { v, at, place, fileName, fingerprint };
}

/**
 * What the fingerprint is computed over: the slot ids, sorted, one per line. Ids change when
 * a slot is added, deleted or replaced, not when it is renamed or an HOTP code is generated,
 * so the reminder speaks up when a slot would be missing from the backup, not at every tap.
 * Ids are random and stored in the clear anyway: the fingerprint reveals nothing new.
 */
export function fingerprintInput(ids: readonly string[]): Bytes {
  return utf8Encode([...ids].sort().join('\n'));
}

/** A file name for a new backup: `keyslot-backup-YYYY-MM-DD.keyslot` (UTC date of `nowMs`). */
export function backupFileName(nowMs: number, stem = 'keyslot-backup', extension = BACKUP_EXTENSION): string {
  const d = new Date(nowMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${stem}-${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${extension}`;
}
