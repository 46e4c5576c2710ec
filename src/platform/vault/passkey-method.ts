/**
 * The passkey unlock method (docs/vault.md, "Passkey method"): the data key wrapped
 * under a KEK from a WebAuthn passkey's PRF output. Opening the vault with it, adding one
 * (after the PIN gave an extractable data key) and removing it.
 */
import { KeyslotError } from '../../core/errors';
import type { Bytes } from '../../core/bytes';
import { PRF_SALT_BYTES, parseHeader, passkeyAad, type PasskeyMethod, type VaultHeader } from '../../core/vault';
import type { StoredGuardV1 } from '../../core/attempt-guard';
import type { PasskeyApi } from '../passkey';
import * as storage from '../storage';
import { randomBytes, randomId, unwrapDataKey } from '../webcrypto';
import { unchanged } from './attempts';
import { kekFromPrf } from './kek';
import { storeMethods, wrapAndProve, type ExtractableKey } from './rewrap';

/** The data key (non-extractable) opened with the stored vault's passkey; see unlockWithPasskey. */
export async function openWithPasskey(api: PasskeyApi): Promise<CryptoKey> {
  const raw = await storage.readHeader();
  if (raw === undefined) throw new KeyslotError('VAULT_MISSING');
  const header = parseHeader(raw);
  const method = header.methods.find((m): m is PasskeyMethod => m.type === 'passkey');
  if (!method) throw new KeyslotError('PASSKEY_UNSUPPORTED');
  const prf = await api.getPrf(method.credentialId, method.prfSalt, randomBytes(32));
  let kek: CryptoKey;
  try {
    kek = await kekFromPrf(prf, method);
  } finally {
    prf.fill(0);
  }
  try {
    return await unwrapDataKey(kek, method.iv, method.wrappedKey, passkeyAad(header.createdAt, method));
  } catch (e) {
    if (e instanceof KeyslotError && e.code === 'PIN_WRONG') throw new KeyslotError('PASSKEY_WRONG');
    throw e;
  }
}

/**
 * Create a passkey, wrap the data key under its PRF's KEK and store the header (any passkey
 * method already there is replaced) with `guard`, in one compare-and-swap transaction.
 * `locked` is checked before writing. If the authenticator fails, only `guard` is stored.
 */
export async function addPasskeyMethod(
  opened: { raw: unknown; header: VaultHeader },
  extractable: ExtractableKey,
  api: PasskeyApi,
  guard: (stored: unknown) => StoredGuardV1,
  requireUnlocked: () => void,
): Promise<void> {
  const { raw, header } = opened;
  const fields = { id: randomId(), type: 'passkey' as const, prfSalt: randomBytes(PRF_SALT_BYTES) };
  let created: { credentialId: Bytes; prf: Bytes };
  try {
    created = await api.createPasskey('Keyslot', randomBytes(16), fields.prfSalt, randomBytes(32));
  } catch (e) {
    extractable.key = null;
    await storage.updateGuard(guard); // the PIN was right
    throw e;
  }
  const method = { ...fields, credentialId: Uint8Array.from(created.credentialId) };
  let kek: CryptoKey;
  try {
    kek = await kekFromPrf(created.prf, method);
  } finally {
    created.prf.fill(0);
  }
  const { iv, wrappedKey } = await wrapAndProve(kek, extractable, passkeyAad(header.createdAt, method));
  requireUnlocked();
  await storeMethods(
    raw,
    header,
    [...header.methods.filter((m) => m.type !== 'passkey'), { ...method, iv, wrappedKey }],
    guard,
  );
}

/** Remove the passkey method, if any; the PIN method stays as it is. */
export async function removePasskeyMethod(requireUnlocked: () => void): Promise<void> {
  const raw = await storage.readHeader();
  if (raw === undefined) throw new KeyslotError('VAULT_MISSING');
  const header = parseHeader(raw);
  if (!header.methods.some((m) => m.type === 'passkey')) return;
  requireUnlocked();
  await storeMethods(
    raw,
    header,
    header.methods.filter((m) => m.type !== 'passkey'),
    unchanged,
  );
}
