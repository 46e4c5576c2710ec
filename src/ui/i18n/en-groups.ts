/**
 * English words of Settings → Groups (create, rename, merge, delete), of the export to Google
 * Authenticator (Settings → Backups) and of the import report's icon-pack suggestions. Part of
 * the extra screens' catalogue (en-extra.ts).
 */
export const enGroups = {
  'settings.section.groups': 'Groups',
  'settings.section.groups.summary': 'Create, rename or delete the groups of your slots',
  'groups.admin.title': 'Your groups',
  'groups.admin.body':
    'A slot can be in several groups; make a new group here, or put a slot in one from its Details. Renaming or deleting a group here changes every slot in it. Deleting a group never deletes a slot.',
  'groups.admin.none': 'No groups yet. Make one with New group, or from a slot’s Details.',
  'groups.create.open': 'New group',
  'groups.create.title': 'New group',
  'groups.create.name': 'Group name',
  'groups.create.slots': 'Slots in this group',
  'groups.create.slotsHint':
    'A group is a label on slots, so it needs at least one. You can add or remove slots later from each slot’s Details.',
  'groups.create.submit': 'Create group',
  'groups.create.noSlots': 'Add a slot first: a group needs at least one slot.',
  'error.GROUP_EXISTS': 'A group with this name exists already. Choose another name, or rename that group.',
  'error.GROUP_NO_SLOTS': 'Choose at least one slot: a group is a label on slots and cannot be empty.',
  'groups.count.one': '{count} slot',
  'groups.count.other': '{count} slots',
  'groups.renameShort': 'Rename',
  'groups.rename': 'Rename {group}',
  'groups.renameTo': 'New name for {group}',
  'groups.renameSave': 'Save name',
  'groups.deleteShort': 'Delete',
  'groups.delete': 'Delete group {group}',
  'groups.deleteTitle': 'Delete the group “{group}”?',
  'groups.deleteBody.one': 'Its {count} slot stays; it is just no longer in this group.',
  'groups.deleteBody.other': 'Its {count} slots stay; they are just no longer in this group.',
  'groups.deleteConfirm': 'Delete group',
  'groups.mergeTitle': 'Merge “{from}” into “{into}”?',
  'groups.mergeBody':
    'A group with that name exists already. The slots of the group you are renaming join it; a slot in both is in it once.',
  'groups.mergeConfirm': 'Merge groups',
  'gexport.title': 'Export to Google Authenticator',
  'gexport.body':
    'Shows the slots you choose as QR codes that Google Authenticator (Transfer accounts, then Import accounts) and most other authenticator apps can scan. Anyone who scans them can make these slots’ codes.',
  'gexport.open': 'Choose slots to export',
  'gexport.choose': 'Slots to export',
  'gexport.all': 'Select all',
  'gexport.none': 'Select none',
  'gexport.chosen.one': '{count} slot chosen',
  'gexport.chosen.other': '{count} slots chosen',
  'gexport.reason.kind': 'Cannot be included: Google’s format has no Steam Guard codes.',
  'gexport.reason.period': 'Cannot be included: Google’s format has only 30-second codes.',
  'gexport.reason.digits': 'Cannot be included: Google’s format has only 6- or 8-digit codes.',
  'gexport.reason.too-large': 'Left out: too long for one QR code.',
  'gexport.reasonHint': 'A slot that cannot be included can still be moved on its own with Show as QR code.',
  'gexport.managed.one':
    '{count} slot managed by privacyIDEA is not included: its server gives it to this device only.',
  'gexport.managed.other':
    '{count} slots managed by privacyIDEA are not included: their server gives them to this device only.',
  'gexport.pin': 'Your PIN',
  'gexport.pin.passphrase': 'Your passphrase',
  'gexport.pinBody': 'Enter your PIN to show the QR codes.',
  'gexport.pinBody.passphrase': 'Enter your passphrase to show the QR codes.',
  'gexport.show': 'Show QR codes',
  'gexport.working': 'Checking…',
  'gexport.nothing': 'Choose at least one slot.',
  'gexport.page': 'QR code {page} of {count}',
  'gexport.image': 'Google Authenticator export, QR code {page} of {count}',
  'gexport.hint':
    'In Google Authenticator choose Transfer accounts, then Import accounts, and scan each code in turn. Other apps: use their import from Google Authenticator.',
  'gexport.previous': 'Previous',
  'gexport.next': 'Next',
  'gexport.left': 'Not included',
  'import.suggestIcons.one': 'Use the suggested icon for {count} imported slot',
  'import.suggestIcons.other': 'Use suggested icons for {count} imported slots',
  'import.suggestIconsHint':
    'From your installed icon packs, matched by provider. Slots that came with an icon keep it; you can change any icon later in Details.',
  'import.iconsUsed.one': 'Suggested icon used for {count} imported slot.',
  'import.iconsUsed.other': 'Suggested icons used for {count} imported slots.',
  'error.MIGRATION_TOO_LARGE.slots':
    'That is more slots than one export can hold. Choose fewer, and export the rest afterwards.',
} as const;
