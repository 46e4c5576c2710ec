import { isKeyslotError } from '../../core/errors';
import { en, type Catalogue, type MessageKey } from './en';

export type { MessageKey };

// One catalogue today; the language switch (and Japanese) plugs in here.
const catalogue: Catalogue = en;

/** Looks up a message and fills {placeholders}. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Words for an error. Unknown errors get a generic line: their message may hold anything. */
export function errorText(e: unknown): string {
  if (!isKeyslotError(e)) return t('error.unknown');
  const key = `error.${e.code}` as MessageKey;
  if (!(key in catalogue)) return t('error.unknown');
  return t(key, { min: e.min ?? '', max: e.max ?? '' });
}
