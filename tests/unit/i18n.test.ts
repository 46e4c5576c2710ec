import { describe, expect, it } from 'vitest';
import { ERROR_CODES, KeyslotError } from '../../src/core/errors';
import { en } from '../../src/ui/i18n/en';
import { errorText, t } from '../../src/ui/i18n/i18n';

describe('the message catalogue', () => {
  it('has words for every error code', () => {
    const missing = ERROR_CODES.filter((code) => !(`error.${code}` in en));
    expect(missing).toEqual([]);
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
