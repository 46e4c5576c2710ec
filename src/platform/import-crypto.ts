/**
 * The crypto that reading other apps' encrypted exports needs (src/core/importers: ImportCrypto),
 * from the modules that own it: WebCrypto for PBKDF2, AES and SHA-256 (webcrypto.ts), and
 * scrypt / Argon2id in WebAssembly (argon2.ts). On the page they run in the single-use KDF
 * worker (kdf.ts); inside the import worker (import-parse.ts) they run right there, since that
 * thread is already off the page and is terminated as a whole on Cancel.
 */
import type { ImportCrypto } from '../core/importers';
import { KeyslotError } from '../core/errors';
import type { ImportKdfRequest } from './argon2';
import { importKdf } from './kdf';
import { aesCbcDecryptRaw, aesGcmDecryptRaw, pbkdf2Raw, sha256 } from './webcrypto';

function withKdf(kdf: (req: ImportKdfRequest) => Promise<Uint8Array>): ImportCrypto {
  return {
    pbkdf2: (hash, password, salt, iterations, length) => pbkdf2Raw(hash, password, salt, iterations, length),
    scrypt: (password, salt, { N, r, p }, length) => kdf({ importKdf: 'scrypt', password, salt, N, r, p, length }),
    argon2id: (password, salt, { iterations, memoryKiB, parallelism }, length) =>
      kdf({ importKdf: 'argon2id', password, salt, iterations, memoryKiB, parallelism, length }),
    aesGcmDecrypt: (key, iv, data, aad) => aesGcmDecryptRaw(key, iv, data, aad),
    aesCbcDecrypt: (key, iv, data) => aesCbcDecryptRaw(key, iv, data),
    sha256: (data) => sha256(data),
  };
}

/** The crypto for one import on the page; aborting `signal` stops a running scrypt/Argon2id worker at once. */
export function importCryptoFor(signal?: AbortSignal): ImportCrypto {
  return withKdf((req) => importKdf(req, signal));
}

/** The same crypto with scrypt / Argon2id in this thread: for the import worker only. */
export function importCryptoInThisThread(): ImportCrypto {
  return withKdf(async (req) => {
    const { runImportKdfRequest } = await import('./argon2');
    // The worker-side handler re-checks the limits and wipes the password it is given (a copy).
    const res = await runImportKdfRequest({ ...req, password: Uint8Array.from(req.password) });
    if (!res.ok) throw new KeyslotError('KDF_FAILED');
    return new Uint8Array(res.key);
  });
}

export const importCrypto: ImportCrypto = importCryptoFor();
