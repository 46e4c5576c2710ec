/**
 * The Keyslot backup file (`.keyslot`), version 2: the file and its password (file.ts), the
 * plaintext inside it (plaintext.ts), the merge plan for a restore and the plain-text export
 * (restore.ts), the note about the last backup (note.ts), and parsing as plain data for a
 * worker (parse.ts). docs/backup.md documents the format so a backup can be opened
 * without Keyslot.
 *
 *   password --NFC, UTF-8--> Argon2id(salt, params) --> 32-byte key
 *   key --AES-256-GCM(iv, aad = backupAad(...))--> {"slots":[...]} (compact JSON, UTF-8)
 *
 * Modelled on the vault format (core/vault/): the same KDF parameters with the same
 * floors and caps, a random salt, a fresh 96-bit IV, the full 128-bit tag, and every header
 * field bound into the AAD, so editing any of them makes the file fail to open. Unlike the
 * vault there is no wrapped data key: a backup is written once, read once, and has one
 * password, so the password's key encrypts the slots directly.
 *
 * Pure on purpose: no crypto calls, no clock, no randomness (src/platform/backup.ts brings them).
 * Errors carry a code and a field name only: never the password, a secret, a name or a URI.
 */
export * from './file';
export * from './plaintext';
export * from './restore';
export * from './note';
