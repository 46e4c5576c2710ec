import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  generatedIcon,
  iconInitials,
  ICON_TEXT_CONTRAST_MIN,
} from '../../../src/core/icons/generated-icon';

describe('generated icon initials', () => {
  it.each([
    ['KEK VPN', 'KV'],
    ['PassLogic (KEK VPN)', 'PK'],
    ['github', 'G'],
    ['GitHub', 'GH'],
    ['github.com', 'G'],
    ['accounts.google.com', 'G'],
    ['example.co.jp', 'E'],
    ['株式会社', '株'],
    ['株式会社カブク', 'カ'],
    ['高エネルギー加速器研究機構', '高'],
    ['🔐 Vault', '🔐'],
    ['👩‍👩‍👧 Family', '👩‍👩‍👧'],
    ['  lab vpn  ', 'LV'],
    ['ｋｅｋ ｖｐｎ', 'KV'],
    ['2FAS', '2'],
    ['Ångström labs', 'ÅL'],
    ['', '#'],
    ['   ', '#'],
    ['---', '-'],
  ])('for %j are %j', (name, initials) => {
    expect(iconInitials(name)).toBe(initials);
  });

  it('are always one or two graphemes, never empty', () => {
    const seg = new Intl.Segmenter('und', { granularity: 'grapheme' });
    for (const name of [
      'a',
      'Amazon Web Services',
      'الخدمة',
      'Ελληνικά Ταχυδρομεία',
      'ไทย',
      '한국 은행',
      'x'.repeat(300),
      '((()))',
      '<script>',
    ]) {
      const n = [...seg.segment(iconInitials(name))].length;
      expect(n, name).toBeGreaterThanOrEqual(1);
      expect(n, name).toBeLessThanOrEqual(2);
    }
  });
});

/** 600 issuers: real-looking names, numbered ones and random code points, so every hue is covered. */
function manyIssuers(): string[] {
  const names = [
    'KEK VPN',
    'GitHub',
    'Google',
    'Microsoft',
    'Steam',
    'PassLogic',
    '株式会社',
    'Amazon',
    'Proton',
    'Dropbox',
  ];
  for (let i = 0; i < 400; i++) names.push(`Issuer ${i}`);
  let seed = 7;
  for (let i = 0; i < 190; i++) {
    let s = '';
    for (let j = 0; j < 6; j++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      s += String.fromCodePoint(0x41 + (seed % 0x4e00));
    }
    names.push(s);
  }
  return names;
}

describe('generated icon colours', () => {
  const DARK_PAGE = '#121212';
  const LIGHT_PAGE = '#ffffff';

  it(`keep the initials at ${ICON_TEXT_CONTRAST_MIN}:1 or more over 600 issuers, in light and dark alike`, () => {
    for (const name of manyIssuers()) {
      const icon = generatedIcon(name);
      expect(contrastRatio(icon.foreground, icon.background), name).toBeGreaterThanOrEqual(ICON_TEXT_CONTRAST_MIN);
      // The tile itself stands out from both page colours (WCAG 1.4.11 asks 3:1 of graphics).
      expect(contrastRatio(icon.background, LIGHT_PAGE), name).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(icon.background, DARK_PAGE), name).toBeGreaterThanOrEqual(2.5);
    }
  });

  it('are stable for an issuer, whatever its case or spacing, and differ between issuers', () => {
    expect(generatedIcon('KEK VPN')).toEqual(generatedIcon('kek  vpn '));
    expect(generatedIcon('KEK VPN')).toEqual(generatedIcon('KEK VPN'));
    const colours = new Set(manyIssuers().map((n) => generatedIcon(n).background));
    expect(colours.size).toBeGreaterThan(300);
  });

  it('compute WCAG contrast as the spec defines it, and refuse a malformed colour', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(() => contrastRatio('red', '#ffffff')).toThrow(TypeError);
  });
});
