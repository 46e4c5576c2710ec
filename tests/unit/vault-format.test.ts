import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, hexEncode, utf8Decode, utf8Encode } from '../../src/core/bytes';
import { SLOT_META_DEFAULTS, type Slot } from '../../src/core/slot';
import {
  ARGON2_CAP,
  ARGON2_FLOOR,
  DEFAULT_ARGON2,
  DEFAULT_PBKDF2,
  PBKDF2_CAP,
  PBKDF2_FLOOR,
  PBKDF2_ITERATIONS,
  RECORD_VERSION,
  VAULT_FORMAT_VERSION,
  decodeSlot,
  deviceMessage,
  encodeSlot,
  methodAad,
  migrateHeader,
  migrateRecord,
  migrateSlotPlaintext,
  parseHeader,
  parseKdfParams,
  parseRecord,
  recordAad,
  serializeHeader,
  serializeRecord,
  type StoredHeaderV1,
  type StoredRecordV1,
} from '../../src/core/vault';
import { expectThrowsCode } from './fixtures/errors';

/** Assert `fn` throws a KeyslotError with `code` (and optionally `field`). */
const b64 = (n: number, fill = 7) => Buffer.alloc(n, fill).toString('base64');
const ID1 = '0123456789abcdef0123456789abcdef';
const ID2 = 'fedcba9876543210fedcba9876543210';

function validHeader(): StoredHeaderV1 {
  return {
    format: 'keyslot-vault',
    version: 1,
    createdAt: 1_700_000_000_000,
    methods: [
      {
        id: ID1,
        type: 'pin',
        kdf: { name: 'argon2id', memoryKiB: 131072, iterations: 4, parallelism: 1 },
        salt: b64(16, 1),
        iv: b64(12, 2),
        wrappedKey: b64(48, 3),
      },
    ],
  };
}

function validRecord(): StoredRecordV1 {
  return { id: ID1, v: 1, iv: b64(12, 2), ct: b64(120, 9) };
}

function validSlot(over: Partial<Slot> = {}): Slot {
  return {
    id: ID1,
    kind: 'totp',
    issuer: 'PassLogic',
    account: 'alice@example.org',
    name: 'KEK VPN',
    secret: Uint8Array.from(Buffer.from('12345678901234567890')),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    createdAt: 1_700_000_000_123,
    favourite: true,
    position: 'V',
    lastUsedAt: 1_700_000_100_000,
    deletedAt: 0,
    groups: [],
    note: '',
    icon: null,
    ...over,
  };
}

describe('base64', () => {
  it('encodes like Node Buffer for every length from 0 to 40', () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const text = base64Encode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64Decode(text)).toEqual(bytes);
    }
  });

  it('refuses non-canonical, unpadded, url-safe, spaced or garbage input', () => {
    for (const bad of [
      'QR==',
      'QUJ=',
      'QQ',
      'QQ=',
      'Q===',
      'QQ==QQ==',
      'QU JD',
      ' QUJD',
      '-_-_',
      'QUJD\n',
      'QU=D',
      '====',
      'ä===',
    ]) {
      expect(base64Decode(bad), bad).toBeNull();
    }
    expect(base64Decode('')).toEqual(new Uint8Array(0));
  });

  it('decodes long input like Node Buffer, and refuses one bad symbol anywhere in it', () => {
    const bytes = Uint8Array.from({ length: 30_001 }, (_, i) => (i * 131 + 7) & 255);
    const text = Buffer.from(bytes).toString('base64');
    expect(base64Decode(text)).toEqual(bytes);
    for (const at of [0, 1, 2, 3, 20_000, text.length - 3]) {
      for (const c of ['*', '=', 'é', '\u0100']) {
        expect(base64Decode(text.slice(0, at) + c + text.slice(at + 1)), `${c} at ${at}`).toBeNull();
      }
    }
  });
});

describe('utf8', () => {
  it('encodes like TextEncoder, including astral characters and lone surrogates', () => {
    for (const s of ['', 'abc', 'é', 'Ærøskøbing', '日本語', '🔐 key', '\u0000', 'a\ud800b', '\udfff']) {
      expect(utf8Encode(s)).toEqual(new TextEncoder().encode(s));
    }
  });

  it('decodes valid UTF-8 back to the same string', () => {
    for (const s of ['', 'abc', 'é', '日本語', '🔐 key']) expect(utf8Decode(new TextEncoder().encode(s))).toBe(s);
  });

  it('decodes long mixed text (longer than one chunk of units) exactly as TextDecoder', () => {
    const s = Array.from({ length: 3_000 }, (_, i) => `a${i}é日🔐`).join('|');
    expect(utf8Decode(new TextEncoder().encode(s))).toBe(s);
  });

  it('refuses overlong forms, surrogates, truncation, stray continuations and code points above U+10FFFF', () => {
    for (const bad of [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xe6, 0x97],
      [0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xff],
    ]) {
      expect(utf8Decode(Uint8Array.from(bad)), hexEncode(Uint8Array.from(bad))).toBeNull();
    }
  });
});

describe('KDF parameters', () => {
  it('accepts the floors and the defaults', () => {
    expect(parseKdfParams(ARGON2_FLOOR)).toEqual(ARGON2_FLOOR);
    expect(parseKdfParams(PBKDF2_FLOOR)).toEqual(PBKDF2_FLOOR);
    expect(parseKdfParams(DEFAULT_ARGON2)).toEqual(DEFAULT_ARGON2);
    expect(parseKdfParams(DEFAULT_PBKDF2)).toEqual(DEFAULT_PBKDF2);
  });

  it('keeps the defaults at or above the OWASP floors', () => {
    expect(DEFAULT_ARGON2.memoryKiB).toBeGreaterThanOrEqual(19_456);
    expect(DEFAULT_ARGON2.iterations).toBeGreaterThanOrEqual(2);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  it('refuses anything below a floor with KDF_WEAK', () => {
    expectThrowsCode(() => parseKdfParams({ ...ARGON2_FLOOR, memoryKiB: 19_455 }), 'KDF_WEAK', 'kdf.memoryKiB');
    expectThrowsCode(() => parseKdfParams({ ...ARGON2_FLOOR, iterations: 1 }), 'KDF_WEAK', 'kdf.iterations');
    expectThrowsCode(() => parseKdfParams({ ...ARGON2_FLOOR, parallelism: 0 }), 'KDF_WEAK', 'kdf.parallelism');
    expectThrowsCode(() => parseKdfParams({ ...PBKDF2_FLOOR, iterations: 599_999 }), 'KDF_WEAK', 'kdf.iterations');
  });

  it('refuses anything above a cap with VAULT_CORRUPT, so a hostile header cannot hang the device', () => {
    expectThrowsCode(() => parseKdfParams({ ...ARGON2_FLOOR, memoryKiB: ARGON2_CAP.memoryKiB + 1 }), 'VAULT_CORRUPT');
    expectThrowsCode(() => parseKdfParams({ ...ARGON2_FLOOR, iterations: ARGON2_CAP.iterations + 1 }), 'VAULT_CORRUPT');
    expectThrowsCode(
      () => parseKdfParams({ ...ARGON2_FLOOR, parallelism: ARGON2_CAP.parallelism + 1 }),
      'VAULT_CORRUPT',
    );
    expectThrowsCode(() => parseKdfParams({ ...PBKDF2_FLOOR, iterations: PBKDF2_CAP.iterations + 1 }), 'VAULT_CORRUPT');
  });

  it('refuses wrong shapes, types, extra keys and unknown names with VAULT_CORRUPT', () => {
    for (const bad of [
      null,
      [],
      'argon2id',
      { name: 'scrypt', iterations: 1 },
      { ...ARGON2_FLOOR, memoryKiB: '19456' },
      { ...ARGON2_FLOOR, iterations: 2.5 },
      { ...ARGON2_FLOOR, memoryKiB: -1 },
      { ...ARGON2_FLOOR, extra: 1 },
      { name: 'argon2id', memoryKiB: 19_456, iterations: 2 },
      { ...PBKDF2_FLOOR, hash: 'SHA-1' },
      { ...PBKDF2_FLOOR, iterations: Number.NaN },
    ]) {
      expectThrowsCode(() => parseKdfParams(bad), 'VAULT_CORRUPT');
    }
  });
});

describe('migration', () => {
  it('migrates a v1 header to v3 structurally (pin methods wrappedUnder 1, digits, not device-bound), leaving the input unchanged', () => {
    const raw = validHeader();
    const copy = structuredClone(raw);
    const v3 = migrateHeader(raw);
    expect(v3).toEqual({
      ...copy,
      version: 3,
      methods: copy.methods.map((m) => ({ ...m, wrappedUnder: 1, input: 'digits', deviceBound: false })),
    });
    expect(raw).toEqual(copy);
    expect(migrateHeader(v3)).toBe(v3);
  });

  it('passes a v1 record through unchanged', () => {
    const raw = validRecord();
    const copy = structuredClone(raw);
    expect(migrateRecord(raw)).toBe(raw);
    expect(raw).toEqual(copy);
  });

  it('refuses a header from a future version with VAULT_VERSION', () => {
    expectThrowsCode(
      () => migrateHeader({ ...validHeader(), version: VAULT_FORMAT_VERSION + 1 }),
      'VAULT_VERSION',
      'version',
    );
    expectThrowsCode(() => parseHeader({ ...validHeader(), version: 99 }), 'VAULT_VERSION');
  });

  it('passes a v2 record through unchanged, keeping its version', () => {
    const raw = { ...validRecord(), v: 2 };
    expect(migrateRecord(raw)).toBe(raw);
    expect(parseRecord(raw).v).toBe(2);
    expect(parseRecord(validRecord()).v).toBe(1);
  });

  it('passes a v3 record through unchanged too (v3 adds the privacyIDEA `managed` field)', () => {
    const raw = { ...validRecord(), v: 3 };
    expect(migrateRecord(raw)).toBe(raw);
    expect(parseRecord(raw).v).toBe(3);
  });

  it('passes a v4 record through unchanged (v4 adds groups, a note, an icon and Steam)', () => {
    const raw = { ...validRecord(), v: 4 };
    expect(migrateRecord(raw)).toBe(raw);
    expect(parseRecord(raw).v).toBe(4);
  });

  it('refuses a record from a future version with VAULT_VERSION', () => {
    expectThrowsCode(() => migrateRecord({ ...validRecord(), v: 5 }), 'VAULT_VERSION', 'v');
  });

  it('writes only the current record version', () => {
    const record = parseRecord({ ...validRecord(), v: 4 });
    expect(serializeRecord(record).v).toBe(RECORD_VERSION);
    expectThrowsCode(() => serializeRecord(parseRecord({ ...validRecord(), v: 3 })), 'VAULT_CORRUPT', 'v');
    expectThrowsCode(() => serializeRecord(parseRecord({ ...validRecord(), v: 2 })), 'VAULT_CORRUPT', 'v');
    expectThrowsCode(() => serializeRecord(parseRecord(validRecord())), 'VAULT_CORRUPT', 'v');
  });

  it('refuses versions that are not positive integers with VAULT_CORRUPT', () => {
    for (const version of [0, -1, 1.5, '1', null, undefined, Number.POSITIVE_INFINITY]) {
      expectThrowsCode(() => migrateHeader({ ...validHeader(), version }), 'VAULT_CORRUPT');
      expectThrowsCode(() => migrateRecord({ ...validRecord(), v: version }), 'VAULT_CORRUPT');
    }
  });

  it('refuses something that is not a Keyslot vault header', () => {
    expectThrowsCode(() => migrateHeader({ ...validHeader(), format: 'aegis' }), 'VAULT_CORRUPT', 'format');
    expectThrowsCode(() => migrateHeader(null), 'VAULT_CORRUPT');
    expectThrowsCode(() => migrateHeader('{"format":"keyslot-vault"}'), 'VAULT_CORRUPT');
  });
});

describe('header parsing', () => {
  it('parses a valid header and serialises it back to the same stored object', () => {
    const raw = validHeader();
    const parsed = parseHeader(raw);
    expect((parsed.methods[0] as import('../../src/core/vault').PinMethod).salt).toEqual(new Uint8Array(16).fill(1));
    expect(parsed.methods[0]!.wrappedKey.length).toBe(48);
    expect(serializeHeader(parsed)).toEqual(raw);
  });

  const malformed: [string, (h: any) => void][] = [
    ['iv of 11 bytes', (h) => (h.methods[0].iv = b64(11))],
    ['iv of 13 bytes', (h) => (h.methods[0].iv = b64(13))],
    ['salt of 15 bytes', (h) => (h.methods[0].salt = b64(15))],
    ['salt of 65 bytes', (h) => (h.methods[0].salt = b64(65))],
    ['wrappedKey of 47 bytes', (h) => (h.methods[0].wrappedKey = b64(47))],
    ['wrappedKey of 49 bytes', (h) => (h.methods[0].wrappedKey = b64(49))],
    ['salt not base64', (h) => (h.methods[0].salt = 'not base64!!')],
    ['iv as bytes instead of base64', (h) => (h.methods[0].iv = new Uint8Array(12))],
    ['unknown method type', (h) => (h.methods[0].type = 'passkey')],
    ['method id not hex', (h) => (h.methods[0].id = 'ZZ' + ID1.slice(2))],
    ['method id upper-case', (h) => (h.methods[0].id = ID1.toUpperCase())],
    ['extra method key', (h) => (h.methods[0].note = 'x')],
    ['missing method key', (h) => delete h.methods[0].iv],
    ['no methods', (h) => (h.methods = [])],
    ['methods not an array', (h) => (h.methods = {})],
    [
      'nine methods',
      (h) =>
        (h.methods = Array.from({ length: 9 }, (_, i) => ({ ...h.methods[0], id: i.toString(16).padStart(32, '0') }))),
    ],
    ['duplicate method ids', (h) => h.methods.push({ ...h.methods[0] })],
    ['createdAt negative', (h) => (h.createdAt = -1)],
    ['createdAt fractional', (h) => (h.createdAt = 1.5)],
    ['createdAt a string', (h) => (h.createdAt = '1700000000000')],
    ['extra header key', (h) => (h.plaintext = 'oops')],
    ['missing createdAt', (h) => delete h.createdAt],
    ['kdf not an object', (h) => (h.methods[0].kdf = 'argon2id')],
  ];

  it.each(malformed)('refuses a header with %s as VAULT_CORRUPT', (_what, mutate) => {
    const h = validHeader();
    mutate(h);
    expect(h, 'the case changes the header').not.toEqual(validHeader());
    expectThrowsCode(() => parseHeader(h), 'VAULT_CORRUPT');
  });

  it('refuses weak KDF parameters in a header with KDF_WEAK', () => {
    const h = validHeader();
    h.methods[0]!.kdf = { name: 'pbkdf2-sha256', iterations: 1000 };
    expectThrowsCode(() => parseHeader(h), 'KDF_WEAK');
  });
});

describe('record parsing', () => {
  it('parses a valid record and serialises it back unchanged', () => {
    const raw = { ...validRecord(), v: 4 as const };
    const parsed = parseRecord(raw);
    expect(parsed.iv.length).toBe(12);
    expect(serializeRecord(parsed)).toEqual(raw);
  });

  it('refuses malformed records with VAULT_CORRUPT', () => {
    for (const bad of [
      { ...validRecord(), iv: b64(16) },
      { ...validRecord(), ct: b64(16) },
      { ...validRecord(), ct: b64(65_537) },
      { ...validRecord(), ct: 'garbage' },
      { ...validRecord(), id: 'slot-1' },
      { ...validRecord(), extra: true },
      { id: ID1, v: 1, iv: b64(12) },
      null,
      [validRecord()],
    ]) {
      expectThrowsCode(() => parseRecord(bad), 'VAULT_CORRUPT');
    }
  });
});

describe('associated data', () => {
  it('binds the record version and the slot id', () => {
    expect(Buffer.from(recordAad(ID1)).toString()).toBe(`keyslot/slot/v4/${ID1}`);
    expect(Buffer.from(recordAad(ID1, 3)).toString()).toBe(`keyslot/slot/v3/${ID1}`);
    expect(Buffer.from(recordAad(ID1, 2)).toString()).toBe(`keyslot/slot/v2/${ID1}`);
    expect(Buffer.from(recordAad(ID1, 1)).toString()).toBe(`keyslot/slot/v1/${ID1}`);
    expect(recordAad(ID1)).not.toEqual(recordAad(ID2));
    expect(recordAad(ID1, 1)).not.toEqual(recordAad(ID1, 2));
  });

  it('encodes the method AAD as the documented compact JSON array', () => {
    const m = parseHeader(validHeader()).methods[0] as import('../../src/core/vault').PinMethod;
    const text = Buffer.from(methodAad(1, 1_700_000_000_000, m)).toString();
    expect(text).toBe(`["keyslot-vault",1,1700000000000,"${ID1}","pin","argon2id",131072,4,1,"${b64(16, 1)}"]`);
    const p = { ...m, kdf: { name: 'pbkdf2-sha256', iterations: 600000 } as const };
    expect(Buffer.from(methodAad(1, 5, p)).toString()).toBe(
      `["keyslot-vault",1,5,"${ID1}","pin","pbkdf2-sha256",600000,"${b64(16, 1)}"]`,
    );
  });

  it('changes the method AAD when any bound field changes', () => {
    const m = parseHeader(validHeader()).methods[0] as import('../../src/core/vault').PinMethod;
    const base = hexEncode(methodAad(1, 1000, m));
    const salt = Uint8Array.from(m.salt);
    salt[15]! ^= 1;
    const variants = [
      methodAad(2, 1000, m),
      methodAad(1, 1001, m),
      methodAad(1, 1000, { ...m, id: ID2 }),
      methodAad(1, 1000, { ...m, salt }),
      methodAad(1, 1000, { ...m, kdf: { ...ARGON2_FLOOR, memoryKiB: 131073, iterations: 4 } }),
      methodAad(1, 1000, { ...m, kdf: { ...ARGON2_FLOOR, memoryKiB: 131072, iterations: 5 } }),
      methodAad(1, 1000, { ...m, kdf: { ...ARGON2_FLOOR, memoryKiB: 131072, iterations: 4, parallelism: 2 } }),
    ].map(hexEncode);
    for (const v of variants) expect(v).not.toBe(base);
    expect(new Set(variants).size).toBe(variants.length);
  });
});

describe('slot plaintext', () => {
  it('round-trips a TOTP and an HOTP slot through compact JSON', () => {
    for (const slot of [
      validSlot(),
      validSlot({ kind: 'hotp', counter: 42, algorithm: 'SHA512', digits: 8, name: '', issuer: '' }),
    ]) {
      const bytes = encodeSlot(slot);
      const text = Buffer.from(bytes).toString();
      expect(text).not.toMatch(/\s"|": /); // compact
      expect(text).toContain(`"secret":"${Buffer.from(slot.secret).toString('base64')}"`);
      expect(decodeSlot(bytes, slot.id)).toEqual(slot);
    }
  });

  it('round-trips names with non-ASCII text and quotes', () => {
    const slot = validSlot({ issuer: 'Ærø "bank"', account: '日本 🔐\\', name: '\u0000\n' });
    expect(decodeSlot(encodeSlot(slot), ID1)).toEqual(slot);
  });

  it('refuses to encode an invalid slot with the input error codes', () => {
    expectThrowsCode(() => encodeSlot(validSlot({ digits: 9 })), 'DIGITS');
    expectThrowsCode(() => encodeSlot(validSlot({ period: 0 })), 'PERIOD');
    expectThrowsCode(() => encodeSlot(validSlot({ secret: new Uint8Array(9) })), 'SECRET_TOO_SHORT');
    expectThrowsCode(() => encodeSlot(validSlot({ secret: new Uint8Array(513) })), 'SECRET_TOO_LONG');
    expectThrowsCode(() => encodeSlot(validSlot({ algorithm: 'MD5' as never })), 'ALGORITHM');
    expectThrowsCode(() => encodeSlot(validSlot({ kind: 'motp' as never })), 'OTP_TYPE');
    expectThrowsCode(() => encodeSlot(validSlot({ counter: -1 })), 'COUNTER_INVALID');
    expectThrowsCode(() => encodeSlot(validSlot({ issuer: '', account: '' })), 'LABEL_EMPTY');
    expectThrowsCode(() => encodeSlot(validSlot({ name: 'x'.repeat(257) })), 'NAME_TOO_LONG');
    expectThrowsCode(() => encodeSlot(validSlot({ id: 'short' })), 'VAULT_CORRUPT', 'id');
  });

  it('refuses decrypted bytes whose id differs from the record id', () => {
    expectThrowsCode(() => decodeSlot(encodeSlot(validSlot()), ID2), 'VAULT_CORRUPT', 'id');
  });

  it('refuses malformed plaintext with VAULT_CORRUPT', () => {
    const json = (o: object) => new TextEncoder().encode(JSON.stringify(o));
    const good = JSON.parse(Buffer.from(encodeSlot(validSlot())).toString()) as Record<string, unknown>;
    const { secret: _secret, ...noSecret } = good;
    for (const bad of [
      Uint8Array.from([0xff, 0xfe]),
      new TextEncoder().encode('{not json'),
      json([good]),
      json({ ...good, extra: 1 }),
      json(noSecret),
      json({ ...good, secret: 'GEZDGNBV-_3TQOJQ' }),
      json({ ...good, secret: Buffer.alloc(9).toString('base64') }),
      json({ ...good, digits: '6' }),
      json({ ...good, createdAt: -5 }),
      json({ ...good, issuer: 5 }),
    ]) {
      expectThrowsCode(() => decodeSlot(bad, ID1), 'VAULT_CORRUPT');
    }
  });
});

describe('format v3 (passphrase and device-bound key)', () => {
  const pinV3 = (over: Record<string, unknown> = {}) => ({
    id: ID1,
    type: 'pin',
    kdf: { name: 'argon2id', memoryKiB: 131072, iterations: 4, parallelism: 1 },
    salt: b64(16, 1),
    iv: b64(12, 2),
    wrappedKey: b64(48, 3),
    wrappedUnder: 3,
    input: 'passphrase',
    deviceBound: true,
    ...over,
  });
  const v3 = (over: Record<string, unknown> = {}) => ({
    format: 'keyslot-vault',
    version: 3,
    createdAt: 5,
    methods: [pinV3(over)],
  });

  it('is the newest version this code reads', () => {
    expect(VAULT_FORMAT_VERSION).toBe(3);
  });

  it('parses and re-serialises a v3 header byte for byte', () => {
    expect(serializeHeader(parseHeader(v3()))).toEqual(v3());
    expect(serializeHeader(parseHeader(v3({ input: 'digits', deviceBound: true })))).toEqual(
      v3({ input: 'digits', deviceBound: true }),
    );
  });

  it.each<[string, unknown]>([
    ['an unknown input', v3({ input: 'emoji' })],
    ['a deviceBound that is not a boolean', v3({ deviceBound: 'yes' })],
    ['a v1 wrap that claims a passphrase', v3({ wrappedUnder: 1 })],
    ['a v2 wrap that claims a device key', v3({ wrappedUnder: 2, input: 'digits' })],
    ['a v3 header that nothing needs', v3({ wrappedUnder: 1, input: 'digits', deviceBound: false })],
    [
      'a v3 PIN method without input',
      { ...v3(), methods: [{ ...pinV3(), input: undefined }].map((m) => JSON.parse(JSON.stringify(m))) },
    ],
    ['a v3 wrap in a v2 header', { ...v3(), version: 2 }],
  ])('refuses %s (VAULT_CORRUPT)', (_what, header) => {
    expectThrowsCode(() => parseHeader(header), 'VAULT_CORRUPT');
  });

  it('binds input and deviceBound into the v3 AAD, after "pin", as documented', () => {
    const m = { id: ID1, type: 'pin' as const, kdf: ARGON2_FLOOR, salt: new Uint8Array(16).fill(1) };
    const text = Buffer.from(methodAad(3, 5, { ...m, input: 'passphrase', deviceBound: true })).toString();
    expect(text).toBe(`["keyslot-vault",3,5,"${ID1}","pin","passphrase",true,"argon2id",19456,2,1,"${b64(16, 1)}"]`);
    const base = hexEncode(methodAad(3, 5, { ...m, input: 'digits', deviceBound: true }));
    expect(hexEncode(methodAad(3, 5, { ...m, input: 'digits', deviceBound: false }))).not.toBe(base);
    expect(hexEncode(methodAad(3, 5, { ...m, input: 'passphrase', deviceBound: true }))).not.toBe(base);
    // Older rules are unchanged: the v1 AAD has neither field.
    expect(Buffer.from(methodAad(1, 5, { ...m, input: 'passphrase', deviceBound: true })).toString()).not.toContain(
      'passphrase',
    );
  });

  it('labels the device HMAC message with the method id, then a NUL, then the KDF output', () => {
    const msg = deviceMessage(ID1, new Uint8Array([1, 2, 3]));
    expect(Buffer.from(msg).toString('latin1')).toBe(`keyslot/device/v3/${ID1}\u0000\u0001\u0002\u0003`);
    expect(hexEncode(deviceMessage(ID2, new Uint8Array([1, 2, 3])))).not.toBe(hexEncode(msg));
  });
});

describe('slot plaintext, record version 1 read as version 2', () => {
  /** A v1 plaintext as Keyslot before record v2 wrote it: the eleven v1 keys, nothing else. */
  function v1Plaintext(over: Record<string, unknown> = {}): Record<string, unknown> {
    const {
      favourite: _f,
      position: _p,
      lastUsedAt: _l,
      deletedAt: _d,
      managed: _m,
      groups: _g,
      note: _n,
      icon: _i,
      ...v1
    } = JSON.parse(Buffer.from(encodeSlot(validSlot())).toString()) as Record<string, unknown>;
    return { ...v1, ...over };
  }
  const json = (o: object) => new TextEncoder().encode(JSON.stringify(o));

  it('gives a v1 slot the defaults: not a favourite, never placed, never used, not in the trash', () => {
    const slot = decodeSlot(json(v1Plaintext()), ID1, 1);
    expect(slot).toEqual({ ...validSlot(), ...SLOT_META_DEFAULTS });
    expect(slot).not.toHaveProperty('managed');
    expect(slot).toMatchObject({ favourite: false, position: '', lastUsedAt: 0, deletedAt: 0 });
  });

  it('migrates without changing its input, and leaves v2 plaintext as it is', () => {
    const raw = v1Plaintext();
    const copy = structuredClone(raw);
    expect(migrateSlotPlaintext(raw, 1)).toEqual({ ...copy, ...SLOT_META_DEFAULTS, managed: null });
    expect(raw).toEqual(copy);
    const v2 = { ...raw, favourite: false, position: '', lastUsedAt: 0, deletedAt: 0 };
    expect(migrateSlotPlaintext(v2, 2)).toEqual({ ...v2, managed: null, groups: [], note: '', icon: null });
    const v3 = { ...v2, managed: null };
    expect(migrateSlotPlaintext(v3, 3)).toEqual({ ...v3, groups: [], note: '', icon: null });
    const v4 = { ...v3, groups: [], note: '', icon: null };
    expect(migrateSlotPlaintext(v4, 4)).toBe(v4);
  });

  it('writes the migrated slot back as the current version with all nineteen keys', () => {
    const slot = decodeSlot(json(v1Plaintext()), ID1, 1);
    const text = Buffer.from(encodeSlot(slot)).toString();
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'id',
      'kind',
      'issuer',
      'account',
      'name',
      'secret',
      'algorithm',
      'digits',
      'period',
      'counter',
      'createdAt',
      'favourite',
      'position',
      'lastUsedAt',
      'deletedAt',
      'managed',
      'groups',
      'note',
      'icon',
    ]);
    expect(decodeSlot(encodeSlot(slot), ID1, 4)).toEqual(slot);
  });

  it('refuses a v1 plaintext that claims v2 fields, and a v2 plaintext without them', () => {
    expectThrowsCode(() => decodeSlot(json(v1Plaintext({ favourite: true })), ID1, 1), 'VAULT_CORRUPT', 'slot');
    expectThrowsCode(
      () => decodeSlot(json({ ...v1Plaintext(), ...SLOT_META_DEFAULTS }), ID1, 1),
      'VAULT_CORRUPT',
      'slot',
    );
    expectThrowsCode(() => decodeSlot(json(v1Plaintext()), ID1, 2), 'VAULT_CORRUPT', 'slot');
    expectThrowsCode(
      () => decodeSlot(json({ ...v1Plaintext(), ...SLOT_META_DEFAULTS, managed: null }), ID1, 2),
      'VAULT_CORRUPT',
      'slot',
    );
  });

  it('refuses a v1 plaintext that is damaged in the same ways as a v2 one', () => {
    for (const bad of [
      v1Plaintext({ digits: 5 }),
      v1Plaintext({ id: ID2 }),
      v1Plaintext({ secret: 'x' }),
      { ...v1Plaintext(), extra: 1 },
    ]) {
      expectThrowsCode(() => decodeSlot(json(bad), ID1, 1), 'VAULT_CORRUPT');
    }
  });

  it('refuses organise fields of the wrong type or shape', () => {
    const good = JSON.parse(Buffer.from(encodeSlot(validSlot())).toString()) as Record<string, unknown>;
    for (const [field, value] of [
      ['favourite', 1],
      ['favourite', 'true'],
      ['position', 5],
      ['position', 'V0'], // a trailing zero is not a canonical key
      ['position', 'V-'],
      ['position', 'ü'],
      ['position', 'V'.repeat(65)],
      ['lastUsedAt', -1],
      ['lastUsedAt', 1.5],
      ['deletedAt', '0'],
      ['deletedAt', null],
    ] as const) {
      expectThrowsCode(() => decodeSlot(json({ ...good, [field]: value }), ID1), 'VAULT_CORRUPT', field);
    }
  });

  it('refuses to encode a slot with a broken organise field', () => {
    expectThrowsCode(() => encodeSlot(validSlot({ position: 'a b' })), 'VAULT_CORRUPT', 'position');
    expectThrowsCode(() => encodeSlot(validSlot({ deletedAt: -5 })), 'VAULT_CORRUPT', 'deletedAt');
    expectThrowsCode(() => encodeSlot(validSlot({ favourite: undefined as never })), 'VAULT_CORRUPT', 'favourite');
  });
});
