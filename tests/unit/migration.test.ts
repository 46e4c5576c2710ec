import { describe, expect, it } from 'vitest';
import { isKeyslotError, type ErrorCode } from '../../src/core/errors';
import {
  MIGRATION_BATCHES_MAX,
  MIGRATION_ENTRIES_MAX,
  MIGRATION_TEXT_MAX,
  MigrationBatches,
  collectBatch,
  parseMigrationUri,
  type MigrationBatch,
  type MigrationEntry,
} from '../../src/core/migration';
import type { SlotDraft } from '../../src/core/slot';
import { catchKeyslotError, expectNoLeak } from './fixtures/errors';
import {
  ALGORITHM,
  base32ToBytes,
  concat,
  DIGITS,
  encodeData,
  key,
  lenField,
  migrationPayload,
  migrationUri,
  otpParameters,
  payloadFields,
  TYPE,
  uriFromBytes,
  varint,
  varintField,
  WIRE,
  type DataEncoding,
  type EntrySpec,
} from './fixtures/migration-writer';

/** A distinctive 16-byte secret ("canary-secret-42"), to prove errors and failed entries never carry it. */
const CANARY = 'MNQW4YLSPEWXGZLDOJSXILJUGI';
const KEY = 'JBSWY3DPEHPK3PXP'; // 10 bytes, the 80-bit floor
const KEY2 = 'GEZDGNBVGY3TQOJQ';
const KEY3 = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGWZLZ';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b32hex = (text: string) => hex(base32ToBytes(text));

/** What a draft must be, with the secret as base32. */
type Expected = Omit<SlotDraft, 'secret'> & { secret: string };
const draft = (over: Partial<Expected> & { secret: string }): Expected => ({
  kind: 'totp',
  issuer: '',
  account: '',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

/** The drafts of a batch whose every entry must have been accepted. */
function drafts(batch: MigrationBatch): SlotDraft[] {
  return batch.entries.map((e) => {
    if (!e.ok) throw new Error(`entry refused with ${e.code}`);
    return e.draft;
  });
}

/** Entries with secrets shown as hex, for toEqual. */
const view = (entries: MigrationEntry[]) =>
  entries.map((e) => (e.ok ? { ...e.draft, secret: hex(e.draft.secret) } : e));
const expectedView = (list: Expected[]) => list.map((d) => ({ ...d, secret: b32hex(d.secret) }));

function expectDrafts(batch: MigrationBatch, expected: Expected[]): void {
  drafts(batch); // every entry accepted
  expect(view(batch.entries)).toEqual(expectedView(expected));
}

const THREE: EntrySpec[] = [
  { secret: KEY, name: 'Lab:ann', issuer: 'Lab' },
  { secret: KEY2, name: 'ben@example.org', issuer: 'Mail' },
  { secret: KEY3, name: 'Cloud:cat' },
];
const THREE_DRAFTS = [
  draft({ secret: KEY, issuer: 'Lab', account: 'ann' }),
  draft({ secret: KEY2, issuer: 'Mail', account: 'ben@example.org' }),
  draft({ secret: KEY3, issuer: 'Cloud', account: 'cat' }),
];

// ---------------------------------------------------------------- happy paths

describe('parseMigrationUri reads', () => {
  it('one TOTP account written the way Google Authenticator writes it', () => {
    const batch = parseMigrationUri(
      migrationUri([{ secret: KEY, name: 'Example:alice@google.com', issuer: 'Example' }], { batchId: 42 }),
    );
    expect(batch).toMatchObject({ version: 1, batchSize: 1, batchIndex: 0, batchId: 42 });
    expectDrafts(batch, [draft({ secret: KEY, issuer: 'Example', account: 'alice@google.com' })]);
    expect(batch.entries[0]).toEqual({ ok: true, draft: expect.objectContaining({ secret: expect.any(Uint8Array) }) });
  });

  it('three accounts, in payload order', () => {
    expectDrafts(parseMigrationUri(migrationUri(THREE)), THREE_DRAFTS);
  });

  it('an HOTP account with its counter', () => {
    const batch = parseMigrationUri(migrationUri([{ secret: KEY3, name: 'hotp demo', type: TYPE.HOTP, counter: 4 }]));
    expectDrafts(batch, [draft({ secret: KEY3, kind: 'hotp', account: 'hotp demo', counter: 4 })]);
  });

  it('an HOTP account whose counter is 0 and therefore absent from the payload', () => {
    const batch = parseMigrationUri(migrationUri([{ secret: KEY3, name: 'x', type: TYPE.HOTP }]));
    expectDrafts(batch, [draft({ secret: KEY3, kind: 'hotp', account: 'x', counter: 0 })]);
  });

  it('an HOTP counter of 2^53-1, the largest a JS number holds exactly', () => {
    const batch = parseMigrationUri(
      migrationUri([{ secret: KEY, name: 'x', type: TYPE.HOTP, counter: 2n ** 53n - 1n }]),
    );
    expect(drafts(batch)[0]!.counter).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('a counter on a TOTP account, which is ignored', () => {
    const batch = parseMigrationUri(migrationUri([{ secret: KEY, name: 'x', counter: 2n ** 64n - 1n }]));
    expect(drafts(batch)[0]).toMatchObject({ kind: 'totp', counter: 0 });
  });

  it('SHA256 with 8 digits and SHA512 with 6', () => {
    const batch = parseMigrationUri(
      migrationUri([
        { secret: KEY, name: 'a', algorithm: ALGORITHM.SHA256, digits: DIGITS.EIGHT },
        { secret: KEY2, name: 'b', algorithm: ALGORITHM.SHA512, digits: DIGITS.SIX },
      ]),
    );
    expectDrafts(batch, [
      draft({ secret: KEY, account: 'a', algorithm: 'SHA256', digits: 8 }),
      draft({ secret: KEY2, account: 'b', algorithm: 'SHA512', digits: 6 }),
    ]);
  });

  it('a payload without algorithm, digits, version or batch fields, as SHA1, 6 digits and zeros', () => {
    const uri = migrationUri([{ secret: KEY, name: 'x', algorithm: null, digits: null }], {
      version: null,
      batchSize: null,
      batchIndex: null,
      batchId: null,
    });
    const batch = parseMigrationUri(uri);
    expect(batch).toMatchObject({ version: 0, batchSize: 0, batchIndex: 0, batchId: 0 });
    expectDrafts(batch, [draft({ secret: KEY, account: 'x' })]);
  });

  it('explicitly unspecified algorithm and digits (0) as SHA1 and 6 digits', () => {
    const batch = parseMigrationUri(
      migrationUri([{ secret: KEY, name: 'x', algorithm: ALGORITHM.UNSPECIFIED, digits: DIGITS.UNSPECIFIED }]),
    );
    expect(drafts(batch)[0]).toMatchObject({ algorithm: 'SHA1', digits: 6 });
  });

  it.each<DataEncoding>(['percent', 'raw', 'urlsafe', 'unpadded'])(
    'the data %s-encoded, with the same result',
    (encoding) => {
      // Secrets chosen so the base64 holds '+', '/' and padding.
      const entries: EntrySpec[] = [
        { secret: Uint8Array.from([0xfb, 0xff, 0xbf, ...new Uint8Array(8).fill(0xfe)]), name: 'a+b/c' },
        ...THREE,
      ];
      const bytes = migrationPayload(entries);
      const text = encodeData(bytes, encoding);
      if (encoding === 'raw') expect(text).toMatch(/[+/]/);
      if (encoding === 'percent') expect(text).toMatch(/%2B|%2F/);
      const batch = parseMigrationUri(uriFromBytes(bytes, encoding));
      expect(view(batch.entries)).toEqual(view(parseMigrationUri(uriFromBytes(bytes, 'percent')).entries));
      expect(batch.entries).toHaveLength(4);
    },
  );

  it('a raw + in the data as +, never as a space', () => {
    const bytes = migrationPayload([{ secret: Uint8Array.from(new Uint8Array(12).fill(0xfb)), name: 'x' }]);
    const raw = encodeData(bytes, 'raw');
    expect(raw).toContain('+');
    expect(hex(drafts(parseMigrationUri(`otpauth-migration://offline?data=${raw}`))[0]!.secret)).toBe('fb'.repeat(12));
  });

  it('a space in the data as the + it was before some tool form-decoded it', () => {
    const bytes = migrationPayload([{ secret: Uint8Array.from(new Uint8Array(12).fill(0xfb)), name: 'x' }]);
    const spaced = encodeData(bytes, 'raw').replace(/\+/g, ' ');
    expect(view(parseMigrationUri(`otpauth-migration://offline?data=${spaced}`).entries)).toEqual(
      view(parseMigrationUri(uriFromBytes(bytes)).entries),
    );
  });

  it('upper-case scheme, host and parameter name, surrounding whitespace, a trailing slash and other parameters', () => {
    const data = encodeData(migrationPayload(THREE));
    for (const uri of [
      `OTPAUTH-MIGRATION://OFFLINE?DATA=${data}`,
      ` \n otpauth-migration://offline/?foo=1&data=${data}&bar \r\n`,
      `otpauth-migration://offline?data=AAAA&data=${data}`, // the last one wins
    ]) {
      expectDrafts(parseMigrationUri(uri), THREE_DRAFTS);
    }
  });

  it('negative batch ids, written as 10-byte varints', () => {
    for (const id of [-1, -1_320_898_453, -(2 ** 31), 2 ** 31 - 1]) {
      expect(parseMigrationUri(migrationUri(THREE, { batchId: id })).batchId).toBe(id);
    }
    expect(varintField(5, -1)).toHaveLength(11); // key + 10 bytes
  });

  it('a negative batch id written as a 5-byte uint32 varint, as a lax encoder might', () => {
    const extra = concat(key(5, WIRE.VARINT), varint(0xffff_fffe));
    expect(parseMigrationUri(migrationUri(THREE, { batchId: null, extra })).batchId).toBe(-2);
  });

  it('batches 0 to 2 of 3', () => {
    for (const index of [0, 1, 2]) {
      expect(parseMigrationUri(migrationUri(THREE, { batchSize: 3, batchIndex: index }))).toMatchObject({
        batchSize: 3,
        batchIndex: index,
      });
    }
  });

  it('names split like otpauth:// labels, with the issuer field winning', () => {
    const batch = parseMigrationUri(
      migrationUri([
        { secret: KEY, name: 'SerenityLabs:test1@serenitylabs.co.uk', issuer: 'SerenityLabs' },
        { secret: KEY, name: 'pi@raspberrypi', issuer: 'raspberrypi' },
        { secret: KEY, name: 'Contoso Tenant:bob@contoso.com', issuer: 'Microsoft' },
        { secret: KEY, name: 'Text: More:bob', issuer: 'Text: More' },
        { secret: KEY, name: 'encoding: ¿äÄéÉ? (demo)' },
        { secret: KEY, name: 'Acme:bob:admin' },
        { secret: KEY, name: '', issuer: '  Only Issuer  ' },
        { secret: KEY, name: '  École : zü 🔑 ' },
      ]),
    );
    expect(drafts(batch).map((d) => [d.issuer, d.account])).toEqual([
      ['SerenityLabs', 'test1@serenitylabs.co.uk'],
      ['raspberrypi', 'pi@raspberrypi'],
      ['Microsoft', 'bob@contoso.com'],
      ['Text: More', 'bob'],
      ['encoding', '¿äÄéÉ? (demo)'],
      ['Acme', 'bob:admin'],
      ['Only Issuer', ''],
      ['École', 'zü 🔑'],
    ]);
  });

  it('unknown fields of every skippable wire type, at both levels', () => {
    const unknown = concat(
      varintField(99, 2n ** 64n - 1n),
      key(100, WIRE.I64),
      new Uint8Array(8).fill(0xff),
      lenField(101, 'whatever'),
      key(102, WIRE.I32),
      new Uint8Array(4).fill(0xff),
      lenField(2 ** 29 - 1, new Uint8Array(0)), // the largest field number
    );
    const entries = THREE.map((e) => ({ ...e, uniqueId: 'f5a3c1b2-uuid', extra: unknown }));
    expectDrafts(parseMigrationUri(migrationUri(entries, { extra: unknown })), THREE_DRAFTS);
  });

  it('a field given twice, as the last one (protobuf merge rules)', () => {
    const extra = concat(lenField(1, base32ToBytes(KEY2)), lenField(2, 'second'), varintField(5, DIGITS.EIGHT));
    const batch = parseMigrationUri(
      migrationUri([{ secret: KEY, name: 'first', extra }], { extra: varintField(5, 7) }),
    );
    expectDrafts(batch, [draft({ secret: KEY2, account: 'second', digits: 8 })]);
    expect(batch.batchId).toBe(7);
  });

  it('secrets of exactly 10 and 512 bytes', () => {
    const batch = parseMigrationUri(
      migrationUri([
        { secret: new Uint8Array(10).fill(1), name: 'a' },
        { secret: new Uint8Array(512).fill(2), name: 'b' },
      ]),
    );
    expect(drafts(batch).map((d) => d.secret.length)).toEqual([10, 512]);
  });

  it(`exactly ${MIGRATION_ENTRIES_MAX} accounts`, () => {
    const entries = Array.from({ length: MIGRATION_ENTRIES_MAX }, (_, i) => ({
      secret: new Uint8Array(10).fill(i),
      name: `n${i}`,
    }));
    expect(parseMigrationUri(migrationUri(entries)).entries).toHaveLength(MIGRATION_ENTRIES_MAX);
  });

  it(`text of exactly ${MIGRATION_TEXT_MAX} characters`, () => {
    const base = `${migrationUri(THREE)}&pad=`;
    expectDrafts(parseMigrationUri(base + 'p'.repeat(MIGRATION_TEXT_MAX - base.length)), THREE_DRAFTS);
  });

  it('secrets as copies that do not share memory with each other', () => {
    const [a, b] = parseMigrationUri(
      migrationUri([
        { secret: KEY, name: 'a' },
        { secret: KEY2, name: 'b' },
      ]),
    ).entries;
    if (!a?.ok || !b?.ok) throw new Error('expected two drafts');
    expect(a.draft.secret.buffer).not.toBe(b.draft.secret.buffer);
    expect(a.draft.secret.byteLength).toBe(a.draft.secret.buffer.byteLength);
  });
});

// ---------------------------------------------------------------- per-entry problems

const PER_ENTRY: [name: string, entry: EntrySpec, code: ErrorCode][] = [
  ['an MD5 account', { secret: CANARY, name: 'Md5:bob', algorithm: ALGORITHM.MD5 }, 'ALGORITHM'],
  ['an unknown algorithm', { secret: CANARY, name: 'Md5:bob', algorithm: 9 }, 'ALGORITHM'],
  ['a negative algorithm', { secret: CANARY, name: 'Md5:bob', algorithm: -1 }, 'ALGORITHM'],
  ['an unknown digit count (3)', { secret: CANARY, name: 'x:y', digits: 3 }, 'DIGITS'],
  ['an unspecified OTP type', { secret: CANARY, name: 'x:y', type: TYPE.UNSPECIFIED }, 'OTP_TYPE'],
  ['a missing OTP type', { secret: CANARY, name: 'x:y', type: null }, 'OTP_TYPE'],
  ['an unknown OTP type', { secret: CANARY, name: 'x:y', type: 7 }, 'OTP_TYPE'],
  ['an empty secret', { secret: new Uint8Array(0), name: 'x:y' }, 'SECRET_MISSING'],
  ['no secret field', { secret: null, name: 'x:y' }, 'SECRET_MISSING'],
  ['a 9-byte secret', { secret: base32ToBytes(CANARY).subarray(0, 9), name: 'x:y' }, 'SECRET_TOO_SHORT'],
  ['a 513-byte secret', { secret: new Uint8Array(513).fill(9), name: 'x:y' }, 'SECRET_TOO_LONG'],
  ['an HOTP counter of 2^53', { secret: CANARY, name: 'x:y', type: TYPE.HOTP, counter: 2n ** 53n }, 'COUNTER_INVALID'],
  [
    'an HOTP counter of 2^64-1',
    { secret: CANARY, name: 'x:y', type: TYPE.HOTP, counter: 2n ** 64n - 1n },
    'COUNTER_INVALID',
  ],
  ['an issuer of 257 characters', { secret: CANARY, name: 'bob', issuer: 'i'.repeat(257) }, 'NAME_TOO_LONG'],
  ['an account of 257 characters', { secret: CANARY, name: `x:${'a'.repeat(257)}` }, 'NAME_TOO_LONG'],
  ['no name and no issuer', { secret: CANARY, name: null }, 'LABEL_EMPTY'],
  ['a name of only spaces and a colon', { secret: CANARY, name: '  :  ' }, 'LABEL_EMPTY'],
];

describe('an account that cannot be imported is reported on its own', () => {
  it.each(PER_ENTRY)('%s gives %s, and the accounts around it still import', (_name, entry, code) => {
    const batch = parseMigrationUri(migrationUri([THREE[0]!, entry, THREE[2]!]));
    expect(batch.entries.map((e) => (e.ok ? 'ok' : e.code))).toEqual(['ok', code, 'ok']);
    const failed = batch.entries[1]!;
    expect(Object.keys(failed).sort()).toEqual(['account', 'code', 'issuer', 'ok']);
  });

  it.each(PER_ENTRY)('%s is named without its secret', (_name, entry) => {
    const failed = parseMigrationUri(migrationUri([entry])).entries[0]!;
    const text = JSON.stringify(failed).toLowerCase();
    for (const s of [CANARY, b32hex(CANARY), Buffer.from(base32ToBytes(CANARY)).toString('base64')]) {
      expect(text).not.toContain(s.toLowerCase().slice(0, 12));
    }
  });

  it('names a refused account the way an accepted one would be named, cut to 256 characters', () => {
    const [md5, long] = parseMigrationUri(
      migrationUri([
        { secret: CANARY, name: 'Md5 Co:bob', issuer: 'Md5 Co', algorithm: ALGORITHM.MD5 },
        { secret: CANARY, name: `Acme:${'😀'.repeat(300)}` },
      ]),
    ).entries;
    expect(md5).toEqual({ ok: false, issuer: 'Md5 Co', account: 'bob', code: 'ALGORITHM' });
    expect(long).toMatchObject({ ok: false, issuer: 'Acme', code: 'NAME_TOO_LONG' });
    expect(Array.from((long as { account: string }).account)).toHaveLength(256);
  });
});

// ---------------------------------------------------------------- whole-payload problems

const data = (bytes: Uint8Array) => uriFromBytes(bytes);
const GOOD = migrationPayload([{ secret: CANARY, name: 'canary.user@example.org', issuer: 'Canary' }]);
const GOOD_B64 = Buffer.from(GOOD).toString('base64');
const entry = otpParameters({ secret: CANARY, name: 'canary.user@example.org' });
const top = (...fields: Uint8Array[]) => data(concat(lenField(1, entry), ...fields));
/** Text padded with 'A's to a length of 4n+1, which no byte string encodes to. */
const dangling = (b64: string) => b64 + 'A'.repeat((5 - (b64.length % 4)) % 4 || 4);
const longVarint = (n: number) => Uint8Array.from([...new Array(n - 1).fill(0x80), 0x00]);

type Reject = [name: string, uri: string, code: ErrorCode];
const REJECT: Reject[] = [
  // the URI
  ['empty input', '', 'INPUT_EMPTY'],
  ['an otpauth:// URI', `otpauth://totp/x?secret=${CANARY}`, 'URI_SCHEME'],
  [
    'the misspelt scheme otpauthmigration://',
    `otpauthmigration://offline?data=${encodeURIComponent(GOOD_B64)}`,
    'URI_SCHEME',
  ],
  [
    'a scanner prefix before the scheme',
    `QR-Code:otpauth-migration://offline?data=${encodeURIComponent(GOOD_B64)}`,
    'URI_SCHEME',
  ],
  ['no // after the scheme', `otpauth-migration:offline?data=${encodeURIComponent(GOOD_B64)}`, 'URI_MALFORMED'],
  ['another host than offline', `otpauth-migration://online?data=${encodeURIComponent(GOOD_B64)}`, 'URI_MALFORMED'],
  ['a path after the host', `otpauth-migration://offline/x?data=${encodeURIComponent(GOOD_B64)}`, 'URI_MALFORMED'],
  ['no data parameter', 'otpauth-migration://offline?secret=CANARY', 'MIGRATION_DATA'],
  ['no query at all', 'otpauth-migration://offline', 'MIGRATION_DATA'],
  ['an empty data parameter', 'otpauth-migration://offline?data=', 'MIGRATION_DATA'],
  ['data that is only padding', 'otpauth-migration://offline?data=%3D%3D', 'MIGRATION_DATA'],
  [
    `text longer than ${MIGRATION_TEXT_MAX} characters`,
    `otpauth-migration://offline?data=${GOOD_B64}&pad=${'p'.repeat(MIGRATION_TEXT_MAX)}`,
    'MIGRATION_TOO_LARGE',
  ],
  [
    'over-long text even if it is mostly whitespace',
    ` otpauth-migration://offline?data=${GOOD_B64}${' '.repeat(MIGRATION_TEXT_MAX)}`,
    'MIGRATION_TOO_LARGE',
  ],
  // the base64
  [
    'a character outside base64',
    `otpauth-migration://offline?data=${GOOD_B64.slice(0, 8)}!${GOOD_B64.slice(9)}`,
    'MIGRATION_DATA',
  ],
  [
    'a dot in the data',
    `otpauth-migration://offline?data=${GOOD_B64.slice(0, 8)}.${GOOD_B64.slice(9)}`,
    'MIGRATION_DATA',
  ],
  [
    'a line break inside the data',
    `otpauth-migration://offline?data=${GOOD_B64.slice(0, 20)}\n${GOOD_B64.slice(20)}`,
    'MIGRATION_DATA',
  ],
  [
    'a dangling base64 character (length 4n+1)',
    `otpauth-migration://offline?data=${dangling(GOOD_B64.replace(/=+$/, ''))}`,
    'MIGRATION_DATA',
  ],
  [
    'padding in the middle',
    `otpauth-migration://offline?data=${GOOD_B64.slice(0, 8)}=${GOOD_B64.slice(8)}`,
    'MIGRATION_DATA',
  ],
  ['too much padding', `otpauth-migration://offline?data=${GOOD_B64.replace(/=+$/, '')}===`, 'MIGRATION_DATA'],
  ['non-zero unused bits in the last character', 'otpauth-migration://offline?data=CgB=', 'MIGRATION_DATA'],
  [
    'a bad percent escape',
    `otpauth-migration://offline?data=${GOOD_B64.slice(0, 8)}%ZZ${GOOD_B64.slice(8)}`,
    'MIGRATION_DATA',
  ],
  [
    'percent-encoded non-ASCII in the data',
    `otpauth-migration://offline?data=${GOOD_B64.slice(0, 8)}%C3%A9${GOOD_B64.slice(8)}`,
    'MIGRATION_DATA',
  ],
  ['four bytes of garbage', 'otpauth-migration://offline?data=YYYY', 'MIGRATION_DATA'],
  // the protobuf
  ['a start-group field (wire type 3)', top(key(9, WIRE.START_GROUP), key(9, WIRE.END_GROUP)), 'MIGRATION_DATA'],
  ['an end-group field (wire type 4)', top(key(9, WIRE.END_GROUP)), 'MIGRATION_DATA'],
  ['wire type 6', top(key(9, 6)), 'MIGRATION_DATA'],
  ['wire type 7', top(key(9, 7)), 'MIGRATION_DATA'],
  [
    'a group inside an account',
    data(lenField(1, concat(entry, key(9, WIRE.START_GROUP), varintField(1, 1), key(9, WIRE.END_GROUP)))),
    'MIGRATION_DATA',
  ],
  ['field number 0', top(varintField(0, 1)), 'MIGRATION_DATA'],
  ['a key above 32 bits', top(varint(2n ** 35n), varint(1)), 'MIGRATION_DATA'],
  ['accounts written as a varint', data(concat(lenField(1, entry), varintField(1, 5))), 'MIGRATION_DATA'],
  ['the version written as bytes', top(lenField(2, 'one')), 'MIGRATION_DATA'],
  ['a secret written as a varint', data(lenField(1, concat(entry, varintField(1, 5)))), 'MIGRATION_DATA'],
  [
    'an algorithm written as fixed32',
    data(lenField(1, concat(entry, key(4, WIRE.I32), new Uint8Array(4)))),
    'MIGRATION_DATA',
  ],
  ['a varint of 11 bytes', top(key(2, WIRE.VARINT), longVarint(11)), 'MIGRATION_DATA'],
  ['a varint of 20 bytes', top(key(2, WIRE.VARINT), longVarint(20)), 'MIGRATION_DATA'],
  [
    'a 10-byte varint above 2^64',
    top(key(2, WIRE.VARINT), Uint8Array.from([...new Array(9).fill(0xff), 0x02])),
    'MIGRATION_DATA',
  ],
  ['a varint cut off at the end', top(key(2, WIRE.VARINT), Uint8Array.from([0x80, 0x80])), 'MIGRATION_DATA'],
  ['a declared length of 2^63', top(key(1, WIRE.LEN), varint(2n ** 63n), entry), 'MIGRATION_DATA'],
  ['a declared length of 2^32', top(key(1, WIRE.LEN), varint(2n ** 32n), entry), 'MIGRATION_DATA'],
  ['a declared length of a million', top(key(1, WIRE.LEN), varint(1_000_000), entry), 'MIGRATION_DATA'],
  [
    'a declared length one byte too long',
    data(concat(key(1, WIRE.LEN), varint(entry.length + 1), entry)),
    'MIGRATION_DATA',
  ],
  [
    'a huge secret length inside an account',
    data(lenField(1, concat(key(1, WIRE.LEN), varint(2n ** 62n), new Uint8Array(16)))),
    'MIGRATION_DATA',
  ],
  ['a fixed64 cut off', top(key(9, WIRE.I64), new Uint8Array(7)), 'MIGRATION_DATA'],
  ['a fixed32 cut off', top(key(9, WIRE.I32), new Uint8Array(3)), 'MIGRATION_DATA'],
  [
    'a name that is not UTF-8',
    data(lenField(1, concat(entry, lenField(2, Uint8Array.from([0x61, 0xff, 0xfe]))))),
    'MIGRATION_DATA',
  ],
  [
    'an issuer with a lone surrogate in UTF-8',
    data(lenField(1, concat(entry, lenField(3, Uint8Array.from([0xed, 0xa0, 0x80]))))),
    'MIGRATION_DATA',
  ],
  ['a payload with no account', data(migrationPayload([])), 'MIGRATION_DATA'],
  [
    'a negative batch size',
    data(migrationPayload([{ secret: CANARY, name: 'x' }], { batchSize: -3 })),
    'MIGRATION_DATA',
  ],
  [
    'a batch index beyond the batch size',
    data(migrationPayload([{ secret: CANARY, name: 'x' }], { batchSize: 3, batchIndex: 3 })),
    'MIGRATION_DATA',
  ],
  [
    'a negative batch index',
    data(migrationPayload([{ secret: CANARY, name: 'x' }], { batchSize: 3, batchIndex: -1 })),
    'MIGRATION_DATA',
  ],
  [
    'a batch index without a batch size',
    data(migrationPayload([{ secret: CANARY, name: 'x' }], { batchSize: null, batchIndex: 1 })),
    'MIGRATION_DATA',
  ],
  [
    `more than ${MIGRATION_BATCHES_MAX} batches`,
    data(migrationPayload([{ secret: CANARY, name: 'x' }], { batchSize: MIGRATION_BATCHES_MAX + 1 })),
    'MIGRATION_TOO_LARGE',
  ],
  [
    `${MIGRATION_ENTRIES_MAX + 1} accounts`,
    data(migrationPayload(Array.from({ length: MIGRATION_ENTRIES_MAX + 1 }, () => ({ secret: CANARY, name: 'x' })))),
    'MIGRATION_TOO_LARGE',
  ],
  [
    '10,000 (empty) accounts',
    data(concat(...Array.from({ length: 10_000 }, () => lenField(1, new Uint8Array(0))))),
    'MIGRATION_TOO_LARGE',
  ],
];

describe('parseMigrationUri rejects', () => {
  it.each(REJECT.map(([name, uri, code]) => [name, code, uri]))('%s with %s', (_name, code, uri) => {
    expect(catchKeyslotError(() => parseMigrationUri(uri)).code).toBe(code);
  });

  it('rejects non-string input as empty', () => {
    for (const v of [null, undefined, 42, {}]) {
      expect(catchKeyslotError(() => parseMigrationUri(v as unknown as string)).code).toBe('INPUT_EMPTY');
    }
  });

  it('refuses 10,000 accounts without decoding them all', () => {
    const uri = REJECT.find(([name]) => name.startsWith('10,000'))![1];
    expect(uri.length).toBeLessThan(MIGRATION_TEXT_MAX); // so the account limit, not the text limit, is what refuses it
    const start = performance.now();
    catchKeyslotError(() => parseMigrationUri(uri));
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('parser errors never reveal the input', () => {
  it.each(REJECT)('for %s', (_name, uri) => {
    const e = catchKeyslotError(() => parseMigrationUri(uri));
    expectNoLeak(e, uri, [CANARY, b32hex(CANARY), GOOD_B64.slice(4, 24), 'canary.user@example.org']);
  });
});

// ---------------------------------------------------------------- damage

/** Outcome of parsing damaged input: a batch, or a KeyslotError code. Anything else is a bug and is rethrown. */
function attempt(uri: string): MigrationBatch | ErrorCode {
  try {
    return parseMigrationUri(uri);
  } catch (e) {
    if (!isKeyslotError(e)) throw e;
    return e.code;
  }
}

describe('truncated and damaged payloads', () => {
  const fields = payloadFields(THREE, { batchSize: 3, batchIndex: 1, batchId: -1_822_886_384 });
  const full = concat(...fields);
  // Where a top-level field ends: a cut there leaves a shorter but well-formed protobuf.
  const ends = new Map<number, number>();
  fields.reduce((offset, f, i) => (ends.set(offset + f.length, i + 1), offset + f.length), 0);

  it('refuses a payload cut at every byte offset with MIGRATION_DATA, unless the cut falls between two whole fields', () => {
    for (let cut = 0; cut < full.length; cut++) {
      const result = attempt(data(full.subarray(0, cut)));
      const fieldsKept = ends.get(cut);
      if (fieldsKept === undefined) {
        expect(result, `cut at ${cut}`).toBe('MIGRATION_DATA');
      } else {
        // Between whole fields: the accounts that are complete, and no more.
        expect(typeof result, `cut at ${cut}`).toBe('object');
        const kept = Math.min(fieldsKept, 3);
        expect(view((result as MigrationBatch).entries)).toEqual(expectedView(THREE_DRAFTS.slice(0, kept)));
      }
    }
  });

  it('refuses the base64 text cut at every character, or reads what is complete, and never fails otherwise', () => {
    const text = encodeData(full, 'raw');
    for (let cut = 0; cut < text.length; cut++) {
      const result = attempt(`otpauth-migration://offline?data=${text.slice(0, cut)}`);
      if (typeof result === 'string') expect(result, `cut at ${cut}`).toBe('MIGRATION_DATA');
    }
  });

  it('survives 5,000 random corruptions of a valid payload with a batch or a KeyslotError', () => {
    let seed = 0x2545f491;
    const rand = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const codes = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const bytes = Array.from(full);
      for (let k = 0, n = 1 + rand(4); k < n; k++) {
        const at = rand(bytes.length);
        const action = rand(3);
        if (action === 0) bytes[at] = rand(256);
        else if (action === 1) bytes.splice(at, 1);
        else bytes.splice(at, 0, rand(256));
      }
      const result = attempt(data(Uint8Array.from(bytes)));
      codes.add(typeof result === 'string' ? result : 'parsed');
    }
    expect([...codes].every((c) => ['parsed', 'MIGRATION_DATA', 'MIGRATION_TOO_LARGE'].includes(c))).toBe(true);
    expect(codes).toContain('MIGRATION_DATA');
  });

  it('survives 2,000 random byte strings', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 1 + (next() % 200) }, () => next() % 256);
      const result = attempt(data(bytes));
      if (typeof result === 'string') expect(['MIGRATION_DATA', 'MIGRATION_TOO_LARGE']).toContain(result);
    }
  });
});

// ---------------------------------------------------------------- several QR codes

describe('MigrationBatches', () => {
  const batchOf = (index: number, entries: EntrySpec[], over: { batchId?: number; batchSize?: number } = {}) =>
    parseMigrationUri(migrationUri(entries, { batchSize: 3, batchIndex: index, batchId: -77, ...over }));
  const b0 = batchOf(0, [THREE[0]!]);
  const b1 = batchOf(1, [THREE[1]!, { secret: CANARY, name: 'Md5:x', algorithm: ALGORITHM.MD5 }]);
  const b2 = batchOf(2, [THREE[2]!, THREE[0]!]); // the first account again

  it('collects batches 0 to 2 of 3 in any order and says which are still missing', () => {
    const all = new MigrationBatches();
    expect(all.add(b2)).toBe(true);
    expect(all.missing()).toEqual([0, 1]);
    expect(all.complete).toBe(false);
    expect(all.add(b0)).toBe(true);
    expect(all.missing()).toEqual([1]);
    expect(all.add(b1)).toBe(true);
    expect(all.missing()).toEqual([]);
    expect(all.complete).toBe(true);
    expect([all.batchSize, all.received]).toEqual([3, 3]);
  });

  it('says a QR code scanned twice is not new', () => {
    const all = new MigrationBatches(b0);
    expect(all.add(b0)).toBe(false);
    expect(all.add(batchOf(0, [THREE[1]!]))).toBe(false);
    expect(all.received).toBe(1);
  });

  it('lists the entries in batch order, each secret once, keeping the ones that cannot be imported', () => {
    const all = new MigrationBatches(b2);
    all.add(b1);
    all.add(b0);
    expect(all.entries().map((e) => (e.ok ? e.draft.account : e.code))).toEqual([
      'ann',
      'ben@example.org',
      'ALGORITHM',
      'cat',
    ]);
  });

  it('tells another export apart by batch id or size, and refuses to mix it in', () => {
    const all = new MigrationBatches(b0);
    for (const other of [batchOf(1, THREE, { batchId: -78 }), batchOf(1, THREE, { batchSize: 4 })]) {
      expect(all.sameExport(other)).toBe(false);
      const e = catchKeyslotError(() => all.add(other));
      expect(e.code).toBe('MIGRATION_OTHER_EXPORT');
      expectNoLeak(e, '');
    }
    expect(all.sameExport(b1)).toBe(true);
    expect(all.received).toBe(1);
  });

  it('counts a single QR code export (batch size 1, or absent) as complete at once', () => {
    for (const batchSize of [1, null]) {
      const all = new MigrationBatches(parseMigrationUri(migrationUri(THREE, { batchSize })));
      expect([all.complete, all.missing(), all.batchSize]).toEqual([true, [], 1]);
    }
  });

  it('knows nothing before the first batch', () => {
    const all = new MigrationBatches();
    expect([all.complete, all.missing(), all.received, all.sameExport(b1)]).toEqual([false, [], 0, true]);
    expect(all.entries()).toEqual([]);
  });
});

describe('collectBatch (the add screen scanning an export QR code by QR code)', () => {
  const batch = (batchId: number, batchIndex: number): MigrationBatch => ({
    version: 1,
    batchSize: 3,
    batchIndex,
    batchId,
    entries: [],
  });

  it('collects the QR codes of one export, each once', () => {
    const one = collectBatch([], batch(7, 0));
    const two = collectBatch(one, batch(7, 2));
    expect(two.map((b) => b.batchIndex)).toEqual([0, 2]);
    expect(collectBatch(two, batch(7, 2)).map((b) => b.batchIndex)).toEqual([0, 2]);
  });

  it('starts over when a QR code of another export comes in', () => {
    const mixed = collectBatch(collectBatch([], batch(7, 0)), batch(-9, 1));
    expect(mixed.map((b) => [b.batchId, b.batchIndex])).toEqual([[-9, 1]]);
  });
});
