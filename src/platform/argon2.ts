/**
 * The only module that imports hash-wasm. Runs Argon2id (RFC 9106, version 0x13) in
 * WebAssembly; in the browser it is loaded only inside kdf-worker.ts, so the ~30 KB of
 * WASM and the m KiB of working memory live (and die) with a single-use worker.
 *
 * Needs CSP script-src 'wasm-unsafe-eval' (hash-wasm compiles its embedded WASM).
 */
import { argon2id } from 'hash-wasm';
import { KEY_BYTES, parseKdfParams, SALT_MAX_BYTES, SALT_MIN_BYTES, type Argon2idParams } from '../core/vault-format';
import type { Bytes } from '../core/bytes';

/** Argon2id(password, salt; m, t, p) -> `length` bytes. No secret, no associated data. */
export async function argon2idRaw(password: Uint8Array, salt: Uint8Array, params: Argon2idParams, length = KEY_BYTES): Promise<Bytes> {
  const out = await argon2id({
    password,
    salt,
    iterations: params.iterations,
    parallelism: params.parallelism,
    memorySize: params.memoryKiB,
    hashLength: length,
    outputType: 'binary',
  });
  return Uint8Array.from(out);
}

/** Message the main thread posts to kdf-worker.ts. `password` is UTF-8 and is transferred. */
export interface KdfRequest {
  password: Uint8Array;
  salt: Uint8Array;
  kdf: Argon2idParams;
}

export type KdfResponse = { ok: true; key: Uint8Array } | { ok: false };

/**
 * Worker-side handler, kept here (not in kdf-worker.ts) so Node tests can run it.
 * Re-validates the request: the worker trusts nothing it is sent. Wipes the password.
 */
export async function runKdfRequest(req: unknown): Promise<KdfResponse> {
  const r = req as Partial<KdfRequest> | null;
  const password = r?.password;
  try {
    if (!(password instanceof Uint8Array) || password.length === 0) return { ok: false };
    const salt = r?.salt;
    if (!(salt instanceof Uint8Array) || salt.length < SALT_MIN_BYTES || salt.length > SALT_MAX_BYTES) return { ok: false };
    const kdf = parseKdfParams(r?.kdf);
    if (kdf.name !== 'argon2id') return { ok: false };
    return { ok: true, key: await argon2idRaw(password, salt, kdf) };
  } catch {
    return { ok: false };
  } finally {
    if (password instanceof Uint8Array) password.fill(0);
  }
}
