import { isKeyslotError } from '../../core/errors';
import { en, type ShellKey } from './en';
import type { ExtraKey } from './en-extra';
import type { ListKey } from './en-list';

/** Every message key: the shell's, the list's and the extra screens' (loaded with them). */
export type MessageKey = ShellKey | ListKey | ExtraKey;

// The language switch (and Japanese) plugs in here.
const catalogue: Partial<Record<MessageKey, string>> = { ...en };

/** Adds a lazily loaded part of the catalogue (see extra-messages.ts). */
export function addMessages(part: Partial<Record<MessageKey, string>>): void {
  Object.assign(catalogue, part);
}

/** Looks up a message and fills {placeholders}. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  // A key whose part is not loaded yet shows itself: visible in tests, never user data.
  return (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const plurals = new Intl.PluralRules('en');

/** Keys that come in plural forms: `<base>.one`, `<base>.other` (CLDR categories). */
type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

/** A message whose words depend on a count ("1 slot", "2 slots"); {count} is filled in. */
export function tn(base: PluralBase, count: number, params: Record<string, string | number> = {}): string {
  const key = `${base}.${plurals.select(count)}` as MessageKey;
  return t(secretKey(key in catalogue ? key : (`${base}.other` as MessageKey)), { ...params, count });
}

/**
 * Whether the vault opens with a PIN or a passphrase: errors about "the PIN" then say
 * "passphrase" (keys ending in `.passphrase`). Set by the app state when it learns it.
 */
let secretWording: 'digits' | 'passphrase' = 'digits';
export function useSecretWording(input: 'digits' | 'passphrase'): void {
  secretWording = input;
}

/** A key's `.passphrase` variant when the vault opens with a passphrase and one exists. */
export function secretKey<K extends MessageKey>(key: K, input: 'digits' | 'passphrase' = secretWording): MessageKey {
  const variant = `${key}.passphrase` as MessageKey;
  return input === 'passphrase' && variant in catalogue ? variant : key;
}

/** Words for an error. Unknown errors get a generic line: their message may hold anything. */
export function errorText(e: unknown): string {
  if (!isKeyslotError(e)) return t('error.unknown');
  const key = `error.${e.code}` as MessageKey;
  if (!(key in catalogue)) return t('error.unknown');
  return t(secretKey(key), { min: e.min ?? '', max: e.max ?? '' });
}
