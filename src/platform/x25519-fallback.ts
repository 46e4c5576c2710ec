/**
 * X25519 (RFC 7748) for browsers whose WebCrypto lacks it (Chromium before 133, Firefox before
 * 130, Safari before 17): the only module that imports @noble/curves (audited, no dependencies
 * but @noble/hashes, which Keyslot already ships), loaded lazily, only then. The secret comes
 * from webcrypto.ts's CSPRNG; the shared secret goes straight into a WebCrypto AES key there.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import type { Bytes } from '../core/bytes';

/** The public key (32 bytes) of a 32-byte secret (clamped as RFC 7748 §5 says). */
export function x25519PublicKey(secret: Bytes): Bytes {
  return Uint8Array.from(x25519.getPublicKey(secret));
}

/** X25519(secret, peer): 32 bytes. Throws for an all-zero result (a low-order peer key, RFC 7748 §6.1). */
export function x25519Shared(secret: Bytes, peer: Bytes): Bytes {
  return Uint8Array.from(x25519.getSharedSecret(secret, peer));
}
