/**
 * Crypto for sealed activation links (format: src/core/sealed-link.ts): Argon2id in the
 * single-use KDF worker (kdf.ts, argon2.ts; in Node, where there are no workers, on the
 * calling thread) and AES-256-GCM through WebCrypto (webcrypto.ts). Used by the add flow
 * to open a link and by the administrators' tool (scripts/make-link.mjs) to make one.
 */
import {
  CODE_RANDOM_BYTES,
  NONCE_BYTES,
  SALT_BYTES,
  codeFromRandom,
  openSealed,
  sealUri,
  sealedLink,
  type LinkCrypto,
  type LinkKdf,
  type SealedActivation,
} from '../core/sealed-link';
import { KEY_BYTES } from '../core/vault';
import { importKdf } from './kdf';
import { aesGcmDecryptRaw, aesGcmEncryptRaw, randomBytes } from './webcrypto';

export const linkCrypto: LinkCrypto = {
  argon2id: (password, salt, kdf) => importKdf({ importKdf: 'argon2id', password, salt, ...kdf, length: KEY_BYTES }),
  aesGcmEncrypt: (key, nonce, plaintext, aad) => aesGcmEncryptRaw(key, nonce, plaintext, aad),
  aesGcmDecrypt: (key, nonce, ct, aad) => aesGcmDecryptRaw(key, nonce, ct, aad),
};

/** The URI inside a sealed link, given the typed code. Errors: see openSealed. */
export function openSealedLink(sealed: SealedActivation, code: string): Promise<string> {
  return openSealed(sealed, code, linkCrypto);
}

/** A new sealed link for `uri` with a fresh random code, salt and nonce. */
export async function makeSealedLink(
  appUrl: string,
  uri: string,
  kdf?: LinkKdf,
): Promise<{ link: string; code: string }> {
  const prefix = sealedLink(appUrl, ''); // a bad app address fails before the key derivation
  const code = codeFromRandom(randomBytes(CODE_RANDOM_BYTES));
  const payload = await sealUri(
    uri,
    { code, salt: randomBytes(SALT_BYTES), nonce: randomBytes(NONCE_BYTES), ...(kdf ? { kdf } : {}) },
    linkCrypto,
  );
  return { link: prefix + payload, code };
}
