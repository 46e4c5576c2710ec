/**
 * KDF parameters of a PIN method (and of backups, which share them): Argon2id (RFC 9106) or
 * PBKDF2-HMAC-SHA256 (RFC 8018), with the floors a stored header may not go below (KDF_WEAK),
 * the caps it may not go above (VAULT_CORRUPT) and the defaults for new vaults.
 */
import { KeyslotError } from '../errors';
import { corrupt, expectKeys, isPlainObject, readInt } from './fields';

export interface Argon2idParams {
  readonly name: 'argon2id';
  /** m, in KiB (RFC 9106 §3.1). */
  readonly memoryKiB: number;
  /** t, passes over memory. */
  readonly iterations: number;
  /** p, lanes. */
  readonly parallelism: number;
}

export interface Pbkdf2Params {
  readonly name: 'pbkdf2-sha256';
  readonly iterations: number;
}

export type KdfParams = Argon2idParams | Pbkdf2Params;

/**
 * Floors: OWASP Password Storage Cheat Sheet minimums (Argon2id m=19 MiB, t=2, p=1;
 * PBKDF2-HMAC-SHA256 600,000 iterations). A vault below them is refused with KDF_WEAK,
 * so a tampered header can't downgrade the PIN's protection.
 */
export const ARGON2_FLOOR: Argon2idParams = { name: 'argon2id', memoryKiB: 19_456, iterations: 2, parallelism: 1 };
export const PBKDF2_FLOOR: Pbkdf2Params = { name: 'pbkdf2-sha256', iterations: 600_000 };

/**
 * Caps: no honest writer goes above these, and a hostile header must not make the device
 * allocate gigabytes or spin for minutes. Above a cap is VAULT_CORRUPT (the header is not
 * something Keyslot wrote), below a floor is KDF_WEAK.
 */
export const ARGON2_CAP = { memoryKiB: 1_048_576, iterations: 20, parallelism: 16 } as const;
export const PBKDF2_CAP = { iterations: 10_000_000 } as const;

/**
 * Default for new vaults: ~0.7 s median in a Chromium worker on the 2-core reference
 * machine (measurements in docs/vault.md, "KDF parameters"). p=1 because hash-wasm runs one thread:
 * more lanes would cost us time without costing a parallel attacker any.
 */
export const DEFAULT_ARGON2: Argon2idParams = { name: 'argon2id', memoryKiB: 131_072, iterations: 4, parallelism: 1 };
/** Fallback when WebAssembly is unavailable (e.g. CSP without 'wasm-unsafe-eval'). */
export const PBKDF2_ITERATIONS = 600_000;
export const DEFAULT_PBKDF2: Pbkdf2Params = { name: 'pbkdf2-sha256', iterations: PBKDF2_ITERATIONS };

/**
 * Validate KDF parameters from an untrusted source (a stored header, or options).
 * Shape errors and values above the caps: VAULT_CORRUPT. Below the floors: KDF_WEAK.
 * Called before any derivation runs, so a hostile header costs no CPU.
 */
export function parseKdfParams(raw: unknown): KdfParams {
  if (!isPlainObject(raw)) throw corrupt('kdf');
  if (raw['name'] === 'argon2id') {
    expectKeys(raw, ['name', 'memoryKiB', 'iterations', 'parallelism'], 'kdf');
    const memoryKiB = readInt(raw['memoryKiB'], 'kdf.memoryKiB', 0, ARGON2_CAP.memoryKiB);
    const iterations = readInt(raw['iterations'], 'kdf.iterations', 0, ARGON2_CAP.iterations);
    const parallelism = readInt(raw['parallelism'], 'kdf.parallelism', 0, ARGON2_CAP.parallelism);
    if (memoryKiB < ARGON2_FLOOR.memoryKiB) {
      throw new KeyslotError('KDF_WEAK', { field: 'kdf.memoryKiB', min: ARGON2_FLOOR.memoryKiB });
    }
    if (iterations < ARGON2_FLOOR.iterations) {
      throw new KeyslotError('KDF_WEAK', { field: 'kdf.iterations', min: ARGON2_FLOOR.iterations });
    }
    if (parallelism < ARGON2_FLOOR.parallelism) {
      throw new KeyslotError('KDF_WEAK', { field: 'kdf.parallelism', min: ARGON2_FLOOR.parallelism });
    }
    // RFC 9106 §3.1: m >= 8p. Implied by the floor and cap today; kept for when they move.
    if (memoryKiB < 8 * parallelism) throw corrupt('kdf.memoryKiB');
    return { name: 'argon2id', memoryKiB, iterations, parallelism };
  }
  if (raw['name'] === 'pbkdf2-sha256') {
    expectKeys(raw, ['name', 'iterations'], 'kdf');
    const iterations = readInt(raw['iterations'], 'kdf.iterations', 0, PBKDF2_CAP.iterations);
    if (iterations < PBKDF2_FLOOR.iterations) {
      throw new KeyslotError('KDF_WEAK', { field: 'kdf.iterations', min: PBKDF2_FLOOR.iterations });
    }
    return { name: 'pbkdf2-sha256', iterations };
  }
  throw corrupt('kdf.name');
}
