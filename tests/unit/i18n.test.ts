import { describe, expect, it } from 'vitest';
import { ERROR_CODES, KeyslotError } from '../../src/core/errors';
import { en as shell } from '../../src/ui/i18n/en';
import { enExtra } from '../../src/ui/i18n/en-extra';
import { enList } from '../../src/ui/i18n/en-list';
import '../../src/ui/i18n/extra-messages';
import '../../src/ui/i18n/list-messages';

const en = { ...shell, ...enList, ...enExtra };
import { errorText, t } from '../../src/ui/i18n/i18n';

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

  it('puts the limits of an error into its words', () => {
    expect(errorText(new KeyslotError('DIGITS', { field: 'digits', min: 6, max: 8 }))).toBe('Codes must have 6 to 8 digits.');
  });

  it('never shows the text of an error it does not know, which may hold anything', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    expect(errorText(new Error(`bad secret ${secret}`))).toBe(t('error.unknown'));
    expect(errorText({ code: 'PIN_WRONG', message: secret })).toBe(t('error.unknown'));
  });
});

describe('plural messages', () => {
  it('pick the right form for the count', async () => {
    const { tn } = await import('../../src/ui/i18n/i18n');
    expect(tn('migration.submit', 1)).toBe('Add 1 slot');
    expect(tn('migration.submit', 2)).toBe('Add 2 slots');
    expect(tn('migration.submit', 0)).toBe('Add 0 slots');
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
