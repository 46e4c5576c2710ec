import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, KeyslotError } from '../../src/core/errors';
import { en as shell } from '../../src/ui/i18n/en';
import { enExtra } from '../../src/ui/i18n/en-extra';
import { enList } from '../../src/ui/i18n/en-list';
import { ja as jaShell } from '../../src/ui/i18n/ja';
import { jaList } from '../../src/ui/i18n/ja-list';
import { jaExtra } from '../../src/ui/i18n/ja-extra';
import '../../src/ui/i18n/extra-messages';
import '../../src/ui/i18n/list-messages';
import {
  errorText,
  formatBytes,
  formatDate,
  formatNumber,
  language,
  setLanguage,
  t,
  tn,
  tParts,
} from '../../src/ui/i18n/i18n';
import { pickLanguage } from '../../src/ui/i18n/languages';

const en = { ...shell, ...enList, ...enExtra };
const ja = { ...jaShell, ...jaList, ...jaExtra };
const uiDir = path.resolve(__dirname, '../../src/ui');

/** Every file under src/ui, recursively. */
function uiFiles(dir = uiDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? uiFiles(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

/** The {placeholders} of a message, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

afterEach(async () => {
  await setLanguage('en');
});

describe('the message catalogue', () => {
  it('has words for every error code', () => {
    const missing = ERROR_CODES.filter((code) => !(`error.${code}` in en));
    expect(missing).toEqual([]);
  });

  it('keeps each key in one part only (shell, list or extra screens)', () => {
    expect(Object.keys(shell).filter((key) => key in enExtra || key in enList)).toEqual([]);
    expect(Object.keys(enList).filter((key) => key in enExtra)).toEqual([]);
  });

  it('has no empty message', () => {
    expect(Object.entries(en).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('setup.rules', { min: 6 })).toBe('At least 6 digits. Avoid easy ones like 123456.');
    expect(t('delete.title')).toContain('{name}');
  });

  it('gives a message in parts with each filled-in value apart, for a <bdi> around a name', () => {
    const name = 'PayPal \u05D0\u05D1 (work)';
    expect(tParts('delete.title', { name })).toEqual([
      { text: 'Delete “', value: false },
      { text: name, value: true },
      { text: '”?', value: false },
    ]);
    expect(
      tParts('reorder.moved', { name: 'x', position: 2, count: 3 })
        .filter((p) => p.value)
        .map((p) => p.text),
    ).toEqual(['x', '2', '3']);
    expect(
      tParts('delete.title')
        .map((p) => p.text)
        .join(''),
    ).toBe(t('delete.title'));
    expect(tParts('common.cancel')).toEqual([{ text: t('common.cancel'), value: false }]);
  });

  it('shows every sentence that names a slot through Sentence (a <bdi> per name), never as plain text', () => {
    const offenders: string[] = [];
    for (const file of uiFiles().filter((f) => f.endsWith('.svelte'))) {
      const code = readFileSync(file, 'utf8');
      const name = path.relative(uiDir, file);
      // Text content ({t('…', { name … })} not after `=`), a dialog title prop, a toast of any message.
      for (const [whole] of code.matchAll(
        /(?:(?<![=\w])\{|\btitle=\{)t\('[\w.]+',\s*\{[^}]*\bname\b|>\{t\(announcer\b/g,
      )) {
        offenders.push(`${name}: ${whole}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('puts the limits of an error into its words', () => {
    expect(errorText(new KeyslotError('DIGITS', { field: 'digits', min: 6, max: 8 }))).toBe(
      'Codes must have 6 to 8 digits.',
    );
  });

  it('never shows the text of an error it does not know, which may hold anything', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    expect(errorText(new Error(`bad secret ${secret}`))).toBe(t('error.unknown'));
    expect(errorText({ code: 'PIN_WRONG', message: secret })).toBe(t('error.unknown'));
  });
});

describe('plural messages', () => {
  it('pick the right form for the count', () => {
    expect(tn('migration.submit', 1)).toBe('Add 1 slot');
    expect(tn('migration.submit', 2)).toBe('Add 2 slots');
    expect(tn('migration.submit', 0)).toBe('Add 0 slots');
  });

  it('follow the active language’s rules: Japanese has one form for every count', async () => {
    await setLanguage('ja');
    expect(new Intl.PluralRules('ja').resolvedOptions().pluralCategories).toEqual(['other']);
    expect(tn('migration.submit', 1)).toBe('1 件のスロットを追加');
    expect(tn('migration.submit', 2)).toBe('2 件のスロットを追加');
  });

  it('write the count as a number of the active language', () => {
    expect(tn('import.submit', 1234)).toBe('Import 1,234 slots');
  });
});

describe('Japanese and English', () => {
  it('have exactly the same keys, part by part (shell, list and extra screens)', () => {
    expect(Object.keys(jaShell).sort()).toEqual(Object.keys(shell).sort());
    expect(Object.keys(jaList).sort()).toEqual(Object.keys(enList).sort());
    expect(Object.keys(jaExtra).sort()).toEqual(Object.keys(enExtra).sort());
  });

  it('have the same {placeholders} in each message', () => {
    const differ = Object.keys(en).filter(
      (key) => placeholders(en[key as keyof typeof en]).join() !== placeholders(ja[key as keyof typeof ja]).join(),
    );
    expect(differ).toEqual([]);
  });

  it('have no empty Japanese message, and Japanese words in all but names and symbols', () => {
    expect(Object.entries(ja).filter(([, text]) => text.trim() === '')).toEqual([]);
    // Product names, the import formats, "PIN" and a dash are the same in both languages.
    const same = Object.keys(en).filter(
      (key) =>
        ja[key as keyof typeof ja] === en[key as keyof typeof en] &&
        !/^(app\.name|pin\.label|import\.format\.|confirm\.none)/.test(key),
    );
    expect(same).toEqual([]);
  });

  it('keep PIN in the Japanese PIN labels, as users and tests look for it', () => {
    expect(jaShell['pin.label']).toBe('PIN');
    expect(jaShell['pin.confirmLabel']).toContain('PIN');
  });

  it('keep user data out of Japanese errors as out of English ones (only the same placeholders)', () => {
    const errors = Object.keys(ja).filter((key) => key.startsWith('error.'));
    expect(errors.length).toBeGreaterThan(50);
    for (const key of errors)
      expect(placeholders(ja[key as keyof typeof ja]).every((p) => p === 'min' || p === 'max')).toBe(true);
  });

  it('switch at once: messages, errors and plurals follow the active language', async () => {
    expect(t('unlock.submit')).toBe('Unlock');
    await setLanguage('ja');
    expect(language()).toBe('ja');
    expect(t('unlock.submit')).toBe('ロック解除');
    expect(t('settings.title')).toBe('設定');
    expect(errorText(new KeyslotError('DIGITS', { field: 'digits', min: 6, max: 8 }))).toBe(
      'コードの桁数は 6〜8 桁にしてください。',
    );
    await setLanguage('en');
    expect(t('unlock.submit')).toBe('Unlock');
  });

  it('format dates, numbers and sizes in the active language', async () => {
    const date = new Date(Date.UTC(2026, 10, 28, 12));
    expect(formatDate(date, 'date')).toContain('2026');
    expect(formatDate(date, 'date')).toMatch(/November/);
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    await setLanguage('ja');
    expect(formatDate(date, 'date')).toMatch(/^2026年11月2\d日$/);
    expect(formatBytes(999)).toMatch(/^999\s?バイト$/);
  });
});

describe('the language a browser gets', () => {
  it('is the first of its languages that Keyslot speaks', () => {
    expect(pickLanguage(['ja-JP', 'en-US'])).toBe('ja');
    expect(pickLanguage(['fr-FR', 'en-GB', 'ja'])).toBe('en');
    expect(pickLanguage(['de', 'JA'])).toBe('ja');
    expect(pickLanguage(['en'])).toBe('en');
  });

  it('is English when the browser speaks none of them, or says nothing', () => {
    expect(pickLanguage(['fr', 'zh-CN'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
    expect(pickLanguage(['', 'jav', 'english', 'x-ja'])).toBe('en');
  });

  it('is the one chosen in Settings, whatever the browser says', () => {
    expect(pickLanguage(['ja-JP'], 'en')).toBe('en');
    expect(pickLanguage(['en-US'], 'ja')).toBe('ja');
  });

  it('ignores a stored choice Keyslot does not speak (a language removed, a tampered entry)', () => {
    expect(pickLanguage(['ja-JP'], 'fr')).toBe('ja');
    expect(pickLanguage([], 'xx')).toBe('en');
  });
});

describe('the UI source', () => {
  // Words that are the same in every language: algorithm names.
  const sameInEveryLanguage = new Set(['SHA1', 'SHA256', 'SHA512']);

  /** Markup without scripts, styles, comments and {expressions}. */
  function markup(code: string): string {
    const text = code
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<!--[\s\S]*?-->/g, '');
    let out = '';
    let depth = 0;
    for (const c of text) {
      if (c === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (depth === 0) out += c;
    }
    return out;
  }

  it('has no hard-coded words in any component: text and labels all come from t()', () => {
    const offenders: string[] = [];
    for (const file of uiFiles().filter((f) => f.endsWith('.svelte'))) {
      const code = readFileSync(file, 'utf8');
      const bare = markup(code);
      const name = path.relative(uiDir, file);
      for (const [, text] of bare.matchAll(/>([^<>]*)</g)) {
        const words = text!.trim();
        if (/\p{L}/u.test(words) && !sameInEveryLanguage.has(words)) offenders.push(`${name}: text "${words}"`);
      }
      for (const [, attribute, value] of bare.matchAll(
        /\s(aria-label|aria-description|aria-valuetext|aria-roledescription|title|placeholder|alt)="([^"]*)"/g,
      )) {
        if (/\p{L}/u.test(value!)) offenders.push(`${name}: ${attribute}="${value}"`);
      }
      // A literal in braces is hard-coded too: aria-label={'Close'}.
      for (const [whole] of code.matchAll(
        /\s(?:aria-label|aria-description|title|placeholder|alt)=\{\s*['"`][^'"`]*\p{L}/gu,
      )) {
        offenders.push(`${name}: ${whole.trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('finds a hard-coded word when there is one (the check itself works)', () => {
    const bare = markup('<script>const a = "x";</script><p>{t(\'a\')}</p><button aria-label="Close">Save</button>');
    expect([...bare.matchAll(/>([^<>]*)</g)].map((m) => m[1]!.trim()).filter(Boolean)).toEqual(['Save']);
    expect(bare).toContain('aria-label="Close"');
  });

  it('uses only keys that exist, in both languages', () => {
    const missing: string[] = [];
    for (const file of uiFiles().filter((f) => /\.(svelte|ts)$/.test(f) && !f.includes(`${path.sep}i18n${path.sep}`))) {
      const code = readFileSync(file, 'utf8');
      for (const [, fn, key] of code.matchAll(/\b(t|tn|secretKey)\('([\w.-]+)'/g)) {
        const full = fn === 'tn' ? `${key}.other` : key!;
        if (!(full in en) || !(full in ja)) missing.push(`${path.relative(uiDir, file)}: ${key}`);
      }
      // <Sentence key="…"> and { key: '…', params } (a dialog title) name a message too.
      for (const [, key] of code.matchAll(/\bkey(?:=|:\s*)["']([\w.-]+)["']/g)) {
        if (!(key! in en) || !(key! in ja)) missing.push(`${path.relative(uiDir, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the split catalogue', () => {
  it('gives every screen of the first load its words without the extra part', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const dir = path.resolve(__dirname, '../../src/ui');
    // Components that load the extra part, and those only ever rendered inside them.
    const lazy = new Set(['ConfirmSlot.svelte', 'ManualEntry.svelte', 'MigrationPicker.svelte', 'Scanner.svelte']);
    const offenders: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.svelte') || f.endsWith('.ts'))) {
      const code = readFileSync(path.join(dir, file), 'utf8');
      if (code.includes("i18n/extra-messages'") || lazy.has(file)) continue;
      // The list's parts load the list's words themselves.
      const known = code.includes("i18n/list-messages'") ? { ...shell, ...enList } : shell;
      for (const [, key] of code.matchAll(/\bt\('([\w.]+)'/g)) {
        if (!(key! in known)) offenders.push(`${file}: ${key}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
