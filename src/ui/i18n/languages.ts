/**
 * The languages Keyslot speaks (this list owns them: add a language here and in the catalogue,
 * CONTRIBUTING.md), and which one a browser gets. Pure: the caller passes navigator.languages
 * and the stored choice (platform/preferences.ts keeps only the tag), so tests need no browser.
 */
export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, as the Settings → Language select shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', ja: '日本語' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The stored choice if Keyslot speaks it; otherwise the first of the browser's languages (in the
 * user's order, BCP 47 tags such as "ja-JP") that Keyslot speaks; otherwise English.
 */
export function pickLanguage(browser: readonly string[], chosen: string | null = null): Language {
  if (isLanguage(chosen)) return chosen;
  for (const tag of browser) {
    const primary = String(tag).toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}
