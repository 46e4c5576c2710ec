/**
 * FreeOTP 2 backups (`externalBackup.xml`, despite the name): a Java-serialised
 * java.util.HashMap<String, String> (Java Object Serialization Specification §6.4), holding
 *
 *   "masterKey"     -> { mAlgorithm: "PBKDF2withHmacSHA512", mIterations, mSalt: [signed bytes],
 *                        mEncryptedKey: { mCipher: "AES/GCM/NoPadding", mCipherText, mParameters, mToken: "AES" } }
 *   "<uuid>"        -> { key: "<JSON of an encrypted key like mEncryptedKey, mToken: HmacSHA1|…>" }
 *   "<uuid>-token"  -> { algo, counter, digits, issuerExt, issuerInt, label, period, type }
 *
 * The master key is AES-GCM-decrypted under PBKDF2(password, mSalt, mIterations) with mToken as
 * associated data; each token's secret is AES-GCM-decrypted under the master key the same way.
 * mParameters is the DER of GCMParameters: SEQUENCE { OCTET STRING iv, INTEGER tagLength }, or on
 * older Android versions the bare OCTET STRING.
 *
 * Only this one shape is read: the HashMap class descriptor with primitive fields, its block
 * of capacity and size, then `size` key/value pairs of strings (TC_STRING, TC_LONGSTRING, or a
 * back-reference to one). Anything else is IMPORT_DAMAGED. Entries come in the map's order.
 */
import { utf8Decode, utf8Encode } from '../bytes';
import { KeyslotError } from '../errors';
import {
  damaged,
  entriesOf,
  failed,
  field,
  formatError,
  IMPORT_ENTRIES_MAX,
  isObject,
  makeEntry,
  name,
  needPassword,
  obj,
  parseJson,
  PBKDF2_ITERATIONS_MAX,
  signedBytes,
  str,
  val,
  wrongPassword,
  type ImportCrypto,
  type ImportEntry,
  type JsonObject,
  type KdfHash,
} from './common';

const MAGIC = [0xac, 0xed, 0x00, 0x05];
const TC_NULL = 0x70;
const TC_REFERENCE = 0x71;
const TC_CLASSDESC = 0x72;
const TC_OBJECT = 0x73;
const TC_STRING = 0x74;
const TC_BLOCKDATA = 0x77;
const TC_ENDBLOCKDATA = 0x78;
const TC_LONGSTRING = 0x7c;
const BASE_HANDLE = 0x7e0000;
const PRIMITIVE_SIZES: Readonly<Record<string, number>> = { B: 1, C: 2, D: 8, F: 4, I: 4, J: 8, S: 2, Z: 1 };

export function isFreeOtp2(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

/** A bounds-checked reader over the serialised bytes. */
class Reader {
  #pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  u8(): number {
    const b = this.bytes[this.#pos];
    if (b === undefined) throw damaged();
    this.#pos += 1;
    return b;
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  u32(): number {
    return ((this.u8() << 24) >>> 0) + (this.u8() << 16) + (this.u8() << 8) + this.u8();
  }

  take(n: number): Uint8Array {
    if (n < 0 || this.#pos + n > this.bytes.length) throw damaged();
    const out = this.bytes.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  expect(b: number): void {
    if (this.u8() !== b) throw damaged();
  }

  /** Java's modified UTF-8 is plain UTF-8 for the JSON text FreeOTP writes; anything else is refused. */
  utf(length: number): string {
    const text = utf8Decode(this.take(length));
    if (text === null) throw damaged();
    return text;
  }
}

/** The HashMap's key/value strings, in stream order. */
export function readSerializedMap(bytes: Uint8Array): [string, string][] {
  const r = new Reader(bytes);
  for (const b of MAGIC) r.expect(b);
  r.expect(TC_OBJECT);
  r.expect(TC_CLASSDESC);
  if (r.utf(r.u16()) !== 'java.util.HashMap') throw formatError();
  r.take(8); // serialVersionUID
  r.u8(); // flags: SC_SERIALIZABLE | SC_WRITE_METHOD
  let fieldBytes = 0;
  for (let fields = r.u16(); fields > 0; fields--) {
    const size = PRIMITIVE_SIZES[String.fromCharCode(r.u8())];
    if (size === undefined) throw damaged(); // HashMap has only primitive fields
    r.take(r.u16()); // field name
    fieldBytes += size;
  }
  r.expect(TC_ENDBLOCKDATA); // no class annotations
  r.expect(TC_NULL); // no serialisable superclass
  r.take(fieldBytes); // loadFactor, threshold
  r.expect(TC_BLOCKDATA);
  if (r.u8() !== 8) throw damaged();
  r.u32(); // capacity
  const size = r.u32();
  if (size > IMPORT_ENTRIES_MAX * 2 + 1) throw new KeyslotError('IMPORT_TOO_LARGE', { field: 'file', max: 8 });

  // Handles: 0 the class descriptor, 1 the map, then each new string in turn.
  const strings: string[] = [];
  const next = (): string => {
    const tc = r.u8();
    let text: string;
    if (tc === TC_STRING) text = r.utf(r.u16());
    else if (tc === TC_LONGSTRING) {
      if (r.u32() !== 0) throw damaged(); // over 4 GB
      text = r.utf(r.u32());
    } else if (tc === TC_REFERENCE) {
      const found = strings[r.u32() - BASE_HANDLE - 2];
      if (found === undefined) throw damaged();
      return found;
    } else throw damaged();
    strings.push(text);
    return text;
  };
  const out: [string, string][] = [];
  for (let i = 0; i < size; i++) out.push([next(), next()]);
  r.expect(TC_ENDBLOCKDATA);
  return out;
}

interface Sealed {
  ct: Uint8Array;
  iv: Uint8Array;
  aad: Uint8Array;
  token: string;
}

/** An encrypted key object: AES/GCM/NoPadding, the IV from the DER GCMParameters, mToken as AAD. */
function sealed(o: JsonObject | undefined): Sealed {
  if (!o || str(o, 'mCipher') !== 'AES/GCM/NoPadding') throw damaged();
  const ct = signedBytes(field(o, 'mCipherText'));
  const der = signedBytes(field(o, 'mParameters'));
  const token = str(o, 'mToken');
  if (!ct || ct.length < 16 || !der || token === undefined) throw damaged();
  return { ct, iv: gcmIv(der), aad: utf8Encode(token), token };
}

/**
 * The IV from GCMParameters DER: SEQUENCE { OCTET STRING iv, INTEGER 16 } (only 128-bit tags),
 * or, as older Android versions wrote it, the bare OCTET STRING.
 */
function gcmIv(der: Uint8Array): Uint8Array {
  const bare = der[0] === 0x04;
  const start = bare ? 0 : 2;
  if (!bare && (der[0] !== 0x30 || der[1] !== der.length - 2)) throw damaged();
  if (der[start] !== 0x04) throw damaged();
  const ivLength = der[start + 1]!;
  const end = start + 2 + ivLength;
  if (ivLength < 12 || ivLength > 16) throw damaged();
  const tail = der.subarray(end);
  const tagOk = bare ? tail.length === 0 : tail.length === 3 && tail[0] === 0x02 && tail[1] === 1 && tail[2] === 16;
  if (!tagOk) throw damaged();
  return der.subarray(start + 2, end);
}

const KDF_HASHES: Readonly<Record<string, KdfHash>> = {
  pbkdf2withhmacsha1: 'SHA-1',
  pbkdf2withhmacsha256: 'SHA-256',
  pbkdf2withhmacsha512: 'SHA-512',
};

function jsonObject(text: string | undefined): JsonObject {
  if (text === undefined) throw damaged();
  const json = parseJson(text);
  if (!isObject(json)) throw damaged();
  return json;
}

export async function readFreeOtp2(
  bytes: Uint8Array,
  password: string | undefined,
  crypto: ImportCrypto,
): Promise<ImportEntry[]> {
  if (password === undefined) throw needPassword();
  const map = new Map(readSerializedMap(bytes));
  const master = jsonObject(map.get('masterKey'));
  const hash = KDF_HASHES[(str(master, 'mAlgorithm') ?? '').toLowerCase()];
  const iterations = field(master, 'mIterations');
  const salt = signedBytes(field(master, 'mSalt'));
  if (
    !hash ||
    !salt ||
    typeof iterations !== 'number' ||
    !Number.isInteger(iterations) ||
    iterations < 1 ||
    iterations > PBKDF2_ITERATIONS_MAX
  ) {
    throw damaged();
  }
  const sealedMaster = sealed(obj(master, 'mEncryptedKey'));

  const pw = utf8Encode(password);
  let masterKey: Uint8Array;
  try {
    const kek = await crypto.pbkdf2(hash, pw, salt, iterations, 32);
    try {
      masterKey = await crypto.aesGcmDecrypt(kek, sealedMaster.iv, sealedMaster.ct, sealedMaster.aad);
    } catch {
      throw wrongPassword();
    } finally {
      kek.fill(0);
    }
  } finally {
    pw.fill(0);
  }

  try {
    const uuids = [...map.keys()].filter((k) => k !== 'masterKey' && !k.endsWith('-token') && map.has(`${k}-token`));
    const out: ImportEntry[] = [];
    for (const uuid of entriesOf(uuids)) out.push(await token(map, uuid as string, masterKey, crypto));
    if (out.length === 0) throw formatError();
    return out;
  } finally {
    masterKey.fill(0);
  }
}

async function token(
  map: Map<string, string>,
  uuid: string,
  masterKey: Uint8Array,
  crypto: ImportCrypto,
): Promise<ImportEntry> {
  let label = { issuer: '', account: '' };
  try {
    const t = jsonObject(map.get(`${uuid}-token`));
    const issuerExt = name(t, 'issuerExt');
    const issuer = issuerExt !== undefined && issuerExt.trim() !== '' ? issuerExt : name(t, 'issuerInt');
    label = { issuer: issuer ?? '', account: name(t, 'label') ?? '' };
    const key = sealed(jsonObject(str(jsonObject(map.get(uuid)), 'key')));
    const secret = await crypto.aesGcmDecrypt(masterKey, key.iv, key.ct, key.aad);
    // A token saved without "algo" takes its HMAC from the key's own name (HmacSHA1 → SHA1).
    const algo = val(t, 'algo') ?? key.token.replace(/^Hmac/i, '');
    return makeEntry({
      kind: str(t, 'type') ?? '',
      ...label,
      secret,
      algorithm: algo,
      digits: val(t, 'digits'),
      period: val(t, 'period'),
      counter: val(t, 'counter') ?? (str(t, 'type')?.toLowerCase() === 'hotp' ? 0 : undefined),
    });
  } catch (e) {
    return failed(e, label);
  }
}
