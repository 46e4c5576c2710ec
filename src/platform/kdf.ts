/**
 * PIN -> key-encryption key. Argon2id (RFC 9106) in a Web Worker when WebAssembly works;
 * PBKDF2-HMAC-SHA256 via WebCrypto otherwise (OWASP: >= 600,000 iterations).
 *
 * Parameters are validated (floors and caps, parseKdfParams) BEFORE any derivation, so a
 * tampered header can neither downgrade the PIN's protection nor hang the device.
 */
import { KeyslotError, isKeyslotError } from '../core/errors';
import { utf8Encode, type Bytes } from '../core/bytes';
import {
  DEFAULT_ARGON2,
  DEFAULT_PBKDF2,
  KEY_BYTES,
  SALT_MAX_BYTES,
  SALT_MIN_BYTES,
  parseKdfParams,
  type Argon2idParams,
  type KdfParams,
} from '../core/vault';
import { pbkdf2Sha256 } from './webcrypto';
import type { ImportKdfRequest, KdfRequest, KdfResponse } from './argon2';

/**
 * Can this page compile WebAssembly? Instantiates the smallest valid module (magic +
 * version). Under a CSP without 'wasm-unsafe-eval' this throws (CompileError/EvalError).
 */
export function wasmAvailable(): boolean {
  try {
    if (typeof WebAssembly !== 'object') return false;
    const mod = new WebAssembly.Module(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
    return new WebAssembly.Instance(mod) instanceof WebAssembly.Instance;
  } catch {
    return false;
  }
}

/** KDF parameters for a new vault: Argon2id when WebAssembly works, else PBKDF2. */
export function defaultKdf(): KdfParams {
  return wasmAvailable() ? DEFAULT_ARGON2 : DEFAULT_PBKDF2;
}

/**
 * Derive the 32-byte KEK from the PIN. The PIN is NFC-normalised and UTF-8 encoded
 * (a no-op for digits; keeps a future passphrase stable across keyboards).
 * Throws KDF_WEAK / VAULT_CORRUPT for bad params or salt (before running), KDF_FAILED if the
 * derivation itself fails. The caller imports the result and wipes it.
 */
export async function deriveKek(pin: string, kdf: KdfParams, salt: Uint8Array, signal?: AbortSignal): Promise<Bytes> {
  const params = parseKdfParams(kdf);
  if (!(salt instanceof Uint8Array) || salt.length < SALT_MIN_BYTES || salt.length > SALT_MAX_BYTES) {
    throw new KeyslotError('VAULT_CORRUPT', { field: 'salt', min: SALT_MIN_BYTES, max: SALT_MAX_BYTES });
  }
  if (typeof pin !== 'string' || pin.length === 0) throw new KeyslotError('PIN_TOO_SHORT', { field: 'pin' });
  const password = utf8Encode(pin.normalize('NFC'));
  let key: Bytes;
  try {
    key =
      params.name === 'pbkdf2-sha256'
        ? await pbkdf2Sha256(password, Uint8Array.from(salt), params.iterations)
        : await argon2id(password, Uint8Array.from(salt), params, signal);
  } catch (e) {
    if (isKeyslotError(e)) throw e;
    throw new KeyslotError('KDF_FAILED');
  } finally {
    // After a transfer to the worker the buffer is detached (length 0; fill would throw) and the worker wipes its copy.
    if (password.byteLength > 0) password.fill(0);
  }
  if (key.length !== KEY_BYTES) {
    key.fill(0);
    throw new KeyslotError('KDF_FAILED');
  }
  return key;
}

function argon2id(password: Bytes, salt: Bytes, params: Argon2idParams, signal?: AbortSignal): Promise<Bytes> {
  const req: KdfRequest = { password, salt, kdf: params };
  return inWorker(req, password, async () => (await import('./argon2')).argon2idRaw(password, salt, params), signal);
}

/**
 * scrypt or Argon2id for another app's encrypted export (import-crypto.ts), in the same
 * single-use worker: Aegis's scrypt (N = 2^15, r = 8) takes seconds on a phone. The password
 * bytes are transferred; the worker re-checks the limits.
 */
export async function importKdf(req: ImportKdfRequest, signal?: AbortSignal): Promise<Bytes> {
  const password = Uint8Array.from(req.password);
  const request = { ...req, password, salt: Uint8Array.from(req.salt) };
  try {
    return await inWorker(
      request,
      password,
      async () => {
        const res = await (await import('./argon2')).runImportKdfRequest(request);
        if (!res.ok) throw new KeyslotError('KDF_FAILED');
        return new Uint8Array(res.key);
      },
      signal,
    );
  } finally {
    if (password.byteLength > 0) password.fill(0);
  }
}

/** A worker started ahead of need (prepareKdf), used by the next request and by it only. */
let spare: Worker | null = null;

function newWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('../workers/kdf-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null; // e.g. CSP worker-src: fall back to the main thread rather than fail
  }
}

/**
 * Starts the next request's worker now, so its code loads and its WebAssembly compiles while
 * the PIN is typed rather than after Unlock is pressed. Still single use: it serves one request.
 */
export function prepareKdf(): void {
  if (spare || !wasmAvailable()) return; // PBKDF2 (no WebAssembly) runs on WebCrypto, no worker
  spare = newWorker();
  spare?.postMessage('warm-up'); // kdf-worker.ts: compile the WebAssembly, answer nothing
}

/**
 * Runs one request in a single-use kdf-worker.ts, transferring `password` (no copy stays on
 * this thread). Without workers (Node tests, a CSP that forbids them) runs `here` instead.
 * Aborting `signal` terminates the worker at once (a 256 MiB derivation stops mid-way) and
 * rejects with IMPORT_CANCELLED; without a worker the derivation finishes, then rejects.
 */
export async function inWorker(
  req: KdfRequest | ImportKdfRequest,
  password: Uint8Array,
  here: () => Promise<Bytes>,
  signal?: AbortSignal,
): Promise<Bytes> {
  if (signal?.aborted) throw new KeyslotError('IMPORT_CANCELLED');
  const worker = spare ?? newWorker();
  spare = null;
  // Node (tests) or no workers: run here. Dynamic import keeps hash-wasm out of the main bundle.
  if (!worker) {
    const key = await here();
    if (signal?.aborted) {
      key.fill(0);
      throw new KeyslotError('IMPORT_CANCELLED');
    }
    return key;
  }
  const w = worker;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<Bytes>((resolve, reject) => {
      onAbort = () => {
        w.terminate();
        reject(new KeyslotError('IMPORT_CANCELLED'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      w.onmessage = (e: MessageEvent<KdfResponse>) => {
        const res = e.data;
        if (res && res.ok === true && res.key instanceof Uint8Array) resolve(new Uint8Array(res.key as Bytes));
        else reject(new KeyslotError('KDF_FAILED'));
      };
      w.onerror = () => reject(new KeyslotError('KDF_FAILED'));
      w.onmessageerror = () => reject(new KeyslotError('KDF_FAILED'));
      w.postMessage(req, [password.buffer]);
    });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    w.terminate(); // single use: frees the worker's WASM memory (password-derived blocks)
  }
}
