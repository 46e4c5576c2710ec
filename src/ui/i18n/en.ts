/**
 * English messages for the everyday shell: unlock, the codes, their dialogs. Words of
 * the screens seen now and then (first run, adding a slot, settings, install steps)
 * are in en-extra.ts, loaded with those screens. Japanese joins later with the same
 * keys. Placeholders are {name}.
 */
export const en = {
  'app.name': 'Keyslot',

  'pin.label': 'PIN',
  'pin.confirmLabel': 'Confirm PIN',
  'passphrase.label': 'Passphrase',
  'passphrase.confirmLabel': 'Confirm passphrase',

  'unlock.title': 'Unlock Keyslot',
  'unlock.body': 'Enter your PIN to see your codes.',
  'unlock.activation': 'Enter your PIN to add the slot from your activation link.',
  'unlock.submit': 'Unlock',
  'unlock.working': 'Unlocking…',
  'unlock.attemptsLeft.one': '{count} attempt left before a wait.',
  'unlock.attemptsLeft.other': '{count} attempts left before a wait.',
  'unlock.eraseLeft.one': 'One more wrong PIN erases all slots (Settings → Security).',
  'unlock.eraseLeft.other': '{count} more wrong PINs erase all slots (Settings → Security).',
  'unlock.unsavedAttempt':
    'Storage is full: this unlock could not be recorded. Free some space on this device — until then, each PIN try must wait at least 30 seconds.',
  'unlock.unsavedAttempt.passphrase':
    'Storage is full: this unlock could not be recorded. Free some space on this device — until then, each passphrase try must wait at least 30 seconds.',
  'unlock.wait': 'Too many wrong PINs. Try again in {time}.',
  'unlock.body.passphrase': 'Enter your passphrase to see your codes.',
  'unlock.activation.passphrase': 'Enter your passphrase to add the slot from your activation link.',
  'unlock.eraseLeft.one.passphrase': 'One more wrong passphrase erases all slots (Settings → Security).',
  'unlock.eraseLeft.other.passphrase': '{count} more wrong passphrases erase all slots (Settings → Security).',
  'unlock.wait.passphrase': 'Too many wrong passphrases. Try again in {time}.',

  'list.title': 'Your slots',
  'list.empty.title': 'No slots yet',
  'list.empty.body': 'Add the activation link or key your provider gave you, and its codes will appear here.',
  'list.add': 'Add a slot',
  'list.lock': 'Lock',
  'list.label': 'Slots',

  'slot.copyHint': 'Select to copy',
  'slot.timeLeft': 'Seconds left: {secs}',
  'slot.generate': 'Generate code',
  'slot.options': 'Options for {name}',
  'slot.delete': 'Delete',
  'slot.keepOnTop': 'Keep on top',
  'slot.keepOnTopFailed': 'This browser did not open the Keep-on-top window.',
  'pip.codeLabel': 'Code for {name}',
  'pip.secondsLeft': '{seconds} s left',
  'slot.showQr': 'Show as QR code',
  'slot.copied': 'Copied',
  'slot.copyFailed': 'Could not copy. Select the code and copy it yourself.',
  'slot.reveal': 'Show and copy code',

  'delete.title': 'Delete “{name}”?',
  'delete.body': 'It goes to the trash, where you can restore it for 30 days. After that it is gone for good.',
  'delete.confirm': 'Delete slot',
  'delete.done': 'Moved to the trash',

  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.continue': 'Continue',
  'common.close': 'Close',

  // Install, offline, updates, storage (issue 5)

  'update.label': 'Keyslot update',
  'update.available': 'Update available',
  'update.reload': 'Reload',
  'update.later': 'Later',

  'stale.title': 'Keyslot was updated in another tab',
  'stale.closedTitle': 'The browser closed Keyslot’s saved data',
  'stale.body': 'Reload to continue. Keyslot is locked in this tab until then.',
  'stale.reload': 'Reload',

  'install.button': 'Install Keyslot',

  'list.settings': 'Settings',
  'error.PIN_TOO_SHORT': 'Use at least {min} digits.',
  'error.PIN_TOO_LONG': 'Use at most {max} digits.',
  'error.PIN_NOT_DIGITS': 'Use digits only.',
  'error.PIN_TRIVIAL': 'This PIN is too easy to guess. Avoid repeated digits and runs like 123456.',
  'error.PIN_MISMATCH': 'The two PINs are not the same.',
  'error.PIN_WRONG': 'That PIN is not correct.',
  'error.PIN_WAIT': 'Too many wrong PINs. Wait {min} seconds before the next try.',
  'error.PIN_WRONG.passphrase': 'That passphrase is not correct.',
  'error.PIN_WAIT.passphrase': 'Too many wrong passphrases. Wait {min} seconds before the next try.',
  'error.VAULT_ERASED.passphrase': 'All slots were erased after 10 wrong passphrases, as set in Settings.',
  'error.KDF_FAILED.passphrase': 'Keyslot could not check your passphrase on this browser.',
  'error.PASSPHRASE_TOO_SHORT': 'Use at least {min} characters.',
  'error.PASSPHRASE_TOO_LONG': 'Use at most {max} characters.',
  'error.PASSPHRASE_TRIVIAL': 'This passphrase is too easy to guess. Use a few unrelated words or a longer sentence.',
  'error.PASSPHRASE_MISMATCH': 'The two passphrases are not the same.',
  'error.DEVICE_KEY_MISSING':
    'This browser no longer has the device key your slots are locked to, so your PIN cannot open them here. Restore your slots from a backup, or ask your provider to reissue them.',
  'error.VAULT_ERASED': 'All slots were erased after 10 wrong PINs, as set in Settings.',
  'error.VAULT_CORRUPT': 'Your saved slots are damaged and cannot be opened.',
  'error.VAULT_VERSION': 'Your slots were saved by a newer version of Keyslot. Reload to update.',
  'error.VAULT_MISSING': 'No saved slots were found on this device.',
  'error.VAULT_EXISTS': 'Keyslot is already set up on this device.',
  'error.VAULT_LOCKED': 'Keyslot is locked. Unlock it and try again.',
  'error.VAULT_CHANGED':
    'The PIN was changed in another tab. Nothing was changed here. Lock, unlock with the new PIN, and try again.',
  'error.KDF_WEAK': 'Your saved slots use security settings that are too weak to trust.',
  'error.KDF_FAILED': 'Keyslot could not check your PIN on this browser.',
  'error.PASSKEY_UNSUPPORTED': 'This browser or device cannot unlock Keyslot with a passkey. Use your PIN.',
  'error.PASSKEY_CANCELLED':
    'The passkey did not open Keyslot: it was cancelled or is no longer on this device. Use your PIN.',
  'error.PASSKEY_FAILED': 'The passkey did not work. Use your PIN.',
  'error.PASSKEY_WRONG': 'That passkey does not open Keyslot. Use your PIN.',
  'unlock.passkey': 'Unlock with passkey',
  'unlock.passkeyWorking': 'Waiting for the passkey…',
  'error.SLOT_NOT_FOUND': 'This slot no longer exists.',
  'error.SLOT_DUPLICATE': 'This slot is already in Keyslot. Nothing was added.',
  'error.STORAGE_FAILED':
    'The browser would not save your data. Check that there is free space and that this site may store data.',
  'error.STORAGE_FULL':
    'This device’s storage is full, so Keyslot could not save your change. Free some space (delete files or other apps’ data), then try again.',
  'error.STORAGE_BLOCKED':
    'Keyslot is open in another tab or window that does not let go of its data. Close the other Keyslot tabs and windows, then reload.',
  'error.unknown': 'Something went wrong. Nothing was saved.',
} as const;

export type ShellKey = keyof typeof en;
