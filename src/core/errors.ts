/**
 * The one error type Keyslot throws. Core code throws it with a code; the UI maps
 * the code to words from the message catalogue. A KeyslotError never carries a
 * secret, PIN or URI: only a code, and optionally the name of the offending field
 * and harmless numbers (limits) for the message.
 */
export const ERROR_CODES = [
  // otpauth:// and manual entry
  'INPUT_EMPTY',
  'INPUT_TOO_LONG',
  'URI_SCHEME',
  'URI_MALFORMED',
  'OTP_TYPE',
  'LABEL_EMPTY',
  'SECRET_MISSING',
  'SECRET_INVALID',
  'SECRET_TOO_SHORT',
  'SECRET_TOO_LONG',
  'ALGORITHM',
  'DIGITS',
  'PERIOD',
  'COUNTER_MISSING',
  'COUNTER_INVALID',
  'NAME_TOO_LONG',
  // groups, notes and icons (record version 4)
  'GROUP_INVALID',
  'GROUPS_TOO_MANY',
  // a new group: its name is in use already; no slot chosen (a group is a name on slots)
  'GROUP_EXISTS',
  'GROUP_NO_SLOTS',
  'NOTE_TOO_LONG',
  'ICON_INVALID',
  // activation: what a scanned or pasted text means; Google Authenticator exports
  'NOT_ACTIVATION',
  'WEB_LINK',
  'MIGRATION_DATA',
  'MIGRATION_TOO_LARGE',
  'MIGRATION_OTHER_EXPORT',
  // another vendor's enrollment code (vendor-links.ts): `field` names the vendor
  'VENDOR_APP',
  // privacyIDEA 2step enrollment (two-step.ts): a 2step_* parameter missing or out of bounds
  'TWO_STEP_INVALID',
  // sealed activation links (src/core/sealed-link.ts): a version this Keyslot does not read; a
  // link cut short, edited outside its ciphertext or asking for too much key-derivation work;
  // the typed activation code is not 10 code characters; the code does not open the link
  'LINK_VERSION',
  'LINK_DAMAGED',
  'LINK_CODE_INVALID',
  'LINK_CODE_WRONG',
  // files exported by other authenticator apps (src/core/importers/): not a format we read; a
  // format we recognise but do not read (SQLite, password zip, Bitwarden's encrypted export);
  // the file is bigger than any export (`max` = MiB) or has too many entries; the file is
  // encrypted and no password was given / the password does not open it; damaged inside
  'IMPORT_FORMAT',
  'IMPORT_UNSUPPORTED',
  'IMPORT_TOO_LARGE',
  'IMPORT_PASSWORD_NEEDED',
  'IMPORT_PASSWORD_WRONG',
  'IMPORT_DAMAGED',
  // the file asks for more password checks (key derivations) than any app writes (`max` = runs);
  // the person cancelled while a key derivation ran (the worker is stopped at once)
  'IMPORT_TOO_COSTLY',
  'IMPORT_CANCELLED',
  // PIN rules
  'PIN_TOO_SHORT',
  'PIN_TOO_LONG',
  'PIN_NOT_DIGITS',
  'PIN_TRIVIAL',
  'PIN_MISMATCH',
  // passphrase rules (the optional alternative to a PIN)
  'PASSPHRASE_TOO_SHORT',
  'PASSPHRASE_TOO_LONG',
  'PASSPHRASE_TRIVIAL',
  'PASSPHRASE_MISMATCH',
  // vault
  'PIN_WRONG',
  'VAULT_CORRUPT',
  'VAULT_VERSION',
  'VAULT_MISSING',
  'VAULT_EXISTS',
  'VAULT_LOCKED',
  'VAULT_CHANGED',
  'KDF_WEAK',
  // the vault's PIN method is bound to this browser's device key, and that key is not here
  // (the vault was copied from another browser, or the browser lost the key)
  'DEVICE_KEY_MISSING',
  'KDF_FAILED',
  // passkey unlock (src/platform/passkey.ts): no WebAuthn PRF here; cancelled / not allowed /
  // no matching passkey; any other authenticator failure; the passkey's key does not open the vault
  'PASSKEY_UNSUPPORTED',
  'PASSKEY_CANCELLED',
  'PASSKEY_FAILED',
  'PASSKEY_WRONG',
  // too many wrong PINs: wait before the next attempt; `min` = seconds left (rounded up)
  'PIN_WAIT',
  // the erase-after-10-wrong-PINs setting was on and the 10th wrong PIN erased every slot
  'VAULT_ERASED',
  'SLOT_NOT_FOUND',
  'SLOT_DUPLICATE',
  'STORAGE_FAILED',
  // the browser's storage for this site is full (QuotaExceededError): nothing could be saved
  'STORAGE_FULL',
  // an upgrade of the database waited too long for another tab to let go of it
  'STORAGE_BLOCKED',
  // camera, screen capture, images and the QR decoder (src/platform/camera.ts, image-input.ts, scanner.ts)
  'CAMERA_DENIED',
  'CAMERA_MISSING',
  'CAMERA_BUSY',
  'CAMERA_INSECURE',
  'CAMERA_FAILED',
  'SCREEN_UNSUPPORTED',
  'SCREEN_DENIED',
  'IMAGE_UNREADABLE',
  'IMAGE_TOO_LARGE',
  'QR_DECODER_FAILED',
  // backups (src/core/backup/, src/platform/backup.ts): the backup password's rules;
  // a file that is not a Keyslot backup, is damaged, comes from a newer Keyslot or is too big;
  // the password does not open it (or the encrypted part was changed: GCM cannot tell);
  // the file could not be written
  'BACKUP_PASSWORD_TOO_SHORT',
  'BACKUP_PASSWORD_TOO_LONG',
  'BACKUP_PASSWORD_MISMATCH',
  'BACKUP_NOT_BACKUP',
  'BACKUP_DAMAGED',
  'BACKUP_VERSION',
  'BACKUP_TOO_LARGE',
  'BACKUP_PASSWORD_WRONG',
  'BACKUP_SAVE_FAILED',
  // icon packs (src/core/icons/, src/platform/unzip.ts): not a ZIP, an unsafe or repeated
  // file name, or no usable pack.json; too big, too many files, or files that inflate far
  // beyond an icon (`max` = the ZIP size limit in MiB); more packs installed than allowed (`max`)
  'ICON_PACK_INVALID',
  'ICON_PACK_TOO_LARGE',
  'ICON_PACK_TOO_MANY',
  // privacyIDEA container registration and sync (src/core/privacyidea/, src/platform/privacyidea*.ts):
  // the registration QR is damaged (field = its parameter) / has expired / asks for a key or hash
  // algorithm Keyslot does not speak; this deployment allows no privacyIDEA server at all / not this
  // one; the server would be reached without TLS or without checking its certificate (not loopback);
  // the server could not be reached; it says: already registered, the signature or passphrase did
  // not verify, the container is not registered (any more) / does not exist, a policy forbids it,
  // something else (min = privacyIDEA's error number); its answer is damaged or hostile (field
  // says which part); the container holds no token Keyslot can show; the slot belongs to its
  // server, so its secret is never shown or exported (moving it is the server's rollover)
  'PIA_URI',
  'PIA_EXPIRED',
  'PIA_ALGORITHM',
  'PIA_NOT_CONFIGURED',
  'PIA_ORIGIN',
  'PIA_INSECURE',
  'PIA_UNREACHABLE',
  'PIA_ALREADY_REGISTERED',
  'PIA_REJECTED',
  'PIA_PASSPHRASE_WRONG',
  'PIA_NOT_REGISTERED',
  'PIA_NOT_FOUND',
  'PIA_POLICY',
  'PIA_SERVER',
  'PIA_ANSWER',
  'PIA_EMPTY',
  'PIA_MANAGED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface KeyslotErrorDetails {
  /** Which argument or form field was wrong, e.g. 'secret', 'digits'. */
  readonly field?: string;
  /** Harmless numbers for the message (limits), never user data. */
  readonly min?: number;
  readonly max?: number;
}

export class KeyslotError extends Error {
  override readonly name = 'KeyslotError';
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;

  constructor(code: ErrorCode, details: KeyslotErrorDetails = {}) {
    // The message is the code (plus field): developer-facing, and by construction free of user data.
    super(details.field ? `${code} (${details.field})` : code);
    this.code = code;
    this.field = details.field;
    this.min = details.min;
    this.max = details.max;
  }
}

export function isKeyslotError(e: unknown, code?: ErrorCode): e is KeyslotError {
  return e instanceof KeyslotError && (code === undefined || e.code === code);
}
