/**
 * privacyIDEA's two-step ("2step") enrollment of HOTP/TOTP tokens
 * (privacyIDEA docs: workflows_and_tools/2step; lib/tokens/hotptoken.py).
 *
 * The server's QR is an ordinary otpauth:// URI whose `secret` is only the SERVER'S PART, plus
 *   2step_salt        the size in bytes of the client's part,
 *   2step_output      the size in bytes of the final secret,
 *   2step_difficulty  the PBKDF2 iteration count.
 * The client makes its own random part and shows it in privacyIDEA's "base32check" form,
 *   base32(sha1(part)[0..4] ‖ part) without '=' padding,
 * which the user types on the provider's page (the second /token/init with
 * otpkeyformat=base32check). Both sides then derive the token secret:
 *   secret = PBKDF2-HMAC-SHA1(password = the server part as lower-case hex text (ASCII),
 *                             salt = the client part, iterations = difficulty,
 *                             length = output)                                  (RFC 8018 §5.2)
 * Used as an ordinary slot with the server's part as its secret, every code would be wrong:
 * hence a QR with any 2step_* parameter is never read as a plain slot (activation.ts).
 *
 * Pure: the randomness comes in as an argument. Errors name the parameter, never its value.
 */
import { encodeBase32 } from './base32';
import { hexEncode, utf8Encode } from './bytes';
import { KeyslotError } from './errors';
import { pbkdf2HmacSha1, sha1Digest } from './otp';
import type { SlotDraft } from './slot';

export interface TwoStepParams {
  /** Bytes of the client's part (2step_salt). */
  clientSize: number;
  /** Bytes of the derived secret (2step_output). */
  outputSize: number;
  /** PBKDF2 iterations (2step_difficulty). */
  difficulty: number;
}

/** privacyIDEA's defaults are 8 bytes and 10,000 rounds; these bounds keep a hostile QR harmless. */
export const CLIENT_SIZE_MIN = 4;
export const CLIENT_SIZE_MAX = 64;
export const OUTPUT_SIZE_MIN = 16;
/** SHA-512's 64 bytes: the largest key privacyIDEA makes. */
export const OUTPUT_SIZE_MAX = 64;
export const DIFFICULTY_MIN = 1_000;
/** ~1 s of PBKDF2-SHA1 in a phone's browser; privacyIDEA's default is 10,000. */
export const DIFFICULTY_MAX = 1_000_000;

const NAMES = {
  clientSize: '2step_salt',
  outputSize: '2step_output',
  difficulty: '2step_difficulty',
} as const;

const LIMITS: Record<keyof TwoStepParams, [number, number]> = {
  clientSize: [CLIENT_SIZE_MIN, CLIENT_SIZE_MAX],
  outputSize: [OUTPUT_SIZE_MIN, OUTPUT_SIZE_MAX],
  difficulty: [DIFFICULTY_MIN, DIFFICULTY_MAX],
};

/** The raw query parameters of a URI (names lower-cased, values percent-decoded when possible). */
function queryOf(uri: string): Map<string, string> {
  const q = uri.indexOf('?');
  const out = new Map<string, string>();
  if (q < 0) return out;
  const end = uri.indexOf('#', q);
  for (const part of uri.slice(q + 1, end < 0 ? undefined : end).split('&')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    let value = eq < 0 ? '' : part.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      /* left raw: the number check below refuses it */
    }
    out.set(name, value.trim());
  }
  return out;
}

/** Whether an otpauth:// URI asks for a two-step enrollment (has any 2step_* parameter). */
export function isTwoStepUri(uri: string): boolean {
  for (const name of queryOf(uri).keys()) if (name.startsWith('2step_')) return true;
  return false;
}

/**
 * The 2step parameters of an otpauth:// URI, or null when it has none. Throws
 * KeyslotError('TWO_STEP_INVALID', field = the parameter) when one is missing, not a whole
 * number, or outside the bounds above.
 */
export function readTwoStepParams(uri: string): TwoStepParams | null {
  if (!isTwoStepUri(uri)) return null;
  const query = queryOf(uri);
  const out = {} as TwoStepParams;
  for (const key of Object.keys(NAMES) as (keyof TwoStepParams)[]) {
    const text = query.get(NAMES[key]);
    const [min, max] = LIMITS[key];
    const n = text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (!(n >= min && n <= max)) throw new KeyslotError('TWO_STEP_INVALID', { field: NAMES[key], min, max });
    out[key] = n;
  }
  return out;
}

/** privacyIDEA's base32check: base32(sha1(payload)[0..4] ‖ payload), upper case, no padding. */
export function base32check(payload: Uint8Array): string {
  const sum = sha1Digest(payload).subarray(0, 4);
  const all = new Uint8Array(4 + payload.length);
  all.set(sum, 0);
  all.set(payload, 4);
  return encodeBase32(all); // unpadded, as privacyIDEA writes it
}

/**
 * The client's part from `random` (e.g. crypto.getRandomValues). Throws
 * TWO_STEP_INVALID (field 'random') unless exactly `clientSize` bytes came in.
 */
export function twoStepClientPart(random: Uint8Array, params: TwoStepParams): Uint8Array {
  if (!(random instanceof Uint8Array) || random.length !== params.clientSize) {
    throw new KeyslotError('TWO_STEP_INVALID', { field: 'random' });
  }
  return random.slice();
}

/**
 * The slot the enrollment ends in: `draft` (read from the QR, its secret the server's part)
 * with the secret derived from both parts as privacyIDEA derives it.
 */
export function completeTwoStep(draft: SlotDraft, params: TwoStepParams, clientPart: Uint8Array): SlotDraft {
  if (clientPart.length !== params.clientSize) throw new KeyslotError('TWO_STEP_INVALID', { field: 'random' });
  for (const key of Object.keys(NAMES) as (keyof TwoStepParams)[]) {
    const [min, max] = LIMITS[key];
    const n = params[key];
    if (!Number.isInteger(n) || n < min || n > max)
      throw new KeyslotError('TWO_STEP_INVALID', { field: NAMES[key], min, max });
  }
  const password = utf8Encode(hexEncode(draft.secret).toLowerCase());
  const secret = pbkdf2HmacSha1(password, clientPart, params.difficulty, params.outputSize);
  return { ...draft, secret };
}
