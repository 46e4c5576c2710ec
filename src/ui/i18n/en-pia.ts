/**
 * English words of privacyIDEA-managed slots: registration, sync, withdrawn slots, moving to a
 * new device, unregistering, and their errors. Part of the extra screens' catalogue (en-extra.ts).
 */
export const enPia = {
  'error.PIA_URI': 'This privacyIDEA registration code is damaged or incomplete. Ask for a new one.',
  'error.PIA_EXPIRED':
    'This registration code has expired. Ask for a new one (on privacyIDEA’s page, or from your administrator).',
  'error.PIA_ALGORITHM': 'This registration code asks for a key or hash algorithm that Keyslot does not support.',
  'error.PIA_NOT_CONFIGURED':
    'This Keyslot is not set up to talk to any privacyIDEA server. Administrator: list the server’s origin in KEYSLOT_PRIVACYIDEA_ORIGINS when you deploy Keyslot.',
  'error.PIA_ORIGIN':
    'This Keyslot is not allowed to talk to the privacyIDEA server in this code. Ask your administrator to allow it.',
  'error.PIA_INSECURE':
    'This code would have Keyslot talk to its server without a verified secure connection (plain http, or certificate checks turned off). Keyslot refuses that.',
  'error.PIA_UNREACHABLE': 'The privacyIDEA server could not be reached. Check your connection and try again.',
  'error.PIA_ALREADY_REGISTERED': 'This container is already registered to a device. Ask for a new registration code.',
  'error.PIA_REJECTED':
    'The privacyIDEA server did not accept this device’s signature. The code may have expired: ask for a new one.',
  'error.PIA_PASSPHRASE_WRONG': 'The server did not accept your answer to its question. Check it and try again.',
  'error.PIA_NOT_REGISTERED': 'This container is no longer registered on the privacyIDEA server.',
  'error.PIA_NOT_FOUND': 'The privacyIDEA server does not know this container.',
  'error.PIA_POLICY': 'The privacyIDEA server’s policy does not allow this.',
  'error.PIA_SERVER': 'The privacyIDEA server reported an error. Try again later.',
  'error.PIA_ANSWER': 'The privacyIDEA server’s answer was damaged or not what Keyslot expects. Nothing was changed.',
  'error.PIA_MANAGED':
    'This slot belongs to its privacyIDEA server: its secret stays on this device and is never shown or exported. To use it on another phone, choose “Move to a new device”.',
  'error.PIA_EMPTY':
    'This container holds no token Keyslot can show, so nothing was added. Ask your administrator to add a TOTP or HOTP token.',

  'pia.title': 'Register this device with privacyIDEA',
  'pia.intro': 'An organisation wants to give this device its one-time codes. Check who is asking:',
  'pia.issuer': 'Issued by',
  'pia.container': 'Container',
  'pia.server': 'Server',
  'pia.expires': 'Code valid until',
  'pia.contact':
    'When you continue, Keyslot contacts this server. Later it contacts it only when you sync, move or delete these slots.',
  'pia.answer': 'Your answer',
  'pia.working': 'Registering with the server…',
  'pia.added.one': 'Slot added: {count} slot from {issuer}',
  'pia.added.other': 'Slot added: {count} slots from {issuer}',
  'pia.skipped.one': '{count} token needs another app and was not added.',
  'pia.skipped.other': '{count} tokens need another app and were not added.',

  'pia.sync': 'Sync with {issuer}',
  'pia.syncing': 'Syncing…',
  'pia.synced': 'Synced with {issuer}: up to date.',
  'pia.syncedAdded.one': 'Synced with {issuer}: {count} new slot.',
  'pia.syncedAdded.other': 'Synced with {issuer}: {count} new slots.',
  'pia.withdrawn': 'Withdrawn by {issuer}',
  'pia.withdrawn.unregistered':
    'This device is no longer registered for these codes, so Keyslot shows none. Delete the slot when you no longer need it.',
  'pia.withdrawn.moved':
    'These codes were moved to another device, so Keyslot shows none here. Delete the slot when you no longer need it.',
  'pia.withdrawn.removed':
    'This token was taken out of your container, so Keyslot shows no codes for it. Delete the slot when you no longer need it.',
  'pia.move': 'Move to a new device',
  'pia.move.title': 'Move to a new device',
  'pia.move.body':
    'Open Keyslot on the new device and scan this code. Once the new device is registered, the codes on this device stop working.',
  'pia.move.working': 'Asking the server for a code…',
  'pia.remove': 'Delete and unregister',
  'pia.remove.title': 'Delete the slots of {issuer}?',
  'pia.remove.body.one':
    'This deletes {count} slot of container {container} and tells {issuer} that this device no longer holds it.',
  'pia.remove.body.other':
    'This deletes {count} slots of container {container} and tells {issuer} that this device no longer holds them.',
  'pia.removed.unregistered': 'Deleted. This device is no longer registered with the server.',
  'pia.removed.unreachable':
    'Deleted on this device. The server could not be reached, so it still lists this device: tell your administrator.',
  'pia.removed.forbidden':
    'Deleted on this device. The server’s policy does not let Keyslot unregister: your administrator can do it.',
  'pia.removed.local': 'Deleted.',
  'pia.settings.title': 'privacyIDEA',
  'pia.settings.body': 'Slots managed by a privacyIDEA server get new and changed tokens when you sync.',
  'pia.settings.syncAll': 'Sync now',
  'pia.settings.syncAtUnlock': 'Sync when I unlock and am online',
} as const;
