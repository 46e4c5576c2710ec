import { enPia } from './en-pia.ts';
import { enGroups } from './en-groups.ts';
/**
 * English messages of the screens seen now and then: first run, adding a slot (scan,
 * confirm, exports, and the errors only that flow meets), settings, install steps,
 * and the web app manifest. Loaded with those screens (extra-messages.ts), so the
 * first load carries none of it. A catalogue is read by key, not top to bottom: its length
 * is the number of sentences on those screens.
 */
export const enExtra = {
  ...enPia,
  ...enGroups,
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
  'linkCode.title': 'Enter the activation code',
  'linkCode.body':
    'This activation link is sealed: the key inside opens only with the activation code you received with it (shown beside the QR code, or sent to you separately).',
  'linkCode.label': 'Activation code',
  'linkCode.hint':
    '10 letters and digits, such as 7KQ2M-XR9TD. Capital or small letters, with or without the dash. Each try takes a moment, on purpose.',
  'linkCode.submit': 'Open link',
  'linkCode.working': 'Opening the link…',
  'linkWarning.title': 'Consider this activation link exposed',
  'linkWarning.body':
    'The link you opened held the slot’s secret in plain text, and your browser saved it in its history. Anyone who uses this browser, or its synced history, could add the same slot. Delete the link from the browser’s history now. If others use this browser or your history is synced, ask your provider for a new activation.',
  'linkWarning.howTo': 'How to delete it from the history',
  'linkWarning.chrome':
    'Chrome: menu ⋮ → History → History (Ctrl+H). Search for this site, tick the entries, then Delete. On a phone: ⋮ → History, then the ✕ or the trash icon beside each entry.',
  'linkWarning.edge':
    'Edge: menu … → History (Ctrl+H). Search for this site, then the trash icon beside each entry. On a phone: … → History, then swipe or tap to delete.',
  'linkWarning.safari':
    'Safari on iPhone or iPad: the bookmarks icon → the clock tab, then swipe left on each entry and tap Delete. On a Mac: History → Show All History, select the entries, then press Delete.',
  'linkWarning.firefox':
    'Firefox: menu ☰ → History → Manage history (Ctrl+Shift+H). Search for this site, right-click each entry, then Delete. On a phone: ⋮ → History, then the ✕ beside each entry.',
  'linkWarning.dismiss': 'I have deleted it',
  'add.manual.issuer': 'Provider',
  'add.manual.issuerHint': 'For example: PassLogic (KEK VPN)',
  'add.manual.account': 'Account',
  'add.manual.secret': 'Secret key',
  'add.manual.secretHint': 'The letters and digits your provider shows (base32). Spaces are fine.',
  'add.manual.advanced': 'Advanced settings',
  'add.manual.type': 'Type',
  'add.manual.type.totp': 'Time-based (TOTP)',
  'add.manual.type.hotp': 'Counter-based (HOTP)',
  'add.manual.type.steam': 'Steam Guard (5 characters)',
  'add.manual.steamFixed': 'Steam Guard codes are always 5 characters, every 30 seconds: there is nothing to set.',
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
  'shared.title': 'Shared from another app or website',
  'shared.body':
    'Any app or website can send a link to Keyslot this way. Add it only if you started this activation yourself.',
  'shared.replaceAsk': 'Replace the old slot…',
  'shared.replaceWarning':
    'A website could have sent this to take over {name}. After replacing, only the shared key’s codes work here. Replace only if your provider asked you to reactivate.',
  'shared.replaceConfirm': 'Yes, replace the old slot',
  'lookalike.title': 'This name looks like {name}, a slot you already have, but its letters are different.',
  'lookalike.body':
    'Some letters come from another alphabet (such as a Cyrillic “а” for a Latin “a”). Add it only if you expected a new slot from this provider; otherwise go back.',
  'mixedScripts.title': 'This name mixes letters from different alphabets.',
  'mixedScripts.body':
    'A name such as “PаyPal” with one Cyrillic letter can imitate a real provider. Check where this activation came from before you add it.',

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
  'confirm.icon': 'Use the suggested icon: {name}',
  'confirm.submit': 'Add slot',
  'confirm.done': 'Slot added',

  'import.title': 'Import from another app',
  'import.open': 'Import from another app',
  'import.body':
    'Move your codes from another authenticator app: export them there, then choose the file here. Keyslot reads the file on this device and sends it nowhere.',
  'import.formats':
    'Keyslot reads exports of Aegis, 2FAS, andOTP, FreeOTP (also FreeOTP 2’s encrypted backup) and FreeOTP+, Bitwarden (JSON or CSV), Ente Auth, Proton Authenticator, Authenticator Pro (Stratum), TOTP Authenticator, Duo, Authy and Battle.net (their Android data files) and plain lists of otpauth:// links.',
  'import.file': 'Export file',
  'import.fileHint': 'For example an Aegis .json, a 2FAS .2fas or an andOTP backup. You can also drop the file here.',
  'import.reading': 'Reading the file…',
  'import.found': '{app} export',
  'import.foundEncrypted': '{app} export, protected with a password',
  'import.password': 'File password',
  'import.passwordHint':
    'The password you chose when you exported the file in {app}. Keyslot uses it only to open this file and does not keep it.',
  'import.unlock': 'Open file',
  'import.opening': 'Opening the file…',
  'import.summary':
    'In this file: {new} to import, {duplicate} already in Keyslot, {unsupported} not supported, {failed} unreadable.',
  'import.listLabel': 'Slots in this file',
  'import.chooseLabel': 'Choose what to import',
  'import.selectAll': 'Select all',
  'import.selectNone': 'Select none',
  'import.chosen': '{chosen} of {total} chosen',
  'import.leftOut': 'Left out: not chosen',
  'import.extra.groups': 'Groups: {names}',
  'import.extra.favourite': 'Favourite',
  'import.extra.note': 'With a note',
  'import.extra.icon': 'With an icon',
  'import.extra.trashed': 'Goes to the trash (it was in the other app’s trash)',
  'import.will': 'Will be imported',
  'import.duplicate': 'Skipped: already in Keyslot',
  'import.duplicateInFile': 'Skipped: already in Keyslot or earlier in this file',
  'import.unsupportedType': 'Skipped: {type} codes are not supported by Keyslot',
  'import.failedReason': 'Not imported: {reason}',
  'import.submit.one': 'Import {count} slot',
  'import.submit.other': 'Import {count} slots',
  'import.importing': 'Importing…',
  'import.progressLabel': 'Import progress',
  'import.progress': '{done} of {total} entries done…',
  'import.imported': 'Imported',
  'import.reportTitle': 'Import finished',
  'import.report':
    '{imported} imported, {duplicate} skipped as duplicates, {unsupported} skipped as not supported, {failed} failed.',
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
  'import.format.totp-authenticator': 'TOTP Authenticator',
  'import.format.battle-net': 'Battle.net Authenticator',
  'import.format.otpauth-list': 'otpauth:// link list',

  'error.IMPORT_FORMAT':
    'Keyslot cannot read this file. Choose the export file itself (see the list of apps above), not a screenshot or a zip of it.',
  'error.IMPORT_UNSUPPORTED':
    'Keyslot does not read this kind of file (for example an app’s database, a password-protected zip, or an encrypted Bitwarden export). Export again without encryption, or as otpauth:// links, and choose that file.',
  'error.IMPORT_TOO_LARGE': 'This file is too large to be an export ({max} MB at most, 10,000 slots at most).',
  'error.IMPORT_PASSWORD_NEEDED':
    'This file is protected with a password. Enter the password you chose when you exported it.',
  'error.IMPORT_PASSWORD_WRONG': 'That password does not open this file. Nothing was imported. Check it and try again.',
  'error.IMPORT_DAMAGED': 'This file is damaged or incomplete. Export it again and choose the new file.',
  'error.IMPORT_TOO_COSTLY':
    'This file asks for far more password checks than any app writes, so Keyslot did not try them all. Export it again and choose the new file.',
  'error.IMPORT_CANCELLED': 'Stopped. Nothing was imported.',
  'import.openingTry': 'Checking the password (key {n} of at most {max})…',

  'error.INPUT_EMPTY': 'Enter something first.',
  'error.INPUT_TOO_LONG': 'This is far longer than any activation link ({max} characters at most).',
  'error.URI_SCHEME': 'This is not an activation link. It should start with otpauth://.',
  'error.URI_MALFORMED': 'This link is damaged or incomplete. Copy it again from your provider.',
  'error.VENDOR_APP':
    'This code belongs to another company’s authenticator app. Keyslot cannot use it: open it with that app, or ask your provider for a TOTP or HOTP code.',
  'error.VENDOR_APP.privacyidea-push':
    'This is a privacyIDEA push token. It works only in the privacyIDEA Authenticator app. Ask your administrator for a TOTP or HOTP token, or a smartphone container for Keyslot.',
  'error.VENDOR_APP.privacyidea-other':
    'This privacyIDEA token type (day password) works only in the privacyIDEA Authenticator app. Ask your administrator for a TOTP or HOTP token.',
  'error.VENDOR_APP.motp': 'This is an mOTP token. It needs an mOTP app; Keyslot makes TOTP and HOTP codes.',
  'error.VENDOR_APP.microsoft':
    'This is a Microsoft Authenticator activation (work or school account). It works only in Microsoft Authenticator. If your organisation allows it, choose “a different authenticator app” on the sign-in page to get a code Keyslot can add.',
  'error.VENDOR_APP.okta':
    'This is an Okta Verify activation. It works only in the Okta Verify app. If your organisation allows it, choose Google Authenticator (or another authenticator app) on the sign-in page to get a code Keyslot can add.',
  'error.VENDOR_APP.tiqr': 'This is a tiqr enrollment. It works only in the tiqr app.',
  'error.VENDOR_APP.duo':
    'This is a Duo Mobile activation. It works only in the Duo Mobile app. If your organisation allows it, add a third-party authenticator (TOTP) in Duo to get a code Keyslot can add.',
  'error.VENDOR_APP.passkey': 'This is a passkey sign-in code. Scan it with your phone’s own camera, not with Keyslot.',
  'error.TWO_STEP_INVALID':
    'This two-step enrollment code is damaged or asks for settings Keyslot does not accept. Ask your provider for a new one.',
  'twoStep.title': 'Finish on your provider’s page',
  'twoStep.body':
    'This code is set up in two steps. Type the letters below into your provider’s page where it asks for the client part, then tick the box and add the slot. Until then the codes would not work.',
  'twoStep.code': 'Your part of the key',
  'twoStep.confirm': 'I have typed these letters on my provider’s page',
  'twoStep.needConfirm': 'First type the letters on your provider’s page, then tick the box.',
  'error.OTP_TYPE': 'This link is for a kind of code Keyslot does not support (only totp and hotp).',
  'error.LABEL_EMPTY': 'Give the slot a provider or an account name.',
  'error.SECRET_MISSING': 'The secret key is missing.',
  'error.SECRET_INVALID': 'The secret key has characters that do not belong in a key (only A–Z and 2–7).',
  'error.SECRET_TOO_SHORT': 'The secret key is too short to be safe. Check that you copied all of it.',
  'error.SECRET_TOO_LONG': 'The secret key is far too long. Check that you copied only the key.',
  'error.ALGORITHM': 'Keyslot supports the SHA-1, SHA-256 and SHA-512 algorithms only.',
  'error.DIGITS': 'Codes must have {min} to {max} digits.',
  'error.PERIOD': 'The period must be a whole number of seconds from {min} to {max}.',
  'error.COUNTER_MISSING': 'A counter-based slot needs its starting counter.',
  'error.COUNTER_INVALID': 'The counter must be a whole number from 0 to {max}.',
  'error.NAME_TOO_LONG': 'This name is too long ({max} characters at most).',
  'error.GROUP_INVALID': 'A group needs a name.',
  'error.GROUPS_TOO_MANY': 'A slot can be in {max} groups at most.',
  'error.NOTE_TOO_LONG': 'This note is too long ({max} characters at most).',
  'error.ICON_INVALID': 'This picture can’t be used as an icon (PNG, WebP or JPEG, small).',
  'error.NOT_ACTIVATION': 'This is not an activation code. Nothing was added.',
  'error.WEB_LINK':
    'This is a link to a web page, not an activation code. Ask your provider for an otpauth QR code or a Keyslot link.',
  'error.MIGRATION_DATA':
    'This Google Authenticator export is damaged or incomplete. Export the accounts again and scan the new code.',
  'error.MIGRATION_TOO_LARGE':
    'This export holds more than Keyslot can import at once. Export fewer accounts at a time and try again.',
  'error.MIGRATION_OTHER_EXPORT':
    'This code belongs to a different export. Scan the codes of one export, or start again.',
  'error.LINK_VERSION':
    'This activation link was made for a newer Keyslot. Update Keyslot (reload the page), or ask your administrator for a new link.',
  'error.LINK_DAMAGED':
    'This activation link is damaged or incomplete. Open it again from the original message, or ask your administrator for a new one.',
  'error.LINK_CODE_INVALID': 'An activation code has 10 letters and digits, such as 7KQ2M-XR9TD. Check what you typed.',
  'error.LINK_CODE_WRONG':
    'That activation code does not open this link. Check the code your administrator gave you with this link and try again.',
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
  'error.BACKUP_PASSWORD_TOO_SHORT':
    'Use at least {min} characters for the backup password. A few words are easy to remember and hard to guess.',
  'error.BACKUP_PASSWORD_TOO_LONG': 'Use at most {max} characters for the backup password.',
  'error.BACKUP_PASSWORD_MISMATCH': 'The two backup passwords are not the same.',
  'error.BACKUP_NOT_BACKUP':
    'This file is not a Keyslot backup. Choose the .keyslot file Keyslot saved. Nothing was changed.',
  'error.BACKUP_DAMAGED':
    'This backup file is damaged or incomplete, so it cannot be restored. Nothing was changed. Try another copy of the backup.',
  'error.BACKUP_VERSION':
    'This backup was made by a newer version of Keyslot. Reload Keyslot to update it, then try again. Nothing was changed.',
  'error.BACKUP_TOO_LARGE': 'This file is far larger than any Keyslot backup. Nothing was changed.',
  'error.BACKUP_PASSWORD_WRONG':
    'That backup password is not correct, or the file has been changed. Nothing was restored.',
  'error.BACKUP_SAVE_FAILED':
    'The backup could not be written to its file (it may have been moved or deleted). Try again: Keyslot will ask where to save it.',
  'error.ICON_PACK_INVALID':
    'This file is not an icon pack Keyslot can use (a ZIP with a pack.json, as Aegis icon packs are). Nothing was changed.',
  'error.ICON_PACK_TOO_LARGE':
    'This icon pack is too large or unpacks to far more than icons need ({max} MB at most). Nothing was changed.',
  'error.ICON_PACK_INVALID.icons':
    'This icon pack has no icon Keyslot can use (SVG, PNG or JPEG, with nothing active inside). Nothing was changed.',
  'error.ICON_PACK_TOO_MANY': 'At most {max} icon packs can be installed. Remove one first.',
  'error.QR_DECODER_FAILED':
    'The QR code reader could not start in this browser. Reload Keyslot and try again, or add the slot with its activation link or key.',

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
  'setup.title.passphrase': 'Choose a passphrase',
  'setup.body.passphrase':
    'You will enter this passphrase each time you open Keyslot. It is not your VPN password, and nobody can recover it for you.',
  'setup.rules.passphrase': 'At least {min} characters. A few unrelated words are easy to remember and hard to guess.',
  'setup.submit.passphrase': 'Create passphrase',
  'setup.usePassphrase': 'Use a passphrase instead',
  'setup.usePin': 'Use a PIN instead',

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
  'settings.section.security': 'Security',
  'settings.section.security.summary': 'Locking, PIN, passkey, wrong PINs',
  'settings.section.backups': 'Backups',
  'settings.section.backups.summary': 'Back up, restore, export, import from another app',
  'settings.section.privacyidea': 'privacyIDEA',
  'settings.section.privacyidea.summary': 'Sync the slots your organisation manages',
  'settings.section.appearance': 'Appearance',
  'settings.section.appearance.summary': 'How dense the slot list is, and icon packs',
  'settings.section.language': 'Language',
  'settings.section.clock': 'Clock',
  'settings.section.clock.summary': 'Check the device clock against the server',
  'settings.section.storage': 'Storage',
  'settings.section.storage.summary': 'Whether this browser keeps your slots',
  'settings.section.about': 'About',
  'settings.section.about.summary': 'Install Keyslot, version',
  'settings.language.title': 'Language',
  'settings.language.label': 'Language',
  'settings.appearance.title': 'Appearance',
  'settings.appearance.density': 'Slot list',
  'settings.appearance.compact': 'Compact',
  'settings.appearance.comfortable': 'Comfortable',
  'settings.appearance.densityHint': 'Compact fits more slots on the screen; comfortable gives each one more room.',
  'settings.clock.title': 'Clock',
  'settings.clock.body':
    'Time-based codes are only right when the device clock is. Keyslot compares it with the time its own server gives whenever it is online, and keeps the last result for offline use.',
  'settings.clock.never': 'Not measured yet.',
  'settings.clock.behind': 'Last measured {when}: {seconds} s behind.',
  'settings.clock.ahead': 'Last measured {when}: {seconds} s ahead.',
  'settings.clock.ok': 'Last measured {when}: right to within {seconds} s.',
  'settings.clock.correct': 'Correct codes for the measured difference',
  'settings.clock.correctHint': 'Off unless you turn it on. Better: let your device set its time automatically.',
  'settings.clock.check': 'Check now',
  'settings.clock.checking': 'Checking…',
  'settings.storage.title': 'Storage on this device',
  'settings.storage.checking': 'Checking…',
  'settings.storage.persistent': 'Kept: this browser will not delete your slots to free up space.',
  'settings.storage.notPersistent': 'Not kept for sure: this browser may delete your slots.',
  'settings.storage.unknown': 'This browser does not say whether it will keep your slots.',
  'settings.storage.why':
    'Browsers may clear a site’s data when space runs low, and Safari deletes the data of sites you have not used for 7 days unless they are on the Home Screen.',
  'settings.storage.whatToDo':
    'To keep your slots: install Keyslot on this device, and keep a backup (Settings → Backups).',
  'settings.storage.openBackups': 'Open Backups',
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
  'changePin.title.passphrase': 'Change passphrase',
  'changePin.body.passphrase': 'Your slots stay as they are; only the passphrase that opens them changes.',
  'changePin.current.passphrase': 'Current passphrase',
  'changePin.new.passphrase': 'New passphrase',
  'changePin.confirm.passphrase': 'Confirm new passphrase',
  'changePin.submit.passphrase': 'Change passphrase',
  'changePin.working.passphrase': 'Changing passphrase…',
  'changePin.done.passphrase': 'Passphrase changed',
  'changePin.newKind': 'Unlock with',
  'changePin.kind.digits': 'A PIN (digits)',
  'changePin.kind.passphrase': 'A passphrase (any characters, longer)',
  'passkey.current.passphrase': 'Your passphrase',
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
  'backup.title': 'Backups',
  'backup.body':
    'A backup is one file with all your slots, encrypted with a backup password. Keep it off this device (a USB stick, your cloud storage). With it you get your slots back if this browser loses them, or on a new device.',
  'backup.none': 'No backup yet. Make one so you can get your slots back if this browser loses them.',
  'backup.lastFile': 'Last backup: {date}, saved to the file {file}.',
  'backup.lastDownload': 'Last backup: {date}, saved to your downloads as {file}.',
  'backup.changed': 'Slots changed since your last backup. Back up again to include them.',
  'backup.upToDate': 'Your backup has all your slots.',
  'backup.empty': 'Add a slot first: there is nothing to back up yet.',
  'backup.password': 'Backup password',
  'backup.confirm': 'Confirm backup password',
  'backup.passwordHint':
    'At least 8 characters. It can differ from your PIN, and should: the file may travel far. Keyslot cannot recover it: without it, nobody can open the backup, you included.',
  'backup.passwordHint.passphrase':
    'At least 8 characters. Use another one than the passphrase that opens Keyslot: the file may travel far. Keyslot cannot recover it: without it, nobody can open the backup, you included.',
  'backup.submit': 'Save encrypted copy',
  'backup.working': 'Saving encrypted copy…',
  'backup.done': 'Backup saved',
  'backup.notSaved': 'Not saved: no file was chosen. Press Save encrypted copy again to choose one.',
  'backup.fileType': 'Keyslot backup',
  'restore.title': 'Restore from a backup',
  'restore.body':
    'Choose a .keyslot backup file and type its password. Your slots here stay; a slot that is already here is skipped, and you choose when a backup slot differs from one here.',
  'restore.file': 'File to restore',
  'restore.password': 'Password of the backup',
  'restore.submit': 'Restore',
  'restore.working': 'Opening the backup…',
  'restore.stop': 'Stop',
  'restore.stopped': 'Stopped. Nothing was restored.',
  'restore.conflicts': 'These slots are already here with a different key. Choose what to keep:',
  'restore.keep': 'Keep the slot here',
  'restore.replace': 'Replace it with the backup’s',
  'restore.both': 'Keep both',
  'restore.finish': 'Finish restore',
  'restore.cancel': 'Cancel restore',
  'restore.noFile': 'Choose the backup file first.',
  'restore.done': 'Restore finished',
  'restore.summary': 'Restore finished: {added} added, {skipped} skipped (already here), {replaced} replaced.',
  'export.title': 'Export as plain text',
  'export.warning':
    'The export is NOT encrypted: anyone who gets the file can make your codes. Use it only to move your slots to another app, and delete the file afterwards. Names you gave slots in Keyslot are not included.',
  'export.pin': 'Your PIN',
  'export.pin.passphrase': 'Your passphrase',
  'export.submit': 'Export as plain text',
  'export.working': 'Checking…',
  'export.done': 'Plain-text export downloaded',
  'qr.title': 'Move {name} to another device',
  'qr.pinBody': 'Enter your PIN to show this slot’s QR code. Anyone who scans it can make this slot’s codes.',
  'qr.pin': 'Your PIN',
  'qr.pin.passphrase': 'Your passphrase',
  'qr.pinBody.passphrase':
    'Enter your passphrase to show this slot’s QR code. Anyone who scans it can make this slot’s codes.',
  'qr.show': 'Show QR code',
  'qr.working': 'Checking…',
  'qr.image': 'QR code for {name}',
  'qr.hint': 'Scan it with the authenticator app on the other device.',
  'qr.limit':
    'Some providers allow a slot on only a limited number of devices (for example at most 2), or stop the codes on the old device once it is added elsewhere. Check with your provider before keeping it on both.',
  'qr.close': 'Close',
  'settings.about.title': 'About',
  'settings.version': 'Keyslot version {version}',

  'gone.title': 'Your slots are gone from this browser',
  'gone.body1':
    'Keyslot was set up in this browser on {date}, but its saved slots are no longer here. The browser’s storage for this site was cleared: by someone clearing browsing data, or by the browser itself to free up space or after the site went unused for a while.',
  'gone.body2':
    'Keyslot cannot bring them back, and it never sent them anywhere. To get your codes again, ask each provider (for example your IT team) to reactivate your token, then add the new activation here. If you have a Keyslot backup, set up a PIN and restore it instead (Settings, Restore from a backup).',
  'gone.body3': 'To keep this from happening again, install Keyslot, and keep a backup (Settings, Backups).',
  'gone.start': 'Start fresh',
  'gone.erasedTitle': 'Your slots were erased',
  'gone.erasedBody1':
    'The PIN was entered wrongly 10 times in a row, and Keyslot was set in Settings to erase all slots when that happens. They are gone from this device; Keyslot never sent them anywhere.',
  'gone.erasedBody2':
    'To get your codes again, ask each provider (for example your IT team) to reissue your activation, then set up a new PIN and add the new activation here.',
} as const;

export type ExtraKey = keyof typeof enExtra;
