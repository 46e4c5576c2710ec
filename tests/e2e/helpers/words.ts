// The words the app shows in a language, so journeys (the axe audit, the screenshots) can find
// controls by their names in any language.
import { en } from '../../../src/ui/i18n/en';
import { enExtra } from '../../../src/ui/i18n/en-extra';
import { enList } from '../../../src/ui/i18n/en-list';

export type Words = Record<string, string>;

/** The English words: the app's default, and what every control's name is unless a journey says otherwise. */
export const englishWords: Readonly<Words> = { ...en, ...enExtra, ...enList };

/**
 * English, overlaid with `locale`'s catalogue files when they exist (src/ui/i18n/<locale>.ts,
 * <locale>-extra.ts and <locale>-list.ts). Until a language lands the app shows English, so English names are right.
 */
export async function wordsFor(locale: string): Promise<Words> {
  const words: Words = { ...englishWords };
  if (locale === 'en') return words;
  for (const file of [locale, `${locale}-extra`, `${locale}-list`]) {
    try {
      const part = (await import(`../../../src/ui/i18n/${file}.ts`)) as Record<string, unknown>;
      for (const value of Object.values(part)) if (value && typeof value === 'object') Object.assign(words, value);
    } catch {
      /* not translated yet */
    }
  }
  return words;
}

/** Fills a message's {placeholders}. */
export const fill = (text: string, params: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => params[key] ?? whole);
