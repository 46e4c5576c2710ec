import { describe, expect, it } from 'vitest';
import { groupDigits, spellDigits } from '../../src/ui/format';

describe('groupDigits', () => {
  it('splits codes into two groups that are easy to read and type', () => {
    expect(groupDigits('123456')).toBe('123 456');
    expect(groupDigits('1234567')).toBe('1234 567');
    expect(groupDigits('12345678')).toBe('1234 5678');
  });

  it('keeps every digit, in order', () => {
    for (const code of ['000000', '0123456', '99999999']) expect(groupDigits(code).replace(' ', '')).toBe(code);
  });
});

describe('spellDigits', () => {
  it('names a code one digit at a time, so a screen reader reads digits, not numbers', () => {
    expect(spellDigits('452917')).toBe('4 5 2 9 1 7');
    expect(spellDigits('00123456')).toBe('0 0 1 2 3 4 5 6');
  });

  it('gives nothing for no code', () => {
    expect(spellDigits('')).toBe('');
  });
});
