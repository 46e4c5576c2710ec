import { createSubscriber } from 'svelte/reactivity';
import { isKeyslotError } from '../../core/errors';
import { en, type ShellKey } from './en';
import type { ExtraKey } from './en-extra';
import type { ListKey } from './en-list';
import type { Language } from './languages';
import { formatBytes as formatByteSize } from '../bytes';

/** Every message key: the shell's, the list's and the extra screens' (loaded with them). */
export type MessageKey = ShellKey | ListKey | ExtraKey;
export type Messages = Partial<Record<MessageKey, string>>;

/**
 * One catalogue per language. English is always there (the shell now, the extra part with
 * the screens that need it) and fills any gap while another language's part is on its way.
 * Other languages are fetched only when chosen (loadLanguage), so an English user downloads
 * no Japanese.
 */
const catalogues: Record<Language, Messages> = { en: { ...en }, ja: {} };

/**
 * The parts of each language's catalogue: the shell, the slot list's organising tools, the
 * extra screens' words. Each is a dynamic import, so its own chunk, fetched when a screen needs
 * it (and only for the language in use). English's list and extra parts come in the screens'
 * own chunks (list-messages.ts, extra-messages.ts).
 */
type Part = 'shell' | 'list' | 'extra';
const parts: Record<Language, Partial<Record<Part, () => Promise<Messages>>>> = {
  en: {},
  ja: {
    shell: () => import('./ja').then((m) => m.ja),
    list: () => import('./ja-list').then((m) => m.jaList),
    extra: () => import('./ja-extra').then((m) => m.jaExtra),
  },
};

let active: Language = 'en';
/** The parts the screens loaded so far need (then a new language needs them too). */
const wanted = new Set<Part>(['shell']);
const loaded = new Set<string>();

// The active language is reactive: a component (or $derived) that called t() re-renders
// when it changes or when a part of the catalogue arrives, with no reload.
let changed = (): void => {};
const track = createSubscriber((update) => {
  changed = update;
  return () => {
    changed = () => {};
  };
});

/** The language messages are shown in (tracked: reading it makes the caller reactive). */
export function language(): Language {
  track();
  return active;
}

/** Adds a part of a language's catalogue (see extra-messages.ts). */
export function addMessages(lang: Language, part: Messages): void {
  Object.assign(catalogues[lang], part);
  changed();
}

async function loadPart(lang: Language, part: Part): Promise<void> {
  const id = `${lang}:${part}`;
  const loader = parts[lang][part];
  if (loaded.has(id) || !loader) return;
  addMessages(lang, await loader());
  loaded.add(id);
}

/** Fetches what `lang` needs now: its shell, and the parts of the screens loaded so far. */
export async function loadLanguage(lang: Language): Promise<void> {
  await Promise.all([...wanted].map((part) => loadPart(lang, part)));
}

/** Loads the language's parts, then switches to it: everything on screen follows at once. */
export async function setLanguage(lang: Language): Promise<void> {
  await loadLanguage(lang);
  active = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  changed();
}

/**
 * Called by list-messages.ts and extra-messages.ts (the English part is in the same chunk as the screens): resolves
 * once the active language's part is there too.
 */
export function loadMessages(part: Part): Promise<void> {
  wanted.add(part);
  return loadPart(active, part);
}

/** A lazy screen's module, resolved once its words in the active language are loaded. */
export async function withMessages<M>(part: Part, screen: Promise<M>): Promise<M> {
  const module = await screen;
  await loadMessages(part);
  return module;
}

/** The slot list (with its organising tools), with its words. */
export function withList<M>(screen: Promise<M>): Promise<M> {
  return withMessages('list', screen);
}

/** A screen of the extra part (first run, add, settings…), with its words. */
export function withExtra<M>(screen: Promise<M>): Promise<M> {
  return withMessages('extra', screen);
}

/** Looks up a message and fills {placeholders}. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return tParts(key, params)
    .map((part) => part.text)
    .join('');
}

/** A catalogue message and its values, to be shown later (a dialog's title, an announcement). */
export interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** A piece of a message: its own words, or a filled-in value (`value: true`). */
export interface MessagePart {
  text: string;
  value: boolean;
}

/**
 * A message as its words and its filled-in values, in order, for a sentence that shows a name
 * ("Delete “{name}”?"): Sentence.svelte puts each value in its own <bdi> (HTML's bidi isolate,
 * UAX #9 §2.7), so right-to-left text or a direction control in a slot's name cannot reorder
 * the words around it (docs/threat-model.md, "Names").
 */
export function tParts(key: MessageKey, params: Record<string, string | number> = {}): MessagePart[] {
  const lang = language();
  // A key whose part is not loaded yet shows English, or itself: visible in tests, never user data.
  const template = catalogues[lang][key] ?? catalogues.en[key] ?? key;
  const parts: MessagePart[] = [];
  let start = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    if (!(match[1]! in params)) continue;
    if (match.index > start) parts.push({ text: template.slice(start, match.index), value: false });
    parts.push({ text: String(params[match[1]!]), value: true });
    start = match.index + match[0].length;
  }
  if (start < template.length || parts.length === 0) parts.push({ text: template.slice(start), value: false });
  return parts;
}

function has(key: string): boolean {
  return key in catalogues[active] || key in catalogues.en;
}

const pluralRules = new Map<Language, Intl.PluralRules>();

/** Keys that come in plural forms: `<base>.one`, `<base>.other` (CLDR categories). */
type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

/**
 * A message whose words depend on a count ("1 slot", "2 slots"); {count} is filled in. The
 * active language's CLDR rules pick the form: Japanese has only `other`.
 */
export function tn(base: PluralBase, count: number, params: Record<string, string | number> = {}): string {
  const lang = language();
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  const form = `${base}.${rules.select(count)}`;
  const key = (has(form) ? form : `${base}.other`) as MessageKey;
  return t(secretKey(key), { ...params, count: formatNumber(count) });
}

/** A number for people, in the active language ("1,234"). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(language()).format(value);
}

/** A size in bytes for people, in the active language ("12 kB", "3.4 MB"). */
export function formatBytes(bytes: number): string {
  return formatByteSize(bytes, language());
}

/** A date (and, with `time`, the time of day) in the active language. */
export function formatDate(date: Date | number, style: 'date' | 'dateTime'): string {
  return new Intl.DateTimeFormat(
    language(),
    style === 'date' ? { dateStyle: 'long' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(date);
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
  return input === 'passphrase' && has(variant) ? variant : key;
}

/** Words for an error. Unknown errors get a generic line: their message may hold anything. */
export function errorText(e: unknown): string {
  if (!isKeyslotError(e)) return t('error.unknown');
  // A more precise message for the field when there is one (VENDOR_APP names the vendor).
  const precise = `error.${e.code}.${e.field ?? ''}` as MessageKey;
  const key = e.field && has(precise) ? precise : (`error.${e.code}` as MessageKey);
  if (!has(key)) return t('error.unknown');
  const number = (n: number | undefined) => (n === undefined ? '' : formatNumber(n));
  return t(secretKey(key), { min: number(e.min), max: number(e.max) });
}
