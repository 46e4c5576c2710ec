/**
 * The crypto that reading other apps' encrypted exports needs (src/core/importers: ImportCrypto),
 * from the modules that own it: WebCrypto for PBKDF2, AES and SHA-256 (webcrypto.ts), and
 * scrypt / Argon2id in WebAssembly run in the KDF worker (kdf.ts, argon2.ts) so a
 * seconds-long derivation does not freeze the page.
 */
import type { ImportCrypto } from '../core/importers';
import { importKdf } from './kdf';
import { aesCbcDecryptRaw, aesGcmDecryptRaw, pbkdf2Raw, sha256 } from './webcrypto';

/** The crypto for one import; aborting `signal` stops a running scrypt/Argon2id worker at once. */
export function importCryptoFor(signal?: AbortSignal): ImportCrypto {
  return {
    pbkdf2: (hash, password, salt, iterations, length) => pbkdf2Raw(hash, password, salt, iterations, length),
    scrypt: (password, salt, { N, r, p }, length) =>
      importKdf({ importKdf: 'scrypt', password, salt, N, r, p, length }, signal),
    argon2id: (password, salt, { iterations, memoryKiB, parallelism }, length) =>
      importKdf({ importKdf: 'argon2id', password, salt, iterations, memoryKiB, parallelism, length }, signal),
    aesGcmDecrypt: (key, iv, data, aad) => aesGcmDecryptRaw(key, iv, data, aad),
    aesCbcDecrypt: (key, iv, data) => aesCbcDecryptRaw(key, iv, data),
    sha256: (data) => sha256(data),
  };
}

export const importCrypto: ImportCrypto = importCryptoFor();
