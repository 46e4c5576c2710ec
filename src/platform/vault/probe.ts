/**
 * What the unlock screen asks about the stored vault before anyone types: is there one, what
 * its PIN method expects (digits or a passphrase), does it have a passkey. Only the header's
 * reader and storage: the rest of the vault (records, slot codec, KDF) loads while the PIN is
 * typed, so the unlock screen's first load stays small (issue 16's budget before interaction).
 */
import { parseHeader, type PinMethod } from '../../core/vault/header';
import type { SecretInput } from '../../core/vault/limits';
import * as storage from '../storage';

/** True when a vault header is stored (the app shows "unlock" rather than "set up"). */
export async function hasVault(): Promise<boolean> {
  return (await storage.readHeader()) !== undefined;
}

/** What the stored vault's PIN method expects to be typed ('digits' when there is no vault). */
export async function secretInput(): Promise<SecretInput> {
  try {
    const raw = await storage.readHeader();
    if (raw === undefined) return 'digits';
    return parseHeader(raw).methods.find((m): m is PinMethod => m.type === 'pin')?.input ?? 'digits';
  } catch {
    return 'digits'; // a damaged header shows itself when unlocking
  }
}

/** True when the stored vault has a passkey unlock method (the unlock screen shows its button). */
export async function hasPasskey(): Promise<boolean> {
  try {
    const raw = await storage.readHeader();
    return raw !== undefined && parseHeader(raw).methods.some((m) => m.type === 'passkey');
  } catch {
    return false; // a damaged header shows itself when unlocking with the PIN
  }
}
