/**
 * Sealed activation links ("ks1"): an activation link whose otpauth:// (or
 * otpauth-migration://) URI is encrypted, so the link a browser writes into its history,
 * top sites, session and favicon files carries no usable secret. The key comes from a short
 * one-time code handed over separately (printed beside the QR code, or sent another way)
 * and typed into Keyslot. Specification: docs/activation-links.md.
 *
 *   <app>#add=ks1.<base64url without padding of the bytes below>
 *
 *   offset  size  field
 *   0       1     version = 1 (must match the "ks1." prefix)
 *   1       1     kdf = 1: Argon2id, RFC 9106, version 0x13
 *   2       4     memoryKiB, unsigned big-endian
 *   6       1     iterations
 *   7       1     parallelism
 *   8       16    salt (random)
 *   24      12    nonce (random, AES-GCM IV; NIST SP 800-38D §8.2.2)
 *   36      n+16  AES-256-GCM ciphertext of the UTF-8 URI, 128-bit tag at the end
 *
 *   key = Argon2id(password = ASCII of the canonical code, salt, m, t, p) -> 32 bytes
 *   AAD = ASCII "keyslot/link/v1" || bytes 0..23 (header and salt)
 *
 * The KDF parameters are read from the link and are checked against fixed bounds BEFORE any
 * derivation, so a hostile link cannot make Keyslot spend more than LINK_KDF_MAX_WORK.
 * Binding them into the AAD means a link whose parameters were edited never opens.
 *
 * The code: CODE_LENGTH symbols of Crockford's base32 (https://www.crockford.com/base32.html),
 * 50 bits. Typing is forgiving: NFKC (full-width letters from a Japanese keyboard), any case,
 * spaces and dashes ignored, O read as 0, I and L as 1.
 *
 * Pure: randomness (salt, nonce, code) comes in as arguments, crypto through LinkCrypto
 * (src/platform/sealed-link.ts). Errors carry a code and a field, never the link, the code
 * or the URI.
 */
import { KeyslotError } from './errors';
import { utf8Decode, utf8Encode, wipe, type Bytes } from './bytes';

export const SEALED_VERSION = 1;
export const SEALED_PREFIX = 'ks1.';
const KDF_ARGON2ID = 1;

export interface LinkKdf {
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/** What the tool writes: RFC 9106 §4's second recommended option (64 MiB, t = 3), one lane for WASM. */
export const LINK_KDF_DEFAULT: LinkKdf = { memoryKiB: 65_536, iterations: 3, parallelism: 1 };
/** Below this a link is refused: OWASP's Argon2id floor (19 MiB, t = 2), as for the vault. */
export const LINK_KDF_MIN: LinkKdf = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
/** Above this a link is refused: a phone must be able to open it in a few seconds. */
export const LINK_KDF_MAX: LinkKdf = { memoryKiB: 131_072, iterations: 8, parallelism: 4 };
/** Largest memoryKiB × iterations accepted: 128 MiB × 4 passes, the vault's own default cost. */
export const LINK_KDF_MAX_WORK = 131_072 * 4;

export const SALT_BYTES = 16;
export const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 8;
const FIXED_BYTES = HEADER_BYTES + SALT_BYTES + NONCE_BYTES;
/** Longest URI sealed: a Google Authenticator export text (MIGRATION_TEXT_MAX). */
export const SEALED_URI_MAX = 65_536;

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;
/** Random bytes codeFromRandom needs: one per symbol (its low 5 bits; 256 is a multiple of 32, so no bias). */
export const CODE_RANDOM_BYTES = CODE_LENGTH;

export interface SealedActivation {
  readonly kdf: LinkKdf;
  readonly salt: Bytes;
  readonly nonce: Bytes;
  readonly ct: Bytes;
  /** Bytes 0..23 (header and salt), bound into the AAD. */
  readonly bound: Bytes;
}

/** The crypto a sealed link needs; src/platform/sealed-link.ts gives the real one. */
export interface LinkCrypto {
  /** Argon2id -> 32 bytes. */
  argon2id(password: Bytes, salt: Bytes, kdf: LinkKdf): Promise<Bytes>;
  aesGcmEncrypt(key: Bytes, nonce: Bytes, plaintext: Bytes, aad: Bytes): Promise<Bytes>;
  /** Rejects when the ciphertext does not authenticate. */
  aesGcmDecrypt(key: Bytes, nonce: Bytes, ct: Bytes, aad: Bytes): Promise<Bytes>;
}

const damaged = (field = 'link'): KeyslotError => new KeyslotError('LINK_DAMAGED', { field });

// ---------------------------------------------------------------- base64url (RFC 4648 §5), no padding

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX: Readonly<Record<string, number>> = Object.fromEntries([...B64URL].map((c, i) => [c, i]));

export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const symbols = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < symbols; j++) out += B64URL[(n >> (18 - 6 * j)) & 63]!;
  }
  return out;
}

/** Strict and canonical: URL-safe alphabet, no padding, unused trailing bits zero. Null otherwise. */
export function base64UrlDecode(text: string): Bytes | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const v = B64URL_INDEX[text[i]!];
    if (v === undefined) return null;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

// ---------------------------------------------------------------- the one-time code

/** A code from CODE_RANDOM_BYTES random bytes (the caller's CSPRNG). */
export function codeFromRandom(random: Uint8Array): string {
  if (!(random instanceof Uint8Array) || random.length < CODE_RANDOM_BYTES)
    throw new KeyslotError('KDF_FAILED', { field: 'random' });
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[random[i]! & 31]!;
  return code;
}

/** `ABCDE-FGHJK`: how the code is printed, in two easy halves. */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Typed between groups (spaces, dashes of every kind, dots), ignored. */
const IGNORED = new Set([
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u3000',
  '-',
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2212',
  '\u30fc',
  '\u30fb',
  '.',
]);
const READ_AS: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * The canonical code from what a person typed (see the top of this file). Throws
 * LINK_CODE_INVALID (field 'activationCode') for anything that is not CODE_LENGTH symbols.
 * No regular expression runs on the code, so it never lingers in RegExp.input.
 */
export function normaliseCode(input: string): string {
  const invalid = () => new KeyslotError('LINK_CODE_INVALID', { field: 'activationCode' });
  if (typeof input !== 'string' || input.length > 64) throw invalid();
  let code = '';
  for (const ch of input.normalize('NFKC').toUpperCase()) {
    if (IGNORED.has(ch)) continue;
    const c = READ_AS[ch] ?? ch;
    if (!CODE_ALPHABET.includes(c)) throw invalid();
    code += c;
  }
  if (code.length !== CODE_LENGTH) throw invalid();
  return code;
}

// ---------------------------------------------------------------- the format

/** Throws LINK_DAMAGED (field 'link.kdf') unless kdf is within the bounds above. */
export function checkLinkKdf(kdf: LinkKdf): LinkKdf {
  const within = (n: unknown, min: number, max: number) =>
    typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
  const { memoryKiB, iterations, parallelism } = kdf ?? ({} as LinkKdf);
  if (
    !within(memoryKiB, LINK_KDF_MIN.memoryKiB, LINK_KDF_MAX.memoryKiB) ||
    !within(iterations, LINK_KDF_MIN.iterations, LINK_KDF_MAX.iterations) ||
    !within(parallelism, LINK_KDF_MIN.parallelism, LINK_KDF_MAX.parallelism) ||
    memoryKiB * iterations > LINK_KDF_MAX_WORK ||
    memoryKiB < 8 * parallelism
  ) {
    throw damaged('link.kdf');
  }
  return { memoryKiB, iterations, parallelism };
}

/** True when `text` looks like a sealed payload of any version (`ks<n>.`), so the caller reads it here. */
export function isSealedPayload(text: string): boolean {
  return /^ks[0-9]{1,3}\./i.test(text);
}

/**
 * Reads a `ks1.…` payload (the value of `add=`). Checks structure and KDF bounds; decrypts
 * nothing. Throws LINK_VERSION for another version, LINK_DAMAGED for anything else wrong.
 */
export function parseSealed(payload: string): SealedActivation {
  if (typeof payload !== 'string' || !isSealedPayload(payload)) throw damaged();
  const dot = payload.indexOf('.');
  if (payload.slice(0, dot + 1) !== SEALED_PREFIX) throw new KeyslotError('LINK_VERSION', { field: 'link.version' });
  // Longest: the fixed part and the longest URI, in base64url.
  if (payload.length - dot - 1 > Math.ceil(((FIXED_BYTES + SEALED_URI_MAX + TAG_BYTES) * 4) / 3)) throw damaged();
  const bytes = base64UrlDecode(payload.slice(dot + 1));
  if (!bytes || bytes.length < FIXED_BYTES + TAG_BYTES + 1) throw damaged();
  if (bytes[0] !== SEALED_VERSION) throw new KeyslotError('LINK_VERSION', { field: 'link.version' });
  if (bytes[1] !== KDF_ARGON2ID) throw damaged('link.kdf');
  const memoryKiB = ((bytes[2]! << 24) >>> 0) + (bytes[3]! << 16) + (bytes[4]! << 8) + bytes[5]!;
  const kdf = checkLinkKdf({ memoryKiB, iterations: bytes[6]!, parallelism: bytes[7]! });
  return {
    kdf,
    salt: bytes.slice(HEADER_BYTES, HEADER_BYTES + SALT_BYTES),
    nonce: bytes.slice(HEADER_BYTES + SALT_BYTES, FIXED_BYTES),
    ct: bytes.slice(FIXED_BYTES),
    bound: bytes.slice(0, HEADER_BYTES + SALT_BYTES),
  };
}

function boundBytes(kdf: LinkKdf, salt: Uint8Array): Bytes {
  const out = new Uint8Array(HEADER_BYTES + SALT_BYTES);
  out[0] = SEALED_VERSION;
  out[1] = KDF_ARGON2ID;
  out[2] = (kdf.memoryKiB >>> 24) & 255;
  out[3] = (kdf.memoryKiB >>> 16) & 255;
  out[4] = (kdf.memoryKiB >>> 8) & 255;
  out[5] = kdf.memoryKiB & 255;
  out[6] = kdf.iterations;
  out[7] = kdf.parallelism;
  out.set(salt, HEADER_BYTES);
  return out;
}

const AAD_CONTEXT = utf8Encode('keyslot/link/v1');

function aad(bound: Uint8Array): Bytes {
  const out = new Uint8Array(AAD_CONTEXT.length + bound.length);
  out.set(AAD_CONTEXT);
  out.set(bound, AAD_CONTEXT.length);
  return out;
}

const SEALABLE = /^otpauth(?:-migration)?:\/\//i;

export interface SealInput {
  readonly code: string;
  readonly salt: Uint8Array;
  readonly nonce: Uint8Array;
  readonly kdf?: LinkKdf;
}

/**
 * Encrypts an otpauth:// or otpauth-migration:// URI into a `ks1.…` payload. Throws
 * URI_SCHEME (field 'uri') for anything else, LINK_DAMAGED for bad salt, nonce or KDF.
 */
export async function sealUri(uri: string, input: SealInput, crypto: LinkCrypto): Promise<string> {
  const text = typeof uri === 'string' ? uri.trim() : '';
  if (!SEALABLE.test(text)) throw new KeyslotError('URI_SCHEME', { field: 'uri' });
  const plaintext = utf8Encode(text);
  if (plaintext.length > SEALED_URI_MAX) throw new KeyslotError('INPUT_TOO_LONG', { field: 'uri' });
  if (input.salt.length !== SALT_BYTES) throw damaged('link.salt');
  if (input.nonce.length !== NONCE_BYTES) throw damaged('link.nonce');
  const kdf = checkLinkKdf(input.kdf ?? LINK_KDF_DEFAULT);
  const bound = boundBytes(kdf, input.salt);
  const key = await crypto.argon2id(utf8Encode(normaliseCode(input.code)), Uint8Array.from(input.salt), kdf);
  try {
    const ct = await crypto.aesGcmEncrypt(key, Uint8Array.from(input.nonce), plaintext, aad(bound));
    const all = new Uint8Array(FIXED_BYTES + ct.length);
    all.set(bound);
    all.set(input.nonce, HEADER_BYTES + SALT_BYTES);
    all.set(ct, FIXED_BYTES);
    return SEALED_PREFIX + base64UrlEncode(all);
  } finally {
    wipe(key);
    wipe(plaintext);
  }
}

/**
 * Decrypts a sealed link with the code a person typed; returns the URI inside (read it with
 * readOpenedActivation). Throws LINK_CODE_INVALID before any work for a mistyped code,
 * LINK_CODE_WRONG when the code does not open it (or the link was changed: GCM cannot tell
 * which), LINK_DAMAGED when what was sealed is not an otpauth URI.
 */
export async function openSealed(sealed: SealedActivation, codeInput: string, crypto: LinkCrypto): Promise<string> {
  const password = utf8Encode(normaliseCode(codeInput));
  const key = await crypto.argon2id(password, Uint8Array.from(sealed.salt), checkLinkKdf(sealed.kdf));
  let plaintext: Bytes;
  try {
    plaintext = await crypto.aesGcmDecrypt(
      key,
      Uint8Array.from(sealed.nonce),
      Uint8Array.from(sealed.ct),
      aad(sealed.bound),
    );
  } catch {
    throw new KeyslotError('LINK_CODE_WRONG', { field: 'activationCode' });
  } finally {
    wipe(key);
  }
  const uri = utf8Decode(plaintext);
  wipe(plaintext);
  if (uri === null || !SEALABLE.test(uri)) throw damaged('uri');
  return uri;
}

/** `<appUrl>#add=ks1.…`; any fragment already on appUrl is replaced. URI_SCHEME unless appUrl is http(s). */
export function sealedLink(appUrl: string, payload: string): string {
  if (typeof appUrl !== 'string' || !/^https?:\/\/[^/?#\s]/i.test(appUrl))
    throw new KeyslotError('URI_SCHEME', { field: 'appUrl' });
  const hash = appUrl.indexOf('#');
  return `${hash < 0 ? appUrl : appUrl.slice(0, hash)}#add=${payload}`;
}
