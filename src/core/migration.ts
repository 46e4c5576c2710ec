/**
 * Google Authenticator exports ("Transfer accounts → Export accounts"):
 *
 *   otpauth-migration://offline?data=<base64 of a protobuf MigrationPayload>
 *
 * The schema is not published by Google; the field numbers below are the ones every
 * decoder agrees on (dim13/otpauth migration.proto is the most complete):
 *
 *   MigrationPayload { 1: repeated OtpParameters, 2: int32 version, 3: int32 batch_size,
 *                      4: int32 batch_index, 5: int32 batch_id }
 *   OtpParameters    { 1: bytes secret, 2: string name, 3: string issuer,
 *                      4: Algorithm {0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5},
 *                      5: DigitCount {0 unspecified, 1 SIX, 2 EIGHT},
 *                      6: OtpType {0 unspecified, 1 HOTP, 2 TOTP},
 *                      7: uint64 counter, 8: string unique_id }
 *
 * An export of many accounts is split over several QR codes ("batches") that share
 * a batch_id; MigrationBatches collects them.
 *
 * The protobuf reader is a small strict one written here (no dependency for ~100
 * lines): every length and varint is bounds-checked against the bytes that are
 * really there, varints are read as 64-bit values (BigInt) and refused beyond 10
 * bytes or 64 bits, unknown fields of wire types 0/1/2/5 are skipped, and groups
 * (3/4), the unused wire types 6/7, field number 0 and a known field with the
 * wrong wire type are refused. Anything wrong with the payload as a whole is
 * MIGRATION_DATA; nothing else escapes (no RangeError, no hang: each step consumes
 * at least one byte). Reader, schema and batches stay in one file (over ~400 lines): the
 * field numbers above are the format's only documentation, and all three use them.
 *
 * Choices (docs/activation-links.md, "Choices where other tools differ", has the table):
 *  - `data` may be percent-encoded (%2B %2F %3D) or raw ('+' stays '+': it is
 *    base64, not form encoding); a space in it is a '+' some tool form-decoded, and
 *    becomes '+' again (dim13 does the same). Standard or URL-safe alphabet; padding
 *    optional; anything else (whitespace, stray characters, a dangling character,
 *    non-zero unused bits) is MIGRATION_DATA.
 *  - Limits: the text ≤ MIGRATION_TEXT_MAX characters (checked first), ≤ 100 accounts
 *    per QR code, ≤ 100 QR codes per export: MIGRATION_TOO_LARGE. A payload with no
 *    account at all is MIGRATION_DATA (Google never exports an empty batch).
 *  - Each account is checked with the same rules as an otpauth:// URI (validate.ts)
 *    and reported on its own: an MD5 account, a short secret or an unknown enum value
 *    makes that entry `{ ok: false, code }`, and the others still import.
 *  - Unspecified algorithm/digits mean SHA1/6 (Google's defaults; dim13's minimal
 *    payload omits both). An unspecified or unknown OTP type is refused (OTP_TYPE)
 *    rather than guessed, as Aegis does: guessing TOTP for an HOTP token shows wrong
 *    codes with no other symptom.
 *  - HOTP counters are uint64; above 2^53-1 the entry is COUNTER_INVALID (as in URIs).
 *  - `name` is the label Google stored ("Issuer:account" or just "account"); it is
 *    split with the otpauth:// label rule (splitLabel), and `issuer` wins.
 *  - `version` and the batch fields are reported as found (absent = 0); the version is
 *    not checked (every known export says 1). batch_size must be 0..100 and
 *    batch_index inside it, or the payload is refused.
 *  - Names must be valid UTF-8 (proto3 strings): otherwise the payload is damaged
 *    (MIGRATION_DATA), since the secret bytes next to them cannot be trusted either.
 *
 * Thrown errors carry only a code and the field 'uri'; never the data, a secret or a name.
 */
import { base64Decode, hexEncode, utf8Decode, wipe } from './bytes';
import { isKeyslotError, KeyslotError, type ErrorCode } from './errors';
import { splitLabel } from './otpauth-uri';
import {
  COUNTER_MAX,
  DIGITS_MAX,
  DIGITS_MIN,
  TEXT_MAX,
  type HashAlgorithm,
  type OtpKind,
  type SlotDraft,
} from './slot';
import { checkDraft, checkSecretBytes, DEFAULT_PERIOD_S, parseName, requireLabel } from './validate';

/** Longest export text accepted (a QR code holds ~2.9 KB; pasted text may be longer). Checked before parsing. */
export const MIGRATION_TEXT_MAX = 65_536;
/** Most accounts in one payload (Google puts about ten per QR code). */
export const MIGRATION_ENTRIES_MAX = 100;
/** Most QR codes (batches) in one export. */
export const MIGRATION_BATCHES_MAX = 100;

export interface MigrationBatch {
  /** Format version (1 in every known export; 0 when absent). */
  version: number;
  /** How many QR codes the export has (0 when absent, which means 1). */
  batchSize: number;
  /** Which of them this is, 0-based. */
  batchIndex: number;
  /** Shared by all QR codes of one export (a signed 32-bit number; 0 when absent). */
  batchId: number;
  /** The accounts, in payload order. */
  entries: MigrationEntry[];
}

/** One account of an export: a ready draft, or why it cannot be imported (no secret in it). */
export type MigrationEntry =
  { ok: true; draft: SlotDraft } | { ok: false; issuer: string; account: string; code: ErrorCode };

const dataError = (): KeyslotError => new KeyslotError('MIGRATION_DATA', { field: 'uri' });
const tooLarge = (): KeyslotError => new KeyslotError('MIGRATION_TOO_LARGE', { field: 'uri' });

// ---------------------------------------------------------------- protobuf wire format

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

/** Reads protobuf wire format from bytes[pos, end). Every read is bounds-checked. */
class WireReader {
  #pos = 0;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get done(): boolean {
    return this.#pos >= this.#bytes.length;
  }

  /** Base-128 varint as an unsigned 64-bit value. At most 10 bytes, at most 64 bits. */
  varint(): bigint {
    let value = 0n;
    for (let i = 0; i < 10; i++) {
      const byte = this.#bytes[this.#pos];
      if (byte === undefined) throw dataError(); // truncated
      this.#pos += 1;
      // The 10th byte holds bit 63 only: anything more overflows 64 bits (or continues to an 11th byte).
      if (i === 9 && byte > 1) throw dataError();
      value |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if (byte < 0x80) return value;
    }
    throw dataError(); // unreachable: the 10th byte either ends the varint or fails above
  }

  /** A field key: field number ≥ 1 and wire type. Keys are uint32. */
  key(): { field: number; wire: number } {
    const key = this.varint();
    if (key > 0xffff_ffffn) throw dataError();
    const field = Number(key >> 3n);
    if (field === 0) throw dataError();
    return { field, wire: Number(key & 7n) };
  }

  /** A length-delimited value (a view, not a copy). */
  lengthDelimited(): Uint8Array {
    const length = this.varint();
    if (length > BigInt(this.#bytes.length - this.#pos)) throw dataError(); // huge or truncated
    const start = this.#pos;
    this.#pos += Number(length);
    return this.#bytes.subarray(start, this.#pos);
  }

  /** An int32 or enum value: the low 32 bits of the varint, signed (negative ones take 10 bytes). */
  int32(): number {
    return Number(BigInt.asIntN(32, this.varint()));
  }

  /** Skips a field we do not read. Groups (3, 4) and the undefined types 6, 7 are refused. */
  skip(wire: number): void {
    switch (wire) {
      case VARINT:
        this.varint();
        return;
      case I64:
        return this.#advance(8);
      case LEN:
        this.lengthDelimited();
        return;
      case I32:
        return this.#advance(4);
      default:
        throw dataError();
    }
  }

  #advance(n: number): void {
    if (this.#bytes.length - this.#pos < n) throw dataError();
    this.#pos += n;
  }
}

function expectWire(wire: number, expected: number): void {
  if (wire !== expected) throw dataError();
}

function readString(bytes: Uint8Array): string {
  const text = utf8Decode(bytes);
  if (text === null) throw dataError();
  return text;
}

/** OtpParameters as found in the payload, before any checking. */
interface RawParameters {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

function readParameters(bytes: Uint8Array): RawParameters {
  const r = new WireReader(bytes);
  const p: RawParameters = {
    secret: new Uint8Array(0),
    name: '',
    issuer: '',
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  };
  // As in any protobuf reader, a field that appears twice: the last one wins.
  while (!r.done) {
    const { field, wire } = r.key();
    switch (field) {
      case 1:
        expectWire(wire, LEN);
        wipe(p.secret);
        p.secret = r.lengthDelimited().slice(); // a copy: the payload buffer is wiped after decoding
        break;
      case 2:
        expectWire(wire, LEN);
        p.name = readString(r.lengthDelimited());
        break;
      case 3:
        expectWire(wire, LEN);
        p.issuer = readString(r.lengthDelimited());
        break;
      case 4:
        expectWire(wire, VARINT);
        p.algorithm = r.int32();
        break;
      case 5:
        expectWire(wire, VARINT);
        p.digits = r.int32();
        break;
      case 6:
        expectWire(wire, VARINT);
        p.type = r.int32();
        break;
      case 7:
        expectWire(wire, VARINT);
        p.counter = r.varint();
        break;
      default: // 8 unique_id and anything newer
        r.skip(wire);
    }
  }
  return p;
}

// ---------------------------------------------------------------- entries

const KINDS: Readonly<Record<number, OtpKind>> = { 1: 'hotp', 2: 'totp' };
const ALGORITHMS: Readonly<Record<number, HashAlgorithm>> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Readonly<Record<number, number>> = { 0: 6, 1: 6, 2: 8 };

/** Trimmed and cut to TEXT_MAX code points: for naming an entry that could not be imported. */
function shown(text: string): string {
  return Array.from(text.trim()).slice(0, TEXT_MAX).join('');
}

/** One account -> a draft (same rules as otpauth:// URIs) or the reason it cannot be imported. */
function toEntry(p: RawParameters): MigrationEntry {
  const issuerParam = p.issuer.trim();
  const [prefix, accountText] = splitLabel(p.name, issuerParam);
  const issuerText = issuerParam !== '' ? issuerParam : prefix;
  try {
    const kind = KINDS[p.type];
    if (kind === undefined) throw new KeyslotError('OTP_TYPE', { field: 'type' });
    if (p.secret.length === 0) throw new KeyslotError('SECRET_MISSING', { field: 'secret' });
    checkSecretBytes(p.secret);
    const algorithm = ALGORITHMS[p.algorithm]; // MD5 (4) and unknown values are not there
    if (algorithm === undefined) throw new KeyslotError('ALGORITHM', { field: 'algorithm' });
    const digits = DIGITS[p.digits];
    if (digits === undefined) throw new KeyslotError('DIGITS', { field: 'digits', min: DIGITS_MIN, max: DIGITS_MAX });
    if (kind === 'hotp' && p.counter > BigInt(COUNTER_MAX)) {
      throw new KeyslotError('COUNTER_INVALID', { field: 'counter', min: 0, max: COUNTER_MAX });
    }
    const counter = kind === 'hotp' ? Number(p.counter) : 0;
    const issuer = parseName(issuerText, 'issuer');
    const account = parseName(accountText, 'account');
    requireLabel(issuer, account);
    return {
      ok: true,
      draft: checkDraft({
        kind,
        issuer,
        account,
        secret: p.secret,
        algorithm,
        digits,
        period: DEFAULT_PERIOD_S,
        counter,
      }),
    };
  } catch (e) {
    if (!isKeyslotError(e)) throw e;
    wipe(p.secret);
    return { ok: false, issuer: shown(issuerText), account: shown(accountText), code: e.code };
  }
}

function readPayload(bytes: Uint8Array): MigrationBatch {
  const r = new WireReader(bytes);
  const raw: RawParameters[] = [];
  const batch: MigrationBatch = { version: 0, batchSize: 0, batchIndex: 0, batchId: 0, entries: [] };
  try {
    while (!r.done) {
      const { field, wire } = r.key();
      switch (field) {
        case 1:
          expectWire(wire, LEN);
          if (raw.length === MIGRATION_ENTRIES_MAX) throw tooLarge();
          raw.push(readParameters(r.lengthDelimited()));
          break;
        case 2:
          expectWire(wire, VARINT);
          batch.version = r.int32();
          break;
        case 3:
          expectWire(wire, VARINT);
          batch.batchSize = r.int32();
          break;
        case 4:
          expectWire(wire, VARINT);
          batch.batchIndex = r.int32();
          break;
        case 5:
          expectWire(wire, VARINT);
          batch.batchId = r.int32();
          break;
        default:
          r.skip(wire);
      }
    }
    if (raw.length === 0) throw dataError();
    if (batch.batchSize < 0) throw dataError();
    if (batch.batchSize > MIGRATION_BATCHES_MAX) throw tooLarge();
    if (batch.batchIndex < 0 || batch.batchIndex >= Math.max(1, batch.batchSize)) throw dataError();
  } catch (e) {
    for (const p of raw) wipe(p.secret);
    throw e;
  }
  batch.entries = raw.map(toEntry);
  return batch;
}

// ---------------------------------------------------------------- the URI

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** The raw value of the last `data` parameter (name in any case), or undefined. */
function dataParam(query: string): string | undefined {
  let found: string | undefined;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (name.trim().toLowerCase() === 'data') found = eq < 0 ? '' : part.slice(eq + 1);
  }
  return found;
}

/** The `data` value -> payload bytes: percent-decoding, then standard or URL-safe base64. */
function decodeData(raw: string): Uint8Array {
  let text: string;
  try {
    text = decodeURIComponent(raw); // '+' stays '+': this is not form encoding
  } catch {
    throw dataError();
  }
  // Base64 has no spaces: a space is a '+' that went through form decoding somewhere.
  text = text.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  if (text.endsWith('=') && text.length % 4 !== 0) throw dataError(); // padding, if any, must be right
  const unpadded = text.replace(/={1,2}$/, '');
  if (unpadded.length % 4 === 1) throw dataError(); // a dangling character: something was lost
  const bytes = base64Decode(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
  if (bytes === null || bytes.length === 0) throw dataError();
  return bytes;
}

/**
 * Parses `otpauth-migration://offline?data=…` (a Google Authenticator export QR code).
 * Whole-payload problems throw KeyslotError (MIGRATION_DATA, MIGRATION_TOO_LARGE,
 * URI_SCHEME, URI_MALFORMED, INPUT_EMPTY); a bad account is reported in its entry.
 */
export function parseMigrationUri(text: string): MigrationBatch {
  if (typeof text !== 'string') throw new KeyslotError('INPUT_EMPTY', { field: 'uri' });
  if (text.length > MIGRATION_TEXT_MAX) throw tooLarge();
  const input = text.trim();
  if (input === '') throw new KeyslotError('INPUT_EMPTY', { field: 'uri' });

  const scheme = SCHEME.exec(input);
  if (!scheme || scheme[1]!.toLowerCase() !== 'otpauth-migration')
    throw new KeyslotError('URI_SCHEME', { field: 'uri' });
  const rest = input.slice(scheme[0].length);
  if (!rest.startsWith('//')) throw new KeyslotError('URI_MALFORMED', { field: 'uri' });
  const q = rest.indexOf('?');
  const host = q < 0 ? rest.slice(2) : rest.slice(2, q);
  if (!/^offline\/?$/i.test(host)) throw new KeyslotError('URI_MALFORMED', { field: 'uri' });

  const raw = dataParam(q < 0 ? '' : rest.slice(q + 1));
  if (raw === undefined) throw dataError();
  const bytes = decodeData(raw);
  try {
    return readPayload(bytes);
  } finally {
    wipe(bytes);
  }
}

// ---------------------------------------------------------------- several QR codes

const entryKey = (draft: SlotDraft): string => `${draft.kind}:${hexEncode(draft.secret)}`;

/**
 * The QR codes (batches) of one export, collected as they are scanned. One export
 * means one batchId and one batchSize; `sameExport` tells the caller whether a new
 * batch belongs here (Google gives every export a new id), and `add` refuses one
 * that does not (MIGRATION_OTHER_EXPORT). Before the first batch nothing is known:
 * `complete` is false and `missing()` is empty.
 */
export class MigrationBatches {
  readonly #byIndex = new Map<number, MigrationBatch>();
  #batchId = 0;
  #batchSize = 0;

  constructor(first?: MigrationBatch) {
    if (first) this.add(first);
  }

  /** True when the batch has this export's id and size (always true while empty). */
  sameExport(batch: MigrationBatch): boolean {
    return (
      this.#byIndex.size === 0 || (batch.batchId === this.#batchId && Math.max(1, batch.batchSize) === this.#batchSize)
    );
  }

  /** Adds a batch; false when this QR code was already scanned. Throws MIGRATION_OTHER_EXPORT for another export. */
  add(batch: MigrationBatch): boolean {
    if (!this.sameExport(batch)) throw new KeyslotError('MIGRATION_OTHER_EXPORT', { field: 'uri' });
    if (this.#byIndex.size === 0) {
      this.#batchId = batch.batchId;
      this.#batchSize = Math.max(1, batch.batchSize);
    }
    if (this.#byIndex.has(batch.batchIndex)) return false;
    this.#byIndex.set(batch.batchIndex, batch);
    return true;
  }

  /** How many QR codes the export has (0 before the first). */
  get batchSize(): number {
    return this.#batchSize;
  }

  /** How many different QR codes have been added. */
  get received(): number {
    return this.#byIndex.size;
  }

  /** The 0-based indexes of the QR codes not scanned yet. */
  missing(): number[] {
    return Array.from({ length: this.#batchSize }, (_, i) => i).filter((i) => !this.#byIndex.has(i));
  }

  /** Every QR code of the export is here. */
  get complete(): boolean {
    return this.#byIndex.size > 0 && this.#byIndex.size === this.#batchSize;
  }

  /**
   * All entries in batch order. An account whose secret (and type) already came
   * earlier is left out, so an account listed twice is imported once; entries that
   * cannot be imported are all kept, for the user to see.
   */
  entries(): MigrationEntry[] {
    const seen = new Set<string>();
    const out: MigrationEntry[] = [];
    for (const index of [...this.#byIndex.keys()].sort((a, b) => a - b)) {
      for (const entry of this.#byIndex.get(index)!.entries) {
        if (entry.ok) {
          const key = entryKey(entry.draft);
          if (seen.has(key)) continue;
          seen.add(key);
        }
        out.push(entry);
      }
    }
    return out;
  }
}

/**
 * The add screen's list of scanned QR codes of one Google Authenticator export, after one more
 * scan: a QR code of another export (another batchId) starts the list over; one already scanned
 * (same batchIndex) leaves it as it is; otherwise it joins the list.
 */
export function collectBatch(batches: readonly MigrationBatch[], batch: MigrationBatch): MigrationBatch[] {
  const same = batches.length > 0 && batches[0]!.batchId === batch.batchId;
  if (!same) return [batch];
  return batches.some((b) => b.batchIndex === batch.batchIndex) ? [...batches] : [...batches, batch];
}
