/**
 * A slot's plaintext inside its record: compact JSON (UTF-8), secret as base64, every field
 * validated both ways, so Keyslot never writes a record it could not read back and never
 * hands out a slot it did not validate.
 */
import { KeyslotError } from '../errors';
import {
  COUNTER_MAX,
  DIGITS_MAX,
  DIGITS_MIN,
  PERIOD_MAX_S,
  PERIOD_MIN_S,
  SECRET_MAX_BYTES,
  SECRET_MIN_BYTES,
  TEXT_MAX,
  POSITION_MAX,
  POSITION_RE,
  type HashAlgorithm,
  type OtpKind,
  type Slot,
} from '../slot';
import { base64Decode, base64Encode, utf8Decode, utf8Encode, type Bytes } from '../bytes';
import { RECORD_VERSION } from './limits';
import { corrupt, expectKeys, isPlainObject, isValidId } from './fields';
import { SLOT_KEYS, migrateSlotPlaintext } from './migrate';
import { readManaged } from '../privacyidea/managed';
import { STEAM_PARAMS } from '../steam';
import { checkIcon, groupList, iconFromJson, iconToJson, noteText, type SlotIcon } from '../slot-extras';
import type { RecordVersion } from './record';

/** Kinds a record may hold: 'steam' only from record version 4 (older versions never had it). */
const KINDS: readonly OtpKind[] = ['totp', 'hotp', 'steam'];
const KINDS_BEFORE_V4: readonly OtpKind[] = ['totp', 'hotp'];
const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Length in code points, the most permissive of the usual counts, so a UI check never disagrees upward. */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

type Problem = {
  code:
    | 'OTP_TYPE'
    | 'LABEL_EMPTY'
    | 'NAME_TOO_LONG'
    | 'SECRET_TOO_SHORT'
    | 'SECRET_TOO_LONG'
    | 'SECRET_INVALID'
    | 'ALGORITHM'
    | 'DIGITS'
    | 'PERIOD'
    | 'COUNTER_INVALID'
    | 'VAULT_CORRUPT';
  field: string;
  min?: number;
  max?: number;
};

/** The first thing wrong with a slot, or null. Shared by encode (input codes) and decode (VAULT_CORRUPT). */
function slotProblem(s: Record<string, unknown>, secret: unknown, v: RecordVersion = RECORD_VERSION): Problem | null {
  if (!isValidId(s['id'])) return { code: 'VAULT_CORRUPT', field: 'id' };
  if (!(v >= 4 ? KINDS : KINDS_BEFORE_V4).includes(s['kind'] as OtpKind)) return { code: 'OTP_TYPE', field: 'kind' };
  for (const f of ['issuer', 'account', 'name'] as const) {
    const v = s[f];
    if (typeof v !== 'string') return { code: 'VAULT_CORRUPT', field: f };
    if (codePoints(v) > TEXT_MAX) return { code: 'NAME_TOO_LONG', field: f, max: TEXT_MAX };
  }
  if (s['issuer'] === '' && s['account'] === '') return { code: 'LABEL_EMPTY', field: 'account' };
  if (!(secret instanceof Uint8Array)) return { code: 'SECRET_INVALID', field: 'secret' };
  if (secret.length < SECRET_MIN_BYTES) return { code: 'SECRET_TOO_SHORT', field: 'secret', min: SECRET_MIN_BYTES };
  if (secret.length > SECRET_MAX_BYTES) return { code: 'SECRET_TOO_LONG', field: 'secret', max: SECRET_MAX_BYTES };
  if (!ALGORITHMS.includes(s['algorithm'] as HashAlgorithm)) return { code: 'ALGORITHM', field: 'algorithm' };
  const int = (v: unknown, lo: number, hi: number) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= lo && v <= hi;
  if (s['kind'] === 'steam') {
    // A Steam code has one set of parameters (steam.ts); a record claiming others is not one.
    if (s['digits'] !== STEAM_PARAMS.digits)
      return { code: 'DIGITS', field: 'digits', min: STEAM_PARAMS.digits, max: STEAM_PARAMS.digits };
    if (s['algorithm'] !== STEAM_PARAMS.algorithm) return { code: 'ALGORITHM', field: 'algorithm' };
    if (s['period'] !== STEAM_PARAMS.period)
      return { code: 'PERIOD', field: 'period', min: STEAM_PARAMS.period, max: STEAM_PARAMS.period };
  } else if (!int(s['digits'], DIGITS_MIN, DIGITS_MAX))
    return { code: 'DIGITS', field: 'digits', min: DIGITS_MIN, max: DIGITS_MAX };
  if (!int(s['period'], PERIOD_MIN_S, PERIOD_MAX_S))
    return { code: 'PERIOD', field: 'period', min: PERIOD_MIN_S, max: PERIOD_MAX_S };
  if (!int(s['counter'], 0, COUNTER_MAX))
    return { code: 'COUNTER_INVALID', field: 'counter', min: 0, max: COUNTER_MAX };
  if (!int(s['createdAt'], 0, Number.MAX_SAFE_INTEGER)) return { code: 'VAULT_CORRUPT', field: 'createdAt' };
  if (typeof s['favourite'] !== 'boolean') return { code: 'VAULT_CORRUPT', field: 'favourite' };
  const position = s['position'];
  if (
    typeof position !== 'string' ||
    position.length > POSITION_MAX ||
    (position !== '' && !POSITION_RE.test(position))
  ) {
    return { code: 'VAULT_CORRUPT', field: 'position' };
  }
  if (!int(s['lastUsedAt'], 0, Number.MAX_SAFE_INTEGER)) return { code: 'VAULT_CORRUPT', field: 'lastUsedAt' };
  if (!int(s['deletedAt'], 0, Number.MAX_SAFE_INTEGER)) return { code: 'VAULT_CORRUPT', field: 'deletedAt' };
  return null;
}

/** The same list, element for element. */
function sameList(a: readonly string[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Record version 4's groups, note and icon, already in their stored form (slot-extras.ts):
 * a value the checks would change (untrimmed group, repeated group, CR in a note) is refused,
 * so what is stored is exactly what was shown. Throws the slot-extras codes.
 */
function checkExtras(groups: unknown, note: unknown, icon: SlotIcon | null): void {
  if (!Array.isArray(groups) || !sameList(groupList(groups), groups))
    throw new KeyslotError('GROUP_INVALID', { field: 'groups' });
  if (typeof note !== 'string' || noteText(note) !== note) throw new KeyslotError('NOTE_TOO_LONG', { field: 'note' });
  if (icon !== null) checkIcon(icon);
}

/**
 * Slot -> compact JSON (UTF-8), secret as base64. Validates first so Keyslot never writes
 * a record it could not read back; throws the input error codes (DIGITS, SECRET_TOO_SHORT...).
 */
export function encodeSlot(slot: Slot): Bytes {
  const problem = slotProblem(slot as unknown as Record<string, unknown>, slot.secret);
  if (problem) {
    const { code, ...details } = problem;
    throw new KeyslotError(code, details);
  }
  checkExtras(slot.groups, slot.note, slot.icon);
  const icon = iconToJson(slot.icon);
  return utf8Encode(
    JSON.stringify({
      id: slot.id,
      kind: slot.kind,
      issuer: slot.issuer,
      account: slot.account,
      name: slot.name,
      secret: base64Encode(slot.secret),
      algorithm: slot.algorithm,
      digits: slot.digits,
      period: slot.period,
      counter: slot.counter,
      createdAt: slot.createdAt,
      favourite: slot.favourite,
      position: slot.position,
      lastUsedAt: slot.lastUsedAt,
      deletedAt: slot.deletedAt,
      managed: readManaged(slot.managed ?? null),
      groups: slot.groups,
      note: slot.note,
      icon,
    }),
  );
}

/**
 * Decrypted bytes of record version `v` -> Slot (current shape), validating every field; the
 * inner id must equal the record's id (already bound by the AAD; checked again so a logic slip
 * elsewhere can't mix slots up). A v1 plaintext gets the organise defaults (migrateSlotPlaintext).
 * Any problem: VAULT_CORRUPT (with the field).
 */
export function decodeSlot(bytes: Uint8Array, expectedId: string, v: RecordVersion = RECORD_VERSION): Slot {
  const text = utf8Decode(bytes);
  if (text === null) throw corrupt('slot');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw corrupt('slot');
  }
  if (!isPlainObject(parsed)) throw corrupt('slot');
  const raw = migrateSlotPlaintext(parsed, v);
  expectKeys(raw, SLOT_KEYS, 'slot');
  const secret = typeof raw['secret'] === 'string' ? base64Decode(raw['secret']) : null;
  const problem = slotProblem(raw, secret, v);
  if (problem) throw corrupt(problem.field);
  if (raw['id'] !== expectedId) throw corrupt('id');
  const managed = readManaged(raw['managed']);
  let icon: SlotIcon | null;
  try {
    icon = iconFromJson(raw['icon']);
    checkExtras(raw['groups'], raw['note'], icon);
  } catch (e) {
    throw corrupt(e instanceof KeyslotError && e.field ? e.field : 'slot');
  }
  return {
    id: raw['id'] as string,
    kind: raw['kind'] as OtpKind,
    issuer: raw['issuer'] as string,
    account: raw['account'] as string,
    name: raw['name'] as string,
    secret: secret as Bytes,
    algorithm: raw['algorithm'] as HashAlgorithm,
    digits: raw['digits'] as number,
    period: raw['period'] as number,
    counter: raw['counter'] as number,
    createdAt: raw['createdAt'] as number,
    favourite: raw['favourite'] as boolean,
    position: raw['position'] as string,
    lastUsedAt: raw['lastUsedAt'] as number,
    deletedAt: raw['deletedAt'] as number,
    groups: raw['groups'] as string[],
    note: raw['note'] as string,
    icon,
    ...(managed ? { managed } : {}),
  };
}
