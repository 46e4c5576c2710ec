import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/core/errors';
import { draftFromForm, type ManualEntryFields } from '../../src/core/manual-entry';
import { parseOtpauthUri } from '../../src/core/otpauth-uri';
import { catchKeyslotError, expectNoLeak } from './fixtures/errors';

const KEY = 'JBSWY3DPEHPK3PXP';
const KEY_HEX = '48656c6c6f21deadbeef';
const CANARY = 'MNQW4YLSPEWXGZLDOJSXILJUGI';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const totp = (over: Partial<ManualEntryFields> = {}): ManualEntryFields => ({
  kind: 'totp',
  issuer: 'Acme',
  account: 'alice@example.org',
  secret: KEY,
  algorithm: 'SHA1',
  digits: '6',
  period: '30',
  counter: '',
  ...over,
});

describe('draftFromForm builds a draft', () => {
  it('from text fields', () => {
    const d = draftFromForm(totp());
    expect(d).toMatchObject({
      kind: 'totp',
      issuer: 'Acme',
      account: 'alice@example.org',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
    expect(hex(d.secret)).toBe(KEY_HEX);
  });

  it('from number fields', () => {
    expect(draftFromForm(totp({ digits: 8, period: 60 }))).toMatchObject({ digits: 8, period: 60 });
    expect(draftFromForm(totp({ kind: 'hotp', counter: 0 }))).toMatchObject({ kind: 'hotp', counter: 0 });
  });

  it('with defaults for blank optional fields', () => {
    const d = draftFromForm({
      kind: 'totp',
      account: 'bob',
      secret: KEY,
      algorithm: '',
      digits: ' ',
      period: undefined,
    });
    expect(d).toMatchObject({ issuer: '', algorithm: 'SHA1', digits: 6, period: 30 });
  });

  it('with a case-insensitive kind and algorithm', () => {
    expect(draftFromForm(totp({ kind: ' TOTP ', algorithm: 'sha256' }))).toMatchObject({
      kind: 'totp',
      algorithm: 'SHA256',
    });
  });

  it('with a typed secret in lower case, spaced, dashed and padded', () => {
    expect(hex(draftFromForm(totp({ secret: ' jbsw y3dp-ehpk 3pxp== ' })).secret)).toBe(KEY_HEX);
  });

  it('with trimmed names', () => {
    expect(draftFromForm(totp({ issuer: '  Acme ', account: ' bob\t' }))).toMatchObject({
      issuer: 'Acme',
      account: 'bob',
    });
  });

  it('with only an issuer or only an account', () => {
    expect(draftFromForm(totp({ account: '' }))).toMatchObject({ issuer: 'Acme', account: '' });
    expect(draftFromForm(totp({ issuer: '' }))).toMatchObject({ issuer: '', account: 'alice@example.org' });
  });

  it('for HOTP with counter 2^53-1, ignoring the period field', () => {
    expect(draftFromForm(totp({ kind: 'hotp', counter: '9007199254740991', period: 'junk' }))).toMatchObject({
      kind: 'hotp',
      counter: Number.MAX_SAFE_INTEGER,
      period: 30,
    });
  });

  it('for TOTP, ignoring the counter field', () => {
    expect(draftFromForm(totp({ counter: 'junk' }))).toMatchObject({ counter: 0 });
  });

  it('equal to what the URI parser gives for the same values', () => {
    const fromForm = draftFromForm(totp({ kind: 'hotp', counter: '42', digits: '8', algorithm: 'sha512' }));
    const fromUri = parseOtpauthUri(
      `otpauth://hotp/Acme:alice@example.org?secret=${KEY}&issuer=Acme&counter=42&digits=8&algorithm=SHA512`,
    );
    expect(fromForm).toEqual(fromUri);
  });
});

const REJECT: [name: string, fields: ManualEntryFields, code: ErrorCode, field: string][] = [
  ['an unknown kind', totp({ kind: 'motp' }), 'OTP_TYPE', 'kind'],
  ['a missing kind', totp({ kind: undefined }), 'OTP_TYPE', 'kind'],
  ['blank issuer and account', totp({ issuer: ' ', account: '' }), 'LABEL_EMPTY', 'account'],
  ['an issuer of 257 characters', totp({ issuer: 'i'.repeat(257) }), 'NAME_TOO_LONG', 'issuer'],
  ['an account of 257 characters', totp({ account: 'a'.repeat(257) }), 'NAME_TOO_LONG', 'account'],
  ['an empty secret', totp({ secret: '' }), 'SECRET_MISSING', 'secret'],
  ['a secret of only separators', totp({ secret: ' - = ' }), 'SECRET_MISSING', 'secret'],
  ['a secret with characters outside base32', totp({ secret: `${CANARY.slice(0, -1)}0` }), 'SECRET_INVALID', 'secret'],
  // eslint-disable-next-line no-loss-of-precision -- a number, not a string, is the hostile input here
  ['a numeric secret', totp({ secret: 12345678901234567 }), 'SECRET_INVALID', 'secret'],
  ['a secret shorter than 80 bits', totp({ secret: CANARY.slice(0, 15) }), 'SECRET_TOO_SHORT', 'secret'],
  ['a secret longer than 512 bytes', totp({ secret: 'A'.repeat(824) }), 'SECRET_TOO_LONG', 'secret'],
  ['an unsupported algorithm', totp({ algorithm: 'MD5' }), 'ALGORITHM', 'algorithm'],
  ['5 digits as text', totp({ digits: '5' }), 'DIGITS', 'digits'],
  ['9 digits as a number', totp({ digits: 9 }), 'DIGITS', 'digits'],
  ['fractional digits', totp({ digits: 6.5 }), 'DIGITS', 'digits'],
  ['a zero period', totp({ period: '0' }), 'PERIOD', 'period'],
  ['a period longer than a day', totp({ period: 86_401 }), 'PERIOD', 'period'],
  ['a non-numeric period', totp({ period: '30s' }), 'PERIOD', 'period'],
  ['an HOTP without counter', totp({ kind: 'hotp', counter: '' }), 'COUNTER_MISSING', 'counter'],
  ['a negative counter', totp({ kind: 'hotp', counter: -1 }), 'COUNTER_INVALID', 'counter'],
  ['a counter of 2^53', totp({ kind: 'hotp', counter: 2 ** 53 }), 'COUNTER_INVALID', 'counter'],
  ['a non-numeric counter', totp({ kind: 'hotp', counter: '12a' }), 'COUNTER_INVALID', 'counter'],
];

describe('draftFromForm rejects', () => {
  it.each(REJECT)('%s with %s', (_name, fields, code, field) => {
    const e = catchKeyslotError(() => draftFromForm(fields));
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
  });

  it.each(REJECT)('%s without revealing the secret', (_name, fields) => {
    const e = catchKeyslotError(() => draftFromForm(fields));
    expectNoLeak(e, String(fields.secret), [CANARY.slice(0, 12), 'alice@example.org']);
  });

  it('gives limits with name and secret length errors', () => {
    expect(catchKeyslotError(() => draftFromForm(totp({ account: 'a'.repeat(300) })))).toMatchObject({ max: 256 });
    expect(catchKeyslotError(() => draftFromForm(totp({ secret: 'AAAA' })))).toMatchObject({ min: 10, max: 512 });
  });
});
