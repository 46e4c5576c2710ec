// Names that always round-trip (issue 14): one normaliser (src/core/names.ts) and one validator
// (validate.ts checkDraft) on every way in, backups included; the otpauth:// writer never throws.
import { describe, expect, it } from 'vitest';
import { codeOf } from './fixtures/errors';
import { codePointLength, nameKey, normaliseName, wellFormed } from '../../src/core/names';
import { parseOtpauthUri, toOtpauthUri } from '../../src/core/otpauth-uri';
import { draftFromForm } from '../../src/core/manual-entry';
import { entryFromUri, makeEntry } from '../../src/core/importers/common';
import { base64Encode, utf8Encode } from '../../src/core/bytes';
import { decodeBackupPlaintext, plainExport } from '../../src/core/backup';
import { matchExisting } from '../../src/core/slot-match';
import { checkDraft } from '../../src/core/validate';
import { SLOT_META_DEFAULTS, type Slot, type SlotDraft } from '../../src/core/slot';

const SECRET = 'JBSWY3DPEHPK3PXP';
const SECRET_BYTES = Uint8Array.from(Buffer.from('Hello!\xde\xad\xbe\xef', 'latin1'));
const LONE = '\uD800';
const RLO = '\u202E';
const PDF = '\u202C';

function draft(over: Partial<SlotDraft> = {}): SlotDraft {
  return {
    kind: 'totp',
    issuer: 'Acme',
    account: 'ivy',
    secret: SECRET_BYTES,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...over,
  };
}

function stored(over: Partial<Slot> = {}): Slot {
  return { id: 'a'.repeat(32), name: '', createdAt: 1, ...draft(), ...SLOT_META_DEFAULTS, ...over };
}

function backupWith(slot: Record<string, unknown>): Uint8Array {
  const base = {
    kind: 'totp',
    issuer: 'Acme',
    account: 'ivy',
    name: '',
    secret: base64Encode(SECRET_BYTES),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    createdAt: 1,
    // Backup version 2: what the person made of the slot.
    favourite: false,
    groups: [],
    note: '',
    icon: null,
  };
  return utf8Encode(JSON.stringify({ slots: [{ ...base, ...slot }] }));
}

describe('the name normaliser', () => {
  it('replaces a lone surrogate, so the name is well-formed UTF-16', () => {
    expect(normaliseName(`Acme${LONE}`)).toBe('Acme\uFFFD');
    expect(wellFormed('a\uDC00b\uD83D\uDE00')).toBe('a\uFFFDb\uD83D\uDE00');
  });

  it('removes bidi overrides and zero-width spaces, so "PayPal‮ · moc.lapyap@eci‮la" cannot pose as another account', () => {
    expect(normaliseName(`PayPal${RLO} · moc.lapyap@eci${RLO}la`)).toBe('PayPal · moc.lapyap@ecila');
    expect(normaliseName('\u200BAc\u2060me\uFEFF')).toBe('Acme');
    expect(normaliseName('\u2067Acme\u2069\u200E')).toBe('Acme');
  });

  it('keeps the zero-width joiners that emoji and scripts need, but ignores them when comparing', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    expect(normaliseName(family)).toBe(family);
    expect(normaliseName('\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645')).toContain('\u200C');
    expect(nameKey('Ac\u200Dme')).toBe(nameKey('acme'));
  });

  it('composes to NFC and trims, also around removed characters', () => {
    expect(normaliseName('  Cafe\u0301 ')).toBe('Caf\u00E9');
    expect(normaliseName('\u200B  Acme \u202E')).toBe('Acme');
    expect(normaliseName(' \t\u200B ')).toBe('');
  });

  it('counts length in code points, as the vault does', () => {
    expect(codePointLength('\u{1F600}'.repeat(3))).toBe(3);
    expect(codeOf(() => checkDraft(draft({ issuer: '\u{1F600}'.repeat(256) })))).toBe('none');
    expect(codeOf(() => checkDraft(draft({ issuer: '\u{1F600}'.repeat(257) })))).toBe('NAME_TOO_LONG');
  });
});

describe('every way in uses it', () => {
  it('a URI whose label carries an override is accepted with the override removed', () => {
    const d = parseOtpauthUri(
      `otpauth://totp/${encodeURIComponent(`PayPal${RLO}`)}:${encodeURIComponent(`moc.lapyap@eci${RLO}la`)}?secret=${SECRET}`,
    );
    expect([d.issuer, d.account]).toEqual(['PayPal', 'moc.lapyap@ecila']);
  });

  it('the typed form and an importer entry normalise the same way', () => {
    const typed = draftFromForm({ kind: 'totp', issuer: `\u200BAcme${PDF}`, account: `ivy${LONE}`, secret: SECRET });
    const entry = makeEntry({ kind: 'totp', issuer: `\u200BAcme${PDF}`, account: `ivy${LONE}`, secret: SECRET_BYTES });
    expect([typed.issuer, typed.account]).toEqual(['Acme', 'ivy\uFFFD']);
    expect(entry.status === 'ok' && [entry.draft.issuer, entry.draft.account]).toEqual(['Acme', 'ivy\uFFFD']);
  });

  it('a name of only invisible characters is no name (LABEL_EMPTY)', () => {
    expect(codeOf(() => draftFromForm({ kind: 'totp', issuer: '\u200B', account: `${RLO} `, secret: SECRET }))).toBe(
      'LABEL_EMPTY',
    );
    expect(entryFromUri(`otpauth://totp/%E2%80%8B?secret=${SECRET}`)).toMatchObject({
      status: 'failed',
      code: 'LABEL_EMPTY',
    });
  });
});

describe('the otpauth:// writer', () => {
  it('never throws, even for a slot stored with a lone surrogate by an older version', () => {
    const old = stored({ issuer: `Acme${LONE}`, account: `\uDC00ivy` });
    expect(() => toOtpauthUri(old)).not.toThrow();
    expect(() => plainExport([old, stored({ issuer: 'Other' })])).not.toThrow();
    const back = parseOtpauthUri(toOtpauthUri(old));
    expect([back.issuer, back.account]).toEqual(['Acme\uFFFD', '\uFFFDivy']);
  });
});

describe('one validator, backups included', () => {
  it('refuses a backup slot whose names are only white space', () => {
    expect(codeOf(() => decodeBackupPlaintext(backupWith({ issuer: '   ', account: '\t' })))).toBe('BACKUP_DAMAGED');
  });

  it('refuses a backup TOTP slot with a counter, and an HOTP slot with a time step', () => {
    expect(codeOf(() => decodeBackupPlaintext(backupWith({ counter: 5 })))).toBe('BACKUP_DAMAGED');
    expect(codeOf(() => decodeBackupPlaintext(backupWith({ kind: 'hotp', period: 1, counter: 3 })))).toBe(
      'BACKUP_DAMAGED',
    );
    expect(codeOf(() => decodeBackupPlaintext(backupWith({ kind: 'hotp', period: 30, counter: 3 })))).toBe('none');
  });

  it('normalises names restored from a backup', () => {
    const [s] = decodeBackupPlaintext(
      backupWith({ issuer: ` Acme${RLO}`, account: `ivy${LONE}`, name: '\u200BWork ' }),
    );
    expect([s!.issuer, s!.account, s!.name]).toEqual(['Acme', 'ivy\uFFFD', 'Work']);
  });

  it('accepts 256 emoji in a backup name and in a URI alike (one length rule)', () => {
    const long = '\u{1F600}'.repeat(256);
    expect(codeOf(() => decodeBackupPlaintext(backupWith({ issuer: long })))).toBe('none');
    expect(parseOtpauthUri(toOtpauthUri(draft({ issuer: long }))).issuer).toBe(long);
  });
});

describe('duplicate detection sees through look-alikes', () => {
  it('a zero-width character or a bidi control does not make a new account', () => {
    const here = [stored({ issuer: 'PayPal', account: 'alice@paypal.com' })];
    for (const [issuer, account] of [
      ['Pay\u200BPal', 'alice@paypal.com'],
      ['PayPal', 'alice\u200D@paypal.com'],
      ['ＰａｙＰａｌ', 'ALICE@paypal.com'],
      ['PayPal', 'alice@paypal.com\u2066'],
    ] as const) {
      expect(matchExisting(draft({ issuer, account, secret: new Uint8Array(16).fill(7) }), here).kind).toBe('reissue');
    }
  });
});

describe('the validator and Steam slots', () => {
  it('accepts a Steam draft with its fixed parameters, and refuses one that claims others', () => {
    expect(checkDraft(draft({ kind: 'steam', digits: 5 })).kind).toBe('steam');
    expect(codeOf(() => checkDraft(draft({ kind: 'steam', digits: 6 })))).toBe('OTP_TYPE');
  });
});
