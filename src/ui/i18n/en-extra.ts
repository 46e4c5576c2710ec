/**
 * English messages of the screens seen now and then: first run, adding a slot (scan,
 * confirm, exports, and the errors only that flow meets), settings, install steps,
 * and the web app manifest. Loaded with those screens (extra-messages.ts), so the
 * first load carries none of it.
 */
export const enExtra = {
  'add.title': 'Add a slot',
  'add.method': 'How do you want to add it?',
  'add.method.link': 'Paste a link',
  'add.method.manual': 'Enter a key',
  'add.scan': 'Scan QR code',
  'add.image': 'Choose an image',
  'add.screen': 'Scan from this screen',
  'add.imageHint': 'You can also paste or drop a screenshot of the QR code here.',
  'add.duplicate': 'This slot is already in Keyslot. Nothing was added.',
  'add.noCode': 'No QR code was found in this image. Try a sharper or closer picture.',
  'add.link.label': 'Activation link',
  'add.link.hint': 'The activation link from your provider’s page or email (otpauth://, or a Keyslot link).',
  'add.manual.issuer': 'Provider',
  'add.manual.issuerHint': 'For example: PassLogic (KEK VPN)',
  'add.manual.account': 'Account',
  'add.manual.secret': 'Secret key',
  'add.manual.secretHint': 'The letters and digits your provider shows (base32). Spaces are fine.',
  'add.manual.advanced': 'Advanced settings',
  'add.manual.type': 'Type',
  'add.manual.type.totp': 'Time-based (TOTP)',
  'add.manual.type.hotp': 'Counter-based (HOTP)',
  'add.manual.algorithm': 'Algorithm',
  'add.manual.digits': 'Digits',
  'add.manual.period': 'Period (seconds)',
  'add.manual.counter': 'Counter',

  'scan.title': 'Scan QR code',
  'scan.screenTitle': 'Scan from this screen',
  'scan.hint': 'Point your camera at the activation QR code.',
  'scan.screenHint': 'Show the QR code on this screen; Keyslot reads it from the picture you share.',
  'scan.notActivation': 'That QR code is not an activation code. Keep looking for the right one.',
  'scan.switchCamera': 'Switch camera',
  'scan.torch': 'Light',
  'scan.otherWays': 'Other ways to add',

  'reissue.title': 'You already have a slot for {name}, with a different key.',
  'reissue.body': 'Your provider has probably reissued it (a reactivation). The old slot’s codes will stop working.',
  'reissue.replace': 'Replace the old slot',
  'reissue.keep': 'Keep both',

  'migration.title': 'Choose slots to add',
  'migration.body': 'This QR code holds several slots exported from another authenticator app.',
  'migration.legend': 'Slots in this export',
  'migration.partial': '{read} of {total} QR codes read. The export continues in the next code.',
  'migration.scanNext': 'Scan the next code',
  'migration.already': 'Already in Keyslot',
  'migration.submit.one': 'Add {count} slot',
  'migration.submit.other': 'Add {count} slots',
  'migration.done.one': '{count} slot added',
  'migration.done.other': '{count} slots added',

  'confirm.title': 'Check and add',
  'confirm.body': 'This slot will be added to Keyslot on this device.',
  'confirm.name': 'Name',
  'confirm.nameHint': 'Shown in your list. You can change it later.',
  'confirm.issuer': 'Provider',
  'confirm.account': 'Account',
  'confirm.type': 'Type',
  'confirm.algorithm': 'Algorithm',
  'confirm.digits': 'Digits',
  'confirm.period': 'Period',
  'confirm.periodValue': '{seconds} seconds',
  'confirm.counter': 'Counter',
  'confirm.none': '—',
  'confirm.submit': 'Add slot',
  'confirm.done': 'Slot added',

  'import.title': 'Import from another app',
  'import.open': 'Import from another app',
  'import.body':
    'Move your codes from another authenticator app: export them there, then choose the file here. Keyslot reads the file on this device and sends it nowhere.',
  'import.formats':
    'Keyslot reads exports of Aegis, 2FAS, andOTP, FreeOTP and FreeOTP+, Bitwarden (JSON or CSV), Ente Auth, Proton Authenticator, Authenticator Pro (Stratum), Duo, Authy (its Android data file) and plain lists of otpauth:// links.',
  'import.file': 'Export file',
  'import.fileHint': 'For example an Aegis .json, a 2FAS .2fas or an andOTP backup. You can also drop the file here.',
  'import.reading': 'Reading the file…',
  'import.found': '{app} export',
  'import.foundEncrypted': '{app} export, protected with a password',
  'import.password': 'File password',
  'import.passwordHint': 'The password you chose when you exported the file in {app}. Keyslot uses it only to open this file and does not keep it.',
  'import.unlock': 'Open file',
  'import.opening': 'Opening the file…',
  'import.summary': 'In this file: {new} to import, {duplicate} already in Keyslot, {unsupported} not supported, {failed} unreadable.',
  'import.listLabel': 'Slots in this file',
  'import.will': 'Will be imported',
  'import.duplicate': 'Skipped: already in Keyslot',
  'import.duplicateInFile': 'Skipped: already in Keyslot or earlier in this file',
  'import.unsupportedType': 'Skipped: {type} codes are not supported by Keyslot',
  'import.failedReason': 'Not imported: {reason}',
  'import.submit.one': 'Import {count} slot',
  'import.submit.other': 'Import {count} slots',
  'import.importing': 'Importing…',
  'import.imported': 'Imported',
  'import.reportTitle': 'Import finished',
  'import.report': '{imported} imported, {duplicate} skipped as duplicates, {unsupported} skipped as not supported, {failed} failed.',
  'import.done': 'Import finished: {imported} imported, {skipped} skipped, {failed} failed.',
  'import.another': 'Import another file',
  'import.otherFile': 'Choose another file',
  'import.finish': 'Done',
  'import.noName': '(no name)',
  'import.format.aegis': 'Aegis',
  'import.format.2fas': '2FAS',
  'import.format.andotp': 'andOTP',
  'import.format.freeotp-plus': 'FreeOTP+',
  'import.format.freeotp': 'FreeOTP',
  'import.format.bitwarden': 'Bitwarden',
  'import.format.ente': 'Ente Auth',
  'import.format.proton': 'Proton Authenticator',
  'import.format.authy': 'Authy',
  'import.format.stratum': 'Authenticator Pro (Stratum)',
  'import.format.duo': 'Duo Mobile',
  'import.format.steam': 'Steam Guard',
  'import.format.otpauth-list': 'otpauth:// link list',

  'error.IMPORT_FORMAT':
    'Keyslot cannot read this file. Choose the export file itself (see the list of apps above), not a screenshot or a zip of it.',
  'error.IMPORT_UNSUPPORTED':
    'Keyslot does not read this kind of file (for example an app’s database, a password-protected zip, or an encrypted Bitwarden export). Export again without encryption, or as otpauth:// links, and choose that file.',
  'error.IMPORT_TOO_LARGE': 'This file is too large to be an export ({max} MB at most, 2000 slots at most).',
  'error.IMPORT_PASSWORD_NEEDED': 'This file is protected with a password. Enter the password you chose when you exported it.',
  'error.IMPORT_PASSWORD_WRONG': 'That password does not open this file. Nothing was imported. Check it and try again.',
  'error.IMPORT_DAMAGED': 'This file is damaged or incomplete. Export it again and choose the new file.',

  'error.INPUT_EMPTY': 'Enter something first.',
  'error.INPUT_TOO_LONG': 'This is far longer than any activation link ({max} characters at most).',
  'error.URI_SCHEME': 'This is not an activation link. It should start with otpauth://.',
  'error.URI_MALFORMED': 'This link is damaged or incomplete. Copy it again from your provider.',
  'error.OTP_TYPE': 'This link is for a kind of code Keyslot does not support (only totp and hotp).',
  'error.LABEL_EMPTY': 'Give the slot a provider or an account name.',
  'error.SECRET_MISSING': 'The secret key is missing.',
  'error.SECRET_INVALID': 'The secret key has characters that do not belong in a key (only A–Z and 2–7).',
  'error.SECRET_TOO_SHORT': 'The secret key is too short to be safe. Check that you copied all of it.',
  'error.SECRET_TOO_LONG': 'The secret key is far too long. Check that you copied only the key.',
  'error.ALGORITHM': 'Keyslot supports the SHA1, SHA256 and SHA512 algorithms only.',
  'error.DIGITS': 'Codes must have {min} to {max} digits.',
  'error.PERIOD': 'The period must be a whole number of seconds from {min} to {max}.',
  'error.COUNTER_MISSING': 'A counter-based slot needs its starting counter.',
  'error.COUNTER_INVALID': 'The counter must be a whole number from 0 to {max}.',
  'error.NAME_TOO_LONG': 'This name is too long ({max} characters at most).',
  'error.NOT_ACTIVATION': 'This is not an activation code. Nothing was added.',
  'error.WEB_LINK':
    'This is a link to a web page, not an activation code. Ask your provider for an otpauth QR code or a Keyslot link.',
  'error.MIGRATION_DATA':
    'This Google Authenticator export is damaged or incomplete. Export the accounts again and scan the new code.',
  'error.MIGRATION_TOO_LARGE':
    'This export holds more than Keyslot can import at once. Export fewer accounts at a time and try again.',
  'error.MIGRATION_OTHER_EXPORT':
    'This code belongs to a different export. Scan the codes of one export, or start again.',
  'error.CAMERA_DENIED':
    'Keyslot is not allowed to use the camera. Allow it for this site in the browser (the camera or lock icon next to the address, then Camera: Allow) and try again. If it is still blocked, allow the browser itself to use the camera in the system settings: iPhone and iPad: Settings, then your browser, then Camera; Android: Settings, Apps, your browser, Permissions, Camera; macOS: System Settings, Privacy & Security, Camera; Windows: Settings, Privacy & security, Camera.',
  'error.CAMERA_MISSING':
    'No camera was found. Check that a camera is connected and switched on (some laptops have a camera switch or key), or choose an image of the QR code instead.',
  'error.CAMERA_BUSY':
    'The camera is in use by another app or tab. Close the other app (for example a video call), then try again. If that does not help, restart the browser.',
  'error.CAMERA_INSECURE':
    'The browser blocks the camera and screen capture because Keyslot was not opened over a secure connection. Open Keyslot from its https:// address.',
  'error.CAMERA_FAILED':
    'The camera could not be started. Reload Keyslot and try again, or choose an image of the QR code instead.',
  'error.SCREEN_UNSUPPORTED':
    'This browser cannot capture the screen. Use a desktop browser such as Chrome, Edge or Firefox, or take a screenshot of the QR code and choose it as an image.',
  'error.SCREEN_DENIED':
    'Screen sharing did not start: it was cancelled, or the browser or system did not allow it. Try again and choose the window or screen that shows the QR code. On macOS, allow your browser in System Settings, Privacy & Security, Screen Recording.',
  'error.IMAGE_UNREADABLE':
    'This file is not an image Keyslot can read, or it is damaged. Choose a PNG or JPEG screenshot or photo of the QR code.',
  'error.IMAGE_TOO_LARGE':
    'This image is too large to read. Take a screenshot of just the QR code, or choose a smaller photo (up to 30 MB).',
  'error.QR_DECODER_FAILED':
    'The QR code reader could not start in this browser. It needs WebAssembly, which some security settings (such as Lockdown Mode) turn off. Reload Keyslot and try again, or add the slot with its activation link or key.',

  'welcome.title': 'Welcome to Keyslot',
  'welcome.body1':
    'Keyslot shows the one-time passcodes you type when you sign in to a VPN or another service, like the soft-token app your IT team may have asked you to install.',
  'welcome.body2':
    'Everything stays on this device, encrypted with a PIN you choose. Keyslot works without a network and sends nothing anywhere.',
  'welcome.start': 'Get started',

  'setup.title': 'Choose a PIN',
  'setup.body':
    'You will enter this PIN each time you open Keyslot. It is not your VPN PIN, and nobody can recover it for you.',
  'setup.rules': 'At least {min} digits. Avoid easy ones like 123456.',
  'setup.submit': 'Create PIN',
  'setup.working': 'Securing your vault…',

  'manifest.description': 'One-time passcodes for your VPN and other logins, offline, in your browser.',
  'manifest.shortcut.scan': 'Scan QR code',
  'manifest.shortcut.add': 'Add a slot',
  'manifest.screenshot.narrow': 'Your slots, each with its current code',
  'manifest.screenshot.wide': 'Keyslot on a computer: your slots and their codes',

  'install.done': 'Keyslot installed',
  'install.steps.title': 'Install Keyslot',
  'install.steps.intro':
    'Add Keyslot to your Home Screen. It then opens like an app, works with no network, and Safari keeps your slots.',
  'install.steps.share':
    'Tap the Share button (a square with an arrow pointing up): at the bottom on iPhone, at the top right on iPad.',
  'install.steps.add': 'Scroll down the list and tap “Add to Home Screen”.',
  'install.steps.confirm': 'Tap “Add”. From now on, open Keyslot from its icon.',
  'install.installed': 'You are using Keyslot installed on this device.',
  'install.unavailable': 'To install Keyslot, open your browser’s menu and look for “Install” or “Add to Home Screen”.',

  'settings.title': 'Settings',
  'settings.storage.title': 'Storage on this device',
  'settings.storage.checking': 'Checking…',
  'settings.storage.persistent': 'Kept: this browser will not delete your slots to free up space.',
  'settings.storage.notPersistent': 'Not kept for sure: this browser may delete your slots.',
  'settings.storage.unknown': 'This browser does not say whether it will keep your slots.',
  'settings.storage.why':
    'Browsers may clear a site’s data when space runs low, and Safari deletes the data of sites you have not used for 7 days unless they are on the Home Screen.',
  'settings.storage.whatToDo':
    'To keep your slots: install Keyslot on this device, and keep a backup. Backups are coming soon to Keyslot; until then, keep your providers’ activation details somewhere safe.',
  'settings.storage.ask': 'Ask the browser to keep my slots',
  'settings.storage.denied': 'The browser did not agree. Installing Keyslot usually changes that.',
  'settings.usage': 'Keyslot uses {used} of the {quota} this browser allows it.',
  'settings.usageUnknown': 'This browser does not say how much space Keyslot uses.',
  'settings.install.title': 'Install',
  'settings.install.body':
    'Installed, Keyslot opens from your home screen like any app and works with no network at all.',
  'settings.locking.title': 'Locking',
  'settings.locking.hidden': 'Lock when Keyslot is in the background',
  'settings.locking.idle': 'Lock when not used',
  'settings.locking.immediately': 'Immediately',
  'settings.locking.never': 'Never',
  'settings.locking.seconds': 'After {count} seconds',
  'settings.locking.minute': 'After 1 minute',
  'settings.locking.minutes': 'After {count} minutes',
  'settings.locking.tapToReveal': 'Tap to reveal codes',
  'settings.locking.tapToRevealHint':
    'Codes show as dots until you select one. Selecting a code shows it until it changes and copies it. Codes are always hidden while Keyslot is in the background.',
  'settings.security.title': 'Security',
  'changePin.title': 'Change PIN',
  'changePin.body': 'Your slots stay as they are; only the PIN that opens them changes.',
  'changePin.current': 'Current PIN',
  'changePin.new': 'New PIN',
  'changePin.confirm': 'Confirm new PIN',
  'changePin.submit': 'Change PIN',
  'changePin.working': 'Changing PIN…',
  'changePin.done': 'PIN changed',
  'passkey.title': 'Unlock with fingerprint, face or security key',
  'passkey.body':
    'Add a passkey to open Keyslot without typing your PIN. Your PIN keeps working and is still needed to change settings like this one.',
  'passkey.on': 'A passkey can unlock Keyslot on this device.',
  'passkey.current': 'Your PIN',
  'passkey.add': 'Add passkey',
  'passkey.adding': 'Adding passkey…',
  'passkey.added': 'Passkey added',
  'passkey.remove': 'Remove passkey',
  'passkey.removed': 'Passkey removed',
  'settings.security.attempts':
    'After 5 wrong PINs in a row, Keyslot makes you wait before the next try: 30 seconds, then twice as long after each further wrong PIN, up to an hour.',
  'settings.security.erase': 'Erase all slots after 10 wrong PINs',
  'settings.security.eraseHint':
    'Someone guessing your PIN then gets 10 tries in all. If it is you who forgets the PIN, the slots are gone too: your provider (for example your IT team) can reissue an activation, and you add it again.',
  'settings.security.eraseOn': 'Slots will be erased after 10 wrong PINs',
  'settings.security.eraseOff': 'Slots will not be erased after wrong PINs',
  'settings.about.title': 'About',
  'settings.version': 'Keyslot version {version}',

  'gone.title': 'Your slots are gone from this browser',
  'gone.body1':
    'Keyslot was set up in this browser on {date}, but its saved slots are no longer here. The browser’s storage for this site was cleared: by someone clearing browsing data, or by the browser itself to free up space or after the site went unused for a while.',
  'gone.body2':
    'Keyslot cannot bring them back, and it never sent them anywhere. To get your codes again, ask each provider (for example your IT team) to reactivate your token, then add the new activation here. Once Keyslot has backups, you will be able to restore one instead.',
  'gone.body3': 'To keep this from happening again, install Keyslot, and keep a backup once backups arrive.',
  'gone.start': 'Start fresh',
  'gone.erasedTitle': 'Your slots were erased',
  'gone.erasedBody1':
    'The PIN was entered wrongly 10 times in a row, and Keyslot was set in Settings to erase all slots when that happens. They are gone from this device; Keyslot never sent them anywhere.',
  'gone.erasedBody2':
    'To get your codes again, ask each provider (for example your IT team) to reissue your activation, then set up a new PIN and add the new activation here.',
} as const;

export type ExtraKey = keyof typeof enExtra;
