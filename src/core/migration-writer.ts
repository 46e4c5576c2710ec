/**
 * Writes Google Authenticator export QR texts (`otpauth-migration://offline?data=…`), the
 * format migration.ts reads (its header has the protobuf schema). The UI shows each text as
 * one QR code, behind the PIN, with the same device-limit note as a single slot's QR code.
 *
 *   const { uris, skipped } = writeMigrationUris(slots, { batchId });
 *
 * What the format can carry: TOTP with a 30 s period and HOTP, SHA-1/256/512, 6 or 8 digits.
 * Everything else is `skipped` with the reason (the UI offers that slot's own otpauth:// QR
 * code instead): the format has no period field (readers assume 30 s), no 7-digit code and
 * no Steam type; a slot whose text alone would not fit one QR code is skipped as too large.
 *
 * Batches: accounts go in order into QR texts of at most `maxTextLength` characters
 * (default MIGRATION_QR_TEXT_TARGET, about what Google puts in one code and easy to scan
 * from a screen); all batches share `batchId` (randomness comes in from the caller, as
 * core never makes its own) and carry batch_size / batch_index, so any reader (migration.ts,
 * Google Authenticator, Aegis) knows when it has them all.
 *
 * Names: `name` is "issuer:account" when there is an issuer, so the reader's label rule
 * (splitLabel, issuer wins) gives back exactly the same two names; an account with a colon
 * and no issuer gets a leading ":" (as toOtpauthUri does).
 */
import { base64Encode, utf8Encode } from './bytes';
import { KeyslotError } from './errors';
import { MIGRATION_BATCHES_MAX, MIGRATION_ENTRIES_MAX } from './migration';
import type { SlotDraft } from './slot';

/** Default length of one QR text: ~10 ordinary accounts, a code that scans easily from a screen. */
export const MIGRATION_QR_TEXT_TARGET = 1_200;
/** Hard maximum of one QR text: byte-mode capacity of a version 40 QR code at level M (ISO/IEC 18004 Table 7), which qr-encode uses. */
export const MIGRATION_QR_TEXT_MAX = 2_331;

export type MigrationSkipReason = 'kind' | 'period' | 'digits' | 'too-large';

export interface MigrationExport {
  /** One text per QR code, in batch order. */
  uris: string[];
  /** Slots not in any QR code: their index in the input and why. */
  skipped: { index: number; reason: MigrationSkipReason }[];
}

export interface MigrationWriteOptions {
  /** Shared by every QR code of this export (int32); pass a random one per export. */
  batchId: number;
  /** Longest QR text (≤ MIGRATION_QR_TEXT_MAX); default MIGRATION_QR_TEXT_TARGET. */
  maxTextLength?: number;
}

type ExportSlot = Pick<
  SlotDraft,
  'kind' | 'issuer' | 'account' | 'secret' | 'algorithm' | 'digits' | 'period' | 'counter'
>;

// ---------------------------------------------------------------- protobuf wire format

/** Protobuf base-128 varint of an unsigned 64-bit value. */
function varint(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return out;
}

const key = (field: number, wire: number): number[] => varint(BigInt((field << 3) | wire));
const varintField = (field: number, value: number | bigint): number[] => [...key(field, 0), ...varint(BigInt(value))];
const bytesField = (field: number, value: Uint8Array): number[] => [
  ...key(field, 2),
  ...varint(BigInt(value.length)),
  ...value,
];

const ALGORITHM = { SHA1: 1, SHA256: 2, SHA512: 3 } as const;
const DIGITS: Readonly<Record<number, number>> = { 6: 1, 8: 2 };
const TYPE = { hotp: 1, totp: 2 } as const;

/** Why the format cannot carry this slot, or null (the UI says so before the PIN is asked). */
export function migrationUnsupported(
  slot: Pick<ExportSlot, 'kind' | 'period' | 'digits'>,
): Exclude<MigrationSkipReason, 'too-large'> | null {
  if (slot.kind !== 'totp' && slot.kind !== 'hotp') return 'kind';
  if (slot.kind === 'totp' && slot.period !== 30) return 'period';
  if (DIGITS[slot.digits] === undefined) return 'digits';
  return null;
}

function labelName(issuer: string, account: string): string {
  if (issuer !== '') return `${issuer}:${account}`;
  return account.includes(':') ? `:${account}` : account;
}

/** OtpParameters (field 1 of MigrationPayload), wrapped as that field. */
function parametersField(slot: ExportSlot): number[] {
  const kind = slot.kind as 'totp' | 'hotp';
  const body = [
    ...bytesField(1, slot.secret),
    ...bytesField(2, utf8Encode(labelName(slot.issuer, slot.account))),
    ...(slot.issuer !== '' ? bytesField(3, utf8Encode(slot.issuer)) : []),
    ...varintField(4, ALGORITHM[slot.algorithm]),
    ...varintField(5, DIGITS[slot.digits]!),
    ...varintField(6, TYPE[kind]),
    ...(kind === 'hotp' ? varintField(7, slot.counter) : []),
  ];
  return bytesField(1, Uint8Array.from(body));
}

/** The QR text of one payload: standard base64, percent-encoded as Google writes it. */
function payloadUri(fields: number[][], batchSize: number, batchIndex: number, batchId: number): string {
  const payload = Uint8Array.from([
    ...fields.flat(),
    ...varintField(2, 1), // version
    ...varintField(3, batchSize),
    ...varintField(4, batchIndex),
    ...varintField(5, batchId),
  ]);
  return `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(payload))}`;
}

/**
 * Splits the slots into QR texts (see the header). Throws MIGRATION_TOO_LARGE when more than
 * MIGRATION_BATCHES_MAX QR codes would be needed; a bad option is a TypeError naming it.
 */
export function writeMigrationUris(slots: readonly ExportSlot[], options: MigrationWriteOptions): MigrationExport {
  const { batchId } = options;
  const maxText = options.maxTextLength ?? MIGRATION_QR_TEXT_TARGET;
  if (!Number.isInteger(batchId) || batchId < -(2 ** 31) || batchId >= 2 ** 31)
    throw new TypeError('writeMigrationUris: batchId must be an int32');
  if (!Number.isInteger(maxText) || maxText < 200 || maxText > MIGRATION_QR_TEXT_MAX) {
    throw new TypeError(`writeMigrationUris: maxTextLength must be 200 … ${MIGRATION_QR_TEXT_MAX}`);
  }
  const skipped: MigrationExport['skipped'] = [];
  // Batch sizes are not known until the split is done, and they change the text length by a
  // few bytes: split with the largest header (batch numbers up to MIGRATION_BATCHES_MAX), then write.
  const fits = (fields: number[][]) =>
    payloadUri(fields, MIGRATION_BATCHES_MAX, MIGRATION_BATCHES_MAX - 1, batchId).length <= maxText;
  const batches: number[][][] = [];
  let current: number[][] = [];
  slots.forEach((slot, index) => {
    const reason = migrationUnsupported(slot);
    if (reason) return void skipped.push({ index, reason });
    const field = parametersField(slot);
    if (!fits([field])) return void skipped.push({ index, reason: 'too-large' });
    if (current.length === MIGRATION_ENTRIES_MAX || !fits([...current, field])) {
      batches.push(current);
      current = [];
    }
    current.push(field);
  });
  if (current.length > 0) batches.push(current);
  if (batches.length > MIGRATION_BATCHES_MAX)
    throw new KeyslotError('MIGRATION_TOO_LARGE', { field: 'slots', max: MIGRATION_BATCHES_MAX });
  return { uris: batches.map((fields, i) => payloadUri(fields, batches.length, i, batchId)), skipped };
}
