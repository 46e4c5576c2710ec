import { describe, expect, it } from 'vitest';
import { algorithmName, groupDigits, secondGroupAt } from '../../src/ui/format';

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

describe('secondGroupAt', () => {
  it('starts the second group after 3 digits of 6, and after 4 of 7 or 8', () => {
    expect(secondGroupAt('123456')).toBe(3);
    expect(secondGroupAt('1234567')).toBe(4);
    expect(secondGroupAt('12345678')).toBe(4);
  });

  it('agrees with groupDigits', () => {
    for (const code of ['000000', '0123456', '99999999'])
      expect(groupDigits(code).indexOf(' ')).toBe(secondGroupAt(code));
  });
});

describe('algorithmName', () => {
  it('spells the hashes as FIPS 180-4 does, the same on every screen', () => {
    expect(['SHA1', 'SHA256', 'SHA512'].map(algorithmName)).toEqual(['SHA-1', 'SHA-256', 'SHA-512']);
  });

  it('leaves anything else as it is, never inventing a name', () => {
    expect(algorithmName('SHA-1')).toBe('SHA-1');
    expect(algorithmName('MD5')).toBe('MD5');
    expect(algorithmName('SHA1SHA1')).toBe('SHA1SHA1');
    expect(algorithmName('')).toBe('');
  });
});
