/**
 * A slot record (IndexedDB store 'slots'): id, record version, IV and AES-GCM ciphertext, in
 * parsed and stored form. The plaintext inside is slot-codec.ts's; old versions pass through
 * migrate.ts.
 */
import { base64Encode, type Bytes } from '../bytes';
import { IV_BYTES, RECORD_CT_MAX_BYTES, RECORD_VERSION, TAG_BYTES } from './limits';
import { corrupt, expectKeys, readB64, readId } from './fields';
import { migrateRecord } from './migrate';

/** Record versions this code reads: the version decides the AAD and the plaintext's keys. */
export type RecordVersion = 1 | 2 | 3 | 4;

export interface SlotRecord {
  readonly id: string;
  /** The version it was written under (kept: the AAD binds it, so it cannot be rewritten without the key). */
  readonly v: RecordVersion;
  readonly iv: Bytes;
  readonly ct: Bytes;
}

/** What IndexedDB holds in store 'slots' (keyPath 'id'). */
export interface StoredRecordV1 {
  id: string;
  v: 1;
  iv: string;
  ct: string;
}

/** Version 2: the same fields; only the plaintext inside `ct` (and the AAD) differ. */
export interface StoredRecordV2 {
  id: string;
  v: 2;
  iv: string;
  ct: string;
}

/** Version 3: the plaintext adds `managed` (a privacyIDEA-managed slot's container and token, or null). */
export interface StoredRecordV3 {
  id: string;
  v: 3;
  iv: string;
  ct: string;
}

/**
 * Version 4: the plaintext adds `groups`, `note` and `icon` (core/slot-extras.ts), and `kind`
 * may be 'steam'.
 */
export interface StoredRecordV4 {
  id: string;
  v: 4;
  iv: string;
  ct: string;
}

/** Any record version this code reads; it writes only version 4. */
export type StoredRecord = StoredRecordV1 | StoredRecordV2 | StoredRecordV3 | StoredRecordV4;

/** Migrate, then validate a stored slot record. Throws VAULT_CORRUPT / VAULT_VERSION. */
export function parseRecord(raw: unknown): SlotRecord {
  const r = migrateRecord(raw) as unknown as Record<string, unknown>;
  expectKeys(r, ['id', 'v', 'iv', 'ct'], 'record');
  return {
    id: readId(r['id'], 'id'),
    v: r['v'] as RecordVersion,
    iv: readB64(r['iv'], 'iv', IV_BYTES, IV_BYTES),
    // At least a tag plus one byte: an empty plaintext is never a slot.
    ct: readB64(r['ct'], 'ct', TAG_BYTES + 1, RECORD_CT_MAX_BYTES),
  };
}

/** Stored form of a record: always the current version (the caller sealed it under that version's AAD). */
export function serializeRecord(r: SlotRecord): StoredRecordV4 {
  if (r.v !== RECORD_VERSION) throw corrupt('v');
  return { id: r.id, v: RECORD_VERSION, iv: base64Encode(r.iv), ct: base64Encode(r.ct) };
}
