/**
 * The first-screen hint (docs/vault.md, "First-screen hint"): for each sort order, the ids of the
 * slots the list shows first. At unlock those few records are read and decrypted before the rest,
 * so the first codes are on screen at once with 10 slots or 5,000; the whole list follows and
 * replaces them. Only a hint: ids that no longer exist are skipped, and the full list always wins.
 *
 * Encrypted under the data key like a slot (which slots someone looks at first, and in which
 * order they last used them, is their business), with its own AAD label so the hint can never
 * pass for a slot record, an icon pack or the reverse.
 *
 * Plaintext, version 1: UTF-8 JSON {"v":1,"manual":[ids],"name":[ids],"recent":[ids]}, each list
 * at most FIRST_SCREEN_MAX_IDS ids (core/vault/limits.ts ID_RE), no id twice in one list.
 * Stored (IndexedDB 'meta', key 'firstScreen'): { v: 1, iv, ct } with iv and ct in base64.
 */
import { utf8Decode, utf8Encode, base64Encode, type Bytes } from '../bytes';
import { SORT_ORDERS, type SortOrder } from '../sort-order';
import { corrupt, expectKeys, isPlainObject, readB64, readId, readVersion } from './fields';
import { IV_BYTES, TAG_BYTES } from './limits';

export const FIRST_SCREEN_VERSION = 1;
/** Ids kept per order: more than a tall screen's grid shows (the list builds 30 first). */
export const FIRST_SCREEN_MAX_IDS = 60;
/** Ciphertext cap: three full lists of 32-character ids in JSON, with room to spare. */
const FIRST_SCREEN_CT_MAX_BYTES = 16_384;

/** For each sort order, the ids of the first slots it shows, first first. */
export type FirstScreenHint = Readonly<Record<SortOrder, readonly string[]>>;

/** The stored record (already encrypted). */
export interface StoredFirstScreen {
  v: 1;
  iv: string;
  ct: string;
}

/** AAD of the hint: UTF-8 of `keyslot/first-screen/v1`. */
export function firstScreenAad(): Bytes {
  return utf8Encode(`keyslot/first-screen/v${FIRST_SCREEN_VERSION}`);
}

function readIds(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || v.length > FIRST_SCREEN_MAX_IDS) throw corrupt(field);
  const ids = v.map((id) => readId(id, field));
  if (new Set(ids).size !== ids.length) throw corrupt(field);
  return ids;
}

/** A hint → its plaintext. Throws VAULT_CORRUPT (field 'firstScreen') for a list too long or a bad id. */
export function encodeFirstScreen(hint: FirstScreenHint): Bytes {
  const out: Record<string, unknown> = { v: FIRST_SCREEN_VERSION };
  for (const order of SORT_ORDERS) out[order] = readIds(hint[order], 'firstScreen');
  return utf8Encode(JSON.stringify(out));
}

/** The plaintext → a hint, checked as strictly as anything else read from storage. */
export function decodeFirstScreen(plain: Bytes): FirstScreenHint {
  const text = utf8Decode(plain);
  let parsed: unknown;
  try {
    parsed = text === null ? null : JSON.parse(text);
  } catch {
    throw corrupt('firstScreen');
  }
  if (!isPlainObject(parsed)) throw corrupt('firstScreen');
  expectKeys(parsed, ['v', ...SORT_ORDERS], 'firstScreen');
  if (readVersion(parsed['v'], 'firstScreen', FIRST_SCREEN_VERSION) !== FIRST_SCREEN_VERSION) {
    throw corrupt('firstScreen');
  }
  const hint = {} as Record<SortOrder, readonly string[]>;
  for (const order of SORT_ORDERS) hint[order] = readIds(parsed[order], 'firstScreen');
  return hint;
}

/** The stored record → iv and ciphertext. VAULT_CORRUPT / VAULT_VERSION like every stored thing. */
export function parseStoredFirstScreen(raw: unknown): { iv: Bytes; ct: Bytes } {
  if (!isPlainObject(raw)) throw corrupt('firstScreen');
  expectKeys(raw, ['v', 'iv', 'ct'], 'firstScreen');
  readVersion(raw['v'], 'firstScreen', FIRST_SCREEN_VERSION);
  return {
    iv: readB64(raw['iv'], 'iv', IV_BYTES, IV_BYTES),
    ct: readB64(raw['ct'], 'ct', TAG_BYTES + 1, FIRST_SCREEN_CT_MAX_BYTES),
  };
}

export function serializeStoredFirstScreen(iv: Bytes, ct: Bytes): StoredFirstScreen {
  if (iv.length !== IV_BYTES) throw corrupt('iv');
  return { v: FIRST_SCREEN_VERSION, iv: base64Encode(iv), ct: base64Encode(ct) };
}
