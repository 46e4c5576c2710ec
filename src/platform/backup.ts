/**
 * Encrypted backups (docs/backup.md): the crypto around src/core/backup/.
 *
 *   password --NFC, UTF-8--> Argon2id(salt, params) (kdf.ts, in a worker) --> AES-256-GCM key
 *   key --AES-GCM(iv, aad = backupAad(createdAt, kdf, salt))--> {"slots":[...]}
 *
 * Order: the file is parsed and checked (size, fields, KDF floors and caps) BEFORE any KDF
 * runs, so a hostile file costs no CPU; a restore decrypts and validates everything before
 * anything is written (vault.ts restoreSlots), so a wrong password or a damaged file changes nothing.
 */
import { KeyslotError } from '../core/errors';
import { base64Encode } from '../core/bytes';
import type { Slot } from '../core/slot';
import {
  BACKUP_VERSION,
  backupAad,
  encodeBackupPlaintext,
  fingerprintInput,
  serializeBackupFile,
  type BackupSlot,
} from '../core/backup';
import { SALT_BYTES, parseKdfParams, type KdfParams } from '../core/vault';
import { defaultKdf, deriveKek } from './kdf';
import { decodeBackupPlaintextOffThread, parseBackupFileOffThread } from './backup-parse';
import { importBackupKey, openBackup, randomBytes, sealBackup, sha256 } from './webcrypto';

/** Password + file parameters -> the AES-GCM key; the derived bytes are wiped once imported. */
async function backupKey(password: string, kdf: KdfParams, salt: Uint8Array, signal?: AbortSignal): Promise<CryptoKey> {
  const raw = await deriveKek(password, kdf, salt, signal);
  try {
    return await importBackupKey(raw);
  } finally {
    raw.fill(0);
    // User Timing mark: lets `npm run bench` split the KDF from the work on the slots.
    performance.mark('keyslot:backup-key-ready');
  }
}

/**
 * The text of a new backup file holding `slots` (ids left out), encrypted under `password`
 * (checked by the caller: validateBackupPassword). Fresh salt and IV every time; the KDF is
 * the vault's default (Argon2id 128 MiB, t=4; PBKDF2 where WebAssembly is blocked).
 */
export async function makeBackup(
  slots: readonly Slot[],
  password: string,
  options: { kdf?: KdfParams; nowMs?: number } = {},
): Promise<string> {
  const kdf = parseKdfParams(options.kdf ?? defaultKdf());
  const createdAt = options.nowMs ?? Date.now();
  const plaintext = encodeBackupPlaintext(slots.map(({ id: _id, ...rest }) => rest));
  try {
    const salt = randomBytes(SALT_BYTES);
    const key = await backupKey(password, kdf, salt);
    const aad = backupAad(createdAt, kdf, salt);
    const { iv, ct } = await sealBackup(key, plaintext, aad);
    return serializeBackupFile({ format: 'keyslot-backup', version: BACKUP_VERSION, createdAt, kdf, salt, iv, ct });
  } finally {
    plaintext.fill(0);
  }
}

/**
 * The slots of a backup file. BACKUP_TOO_LARGE / BACKUP_NOT_BACKUP / BACKUP_VERSION /
 * BACKUP_DAMAGED before any KDF runs; BACKUP_PASSWORD_WRONG when the password does not open
 * it (or the file was edited); BACKUP_DAMAGED when it opens but holds something Keyslot
 * would not have written.
 */
export async function readBackup(text: string, password: string, signal?: AbortSignal): Promise<BackupSlot[]> {
  // Off the main thread: a file near the 64 MiB cap took 2.2 s of JSON and base64 (issue 14).
  const file = await parseBackupFileOffThread(text);
  if (typeof password !== 'string' || password.length === 0) throw new KeyslotError('BACKUP_PASSWORD_WRONG');
  // Cancel stops the derivation's worker at once (a header at the caps runs ~50 s): IMPORT_CANCELLED.
  const key = await backupKey(password, file.kdf, file.salt, signal);
  const plaintext = await openBackup(
    key,
    file.iv,
    file.ct,
    backupAad(file.createdAt, file.kdf, file.salt, file.version),
  );
  try {
    return await decodeBackupPlaintextOffThread(plaintext, file.version);
  } finally {
    plaintext.fill(0);
  }
}

/** The reminder's fingerprint of a set of slots: base64 SHA-256 of their sorted ids. */
export async function slotsFingerprint(slots: readonly Pick<Slot, 'id'>[]): Promise<string> {
  return base64Encode(await sha256(fingerprintInput(slots.map((s) => s.id))));
}
