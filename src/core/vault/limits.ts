/**
 * The vault format's names, versions and sizes: what every other module of core/vault/ checks
 * against. Sources for each number are beside it (NIST SP 800-38D for AES-GCM, RFC 9106 for
 * salts, WebAuthn L3 for credential ids). Format described in docs/vault.md.
 */
export const VAULT_FORMAT = 'keyslot-vault';
/**
 * Newest header version this code reads. Version 2 adds the passkey unlock method; version 3
 * adds, per PIN method, what the person types (digits or a passphrase) and whether the KEK is
 * bound to this browser's device key. A header is written as the lowest version its methods
 * need (headerVersionFor), so a vault that needs nothing new stays readable by older code.
 */
export const VAULT_FORMAT_VERSION = 3;
/** What unlocks a PIN method: a PIN of digits, or a passphrase (v3). */
export type SecretInput = 'digits' | 'passphrase';
/** HMAC-SHA-256 output, the device-bound KEK (RFC 2104; 32 bytes). */
export const DEVICE_MAC_BYTES = 32;
/** PRF salt of a passkey method (the WebAuthn PRF input, also the HKDF salt): 32 random bytes. */
export const PRF_SALT_BYTES = 32;
/** PRF output: 32 bytes (WebAuthn PRF is HMAC-SHA-256 based). */
export const PRF_BYTES = 32;
/** A WebAuthn credential id is at most 1023 bytes (WebAuthn L3 §5.1 credential id). */
export const CREDENTIAL_ID_MAX_BYTES = 1023;
/**
 * Slot record version this code writes and the newest it reads. Version 2 adds the organise
 * fields to the plaintext (favourite, position, lastUsedAt, deletedAt); the record around it
 * is unchanged, and its AAD binds the version, so a v1 record is read with the v1 rule.
 */
export const RECORD_VERSION = 4;

/** AES-GCM IV: 96 bits, the length NIST SP 800-38D §5.2.1.1 / §8.2.2 recommends for random IVs. */
export const IV_BYTES = 12;
/** AES-GCM tag: the full 128 bits (SP 800-38D §5.2.1.2; shorter tags weaken forgery bounds). */
export const TAG_BYTES = 16;
/** Data key and KEK: AES-256. */
export const KEY_BYTES = 32;
/** A 32-byte key wrapped with AES-GCM is ciphertext (32) + tag (16). */
export const WRAPPED_KEY_BYTES = KEY_BYTES + TAG_BYTES;
/** RFC 9106 §3.1: 128-bit salt is enough for all applications; we write 16 and accept 16..64. */
export const SALT_MIN_BYTES = 16;
export const SALT_MAX_BYTES = 64;
export const SALT_BYTES = 16;
/** Ids (slot ids, method ids): 128 random bits as lower-case hex. */
export const ID_BYTES = 16;
export const ID_RE = /^[0-9a-f]{32}$/;
/** A slot's ciphertext: tag plus a small JSON. 64 KiB is far above any legal slot. */
export const RECORD_CT_MAX_BYTES = 65_536;
/** Unlock methods per vault: one today (PIN); room for a few more (e.g. a passkey). */
export const METHODS_MAX = 8;
