import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../src/core/base32';
import type { ErrorCode } from '../../src/core/errors';
import { parseOtpauthUri, parseSteamUri, toOtpauthUri, URI_MAX_LENGTH } from '../../src/core/otpauth-uri';
import type { SlotDraft } from '../../src/core/slot';
import { catchKeyslotError, expectNoLeak } from './fixtures/errors';

/** Key URI Format example secret: 10 bytes, exactly the 80-bit floor. */
const KEY = 'JBSWY3DPEHPK3PXP';
const KEY_HEX = '48656c6c6f21deadbeef';
/** A distinctive 16-byte secret ("canary-secret-42") used to prove errors never echo it. */
const CANARY = 'MNQW4YLSPEWXGZLDOJSXILJUGI';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b32 = (n: number, fill = 7) => encodeBase32(new Uint8Array(n).fill(fill));

type Expect = Partial<Omit<SlotDraft, 'secret'>> & { secretHex?: string };

const ACCEPT: [name: string, uri: string, expected: Expect][] = [
  [
    'a minimal TOTP URI, with Key URI Format defaults',
    `otpauth://totp/alice@example.org?secret=${KEY}`,
    {
      kind: 'totp',
      issuer: '',
      account: 'alice@example.org',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      secretHex: KEY_HEX,
    },
  ],
  [
    'an issuer prefix and an equal issuer parameter',
    `otpauth://totp/Example:alice@google.com?secret=${KEY}&issuer=Example`,
    { issuer: 'Example', account: 'alice@google.com' },
  ],
  [
    '%3A as the issuer/account separator',
    `otpauth://totp/Example%3Aalice?secret=${KEY}`,
    { issuer: 'Example', account: 'alice' },
  ],
  [
    'lower-case %3a followed by encoded spaces',
    `otpauth://totp/Big%20Corp%3a%20%20bob%40bigco.com?secret=${KEY}`,
    { issuer: 'Big Corp', account: 'bob@bigco.com' },
  ],
  [
    'spaces after the colon, which are trimmed',
    `otpauth://totp/Provider1:%20%20Alice%20Smith?secret=${KEY}`,
    { issuer: 'Provider1', account: 'Alice Smith' },
  ],
  [
    'raw spaces in the label',
    `otpauth://totp/Some Issuer:  bob?secret=${KEY}`,
    { issuer: 'Some Issuer', account: 'bob' },
  ],
  [
    'an issuer parameter that differs from the label prefix (the parameter wins)',
    `otpauth://totp/Contoso%20Tenant:bob@contoso.com?secret=${KEY}&issuer=Microsoft`,
    { issuer: 'Microsoft', account: 'bob@contoso.com' },
  ],
  [
    'an issuer parameter and a label without prefix',
    `otpauth://totp/bob?secret=${KEY}&issuer=Acme`,
    { issuer: 'Acme', account: 'bob' },
  ],
  [
    '+ as a space in the issuer parameter',
    `otpauth://hotp/Air%20Canada:Ben?secret=${KEY}&issuer=Air+Canada&counter=3`,
    { issuer: 'Air Canada', account: 'Ben', kind: 'hotp', counter: 3 },
  ],
  [
    '+ kept literally in the label path',
    `otpauth://totp/a+tag@example.org?secret=${KEY}`,
    { issuer: '', account: 'a+tag@example.org' },
  ],
  [
    '%2B in the issuer parameter as a plus sign',
    `otpauth://totp/x?secret=${KEY}&issuer=C%2B%2B+Club`,
    { issuer: 'C++ Club', account: 'x' },
  ],
  [
    'a lower-case secret with spaces and padding',
    'otpauth://totp/x?secret=nbsw+y3dp%20eb3w%2064tm%20mq%3D%3D%3D%3D%3D%3D',
    { secretHex: hex(new TextEncoder().encode('hello world')) },
  ],
  [
    'raw = padding in the secret',
    'otpauth://totp/x?secret=NBSWY3DPEB3W64TMMQ======',
    { secretHex: hex(new TextEncoder().encode('hello world')) },
  ],
  ['a secret grouped with dashes', 'otpauth://totp/x?secret=JBSW-Y3DP-EHPK-3PXP', { secretHex: KEY_HEX }],
  [
    'upper-case scheme, type and parameter names',
    `OTPAUTH://TOTP/X:y?SECRET=${KEY}&ISSUER=X&ALGORITHM=sha256&DIGITS=8&PERIOD=60`,
    { kind: 'totp', issuer: 'X', account: 'y', algorithm: 'SHA256', digits: 8, period: 60 },
  ],
  [
    'a lower-case sha512 algorithm and 7 digits',
    `otpauth://totp/x?secret=${KEY}&algorithm=sha512&digits=7`,
    { algorithm: 'SHA512', digits: 7 },
  ],
  ['the shortest and longest periods (1 s and one day)', `otpauth://totp/x?secret=${KEY}&period=1`, { period: 1 }],
  ['a one-day period', `otpauth://totp/x?secret=${KEY}&period=86400`, { period: 86_400 }],
  ['a period with leading zeros', `otpauth://totp/x?secret=${KEY}&period=060`, { period: 60 }],
  [
    'unknown parameters, which are ignored (image is never fetched)',
    `otpauth://totp/x?secret=${KEY}&foo=bar&image=https%3A%2F%2Fevil.example%2Fx.svg&codeDisplay=%7B%22pinned%22%3Afalse%7D`,
    { account: 'x' },
  ],
  ['a badly encoded parameter we ignore anyway', `otpauth://totp/x?secret=${KEY}&image=%ZZ%E0`, { account: 'x' }],
  [
    'duplicated parameters (the last one wins)',
    `otpauth://totp/x?digits=6&secret=AAAAAAAAAAAAAAAA&digits=8&secret=${KEY}`,
    { digits: 8, secretHex: KEY_HEX },
  ],
  [
    'an empty issuer parameter, which falls back to the label prefix',
    `otpauth://totp/ACME%20Co:Jo?issuer=&secret=${KEY}`,
    { issuer: 'ACME Co', account: 'Jo' },
  ],
  [
    'empty optional parameters, which take their defaults',
    `otpauth://totp/x?secret=${KEY}&algorithm=&digits=&period=`,
    { algorithm: 'SHA1', digits: 6, period: 30 },
  ],
  [
    'a raw # in the label, kept in the account (Azure AD guest accounts)',
    `otpauth://totp/Org:guest#EXT#@tenant.example?secret=${KEY}&issuer=Microsoft`,
    { issuer: 'Microsoft', account: 'guest#EXT#@tenant.example' },
  ],
  ['an HOTP counter of 0', `otpauth://hotp/x?secret=${KEY}&counter=0`, { kind: 'hotp', counter: 0, period: 30 }],
  [
    'an HOTP counter of 2^53-1',
    `otpauth://hotp/x?secret=${KEY}&counter=9007199254740991`,
    { counter: Number.MAX_SAFE_INTEGER },
  ],
  ['an HOTP counter with leading zeros', `otpauth://hotp/x?secret=${KEY}&counter=0007`, { counter: 7 }],
  [
    'an HOTP URI with a period, which is ignored',
    `otpauth://hotp/x?secret=${KEY}&counter=1&period=abc`,
    { kind: 'hotp', counter: 1, period: 30 },
  ],
  [
    'a TOTP URI with a counter, which is ignored',
    `otpauth://totp/x?secret=${KEY}&counter=-5`,
    { kind: 'totp', counter: 0 },
  ],
  ['surrounding whitespace and newlines', `  \n\totpauth://totp/x?secret=${KEY}\r\n `, { account: 'x' }],
  [
    'an issuer with an empty account after the colon',
    `otpauth://totp/Acme:?secret=${KEY}`,
    { issuer: 'Acme', account: '' },
  ],
  [
    'an empty label with an issuer parameter',
    `otpauth://totp/?secret=${KEY}&issuer=Acme`,
    { issuer: 'Acme', account: '' },
  ],
  [
    'no label path at all but an issuer parameter',
    `otpauth://totp?secret=${KEY}&issuer=Acme`,
    { issuer: 'Acme', account: '' },
  ],
  [
    'an issuer containing a colon that matches the label prefix',
    `otpauth://totp/Text%3A%20More:bob?secret=${KEY}&issuer=Text%3A%20More`,
    { issuer: 'Text: More', account: 'bob' },
  ],
  [
    'further colons kept in the account',
    `otpauth://totp/Acme:bob:admin?secret=${KEY}`,
    { issuer: 'Acme', account: 'bob:admin' },
  ],
  [
    'UTF-8 names',
    `otpauth://totp/%C3%89cole:z%C3%BC%20%F0%9F%94%91?secret=${KEY}`,
    { issuer: 'École', account: 'zü 🔑' },
  ],
  ['a 512-byte secret (the maximum)', `otpauth://totp/x?secret=${b32(512)}`, { account: 'x' }],
  [
    'names of exactly 256 characters',
    `otpauth://totp/${'i'.repeat(256)}:${'a'.repeat(256)}?secret=${KEY}`,
    { issuer: 'i'.repeat(256), account: 'a'.repeat(256) },
  ],
  ['empty query segments', `otpauth://totp/x?&&secret=${KEY}&&`, { account: 'x' }],
];

type Reject = [name: string, uri: string, code: ErrorCode, field: string];

const longUri = (length: number) => {
  const base = `otpauth://totp/x?secret=${CANARY}&pad=`;
  return base + 'p'.repeat(length - base.length);
};

const REJECT: Reject[] = [
  ['empty input', '', 'INPUT_EMPTY', 'uri'],
  ['whitespace-only input', ' \n\t ', 'INPUT_EMPTY', 'uri'],
  ['input of 16,385 characters', longUri(URI_MAX_LENGTH + 1), 'INPUT_TOO_LONG', 'uri'],
  ['over-long input before looking at anything else', 'x'.repeat(URI_MAX_LENGTH + 904), 'INPUT_TOO_LONG', 'uri'],
  [
    'over-long input even if it is mostly whitespace',
    ` otpauth://totp/x?secret=${CANARY}${' '.repeat(URI_MAX_LENGTH)}`,
    'INPUT_TOO_LONG',
    'uri',
  ],
  ['an http URL', `https://example.org/totp/x?secret=${CANARY}`, 'URI_SCHEME', 'uri'],
  ['a steam:// URI', `steam://${CANARY}`, 'URI_SCHEME', 'uri'],
  [
    'an otpauth-migration URI (exports are read by readActivation, not here)',
    'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4',
    'URI_SCHEME',
    'uri',
  ],
  ['text without a scheme', `totp/x?secret=${CANARY}`, 'URI_SCHEME', 'uri'],
  ['a bare secret', CANARY, 'URI_SCHEME', 'uri'],
  ['a scheme prefix added by a scanner app', `QR-Code:otpauth://totp/x?secret=${CANARY}`, 'URI_SCHEME', 'uri'],
  ['otpauth: without //', `otpauth:totp/x?secret=${CANARY}`, 'URI_MALFORMED', 'uri'],
  ['otpauth:/ with one slash', `otpauth:/totp/x?secret=${CANARY}`, 'URI_MALFORMED', 'uri'],
  ['a bad percent escape in the label', `otpauth://totp/Acme:bob%ZZ?secret=${CANARY}`, 'URI_MALFORMED', 'label'],
  ['invalid UTF-8 in the label', `otpauth://totp/%FF%FE?secret=${CANARY}`, 'URI_MALFORMED', 'label'],
  [
    'a truncated escape in the issuer parameter',
    `otpauth://totp/x?secret=${CANARY}&issuer=Acme%E2%82`,
    'URI_MALFORMED',
    'issuer',
  ],
  ['an unknown OTP type', `otpauth://motp/x?secret=${CANARY}`, 'OTP_TYPE', 'type'],
  ['an empty OTP type', `otpauth:///x?secret=${CANARY}`, 'OTP_TYPE', 'type'],
  ['the steam type, unless Steam is asked for', `otpauth://steam/Valve:x?secret=${CANARY}`, 'OTP_TYPE', 'type'],
  [
    'an encoder parameter (Steam Guard), unless Steam is asked for',
    `otpauth://totp/Steam:x?secret=${CANARY}&encoder=steam`,
    'OTP_TYPE',
    'encoder',
  ],
  ['an encoder other than Steam', `otpauth://totp/Steam:x?secret=${CANARY}&encoder=yandex`, 'OTP_TYPE', 'encoder'],
  [
    'a Steam encoder on an HOTP URI',
    `otpauth://hotp/Steam:x?secret=${CANARY}&counter=1&encoder=steam`,
    'OTP_TYPE',
    'encoder',
  ],
  ['an empty label without issuer', `otpauth://totp/?secret=${CANARY}`, 'LABEL_EMPTY', 'account'],
  ['a label of only spaces', `otpauth://totp/%20%20%20?secret=${CANARY}`, 'LABEL_EMPTY', 'account'],
  ['a label that is only a colon', `otpauth://totp/:?secret=${CANARY}`, 'LABEL_EMPTY', 'account'],
  ['no label and no issuer', `otpauth://totp?secret=${CANARY}`, 'LABEL_EMPTY', 'account'],
  ['a URI without a secret', 'otpauth://totp/canary.user@example.org?issuer=Canary', 'SECRET_MISSING', 'secret'],
  ['an empty secret', 'otpauth://totp/canary.user@example.org?secret=&issuer=Canary', 'SECRET_MISSING', 'secret'],
  [
    'a secret of only spaces and padding',
    'otpauth://totp/canary.user@example.org?secret=%20%20%3D%3D',
    'SECRET_MISSING',
    'secret',
  ],
  [
    'a secret with digits outside base32',
    `otpauth://totp/x?secret=${CANARY.slice(0, -2)}18`,
    'SECRET_INVALID',
    'secret',
  ],
  [
    'a secret with padding in the middle',
    `otpauth://totp/x?secret=${CANARY.slice(0, 8)}%3D${CANARY.slice(8)}`,
    'SECRET_INVALID',
    'secret',
  ],
  ['a secret with a dangling character', `otpauth://totp/x?secret=${CANARY}A`, 'SECRET_INVALID', 'secret'],
  ['a hex secret', 'otpauth://totp/x?secret=3132333435363738393031323334353637383930', 'SECRET_INVALID', 'secret'],
  ['a secret shorter than 80 bits', `otpauth://totp/x?secret=${CANARY.slice(0, 15)}`, 'SECRET_TOO_SHORT', 'secret'],
  ['a 40-bit secret', 'otpauth://totp/x?secret=MNQW4YLS', 'SECRET_TOO_SHORT', 'secret'],
  ['a secret longer than 512 bytes', `otpauth://totp/x?secret=${b32(513)}`, 'SECRET_TOO_LONG', 'secret'],
  ['the MD5 algorithm', `otpauth://totp/x?secret=${CANARY}&algorithm=MD5`, 'ALGORITHM', 'algorithm'],
  ['the SHA224 algorithm', `otpauth://totp/x?secret=${CANARY}&algorithm=SHA224`, 'ALGORITHM', 'algorithm'],
  ['a hyphenated SHA-256', `otpauth://totp/x?secret=${CANARY}&algorithm=SHA-256`, 'ALGORITHM', 'algorithm'],
  ['5 digits', `otpauth://totp/x?secret=${CANARY}&digits=5`, 'DIGITS', 'digits'],
  ['9 digits', `otpauth://totp/x?secret=${CANARY}&digits=9`, 'DIGITS', 'digits'],
  ['negative digits', `otpauth://totp/x?secret=${CANARY}&digits=-1`, 'DIGITS', 'digits'],
  ['fractional digits', `otpauth://totp/x?secret=${CANARY}&digits=6.0`, 'DIGITS', 'digits'],
  ['digits in hex notation', `otpauth://totp/x?secret=${CANARY}&digits=0x6`, 'DIGITS', 'digits'],
  ['digits written as a word', `otpauth://totp/x?secret=${CANARY}&digits=six`, 'DIGITS', 'digits'],
  ['a zero period', `otpauth://totp/x?secret=${CANARY}&period=0`, 'PERIOD', 'period'],
  ['a period longer than one day', `otpauth://totp/x?secret=${CANARY}&period=86401`, 'PERIOD', 'period'],
  ['a fractional period', `otpauth://totp/x?secret=${CANARY}&period=30.5`, 'PERIOD', 'period'],
  ['a period in exponent notation', `otpauth://totp/x?secret=${CANARY}&period=3e1`, 'PERIOD', 'period'],
  ['an HOTP URI without counter', `otpauth://hotp/x?secret=${CANARY}`, 'COUNTER_MISSING', 'counter'],
  ['an HOTP URI with an empty counter', `otpauth://hotp/x?secret=${CANARY}&counter=`, 'COUNTER_MISSING', 'counter'],
  ['a negative counter', `otpauth://hotp/x?secret=${CANARY}&counter=-1`, 'COUNTER_INVALID', 'counter'],
  ['a counter of 2^53', `otpauth://hotp/x?secret=${CANARY}&counter=9007199254740992`, 'COUNTER_INVALID', 'counter'],
  [
    'a 20-digit counter',
    `otpauth://hotp/x?secret=${CANARY}&counter=18446744073709551615`,
    'COUNTER_INVALID',
    'counter',
  ],
  ['a fractional counter', `otpauth://hotp/x?secret=${CANARY}&counter=1.5`, 'COUNTER_INVALID', 'counter'],
  ['a non-numeric counter', `otpauth://hotp/x?secret=${CANARY}&counter=abc`, 'COUNTER_INVALID', 'counter'],
  [
    'an issuer parameter of 257 characters',
    `otpauth://totp/x?secret=${CANARY}&issuer=${'i'.repeat(257)}`,
    'NAME_TOO_LONG',
    'issuer',
  ],
  [
    'a label prefix of 257 characters',
    `otpauth://totp/${'i'.repeat(257)}:x?secret=${CANARY}`,
    'NAME_TOO_LONG',
    'issuer',
  ],
  [
    'an account of 257 characters',
    `otpauth://totp/Acme:${'a'.repeat(257)}?secret=${CANARY}`,
    'NAME_TOO_LONG',
    'account',
  ],
];

describe('parseOtpauthUri accepts', () => {
  it.each(ACCEPT)('%s', (_name, uri, expected) => {
    const draft = parseOtpauthUri(uri);
    const { secretHex, ...fields } = expected;
    expect(draft).toMatchObject(fields);
    if (secretHex !== undefined) expect(hex(draft.secret)).toBe(secretHex);
  });

  it('accepts input of exactly 16,384 characters', () => {
    expect(parseOtpauthUri(longUri(URI_MAX_LENGTH)).account).toBe('x');
  });

  it('returns a complete draft with a Uint8Array secret', () => {
    const draft = parseOtpauthUri(`otpauth://hotp/A:b?secret=${KEY}&counter=4&digits=8&algorithm=SHA256`);
    expect(draft).toEqual({
      kind: 'hotp',
      issuer: 'A',
      account: 'b',
      secret: new Uint8Array(Buffer.from(KEY_HEX, 'hex')),
      algorithm: 'SHA256',
      digits: 8,
      period: 30,
      counter: 4,
    });
  });
});

describe('parseOtpauthUri rejects', () => {
  it.each(REJECT)('%s with %s', (_name, uri, code, field) => {
    const e = catchKeyslotError(() => parseOtpauthUri(uri));
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
  });

  it('rejects non-string input as empty', () => {
    for (const v of [null, undefined, 42]) {
      expect(catchKeyslotError(() => parseOtpauthUri(v as unknown as string)).code).toBe('INPUT_EMPTY');
    }
  });

  it('gives limits with secret length errors (in bytes)', () => {
    expect(catchKeyslotError(() => parseOtpauthUri('otpauth://totp/x?secret=MNQW4YLS'))).toMatchObject({
      min: 10,
      max: 512,
    });
  });
});

describe('parser errors never reveal the input', () => {
  it.each(REJECT)('for %s', (_name, uri) => {
    const e = catchKeyslotError(() => parseOtpauthUri(uri));
    expectNoLeak(e, uri, [CANARY, 'canary.user@example.org', b32(513).slice(0, 40)]);
  });

  it('for a hostile label full of markup and control characters', () => {
    const uri = `otpauth://totp/%3Cscript%3Ealert(1)%3C%2Fscript%3E%00:x?secret=${CANARY.slice(0, 12)}`;
    const e = catchKeyslotError(() => parseOtpauthUri(uri));
    expect(e.code).toBe('SECRET_TOO_SHORT');
    expectNoLeak(e, uri, ['<script>', CANARY.slice(0, 12)]);
  });
});

describe('toOtpauthUri', () => {
  const draft = (over: Partial<SlotDraft>): SlotDraft => ({
    kind: 'totp',
    issuer: 'Acme',
    account: 'alice@example.org',
    secret: new Uint8Array(Buffer.from(KEY_HEX, 'hex')),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...over,
  });

  it('writes the canonical form with every parameter', () => {
    expect(toOtpauthUri(draft({}))).toBe(
      `otpauth://totp/Acme:alice@example.org?secret=${KEY}&issuer=Acme&algorithm=SHA1&digits=6&period=30`,
    );
    expect(toOtpauthUri(draft({ kind: 'hotp', counter: 12, issuer: '' }))).toBe(
      `otpauth://hotp/alice@example.org?secret=${KEY}&algorithm=SHA1&digits=6&counter=12`,
    );
  });

  it.each<[string, Partial<SlotDraft>]>([
    ['plain names', {}],
    ['spaces, plus signs and ampersands', { issuer: 'Air Canada & Co+', account: 'a b+c&d=e?f' }],
    ['a colon in the issuer', { issuer: 'Text: More Text', account: 'Secret' }],
    ['a colon in the account', { account: 'bob:admin' }],
    ['a colon in the account without issuer', { issuer: '', account: 'a:b' }],
    ['an empty account', { account: '' }],
    ['# % / and unicode', { issuer: 'Ünï#/%', account: 'guest#EXT#@x 🔑' }],
    ['HOTP at 2^53-1', { kind: 'hotp', counter: Number.MAX_SAFE_INTEGER, digits: 8, algorithm: 'SHA512' }],
    ['a 1 s period and SHA256', { period: 1, algorithm: 'SHA256', digits: 7 }],
  ])('round-trips a draft with %s', (_name, over) => {
    const d = draft(over);
    expect(parseOtpauthUri(toOtpauthUri(d))).toEqual(d);
  });
});

describe('parseSteamUri (Bitwarden’s steam://SECRET)', () => {
  it('reads the secret as a Steam Guard slot named "Steam", whatever the case of the scheme', () => {
    for (const text of [`steam://${CANARY}`, ` STEAM://${CANARY.toLowerCase()}\n`]) {
      expect(parseSteamUri(text)).toMatchObject({ kind: 'steam', issuer: 'Steam', account: '', digits: 5, period: 30 });
    }
  });

  it.each<[string, string, ErrorCode]>([
    ['another scheme', `otpauth://steam/x?secret=${CANARY}`, 'URI_SCHEME'],
    ['no secret', 'steam://', 'SECRET_MISSING'],
    ['a secret that is not base32', `steam://${CANARY}@1`, 'SECRET_INVALID'],
    ['an overlong text', `steam://${'A'.repeat(URI_MAX_LENGTH)}`, 'INPUT_TOO_LONG'],
  ])('refuses %s with %s, without the text in the error', (_name, text, code) => {
    const e = catchKeyslotError(() => parseSteamUri(text));
    expect(e.code).toBe(code);
    expectNoLeak(e, text, [CANARY]);
  });
});
