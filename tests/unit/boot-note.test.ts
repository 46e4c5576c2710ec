// The boot note (src/platform/boot-note.ts) and the boot script that reads it before the app runs
// (src/boot/boot.js, as boot-shell.config.ts ships it): issue 16's prerendered unlock form.
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOOT_NOTE_KEY, clearBootNote, parseBootNote, readBootNote } from '../../src/platform/boot-note';
import { serializeBootNote, writeBootNote } from '../../src/platform/boot-note-write';
import { bootForm, bootForms, bootScript, bootWelcome, bootWelcomes } from '../../boot-shell.config';
import { HAD_VAULT_KEY } from '../../src/platform/storage-health';
import { PREFS_KEY, toPreferences } from '../../src/platform/preferences';
import { en } from '../../src/ui/i18n/en';
import { enExtra } from '../../src/ui/i18n/en-extra';
import { ja } from '../../src/ui/i18n/ja';
import { jaExtra } from '../../src/ui/i18n/ja-extra';
import { pickLanguage } from '../../src/ui/i18n/languages';

class MemoryStorage {
  items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

/** Notes no reader may take for a vault: garbage, other versions, secrets-shaped text, odd types. */
const HOSTILE = [
  '',
  '1',
  '1 en',
  '1 en pin ',
  ' 1 en pin',
  '2 en pin',
  '1 EN pin',
  '1 en PIN',
  '1 en digits',
  '1 english pin',
  '1 en pin\n',
  '1 en pin 480913',
  '{"v":1,"lang":"en","secret":"pin"}',
  '1 e\u0301 pin',
  'x'.repeat(100_000),
  '1 ' + 'a'.repeat(50_000) + ' pin',
];

describe('the boot note format', () => {
  it('reads what it writes, for both secret kinds', () => {
    expect(parseBootNote(serializeBootNote({ lang: 'ja', secret: 'passphrase' }))).toEqual({
      lang: 'ja',
      secret: 'passphrase',
    });
    expect(serializeBootNote({ lang: 'en', secret: 'pin' })).toBe('1 en pin');
  });

  it('reads a garbled or hostile note as no note, without throwing', () => {
    for (const text of HOSTILE) expect(parseBootNote(text), JSON.stringify(text.slice(0, 40))).toBeNull();
    for (const value of [null, undefined, 1, {}, ['1 en pin']]) expect(parseBootNote(value)).toBeNull();
  });

  it('refuses to write a language or kind outside the format, naming the field', () => {
    expect(() => serializeBootNote({ lang: 'en pin', secret: 'pin' })).toThrow(/lang/);
    expect(() => serializeBootNote({ lang: 'en', secret: '480913' as 'pin' })).toThrow(/secret/);
  });
});

describe('the boot note in localStorage', () => {
  let local: MemoryStorage;
  beforeEach(() => {
    local = new MemoryStorage();
    vi.stubGlobal('localStorage', local);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is written, rewritten and cleared', () => {
    expect(readBootNote()).toBeNull();
    writeBootNote({ lang: 'en', secret: 'pin' });
    expect(local.getItem(BOOT_NOTE_KEY)).toBe('1 en pin');
    writeBootNote({ lang: 'ja', secret: 'passphrase' });
    expect(readBootNote()).toEqual({ lang: 'ja', secret: 'passphrase' });
    clearBootNote();
    expect(local.items.has(BOOT_NOTE_KEY)).toBe(false);
    expect(readBootNote()).toBeNull();
  });

  it('writes nothing outside the format', () => {
    writeBootNote({ lang: '480913', secret: 'pin' });
    writeBootNote({ lang: 'en', secret: '480913' as 'pin' });
    expect(local.items.has(BOOT_NOTE_KEY)).toBe(false);
  });

  it('reads a damaged stored note as none', () => {
    for (const text of HOSTILE) {
      local.setItem(BOOT_NOTE_KEY, text);
      expect(readBootNote()).toBeNull();
    }
  });

  it('never throws when storage is full or blocked', () => {
    local.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(() => writeBootNote({ lang: 'en', secret: 'pin' })).not.toThrow();
    vi.stubGlobal('localStorage', undefined);
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    expect(readBootNote()).toBeNull();
    expect(() => writeBootNote({ lang: 'en', secret: 'pin' })).not.toThrow();
    expect(() => clearBootNote()).not.toThrow();
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });
});

/** What the fake page holds: the boot note, and the other keys the script reads. */
interface FakeStorage {
  note?: string | null;
  hadVault?: string | null;
  prefs?: string | null;
  throws?: boolean;
}

/**
 * Runs the shipped boot script against a fake page with every prerendered copy (the unlock forms,
 * the welcome screens); returns the ids of the copies it showed, focused and kept, and <html lang>.
 */
function runBootScript(
  stored: FakeStorage | string | null,
  hash = '',
  languages: readonly string[] | undefined = ['en-US'],
) {
  const storage: FakeStorage = typeof stored === 'object' && stored !== null ? stored : { note: stored };
  const shown: string[] = [];
  const focused: string[] = [];
  const root = { lang: 'en' };
  const element = (id: string) => {
    const focusable = { value: '', oninput: null, focus: () => focused.push(id) };
    const button = { disabled: true, onclick: null as null | (() => void), attributes: new Map<string, string>() };
    const form = {
      querySelector: (s: string) => (s === 'input' ? focusable : button),
      onsubmit: null,
      setAttribute: () => {},
    };
    return {
      set hidden(value: boolean) {
        if (!value) shown.push(id);
      },
      button: Object.assign(button, { setAttribute: (k: string, v: string) => button.attributes.set(k, v) }),
      querySelector: (s: string) => (s === 'form' ? form : s === 'button' ? button : focusable),
    };
  };
  const ids = ['en', 'ja'].flatMap((l) => ['pin', 'passphrase', 'welcome'].map((k) => `boot-${l}-${k}`));
  const copies = new Map(ids.map((id) => [id, Object.assign(element(id), { remove: () => copies.delete(id) })]));
  const document = {
    documentElement: root,
    getElementById: (id: string) => copies.get(id) ?? null,
    querySelectorAll: (selector: string) => (selector === '.boot-shell' ? [...copies.values()] : []),
  };
  const values: Record<string, string | null | undefined> = {
    [BOOT_NOTE_KEY]: storage.note,
    [HAD_VAULT_KEY]: storage.hadVault,
    [PREFS_KEY]: storage.prefs,
  };
  const localStorage = {
    getItem: (key: string) => {
      if (storage.throws) throw new DOMException('blocked', 'SecurityError');
      return values[key] ?? null;
    },
  };
  const navigator = { languages, language: languages?.[0] ?? 'en-US' };
  new Function('localStorage', 'location', 'document', 'navigator', bootScript())(
    localStorage,
    { hash },
    document,
    navigator,
  );
  return { shown, focused, lang: root.lang, kept: [...copies.keys()], copies };
}

describe('the boot script', () => {
  it('shows and focuses the form the note names, in its language', () => {
    const { copies, ...page } = runBootScript('1 ja passphrase');
    expect(page).toEqual({
      shown: ['boot-ja-passphrase'],
      focused: ['boot-ja-passphrase'],
      lang: 'ja',
      kept: ['boot-ja-passphrase'],
    });
    expect(copies.size).toBe(1);
    expect(runBootScript('1 en pin').shown).toEqual(['boot-en-pin']);
  });

  it('agrees with the app on every hostile note: it shows no unlock form, and never throws', () => {
    for (const text of HOSTILE) {
      // A note the app does not read as one is no note: a first visit, greeted by the welcome screen.
      expect(runBootScript(text).kept).toEqual(['boot-en-welcome']);
    }
    expect(runBootScript('1 fr pin').shown).toEqual([]); // a language without a prerendered form
    expect(() => runBootScript({ note: '1 en pin', throws: true })).not.toThrow();
    expect(runBootScript({ note: '1 en pin', throws: true }).shown).toEqual([]);
  });

  it('leaves an activation link to the app, which words that screen differently', () => {
    expect(runBootScript('1 en pin', '#add=otpauth%3A').shown).toEqual([]);
    expect(runBootScript('1 en pin', '#lang=ja&add=otpauth%3A').shown).toEqual([]);
    expect(runBootScript(null, '#add=otpauth%3A').kept).toEqual([]);
    expect(runBootScript('1 en pin', '#scan').shown).toEqual(['boot-en-pin']);
  });

  it('stays a few hundred bytes gzip (it is fetched before the first interaction)', () => {
    expect(gzipSync(bootScript(), { level: 9 }).length).toBeLessThan(700);
  });
});

describe('the boot script on a first visit', () => {
  it('shows the welcome screen and focuses its heading, Start ready to be pressed', () => {
    const page = runBootScript(null);
    expect(page.shown).toEqual(['boot-en-welcome']);
    expect(page.focused).toEqual(['boot-en-welcome']);
    expect(page.kept).toEqual(['boot-en-welcome']);
    const start = page.copies.get('boot-en-welcome')!.button;
    expect(start.disabled).toBe(false);
    start.onclick?.();
    expect([...start.attributes.keys()].sort()).toEqual(['aria-disabled', 'data-started']);
  });

  it('picks the language the app picks, for every browser language list and stored choice', () => {
    const browsers = [['ja-JP'], ['fr-FR', 'ja'], ['JA_jp'], ['en-GB', 'ja'], ['fr', 'de'], [], ['ja-JP', 'en']];
    const choices = [undefined, 'ja', 'en', 'fr', 'en-US', ['ja'], 42, null];
    for (const browser of browsers)
      for (const language of choices) {
        const prefs = JSON.stringify({ v: 1, language });
        const app = pickLanguage(browser, toPreferences(JSON.parse(prefs)).language);
        const page = runBootScript({ prefs }, '', browser);
        expect(page.shown, `${browser.join()} / ${String(language)}`).toEqual([`boot-${app}-welcome`]);
        expect(page.lang).toBe(app);
      }
    expect(runBootScript({}, '', ['ja-JP']).lang).toBe('ja');
  });

  it('reads damaged preferences as no choice, as the app does', () => {
    for (const prefs of ['{', 'null', '"ja"', '{"v":2,"language":"ja"}', '{"language":"ja"}', '[1]'])
      expect(runBootScript({ prefs }, '', ['en']).shown, prefs).toEqual(['boot-en-welcome']);
    expect(runBootScript({ prefs: '{"v":1,"language":"ja"}' }, '', ['en']).shown).toEqual(['boot-ja-welcome']);
  });

  it('greets nobody whose vault went (the app says so instead) or who opened an activation link', () => {
    expect(runBootScript({ hadVault: '2026-01-01T00:00:00.000Z' }).kept).toEqual([]);
    expect(runBootScript({ hadVault: 'garbage' }).kept).toEqual([]);
    expect(runBootScript({}, '#add=otpauth%3A').kept).toEqual([]);
    expect(runBootScript({}, '#scan').shown).toEqual(['boot-en-welcome']);
  });

  it('keeps English when the browser reports no language list at all', () => {
    expect(runBootScript({}, '', undefined).shown).toEqual(['boot-en-welcome']);
  });
});

describe('the prerendered unlock forms', () => {
  it('take every word from the catalogue, labelled as the app labels its fields', () => {
    const pin = bootForm('en', 'pin');
    expect(pin).toContain(`<label for="boot-en-pin-input">${en['pin.label']}</label>`);
    expect(pin).toContain(en['unlock.body']);
    expect(pin).toContain('inputmode="numeric"');
    const phrase = bootForm('ja', 'passphrase');
    expect(phrase).toContain(`>${ja['passphrase.label']}</label>`);
    expect(phrase).toContain(ja['unlock.body.passphrase']);
    expect(phrase).toContain(ja['unlock.title']);
    expect(phrase).toContain('inputmode="text"');
    expect(bootForms().match(/class="shell boot-shell"[^>]*hidden/g)).toHaveLength(4);
  });
});

describe('the prerendered welcome screens', () => {
  it('take every word from the catalogue, one hidden copy per language, Start disabled', () => {
    const english = bootWelcome('en');
    for (const key of ['welcome.title', 'welcome.body1', 'welcome.body2', 'welcome.start'] as const) {
      expect(english).toContain(`>${enExtra[key]}<`);
      expect(bootWelcome('ja')).toContain(`>${jaExtra[key]}<`);
    }
    expect(english).toContain('<h1 id="boot-en-welcome-title" tabindex="-1">');
    expect(english).toMatch(/<button class="primary" type="button" disabled>/);
    expect(bootWelcomes().match(/class="shell boot-shell boot-welcome"[^>]*hidden/g)).toHaveLength(2);
  });

  it('never lets a word become markup', () => {
    expect(bootWelcome('en')).not.toMatch(/<(?!\/?(main|section|svg|rect|path|circle|h1|p|button)[ >])/);
  });
});
