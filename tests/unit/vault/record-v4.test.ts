import { describe, expect, it } from 'vitest';
import type { Slot } from '../../../src/core/slot';
import { STEAM_PARAMS } from '../../../src/core/steam';
import { RECORD_VERSION, decodeSlot, encodeSlot, migrateSlotPlaintext } from '../../../src/core/vault';
import { expectThrowsCode } from '../fixtures/errors';
import { storedSlot } from '../fixtures/slots';

const ID = storedSlot().id;
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const json = (o: object) => new TextEncoder().encode(JSON.stringify(o));
const plain = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;

const slot = (over: Partial<Slot> = {}) => storedSlot({ account: 'alice@example.org', ...over });

describe('record version 4: groups, a note, an icon and Steam', () => {
  it('is the version Keyslot writes', () => {
    expect(RECORD_VERSION).toBe(4);
  });

  it('round-trips groups, a note and an icon exactly', () => {
    const s = slot({
      groups: ['Work', 'VPN'],
      note: 'Recovery codes are in the safe.\nAsk IT for a reissue.',
      icon: { mime: 'image/png', bytes: PNG, source: 'custom' },
    });
    const back = decodeSlot(encodeSlot(s), ID);
    expect(back).toEqual(s);
    expect(plain(encodeSlot(s))['icon']).toEqual({
      mime: 'image/png',
      bytes: Buffer.from(PNG).toString('base64'),
      source: 'custom',
    });
  });

  it('round-trips a Steam slot with its fixed parameters', () => {
    const s = slot({ kind: 'steam', issuer: 'Steam', ...STEAM_PARAMS });
    expect(decodeSlot(encodeSlot(s), ID)).toEqual(s);
  });

  it('reads a version 3 plaintext with no groups, no note and the generated icon', () => {
    const { groups: _g, note: _n, icon: _i, ...v3 } = plain(encodeSlot(slot()));
    const back = decodeSlot(json(v3), ID, 3);
    expect(back).toMatchObject({ groups: [], note: '', icon: null });
    expect(migrateSlotPlaintext(v3, 3)).toEqual({ ...v3, groups: [], note: '', icon: null });
  });

  it('refuses a version 3 plaintext that claims version 4 fields, or a Steam kind', () => {
    const v4 = plain(encodeSlot(slot()));
    expectThrowsCode(() => decodeSlot(json(v4), ID, 3), 'VAULT_CORRUPT', 'slot');
    const { groups: _g, note: _n, icon: _i, ...v3 } = plain(encodeSlot(slot({ kind: 'steam', ...STEAM_PARAMS })));
    expectThrowsCode(() => decodeSlot(json(v3), ID, 3), 'VAULT_CORRUPT', 'kind');
  });

  it('refuses a Steam slot with any parameter Steam does not have', () => {
    expectThrowsCode(() => encodeSlot(slot({ kind: 'steam', ...STEAM_PARAMS, digits: 6 })), 'DIGITS', 'digits');
    expectThrowsCode(() => encodeSlot(slot({ kind: 'steam', ...STEAM_PARAMS, algorithm: 'SHA256' })), 'ALGORITHM');
    expectThrowsCode(() => encodeSlot(slot({ kind: 'steam', ...STEAM_PARAMS, period: 60 })), 'PERIOD', 'period');
    expectThrowsCode(() => encodeSlot(slot({ digits: 5 })), 'DIGITS', 'digits');
  });

  it('refuses to write groups, notes or icons that are not already in their stored form', () => {
    expectThrowsCode(() => encodeSlot(slot({ groups: [' Work'] })), 'GROUP_INVALID', 'groups');
    expectThrowsCode(() => encodeSlot(slot({ groups: ['Work', 'work'] })), 'GROUP_INVALID', 'groups');
    expectThrowsCode(() => encodeSlot(slot({ note: 'a\r\nb' })), 'NOTE_TOO_LONG', 'note');
    expectThrowsCode(
      () => encodeSlot(slot({ icon: { mime: 'image/jpeg', bytes: PNG, source: 'custom' } })),
      'ICON_INVALID',
      'icon',
    );
  });

  const good = plain(encodeSlot(slot()));
  it.each<[string, Record<string, unknown>, string]>([
    ['groups not a list', { groups: 'Work' }, 'groups'],
    ['a group that is not a string', { groups: [7] }, 'groups'],
    ['an empty group', { groups: [''] }, 'groups'],
    ['a note that is not text', { note: 5 }, 'note'],
    [
      'an icon with extra keys',
      { icon: { mime: 'image/png', bytes: 'iVBORw0KGgo=', source: 'custom', src: 'x' } },
      'icon',
    ],
    ['an icon that is not base64', { icon: { mime: 'image/png', bytes: '***', source: 'custom' } }, 'icon'],
    ['an icon claiming SVG', { icon: { mime: 'image/svg+xml', bytes: 'PHN2Zy8+', source: 'custom' } }, 'icon'],
    ['an icon that is a string', { icon: 'data:image/png;base64,AAAA' }, 'icon'],
  ])('refuses a decrypted record with %s as VAULT_CORRUPT naming the field', (_what, change, field) => {
    expectThrowsCode(() => decodeSlot(json({ ...good, ...change }), ID), 'VAULT_CORRUPT', field);
  });
});
