/**
 * Reading old versions: a stored header (v1, v2 -> v3), a slot record and a decrypted slot
 * plaintext (record v1 -> v2) are brought up to the current shape, one `case` per version.
 * Structural only: nothing is re-wrapped or re-encrypted here, and each AAD keeps binding the
 * version its data was written under.
 */
import { SLOT_META_DEFAULTS } from '../slot';
import { RECORD_VERSION, VAULT_FORMAT, VAULT_FORMAT_VERSION } from './limits';
import { corrupt, expectKeys, isPlainObject, readVersion } from './fields';
import type { StoredHeaderV3 } from './header';
import type { RecordVersion, StoredRecord } from './record';

/** Plaintext keys of record version 1. */
export const SLOT_KEYS_V1 = [
  'id',
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
/** Version 2 adds how the user organises the slot. */
export const SLOT_KEYS_V2 = [...SLOT_KEYS_V1, 'favourite', 'position', 'lastUsedAt', 'deletedAt'] as const;
/** Version 3 adds `managed`: null, or the privacyIDEA container and token (core/privacyidea/managed.ts). */
export const SLOT_KEYS_V3 = [...SLOT_KEYS_V2, 'managed'] as const;
/** Version 4 adds groups, a note and an icon (core/slot-extras.ts); `kind` may be 'steam'. */
export const SLOT_KEYS = [...SLOT_KEYS_V3, 'groups', 'note', 'icon'] as const;

/**
 * Bring a stored header of any known version up to the current stored shape. Each version
 * adds one `case` that rewrites to the next and falls through; the current version returns
 * the object unchanged (same reference). Newer than known: VAULT_VERSION; not a version
 * at all: VAULT_CORRUPT. Field validation happens afterwards, in parseHeader.
 *
 * Note for v2: methodAad binds the version the method was WRAPPED under. A migration that
 * changes bound fields must keep the old AAD rule for old methods or rewrap on next unlock.
 */
export function migrateHeader(raw: unknown): StoredHeaderV3 {
  if (!isPlainObject(raw)) throw corrupt('header');
  if (raw['format'] !== VAULT_FORMAT) throw corrupt('format');
  const version = readVersion(raw['version'], 'version', VAULT_FORMAT_VERSION);
  let current: Record<string, unknown> = raw;
  switch (version) {
    case 1:
      current = headerV1toV2(current);
    // falls through
    case 2:
      current = headerV2toV3(current);
    // falls through
    case 3:
      return current as unknown as StoredHeaderV3;
    default:
      throw corrupt('version'); // unreachable: readVersion bounds it
  }
}

/**
 * v1 -> v2, structural only: every v1 method is a PIN method wrapped under the v1 AAD, so it
 * gets `wrappedUnder: 1` (nothing is re-wrapped; its AAD keeps binding version 1). A returned
 * copy; the input is not changed. Methods that are not objects are left for parseHeader to refuse.
 */
function headerV1toV2(h: Record<string, unknown>): Record<string, unknown> {
  return withPinMethods(h, 2, { wrappedUnder: 1 });
}

/**
 * v2 -> v3, structural only: every PIN method of a v2 header was typed as digits and is not
 * device-bound, so it gets `input: 'digits', deviceBound: false`; its wrap keeps the AAD rule
 * it was made under (`wrappedUnder` 1 or 2). Passkey methods are unchanged.
 */
function headerV2toV3(h: Record<string, unknown>): Record<string, unknown> {
  return withPinMethods(h, 3, { input: 'digits', deviceBound: false });
}

/** A copy of header `h` at `version`, each PIN method given `added`; other methods as they were. */
function withPinMethods(
  h: Record<string, unknown>,
  version: number,
  added: Record<string, unknown>,
): Record<string, unknown> {
  const methods = h['methods'];
  return {
    ...h,
    version,
    methods: Array.isArray(methods)
      ? methods.map((m: unknown) => (isPlainObject(m) && m['type'] === 'pin' ? { ...m, ...added } : m))
      : methods,
  };
}

/**
 * Same as migrateHeader, for slot records (field `v`). The record around the ciphertext has the
 * same shape in versions 1 and 2, and its version is bound into the AAD, so it cannot change
 * without the data key: the record passes through unchanged (same reference) and keeps its `v`.
 * The forward migration happens to the plaintext once decrypted (migrateSlotPlaintext), and
 * the next write of that slot stores it as the current version (4).
 */
export function migrateRecord(raw: unknown): StoredRecord {
  if (!isPlainObject(raw)) throw corrupt('record');
  const version = readVersion(raw['v'], 'v', RECORD_VERSION);
  switch (version) {
    case 1:
    case 2:
    case 3:
    case 4:
      return raw as unknown as StoredRecord;
    default:
      throw corrupt('v');
  }
}

/**
 * Bring a decrypted slot plaintext (parsed JSON) of record version `v` up to the current
 * keys: version 1 gets the organise fields with their defaults (not a favourite, never placed,
 * never used, not in the trash). Each version adds one `case` that falls through. A copy;
 * the input is not changed. A v1 plaintext that already has v2 keys is refused by the key
 * check afterwards (the v1 key set plus the defaults would then be duplicated), so a
 * plaintext can't claim organise state under the v1 rule.
 */
export function migrateSlotPlaintext(raw: Record<string, unknown>, v: RecordVersion): Record<string, unknown> {
  let current = raw;
  switch (v) {
    case 1:
      expectKeys(current, SLOT_KEYS_V1, 'slot');
      current = { ...current, favourite: false, position: '', lastUsedAt: 0, deletedAt: 0 };
    // falls through
    case 2:
      expectKeys(current, SLOT_KEYS_V2, 'slot');
      current = { ...current, managed: null };
    // falls through
    case 3:
      expectKeys(current, SLOT_KEYS_V3, 'slot');
      current = { ...current, groups: [], note: SLOT_META_DEFAULTS.note, icon: SLOT_META_DEFAULTS.icon };
    // falls through
    case 4:
      return current;
    default:
      throw corrupt('v');
  }
}
