// The boot note (src/platform/boot-note.ts) and the boot script that reads it before the app runs
// (src/boot/boot.js, as boot-shell.config.ts ships it): issue 16's prerendered unlock form.
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOOT_NOTE_KEY, clearBootNote, parseBootNote, readBootNote } from '../../src/platform/boot-note';
import { serializeBootNote, writeBootNote } from '../../src/platform/boot-note-write';
import { bootForm, bootForms, bootScript } from '../../boot-shell.config';
import { en } from '../../src/ui/i18n/en';
import { ja } from '../../src/ui/i18n/ja';

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

/** Runs the shipped boot script against a fake page; returns the id of the form it showed, if any. */
function runBootScript(note: string | null, hash = '', storageThrows = false) {
  const shown: string[] = [];
  const focused: string[] = [];
  const root = { lang: 'en' };
  const element = (id: string) => {
    const input = { value: '', oninput: null, focus: () => focused.push(id) };
    const button = { disabled: true };
    const form = {
      querySelector: (s: string) => (s === 'input' ? input : button),
      onsubmit: null,
      setAttribute: () => {},
    };
    const shell = {
      set hidden(value: boolean) {
        if (!value) shown.push(id);
      },
      querySelector: () => form,
    };
    return shell;
  };
  const ids = ['en', 'ja'].flatMap((l) => ['pin', 'passphrase'].map((k) => `boot-${l}-${k}`));
  const copies = new Map(ids.map((id) => [id, Object.assign(element(id), { remove: () => copies.delete(id) })]));
  const document = {
    documentElement: root,
    getElementById: (id: string) => copies.get(id) ?? null,
    querySelectorAll: (selector: string) => (selector === '.boot-shell' ? [...copies.values()] : []),
  };
  const localStorage = {
    getItem: (key: string) => {
      if (storageThrows) throw new DOMException('blocked', 'SecurityError');
      return key === BOOT_NOTE_KEY ? note : null;
    },
  };
  new Function('localStorage', 'location', 'document', bootScript())(localStorage, { hash }, document);
  return { shown, focused, lang: root.lang, kept: [...copies.keys()] };
}

describe('the boot script', () => {
  it('shows and focuses the form the note names, in its language', () => {
    expect(runBootScript('1 ja passphrase')).toEqual({
      shown: ['boot-ja-passphrase'],
      focused: ['boot-ja-passphrase'],
      lang: 'ja',
      kept: ['boot-ja-passphrase'],
    });
    expect(runBootScript('1 en pin').shown).toEqual(['boot-en-pin']);
  });

  it('agrees with the app on every hostile note: it shows nothing, and never throws', () => {
    for (const text of [...HOSTILE, null]) {
      expect(runBootScript(text)).toEqual({ shown: [], focused: [], lang: 'en', kept: [] });
    }
    expect(runBootScript('1 fr pin').shown).toEqual([]); // a language without a prerendered form
    expect(() => runBootScript('1 en pin', '', true)).not.toThrow();
  });

  it('leaves an activation link to the app, which words that screen differently', () => {
    expect(runBootScript('1 en pin', '#add=otpauth%3A').shown).toEqual([]);
    expect(runBootScript('1 en pin', '#scan').shown).toEqual(['boot-en-pin']);
  });

  it('stays a few hundred bytes gzip (it is fetched before the first interaction)', () => {
    expect(gzipSync(bootScript(), { level: 9 }).length).toBeLessThan(500);
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
