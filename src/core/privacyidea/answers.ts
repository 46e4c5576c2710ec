/**
 * Reading privacyIDEA's answers, all hostile until proven otherwise. Every answer is a JSON
 * envelope (api/lib/utils.py send_result / send_error):
 *   {"result": {"status": true, "value": …}, …}            success
 *   {"result": {"status": false, "error": {"code": n, "message": …}}, …}   failure (HTTP 4xx/5xx)
 * Only the fields Keyslot needs are read, each checked for type and size; the server's own
 * error text is never shown or kept (it may hold anything). Errors: PIA_ANSWER with the
 * field that was wrong, or the PIA_* code for what the server said (readServerError).
 */
import { KeyslotError } from '../errors';
import { b64urlDecode } from './encoding';
import type { Challenge, PiaEndpoint } from './messages';
import type { Bytes } from '../bytes';

/** Largest answer read (a sync answer with a few hundred tokens is well below). */
export const ANSWER_MAX_BYTES = 1_048_576;
const NONCE_RE = /^[0-9a-fA-F]{16,256}$/;
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})$/;

const bad = (field: string): KeyslotError => new KeyslotError('PIA_ANSWER', { field });

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** privacyIDEA's error numbers Keyslot tells apart (lib/error.py). */
export const PI_ERROR = {
  POLICY: 303,
  RESOURCE_NOT_FOUND: 601,
  CONTAINER: 3000,
  CONTAINER_NOT_REGISTERED: 3001,
  CONTAINER_INVALID_CHALLENGE: 3002,
} as const;

/**
 * What a failed answer means, per action. A challenge refused with 3002 means the signature
 * did not verify: at registration with a passphrase, most likely the answer was wrong (an
 * expired QR is refused before sending); later, another device holds the container
 * (rollover). 3000 at registration is "already registered".
 */
export function readServerError(
  status: number,
  code: number | null,
  action: PiaEndpoint,
  hadPassphrase = false,
): KeyslotError {
  const num = code ?? 0;
  if (num === PI_ERROR.CONTAINER_NOT_REGISTERED) return new KeyslotError('PIA_NOT_REGISTERED');
  if (num === PI_ERROR.CONTAINER_INVALID_CHALLENGE) {
    return new KeyslotError(
      action === 'container/register/finalize' && hadPassphrase ? 'PIA_PASSPHRASE_WRONG' : 'PIA_REJECTED',
    );
  }
  if (num === PI_ERROR.CONTAINER && action === 'container/register/finalize')
    return new KeyslotError('PIA_ALREADY_REGISTERED');
  if (num === PI_ERROR.RESOURCE_NOT_FOUND || status === 404) return new KeyslotError('PIA_NOT_FOUND');
  if (num === PI_ERROR.POLICY || status === 403) return new KeyslotError('PIA_POLICY');
  return new KeyslotError('PIA_SERVER', Number.isSafeInteger(num) && num > 0 ? { min: num } : {});
}

/**
 * The `value` of a successful answer. `text` is the body, `status` the HTTP status. A
 * failure envelope becomes readServerError's code; anything not an envelope is PIA_ANSWER.
 */
export function readEnvelope(text: string, status: number, action: PiaEndpoint, hadPassphrase = false): unknown {
  if (typeof text !== 'string' || text.length > ANSWER_MAX_BYTES) throw bad('size');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (status >= 400) throw readServerError(status, null, action, hadPassphrase);
    throw bad('json');
  }
  const result = isObject(parsed) ? parsed['result'] : undefined;
  if (!isObject(result) || typeof result['status'] !== 'boolean') {
    if (status >= 400) throw readServerError(status, null, action, hadPassphrase);
    throw bad('result');
  }
  if (result['status'] === false || status >= 400) {
    const error = result['error'];
    const code = isObject(error) && typeof error['code'] === 'number' ? error['code'] : null;
    throw readServerError(status, code, action, hadPassphrase);
  }
  return result['value'];
}

/** privacyIDEA's container policies for the client (api/lib/prepolicy.py smartphone_config). */
export interface PiaPolicies {
  /** The user may move the container to another device from the app (container_client_rollover). */
  rollover: boolean;
  /** The app must not unregister (disable_client_container_unregister). */
  noUnregister: boolean;
  /** The app must not delete the container's tokens (disable_client_token_deletion). */
  noTokenDeletion: boolean;
}

const truthy = (v: unknown): boolean => v === true || v === 1 || (typeof v === 'string' && /^(true|1)$/i.test(v));

/** Policies from a finalize or sync answer's `policies` (missing: the defaults, all false). */
export function readPolicies(value: unknown): PiaPolicies {
  const p = isObject(value) ? value : {};
  return {
    rollover: truthy(p['container_client_rollover']),
    noUnregister: truthy(p['disable_client_container_unregister']),
    noTokenDeletion: truthy(p['disable_client_token_deletion']),
  };
}

/** The finalize answer: {"success": true, "policies": {…}}. */
export function readFinalizeAnswer(value: unknown): PiaPolicies {
  if (!isObject(value) || value['success'] !== true) throw bad('success');
  return readPolicies(value['policies']);
}

/** The challenge answer: {"nonce": hex, "time_stamp": ISO 8601, …}. */
export function readChallengeAnswer(value: unknown): Challenge {
  if (!isObject(value)) throw bad('challenge');
  const nonce = value['nonce'];
  const timeStamp = value['time_stamp'];
  if (typeof nonce !== 'string' || !NONCE_RE.test(nonce)) throw bad('nonce');
  if (typeof timeStamp !== 'string' || !TIME_RE.test(timeStamp)) throw bad('time_stamp');
  return { nonce, timeStamp };
}

/** The encrypted part of a sync answer (smartphone.py encrypt_dict), decoded but not yet opened. */
export interface SealedContainer {
  /** The server's one-time X25519 public key (32 bytes). */
  serverKey: Bytes;
  iv: Bytes;
  /** Ciphertext followed by the 16-byte GCM tag: what WebCrypto's AES-GCM decrypt takes. */
  sealed: Bytes;
  policies: PiaPolicies;
}

function b64Field(o: Json, name: string, min: number, max: number): Bytes {
  const v = o[name];
  const bytes = typeof v === 'string' ? b64urlDecode(v) : null;
  if (!bytes || bytes.length < min || bytes.length > max) throw bad(name);
  return bytes;
}

/**
 * {"encryption_algorithm": "AES", "encryption_params": {"algorithm": "AES", "mode": "GCM",
 *  "init_vector": b64url, "tag": b64url}, "container_dict_server": b64url,
 *  "public_server_key": b64url(raw X25519), "policies": {…}, "server_url": …}.
 * Any other algorithm or mode: PIA_ANSWER; Keyslot speaks only what it can check.
 */
export function readSyncAnswer(value: unknown): SealedContainer {
  if (!isObject(value)) throw bad('sync');
  if (value['encryption_algorithm'] !== 'AES') throw bad('encryption_algorithm');
  const params = value['encryption_params'];
  if (
    !isObject(params) ||
    params['mode'] !== 'GCM' ||
    (params['algorithm'] !== undefined && params['algorithm'] !== 'AES')
  ) {
    throw bad('encryption_params');
  }
  const serverKey = b64Field(value, 'public_server_key', 32, 32);
  const iv = b64Field(params, 'init_vector', 12, 16);
  const tag = b64Field(params, 'tag', 16, 16);
  const ct = b64Field(value, 'container_dict_server', 1, ANSWER_MAX_BYTES);
  const sealed = new Uint8Array(ct.length + tag.length);
  sealed.set(ct, 0);
  sealed.set(tag, ct.length);
  return { serverKey, iv, sealed, policies: readPolicies(value['policies']) };
}

/** A token the server keeps in the container and the client already has. */
export interface ServerToken {
  serial: string;
  tokentype: string;
  /** HOTP: the server's counter (the next value it accepts), when sent. */
  counter: number | null;
}

/** The decrypted container: otpauth:// URIs to add, tokens kept. */
export interface ServerContainer {
  add: string[];
  update: ServerToken[];
}

const SERIAL_RE = /^[A-Za-z0-9_.-]{1,64}$/;
/** More tokens than any one person's container holds. */
export const TOKENS_MAX = 500;

/**
 * The decrypted JSON (containerclass.py synchronize_container_details, add URIs filled in):
 * {"container": {"type": "smartphone", "serial": …}, "tokens": {"add": [uri…], "update": [{…}…]}}.
 * The serial must be the container's own: an answer for another container is refused.
 */
export function readServerContainer(text: string, containerSerial: string): ServerContainer {
  if (text.length > ANSWER_MAX_BYTES) throw bad('size');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw bad('container_dict_server');
  }
  if (!isObject(parsed)) throw bad('container_dict_server');
  const container = parsed['container'];
  if (!isObject(container) || container['serial'] !== containerSerial) throw bad('container');
  const tokens = parsed['tokens'];
  if (!isObject(tokens)) throw bad('tokens');
  const add = tokens['add'] ?? [];
  const update = tokens['update'] ?? [];
  if (!Array.isArray(add) || add.length > TOKENS_MAX || !add.every((u) => typeof u === 'string' && u.length <= 4096))
    throw bad('add');
  if (!Array.isArray(update) || update.length > TOKENS_MAX) throw bad('update');
  return {
    add: add as string[],
    update: update.map((t) => {
      if (!isObject(t) || typeof t['serial'] !== 'string' || !SERIAL_RE.test(t['serial'])) throw bad('update');
      const counter = t['counter'];
      return {
        serial: t['serial'],
        tokentype: typeof t['tokentype'] === 'string' ? t['tokentype'].toLowerCase() : '',
        counter: typeof counter === 'number' && Number.isSafeInteger(counter) && counter >= 0 ? counter : null,
      };
    }),
  };
}

/** The rollover answer: a new registration QR for the next device (`container_url.value`). */
export function readRolloverAnswer(value: unknown): string {
  const url = isObject(value) && isObject(value['container_url']) ? value['container_url']['value'] : undefined;
  if (typeof url !== 'string' || !/^pia:\/\/container\//i.test(url) || url.length > 4096) throw bad('container_url');
  return url;
}

/** The terminate answer: {"success": true}. */
export function readTerminateAnswer(value: unknown): void {
  if (!isObject(value) || value['success'] !== true) throw bad('success');
}
