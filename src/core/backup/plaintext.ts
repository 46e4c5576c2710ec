/**
 * The backup's plaintext, the JSON inside the AES-GCM ciphertext, read as strictly as a vault
 * record (a file that decrypts was made with the password, but not necessarily by Keyslot).
 */
import { KeyslotError } from '../errors';
import { base64Decode, base64Encode, utf8Decode, utf8Encode, type Bytes } from '../bytes';
import {
  COUNTER_MAX,
  DIGITS_MAX,
  DIGITS_MIN,
  PERIOD_MAX_S,
  PERIOD_MIN_S,
  SECRET_MAX_BYTES,
  SECRET_MIN_BYTES,
  SLOT_META_DEFAULTS,
  type HashAlgorithm,
  type OtpKind,
  type Slot,
  type SlotMeta,
} from '../slot';
import { groupList, iconFromJson, iconToJson, noteText } from '../slot-extras';
import { STEAM_PARAMS } from '../steam';
import { checkDraft, parseName } from '../validate';
import { BACKUP_SLOTS_MAX, BACKUP_VERSION, type BackupVersion } from './file';
import { damaged, hasExactKeys, isInt, isPlainObject, textOk } from './checks';

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
