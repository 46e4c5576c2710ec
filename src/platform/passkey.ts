/**
 * The only module that talks to WebAuthn (navigator.credentials, PublicKeyCredential).
 *
 * Keyslot uses a passkey only for its PRF extension (WebAuthn L3 §10.1.4): the authenticator
 * returns 32 bytes that depend on the credential and on a salt we send, after verifying the
 * user (fingerprint, face, device PIN). vault.ts turns those bytes into a key with HKDF.
 * Nothing is sent to a server: the challenge is random and never checked, since the security
 * comes from the PRF output, not from an assertion signature.
 *
 * Errors: PASSKEY_UNSUPPORTED (no WebAuthn, or the authenticator has no PRF),
 * PASSKEY_CANCELLED (NotAllowedError: the person cancelled, timed out, or no matching passkey),
 * PASSKEY_FAILED (anything else).
 */
import { KeyslotError } from '../core/errors';
import { PRF_BYTES } from '../core/vault/limits';
import type { Bytes } from '../core/bytes';

/**
 * What vault.ts needs from WebAuthn; tests pass a fake. `challenge` is fresh random bytes from the
 * caller (no server checks it here; WebAuthn requires one). Randomness comes in as an argument, so
 * this module needs no WebCrypto and stays in the small chunk the unlock screen loads first
 * (prfSupported), while WebCrypto's module loads with the rest of the vault.
 */
export interface PasskeyApi {
  /** Create a passkey and read its PRF output for `salt`. */
  createPasskey(
    rpName: string,
    userHandle: Bytes,
    salt: Bytes,
    challenge: Bytes,
  ): Promise<{ credentialId: Bytes; prf: Bytes }>;
  /** The PRF output of the passkey `credentialId` for `salt` (asks for user verification). */
  getPrf(credentialId: Bytes, salt: Bytes, challenge: Bytes): Promise<Bytes>;
}

interface PrfResults {
  enabled?: boolean;
  results?: { first?: BufferSource };
}

function hasWebAuthn(): boolean {
  return (
    typeof globalThis.PublicKeyCredential === 'function' && typeof navigator !== 'undefined' && !!navigator.credentials
  );
}

/**
 * Whether passkey unlock may work here. Where the browser reports its capabilities
 * (getClientCapabilities), its 'extension:prf' answer; elsewhere "maybe" (true), and
 * createPasskey finds out for sure (PASSKEY_UNSUPPORTED).
 */
export async function prfSupported(): Promise<boolean> {
  if (!hasWebAuthn()) return false;
  const pkc = globalThis.PublicKeyCredential as unknown as {
    getClientCapabilities?: () => Promise<Record<string, boolean>>;
  };
  if (typeof pkc.getClientCapabilities !== 'function') return true;
  try {
    const caps = await pkc.getClientCapabilities();
    return caps['extension:prf'] !== false;
  } catch {
    return true;
  }
}

function mapError(e: unknown): KeyslotError {
  if (e instanceof KeyslotError) return e;
  if (e instanceof DOMException && e.name === 'NotAllowedError') return new KeyslotError('PASSKEY_CANCELLED');
  if (e instanceof DOMException && e.name === 'NotSupportedError') return new KeyslotError('PASSKEY_UNSUPPORTED');
  return new KeyslotError('PASSKEY_FAILED');
}

function prfFirst(cred: PublicKeyCredential): Bytes | null {
  const prf = (cred.getClientExtensionResults() as { prf?: PrfResults }).prf;
  const first = prf?.results?.first;
  if (!first) return null;
  const bytes =
    first instanceof ArrayBuffer
      ? new Uint8Array(first)
      : new Uint8Array(first.buffer, first.byteOffset, first.byteLength);
  if (bytes.length !== PRF_BYTES) throw new KeyslotError('PASSKEY_FAILED');
  return Uint8Array.from(bytes);
}

export async function getPrf(credentialId: Bytes, salt: Bytes, challenge: Bytes): Promise<Bytes> {
  if (!hasWebAuthn()) throw new KeyslotError('PASSKEY_UNSUPPORTED');
  let cred: Credential | null;
  try {
    cred = await navigator.credentials.get({
      publicKey: {
        challenge,
        rpId: location.hostname,
        allowCredentials: [{ id: credentialId, type: 'public-key' }],
        userVerification: 'required',
        timeout: 120_000,
        extensions: { prf: { eval: { first: salt } } } as AuthenticationExtensionsClientInputs,
      },
    });
  } catch (e) {
    throw mapError(e);
  }
  if (!(cred instanceof PublicKeyCredential)) throw new KeyslotError('PASSKEY_FAILED');
  const prf = prfFirst(cred);
  if (!prf) throw new KeyslotError('PASSKEY_UNSUPPORTED');
  return prf;
}

export async function createPasskey(
  rpName: string,
  userHandle: Bytes,
  salt: Bytes,
  challenge: Bytes,
): Promise<{ credentialId: Bytes; prf: Bytes }> {
  if (!hasWebAuthn()) throw new KeyslotError('PASSKEY_UNSUPPORTED');
  let cred: Credential | null;
  try {
    cred = await navigator.credentials.create({
      publicKey: {
        challenge,
        rp: { id: location.hostname, name: rpName },
        user: { id: userHandle, name: rpName, displayName: rpName },
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
        timeout: 120_000,
        extensions: { prf: { eval: { first: salt } } } as AuthenticationExtensionsClientInputs,
      },
    });
  } catch (e) {
    throw mapError(e);
  }
  if (!(cred instanceof PublicKeyCredential)) throw new KeyslotError('PASSKEY_FAILED');
  const prfExt = (cred.getClientExtensionResults() as { prf?: PrfResults }).prf;
  if (prfExt?.enabled === false) throw new KeyslotError('PASSKEY_UNSUPPORTED');
  const credentialId = new Uint8Array(cred.rawId.slice(0));
  // Many authenticators evaluate the PRF only on get(): ask once more right away (with the same
  // challenge: nothing verifies it, and the ceremony is one user action).
  const prf = prfFirst(cred) ?? (await getPrf(credentialId, salt, challenge));
  return { credentialId, prf };
}

export const webAuthnPasskeys: PasskeyApi = { createPasskey, getPrf };
