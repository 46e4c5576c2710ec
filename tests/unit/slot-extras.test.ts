import { describe, expect, it } from 'vitest';
import {
  GROUPS_MAX,
  GROUP_NAME_MAX,
  ICON_MAX_BYTES,
  NOTE_MAX,
  checkIcon,
  groupKey,
  groupList,
  groupName,
  noteText,
  rasterFormat,
} from '../../src/core/slot-extras';
import { expectThrowsCode } from './fixtures/errors';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');

describe('group names', () => {
  it('are trimmed, NFC and keep their spelling', () => {
    expect(groupName('  Work ')).toBe('Work');
    expect(groupName('Cafe\u0301')).toBe('Café');
    expect(groupName('仕事')).toBe('仕事');
  });

  it('compare without case, so "Work" and "work" are one group', () => {
    expect(groupKey('Work')).toBe(groupKey(' work'));
    expect(groupList(['Work', 'work', 'Home', 'WORK'])).toEqual(['Work', 'Home']);
  });

  it('are normalised and compared like every other name (core/names.ts)', () => {
    // Bidi overrides and zero-width spaces are dropped, as in slot names.
    expect(groupName('\u202EkroW\u202C\u200B')).toBe('kroW');
    expect(groupName('Work\uD800')).toBe('Work\uFFFD');
    expect(groupKey('Ｗｏｒｋ')).toBe(groupKey('work'));
    expect(groupKey('Home  office')).toBe(groupKey('home office'));
    expect(groupList(['Home office', 'HOME\u200D OFFICE'])).toEqual(['Home office']);
  });

  it('refuse an empty or control-only name, a name over the limit and a non-string', () => {
    expectThrowsCode(() => groupName('   '), 'GROUP_INVALID', 'groups');
    expectThrowsCode(() => groupName('\u0000\u0007'), 'GROUP_INVALID', 'groups');
    expectThrowsCode(() => groupName('x'.repeat(GROUP_NAME_MAX + 1)), 'NAME_TOO_LONG', 'groups');
    expect(groupName('😀'.repeat(GROUP_NAME_MAX))).toHaveLength(GROUP_NAME_MAX * 2);
    expectThrowsCode(() => groupList([1] as unknown[]), 'GROUP_INVALID', 'groups');
    expectThrowsCode(() => groupList('Work' as unknown as unknown[]), 'GROUP_INVALID', 'groups');
  });

  it('allow at most GROUPS_MAX different groups on one slot', () => {
    const many = Array.from({ length: GROUPS_MAX }, (_, i) => `g${i}`);
    expect(groupList(many)).toHaveLength(GROUPS_MAX);
    expectThrowsCode(() => groupList([...many, 'one more']), 'GROUPS_TOO_MANY', 'groups');
  });
});

describe('notes', () => {
  it('keep text, tabs and line breaks, with CRLF made LF', () => {
    expect(noteText('Recovery codes: in the safe.\r\nSecond line\tok')).toBe(
      'Recovery codes: in the safe.\nSecond line\tok',
    );
    expect(noteText('')).toBe('');
  });

  it('drop other control characters and refuse a note over the limit', () => {
    expect(noteText('a\u0000b\u001bc\u0085')).toBe('abc');
    expect(noteText('x'.repeat(NOTE_MAX))).toHaveLength(NOTE_MAX);
    expectThrowsCode(() => noteText('x'.repeat(NOTE_MAX + 1)), 'NOTE_TOO_LONG', 'note');
  });
});

describe('icons', () => {
  it('are recognised by their signature: PNG, JPEG and WebP', () => {
    expect(rasterFormat(PNG)).toBe('image/png');
    expect(rasterFormat(JPEG)).toBe('image/jpeg');
    expect(rasterFormat(WEBP)).toBe('image/webp');
  });

  it('never take an SVG, a GIF, an empty or a truncated file for a raster picture', () => {
    expect(rasterFormat(SVG)).toBeNull();
    expect(rasterFormat(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(rasterFormat(new Uint8Array())).toBeNull();
    expect(rasterFormat(PNG.subarray(0, 7))).toBeNull();
    expect(rasterFormat(WEBP.subarray(0, 11))).toBeNull();
  });

  it('are stored only when the bytes are the format they claim, small, from a known source', () => {
    expect(checkIcon({ mime: 'image/webp', bytes: WEBP, source: 'custom' })).toEqual({
      mime: 'image/webp',
      bytes: WEBP,
      source: 'custom',
    });
    expectThrowsCode(() => checkIcon({ mime: 'image/png', bytes: JPEG, source: 'pack' }), 'ICON_INVALID', 'icon');
    expectThrowsCode(
      () => checkIcon({ mime: 'image/svg+xml' as 'image/png', bytes: SVG, source: 'import' }),
      'ICON_INVALID',
      'icon',
    );
    const big = new Uint8Array(ICON_MAX_BYTES + 1);
    big.set(PNG);
    expectThrowsCode(() => checkIcon({ mime: 'image/png', bytes: big, source: 'custom' }), 'ICON_INVALID', 'icon');
    expectThrowsCode(
      () => checkIcon({ mime: 'image/png', bytes: PNG, source: 'web' as 'custom' }),
      'ICON_INVALID',
      'icon',
    );
  });
});

describe('showing an icon', () => {
  it('is a data: URL of the stored bytes with their checked type', async () => {
    const { iconDataUrl } = await import('../../src/core/slot-extras');
    expect(iconDataUrl({ mime: 'image/png', bytes: PNG, source: 'custom' })).toBe(
      `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`,
    );
  });
});

describe('an icon’s JSON form', () => {
  it('round-trips a stored icon, and null stays null', async () => {
    const { iconFromJson, iconToJson } = await import('../../src/core/slot-extras');
    const icon = { mime: 'image/png', bytes: PNG, source: 'pack' } as const;
    expect(iconFromJson(JSON.parse(JSON.stringify(iconToJson(icon))))).toEqual(icon);
    expect(iconToJson(null)).toBeNull();
    expect(iconFromJson(null)).toBeNull();
  });

  it('refuses extra keys, bytes that are not base64, an array and a claimed SVG', async () => {
    const { iconFromJson } = await import('../../src/core/slot-extras');
    const png = Buffer.from(PNG).toString('base64');
    for (const raw of [
      { mime: 'image/png', bytes: png, source: 'custom', src: 'x' },
      { mime: 'image/png', bytes: '***', source: 'custom' },
      [png],
      'data:image/png;base64,AAAA',
      { mime: 'image/svg+xml', bytes: png, source: 'custom' },
    ]) {
      expectThrowsCode(() => iconFromJson(raw), 'ICON_INVALID', 'icon');
    }
  });
});
