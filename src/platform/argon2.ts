/**
 * The only module that imports hash-wasm. Runs Argon2id (RFC 9106, version 0x13) in
 * WebAssembly; in the browser it is loaded only inside kdf-worker.ts, so the ~30 KB of
 * WASM and the m KiB of working memory live (and die) with a single-use worker.
 *
 * Also scrypt (RFC 7914) and Argon2id with other apps' parameters, for reading their
 * encrypted exports (import-crypto.ts; the importer caps the parameters).
 *
 * Needs CSP script-src 'wasm-unsafe-eval' (hash-wasm compiles its embedded WASM).
 */
import { argon2id, scrypt } from 'hash-wasm';
import { KEY_BYTES, parseKdfParams, SALT_MAX_BYTES, SALT_MIN_BYTES, type Argon2idParams } from '../core/vault';
import type { Bytes } from '../core/bytes';

/** Argon2id(password, salt; m, t, p) -> `length` bytes. No secret, no associated data. */
export async function argon2idRaw(
  password: Uint8Array,
  salt: Uint8Array,
  params: Argon2idParams,
  length = KEY_BYTES,
): Promise<Bytes> {
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

/**
 * Compiles hash-wasm's Argon2 WebAssembly ahead of the real derivation (kdf.ts prepareKdf, while
 * the PIN is typed): one pass over the smallest memory it accepts, on a fixed non-secret input.
 */
export async function warmUpArgon2(): Promise<void> {
  await argon2id({
    password: 'warm-up',
    salt: 'warm-up-salt',
    iterations: 1,
    parallelism: 1,
    memorySize: 8,
    hashLength: 4,
    outputType: 'binary',
  });
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
    if (!(salt instanceof Uint8Array) || salt.length < SALT_MIN_BYTES || salt.length > SALT_MAX_BYTES)
      return { ok: false };
    const kdf = parseKdfParams(r?.kdf);
    if (kdf.name !== 'argon2id') return { ok: false };
    return { ok: true, key: await argon2idRaw(password, salt, kdf) };
  } catch {
    return { ok: false };
  } finally {
    if (password instanceof Uint8Array) password.fill(0);
  }
}

/** Key derivation for another app's encrypted export, run in the worker like the PIN's. */
export type ImportKdfRequest =
  | { importKdf: 'scrypt'; password: Uint8Array; salt: Uint8Array; N: number; r: number; p: number; length: number }
  | {
      importKdf: 'argon2id';
      password: Uint8Array;
      salt: Uint8Array;
      iterations: number;
      memoryKiB: number;
      parallelism: number;
      length: number;
    };

function whole(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

/** Worker-side handler for ImportKdfRequest. Re-checks the limits; wipes the password. */
export async function runImportKdfRequest(req: unknown): Promise<KdfResponse> {
  const r = req as Partial<Record<string, unknown>> | null;
  const password = r?.password;
  const salt = r?.salt;
  try {
    if (!(password instanceof Uint8Array) || !(salt instanceof Uint8Array) || salt.length > 1024) return { ok: false };
    if (!whole(r?.length, 16, 64)) return { ok: false };
    if (
      r?.importKdf === 'scrypt' &&
      whole(r.N, 2, 2 ** 20) &&
      whole(r.r, 1, 32) &&
      whole(r.p, 1, 16) &&
      128 * r.N * r.r <= 256 * 1024 * 1024 &&
      r.N * r.r * r.p <= 2 ** 22
    ) {
      const out = await scrypt({
        password,
        salt,
        costFactor: r.N,
        blockSize: r.r,
        parallelism: r.p,
        hashLength: r.length,
        outputType: 'binary',
      });
      return { ok: true, key: Uint8Array.from(out) };
    }
    if (
      r?.importKdf === 'argon2id' &&
      whole(r.iterations, 1, 64) &&
      whole(r.memoryKiB, 8, 256 * 1024) &&
      whole(r.parallelism, 1, 16)
    ) {
      const key = await argon2idRaw(
        password,
        salt,
        { name: 'argon2id', iterations: r.iterations, memoryKiB: r.memoryKiB, parallelism: r.parallelism },
        r.length,
      );
      return { ok: true, key };
    }
    return { ok: false };
  } catch {
    return { ok: false };
  } finally {
    if (password instanceof Uint8Array) password.fill(0);
  }
}
