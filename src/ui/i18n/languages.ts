/**
 * The languages Keyslot speaks, and which one a browser gets. Pure: the caller passes
 * navigator.languages and the stored choice, so tests need no browser.
 */
import { LANGUAGE_CHOICES, type LanguageChoice } from '../../platform/preferences';

export const LANGUAGES = LANGUAGE_CHOICES;
export type Language = LanguageChoice;

/** Each language's name in itself, as the Settings → Language select shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', ja: '日本語' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The stored choice if there is one; otherwise the first of the browser's languages (in the
 * user's order, BCP 47 tags such as "ja-JP") that Keyslot speaks; otherwise English.
 */
export function pickLanguage(browser: readonly string[], chosen: Language | null = null): Language {
  if (chosen) return chosen;
  for (const tag of browser) {
    const primary = String(tag).toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}
