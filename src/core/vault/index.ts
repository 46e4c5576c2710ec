/**
 * The Keyslot vault format, versions 1 to 3 (2 adds the passkey method; 3 adds the passphrase
 * choice and the device-bound key to the PIN method). Pure on purpose: no DOM, no crypto
 * calls, no clock, no randomness (those come in as arguments from src/platform). The design
 * follows Aegis's vault (random master key wrapped once per unlock method, versioned), see
 * docs/vault.md.
 *
 * Words: a "slot" is an OTP credential; an "unlock method" is one wrapped copy of the data
 * key (Aegis and LUKS call those slots; we do not, to keep "slot" for what the user sees).
 *
 *   limits.ts      names, versions, sizes        fields.ts   strict field readers
 *   kdf-params.ts  KDF floors, caps, defaults    header.ts   the header and its methods
 *   record.ts      a slot record                 aad.ts      AES-GCM associated data
 *   slot-codec.ts  a slot's plaintext            migrate.ts  reading old versions
 *   first-screen.ts  which slots unlock shows first (an encrypted hint)
 */
export * from './limits';
export { isValidId } from './fields';
export * from './kdf-params';
export * from './header';
export * from './record';
export { migrateHeader, migrateRecord, migrateSlotPlaintext } from './migrate';
export * from './aad';
export * from './slot-codec';
export * from './first-screen';
