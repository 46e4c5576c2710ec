// Settings is a page of sections (Security, Backups, privacyIDEA, Appearance, Language, Clock,
// Storage, About), each on its own screen: journeys open a section by its button and leave by Back, in any language.
import { expect, type Page } from '@playwright/test';
import { englishWords, type Words } from './words';

export const SECTIONS = [
  'security',
  'backups',
  'groups',
  'privacyidea',
  'appearance',
  'language',
  'clock',
  'storage',
  'about',
] as const;
export type SettingsSection = (typeof SECTIONS)[number];
/** The sections every vault lists: privacyIDEA shows only while a slot is managed by its server. */
export const LISTED_SECTIONS: readonly SettingsSection[] = SECTIONS.filter((s) => s !== 'privacyidea');

/** From the slot list: Settings, then (if given) one of its sections. `w`: the words of the page's language. */
export async function openSettings(
  page: Page,
  section?: SettingsSection,
  w: Readonly<Words> = englishWords,
): Promise<void> {
  await page.getByRole('button', { name: w['list.settings'], exact: true }).click();
  await expect(page.getByRole('heading', { name: w['settings.title'], level: 1 })).toBeVisible();
  if (section) await openSection(page, section, w);
}

/** On the Settings page: open a section by its button (its name is the section's title). */
export async function openSection(
  page: Page,
  section: SettingsSection,
  w: Readonly<Words> = englishWords,
): Promise<void> {
  const name = w[`settings.section.${section}`]!;
  await page.getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

/** From a section (or the Settings page) back to the slot list. */
export async function leaveSettings(page: Page, w: Readonly<Words> = englishWords): Promise<void> {
  const settingsTitle = page.getByRole('heading', { name: w['settings.title'], level: 1 });
  if (!(await settingsTitle.isVisible())) {
    await page.getByRole('button', { name: w['common.back'], exact: true }).click();
    await expect(settingsTitle).toBeVisible();
  }
  await page.getByRole('button', { name: w['common.back'], exact: true }).click();
  await expect(page.getByRole('heading', { name: w['list.title'], level: 1 })).toBeVisible();
}
