/** The words of each Settings section: its name (the button, the section screen's title) and what is inside. */
import type { MessageKey } from '../i18n/i18n';
import type { SettingsSection } from '../state/navigation.svelte.ts';

export const SECTION_WORDS: Readonly<Record<SettingsSection, { name: MessageKey; summary?: MessageKey }>> = {
  security: { name: 'settings.section.security', summary: 'settings.section.security.summary' },
  backups: { name: 'settings.section.backups', summary: 'settings.section.backups.summary' },
  groups: { name: 'settings.section.groups', summary: 'settings.section.groups.summary' },
  // Listed only while some slot is managed by a privacyIDEA server (Settings.svelte).
  privacyidea: { name: 'settings.section.privacyidea', summary: 'settings.section.privacyidea.summary' },
  appearance: { name: 'settings.section.appearance', summary: 'settings.section.appearance.summary' },
  // Its line shows the language in use, named in itself.
  language: { name: 'settings.section.language' },
  clock: { name: 'settings.section.clock', summary: 'settings.section.clock.summary' },
  storage: { name: 'settings.section.storage', summary: 'settings.section.storage.summary' },
  about: { name: 'settings.section.about', summary: 'settings.section.about.summary' },
};
