// Importers of other authenticator apps' exports (src/core/importers): every format with a
// file we make ourselves (fixtures/importers/make.ts, node:crypto for the encrypted ones),
// read with the real platform crypto, plus hostile files: wrong passwords, cut and damaged
// files, wrong shapes, huge files, bad entries among good ones, prototype pollution.
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../src/core/base32';
import { isKeyslotError, KeyslotError } from '../../src/core/errors';
import {
  detectImport,
  importFile,
  IMPORT_BYTES_MAX,
  IMPORT_ENTRIES_MAX,
  type ImportCrypto,
  type ImportEntry,
} from '../../src/core/importers';
import { parseCsv } from '../../src/core/importers/bitwarden';
import { readSerializedMap } from '../../src/core/importers/freeotp2';
import { countPlan, planImport, runImport } from '../../src/core/importers/plan';
import { SLOT_META_DEFAULTS, type Slot } from '../../src/core/slot';
import { importCrypto } from '../../src/platform/import-crypto';
import * as make from './fixtures/importers/make';

const { ACCOUNTS, STEAM } = make;
/** TOTP Authenticator has TOTP/SHA1 only. */
const TOTP_ONLY = ACCOUNTS.map((a) => ({ ...a, kind: 'totp' as const, algorithm: 'SHA1' as const, counter: 0 }));
const PASSWORD = 'correct horse 🐎';

function read(name: string, bytes: Uint8Array, password?: string) {
  return importFile(name, bytes, { password, crypto: importCrypto });
}

async function refusal(promise: Promise<unknown>): Promise<KeyslotError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isKeyslotError(e)) throw new Error(`expected a KeyslotError, got ${String(e)}`);
  return e;
}

/** The ok drafts of a result, with secrets as base32 for comparison. */
function drafts(entries: ImportEntry[]) {
  return entries.flatMap((e) => (e.status === 'ok' ? [{ ...e.draft, secret: encodeBase32(e.draft.secret) }] : []));
}

function expected(accounts: readonly make.Account[]) {
  return accounts
    .filter((a) => a.kind === 'totp' || a.kind === 'hotp')
    .map((a) => ({
      kind: a.kind as 'totp' | 'hotp',
      issuer: a.issuer,
      account: a.account,
      secret: make.b32(a),
      algorithm: a.algorithm,
      digits: a.digits,
      period: a.kind === 'totp' ? a.period : 30,
      counter: a.kind === 'hotp' ? a.counter : 0,
    }));
}

/** A file's text must never show up in an error: it may hold secrets. */
function expectClean(e: KeyslotError, ...secrets: string[]) {
  for (const s of [...secrets, ...ACCOUNTS.map(make.b32)]) expect(e.message).not.toContain(s);
}

// ---------------------------------------------------------------- every format, happy path

describe('reading each app’s export', () => {
  const plain: [string, string, () => Uint8Array, string][] = [
    ['Aegis plain JSON', 'aegis-export.json', () => make.aegisPlain(ACCOUNTS), 'aegis'],
    ['2FAS backup', 'backup.2fas', () => make.twoFasPlain(ACCOUNTS), '2fas'],
    ['andOTP plain JSON', 'otp_accounts.json', () => make.andOtpPlain(ACCOUNTS), 'andotp'],
    ['FreeOTP+ JSON', 'freeotp-backup.json', () => make.freeOtpPlus(ACCOUNTS), 'freeotp-plus'],
    ['FreeOTP shared_prefs XML', 'tokens.xml', () => make.freeOtpXml(ACCOUNTS), 'freeotp'],
    ['Bitwarden JSON', 'bitwarden_export.json', () => make.bitwardenJson(ACCOUNTS), 'bitwarden'],
    ['Bitwarden CSV', 'bitwarden_export.csv', () => make.bitwardenCsv(ACCOUNTS), 'bitwarden'],
    ['Ente Auth text', 'ente-codes.txt', () => make.uriList(ACCOUNTS, '&codeDisplay=%7B%7D'), 'ente'],
    ['a plain otpauth URI list', 'codes.txt', () => make.uriList(ACCOUNTS), 'otpauth-list'],
    ['Proton Authenticator JSON', 'proton.json', () => make.proton(ACCOUNTS), 'proton'],
    [
      'Authy shared_prefs XML',
      'com.authy.storage.tokens.authenticator.xml',
      () => make.authyPlain(ACCOUNTS.slice(0, 1)),
      'authy',
    ],
    ['Authenticator Pro (Stratum) JSON', 'backup.authpro', () => make.stratum(ACCOUNTS), 'stratum'],
  ];

  for (const [what, name, build, format] of plain) {
    it(`reads ${what} into the same slots a scanned QR code would give`, async () => {
      const bytes = build();
      expect(detectImport(name, bytes)).toEqual({ format, encrypted: false });
      const result = await read(name, bytes);
      expect(result.format).toBe(format);
      const want = format === 'authy' ? expected(ACCOUNTS.slice(0, 1)) : expected(ACCOUNTS);
      // Authy and Bitwarden CSV name things their own way; compared separately below.
      if (format === 'bitwarden' && name.endsWith('.csv'))
        expect(drafts(result.entries).map((d) => d.secret)).toEqual(want.map((d) => d.secret));
      else expect(drafts(result.entries)).toEqual(want);
    });
  }

  it('reads TOTP Authenticator’s data file, with keys written in hex, base32 and base64', async () => {
    const result = await read('com.binarybox.totp_preferences.xml', make.totpAuthenticatorXml(TOTP_ONLY));
    expect(result.format).toBe('totp-authenticator');
    expect(drafts(result.entries)).toEqual(expected(TOTP_ONLY));
  });

  it('reads Battle.net’s data file: the unmasked serial as account, 8-digit SHA1 codes', async () => {
    const secret = Uint8Array.from({ length: 20 }, (_, i) => 200 - i);
    const result = await read(
      'com.blizzard.messenger.authenticator_preferences.xml',
      make.battleNetXml('EU-1234-5678-9012', secret),
    );
    expect(result.format).toBe('battle-net');
    expect(drafts(result.entries)).toEqual([
      {
        kind: 'totp',
        issuer: 'Battle.net',
        account: 'EU-1234-5678-9012',
        secret: encodeBase32(secret),
        algorithm: 'SHA1',
        digits: 8,
        period: 30,
        counter: 0,
      },
    ]);
    const damagedSecret = new TextDecoder()
      .decode(make.battleNetXml('EU-1', secret))
      .replace(/DEVICE_SECRET">[0-9a-f]{4}/, 'DEVICE_SECRET">zz');
    expect((await read('b.xml', new TextEncoder().encode(damagedSecret))).entries).toMatchObject([
      { status: 'failed', code: 'SECRET_INVALID' },
    ]);
  });

  it('reads a Duo export (no provider names; a counter means HOTP)', async () => {
    const result = await read('duo.json', make.duo(ACCOUNTS));
    expect(drafts(result.entries).map((d) => [d.kind, d.account, d.secret, d.counter])).toEqual(
      ACCOUNTS.map((a) => [a.kind, a.account, make.b32(a), a.kind === 'hotp' ? a.counter : 0]),
    );
  });

  it('reads a Google Authenticator export line (otpauth-migration) inside a URI list', async () => {
    const { migrationUri } = await import('./fixtures/migration-writer');
    const line = migrationUri([{ secret: ACCOUNTS[0]!.secret, name: 'ada@example.org', issuer: 'Lab VPN' }]);
    const result = await read('export.txt', new TextEncoder().encode(`${line}\n${make.uri(ACCOUNTS[1]!)}\n`));
    expect(drafts(result.entries).map((d) => d.secret)).toEqual([make.b32(ACCOUNTS[0]!), make.b32(ACCOUNTS[1]!)]);
  });

  it('takes the Bitwarden item name as provider and the username as account for a bare key', async () => {
    const file = new TextEncoder().encode(
      JSON.stringify({
        encrypted: false,
        items: [{ name: 'Wiki', login: { username: 'ada', totp: 'JBSW Y3DP EHPK 3PXP' } }],
      }),
    );
    const [entry] = (await read('b.json', file)).entries;
    expect(entry).toMatchObject({
      status: 'ok',
      issuer: 'Wiki',
      account: 'ada',
      draft: { kind: 'totp', digits: 6, period: 30 },
    });
  });

  it('reads quoted CSV cells with commas, quotes and line breaks', () => {
    expect(parseCsv('a,b\r\n"x, ""y""","line\nbreak"\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line\nbreak'],
    ]);
    expect(() => parseCsv('a,"open')).toThrow(KeyslotError);
  });

  it('names Authy accounts from "Issuer:account", falling back to the display name', async () => {
    const result = await read('authy.xml', make.authyPlain(ACCOUNTS));
    expect(result.entries.map((e) => [e.issuer, e.account])).toEqual(ACCOUNTS.map((a) => [a.issuer, a.account]));
    // Authy tokens are TOTP, SHA1, 30 s whatever else the account had.
    expect(drafts(result.entries).every((d) => d.kind === 'totp' && d.algorithm === 'SHA1' && d.period === 30)).toBe(
      true,
    );
  });
});

// ---------------------------------------------------------------- encrypted formats

describe('encrypted exports', () => {
  const cases: [string, string, (pw: string) => Uint8Array, readonly make.Account[]][] = [
    ['Aegis (scrypt + AES-GCM)', 'aegis-encrypted.json', (pw) => make.aegisEncrypted(ACCOUNTS, pw), ACCOUNTS],
    ['2FAS (PBKDF2-SHA256 + AES-GCM)', 'backup.2fas', (pw) => make.twoFasEncrypted(ACCOUNTS, pw), ACCOUNTS],
    [
      'andOTP, new layout (PBKDF2-SHA1 + AES-GCM)',
      'otp_accounts.json.aes',
      (pw) => make.andOtpEncrypted(ACCOUNTS, pw),
      ACCOUNTS,
    ],
    [
      'andOTP, old layout (SHA-256 + AES-GCM)',
      'otp_accounts.bin',
      (pw) => make.andOtpEncryptedOld(ACCOUNTS, pw),
      ACCOUNTS,
    ],
    [
      'Authy (PBKDF2-SHA1 + AES-CBC)',
      'authy.xml',
      (pw) => make.authyEncrypted(ACCOUNTS.slice(0, 1), pw),
      ACCOUNTS.slice(0, 1),
    ],
    [
      'Authenticator Pro legacy (PBKDF2-SHA1 + AES-CBC)',
      'backup.authpro',
      (pw) => make.stratumEncryptedLegacy(ACCOUNTS, pw),
      ACCOUNTS,
    ],
    [
      'FreeOTP 2 (PBKDF2-SHA512 + AES-GCM, Java-serialised)',
      'externalBackup.xml',
      (pw) => make.freeOtp2(ACCOUNTS, pw),
      ACCOUNTS,
    ],
    [
      'TOTP Authenticator (SHA-256 + AES-CBC)',
      'backup.encrypt',
      (pw) => make.totpAuthenticatorBackup(TOTP_ONLY, pw),
      TOTP_ONLY,
    ],
  ];

  it('opens an Authenticator Pro backup (Argon2id + AES-GCM) and refuses a wrong password', async () => {
    const bytes = await make.stratumEncrypted(ACCOUNTS, PASSWORD);
    expect(detectImport('backup.authpro', bytes)).toEqual({ format: 'stratum', encrypted: true });
    expect(drafts((await read('backup.authpro', bytes, PASSWORD)).entries)).toEqual(expected(ACCOUNTS));
    expect((await refusal(read('backup.authpro', bytes, 'nope'))).code).toBe('IMPORT_PASSWORD_WRONG');
    expect((await refusal(read('backup.authpro', bytes.slice(0, 40), PASSWORD))).code).toBe('IMPORT_DAMAGED');
  });

  for (const [what, name, build, accounts] of cases) {
    it(`opens ${what} with the right password`, async () => {
      const bytes = build(PASSWORD);
      expect(detectImport(name, bytes)).toMatchObject({ encrypted: true });
      const result = await read(name, bytes, PASSWORD);
      expect(result.encrypted).toBe(true);
      expect(drafts(result.entries).map((d) => [d.kind, d.secret, d.digits, d.counter])).toEqual(
        expected(accounts).map((d) => [d.kind, d.secret, d.digits, d.counter]),
      );
    });

    it(`refuses ${what} with a wrong password, or none, naming neither`, async () => {
      const bytes = build(PASSWORD);
      const wrong = await refusal(read(name, bytes, 'correct horse'));
      expect(wrong.code).toBe('IMPORT_PASSWORD_WRONG');
      expectClean(wrong, PASSWORD, 'correct horse');
      expect((await refusal(read(name, bytes))).code).toBe('IMPORT_PASSWORD_NEEDED');
      expect((await refusal(read(name, bytes, ''))).code).toBe('IMPORT_PASSWORD_NEEDED');
    });
  }

  it('refuses a FreeOTP 2 backup that is cut, or not a HashMap of strings, as damaged', async () => {
    const bytes = make.freeOtp2(ACCOUNTS, PASSWORD);
    for (const cut of [10, 60, 200, bytes.length - 1]) {
      expect((await refusal(read('externalBackup.xml', bytes.slice(0, cut), PASSWORD))).code, `cut at ${cut}`).toBe(
        'IMPORT_DAMAGED',
      );
    }
    const notStrings = Uint8Array.from(bytes);
    notStrings[notStrings.indexOf(0x74, 80)] = 0x75; // a TC_STRING becomes an array
    expect((await refusal(read('externalBackup.xml', notStrings, PASSWORD))).code).toBe('IMPORT_DAMAGED');
  });

  it('follows back-references to strings already read in a Java-serialised map', () => {
    const bytes = make.javaHashMap([
      ['first', 'x'],
      ['second', 'y'],
    ]);
    const tail = bytes.length - 5; // TC_STRING "y" then TC_ENDBLOCKDATA
    const withRef = Uint8Array.from([...bytes.slice(0, tail), 0x71, 0x00, 0x7e, 0x00, 0x02, 0x78]);
    expect(readSerializedMap(withRef)).toEqual([
      ['first', 'x'],
      ['second', 'first'],
    ]);
    const dangling = Uint8Array.from([...bytes.slice(0, tail), 0x71, 0x00, 0x7e, 0x00, 0x09, 0x78]);
    expect(() => readSerializedMap(dangling)).toThrow(KeyslotError);
  });

  it('opens an Aegis vault made with Aegis’s own scrypt cost (N = 2^15, r = 8)', async () => {
    const result = await read('aegis.json', make.aegisEncrypted(ACCOUNTS.slice(0, 1), 'pw', 32768), 'pw');
    expect(drafts(result.entries)).toEqual(expected(ACCOUNTS.slice(0, 1)));
  });

  it('refuses an Aegis vault whose scrypt parameters would take too much memory or time, or are not powers of two', async () => {
    const file = JSON.parse(new TextDecoder().decode(make.aegisEncrypted(ACCOUNTS, PASSWORD)));
    for (const [n, r, p] of [
      [2 ** 22, 8, 1],
      [1000, 8, 1],
      [1024, 64, 1],
      [2 ** 18, 8, 16],
    ]) {
      file.header.slots[1].n = n;
      file.header.slots[1].r = r;
      file.header.slots[1].p = p;
      const bytes = new TextEncoder().encode(JSON.stringify(file));
      expect((await refusal(read('aegis.json', bytes, PASSWORD))).code).toBe('IMPORT_DAMAGED');
    }
  });

  it('treats a flipped byte of any encrypted file as a wrong password (authenticated encryption), never as data', async () => {
    for (const [, name, build] of cases.slice(2, 4)) {
      const bytes = build(PASSWORD);
      bytes[bytes.length - 20]! ^= 1;
      expect((await refusal(read(name, bytes, PASSWORD))).code).toBe('IMPORT_PASSWORD_WRONG');
    }
    const aegis = JSON.parse(new TextDecoder().decode(make.aegisEncrypted(ACCOUNTS, PASSWORD)));
    aegis.header.params.tag = aegis.header.params.tag.replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    expect((await refusal(read('a.json', new TextEncoder().encode(JSON.stringify(aegis)), PASSWORD))).code).toBe(
      'IMPORT_PASSWORD_WRONG',
    );
  });

  it('refuses an encrypted file with damaged header fields as damaged', async () => {
    const aegis = JSON.parse(new TextDecoder().decode(make.aegisEncrypted(ACCOUNTS, PASSWORD)));
    aegis.header.params.nonce = 'zz';
    expect((await refusal(read('a.json', new TextEncoder().encode(JSON.stringify(aegis)), PASSWORD))).code).toBe(
      'IMPORT_DAMAGED',
    );
    const twofas = JSON.parse(new TextDecoder().decode(make.twoFasEncrypted(ACCOUNTS, PASSWORD)));
    twofas.servicesEncrypted = twofas.servicesEncrypted.split(':').slice(0, 2).join(':');
    expect((await refusal(read('b.2fas', new TextEncoder().encode(JSON.stringify(twofas)), PASSWORD))).code).toBe(
      'IMPORT_DAMAGED',
    );
    expect((await refusal(read('c.bin', Uint8Array.of(0xff, 2, 3), PASSWORD))).code).toBe('IMPORT_DAMAGED');
  });

  it('decrypts only with the crypto it is given, and reports a failing KDF as a wrong password, not a crash', async () => {
    const broken: ImportCrypto = { ...importCrypto, pbkdf2: () => Promise.reject(new Error('no WebCrypto')) };
    const e = await refusal(
      importFile('b.2fas', make.twoFasEncrypted(ACCOUNTS, PASSWORD), { password: PASSWORD, crypto: broken }),
    );
    expect(e.code).toBe('IMPORT_PASSWORD_WRONG');
  });
});

// ---------------------------------------------------------------- entries Keyslot does not take

describe('entries that are skipped or fail, while the others import', () => {
  it('names unsupported kinds (mOTP, Yandex) and imports the rest of the file, Steam included', async () => {
    const motp = { ...STEAM, kind: 'motp' as const, issuer: 'Old bank' };
    const yandex = { ...STEAM, kind: 'yandex' as const, issuer: 'Yandex' };
    const result = await read('aegis.json', make.aegisPlain([ACCOUNTS[0]!, STEAM, motp, yandex, ACCOUNTS[1]!]));
    expect(result.entries.map((e) => (e.status === 'unsupported' ? e.type : e.status))).toEqual([
      'ok',
      'ok',
      'mOTP',
      'Yandex',
      'ok',
    ]);
    expect(result.entries[1]).toMatchObject({ issuer: 'Steam', account: 'gamer' });
  });

  it('reads Steam entries of every format that has them as Steam slots with the fixed parameters', async () => {
    for (const [name, bytes] of [
      ['list.txt', make.uriList([STEAM, ACCOUNTS[0]!])],
      ['b.json', make.bitwardenJson([STEAM, ACCOUNTS[0]!])],
      ['b.csv', make.bitwardenCsv([STEAM, ACCOUNTS[0]!])],
      ['p.json', make.proton([STEAM, ACCOUNTS[0]!])],
      ['s.json', make.stratum([STEAM, ACCOUNTS[0]!])],
      ['a.json', make.andOtpPlain([STEAM, ACCOUNTS[0]!])],
      ['t.2fas', make.twoFasPlain([STEAM, ACCOUNTS[0]!])],
    ] as const) {
      const { entries } = await read(name, bytes);
      expect(
        entries.map((e) => e.status),
        name,
      ).toEqual(['ok', 'ok']);
      const first = entries[0]!;
      if (first.status !== 'ok') throw new Error(name);
      expect(first.draft, name).toMatchObject({ kind: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
      expect(first.draft.secret, name).toEqual(STEAM.secret);
      expect(first.account, name).toBe('gamer');
    }
    const steam = await read('Sophia.maFile', make.steamMaFile('gamer'));
    expect(steam.entries).toMatchObject([
      { status: 'ok', issuer: 'Steam', account: 'gamer', draft: { kind: 'steam', digits: 5 } },
    ]);
    const ma = steam.entries[0]!;
    expect(ma.status === 'ok' && new TextDecoder().decode(ma.draft.secret)).toBe('0123456789abcdef0123');
  });

  it('fails a Steam maFile account whose shared_secret is missing or not base64', async () => {
    const bad = new TextEncoder().encode(
      JSON.stringify({ accounts: { a: { account_name: 'x' }, b: { account_name: 'y', shared_secret: '!!' } } }),
    );
    const { entries } = await read('x.maFile', bad);
    expect(entries.map((e) => e.status)).toEqual(['failed', 'failed']);
  });

  it('fails bad entries one by one with the same rules as a scanned code, and keeps the good ones', async () => {
    const good = make.aegisDb([ACCOUNTS[0]!]).entries as Record<string, unknown>[];
    const bad = (info: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      type: 'totp',
      name: 'bad',
      issuer: 'X',
      info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30, ...info },
      ...extra,
    });
    const entries = [
      good[0]!,
      bad({ secret: 'not base32!' }),
      bad({ secret: 'JBSW' }),
      bad({ secret: undefined }),
      bad({ algo: 'MD5' }),
      bad({ digits: 12 }),
      bad({ period: 0 }),
      bad({}, { type: 'hotp' }), // HOTP without a counter
      bad({}, { name: '', issuer: '' }),
      bad({ secret: { $ne: 1 } }),
      bad({}, { type: undefined }), // no type at all: damaged, not "unsupported"
      'not an object',
      ...(make.aegisDb([ACCOUNTS[1]!]).entries as Record<string, unknown>[]),
    ];
    const result = await read('aegis.json', make.aegisPlain(entries as Record<string, unknown>[]));
    expect(result.entries.map((e) => (e.status === 'failed' ? e.code : e.status))).toEqual([
      'ok',
      'SECRET_INVALID',
      'SECRET_TOO_SHORT',
      'SECRET_MISSING',
      'ALGORITHM',
      'DIGITS',
      'PERIOD',
      'COUNTER_MISSING',
      'LABEL_EMPTY',
      'SECRET_INVALID',
      'OTP_TYPE',
      'IMPORT_FORMAT',
      'ok',
    ]);
    expect(result.entries[1]).toMatchObject({ issuer: 'X', account: 'bad' });
    expect(JSON.stringify(result.entries.filter((e) => e.status !== 'ok'))).not.toContain('JBSWY3DP');
  });

  it('takes a name of the wrong type as no name, and a value of the wrong type as wrong', async () => {
    const entry = (extra: Record<string, unknown>, info: Record<string, unknown> = {}) => ({
      type: 'totp',
      name: 'ada',
      info: { secret: 'JBSWY3DPEHPK3PXP', ...info },
      ...extra,
    });
    const { entries } = await read(
      'a.json',
      make.aegisPlain([
        entry({ issuer: { x: 1 } }),
        entry({ issuer: 'X' }, { digits: true }),
        entry({ issuer: 'Y', name: 42 }),
      ]),
    );
    expect(entries[0]).toMatchObject({ status: 'ok', issuer: '', account: 'ada' });
    expect(entries[1]).toMatchObject({ status: 'failed', code: 'DIGITS' });
    expect(entries[2]).toMatchObject({ status: 'ok', issuer: 'Y', account: '42' });
  });

  it('fails a bad line of a URI list on its own', async () => {
    const text = `${make.uri(ACCOUNTS[0]!)}\nhttps://example.org/not-a-code\notpauth://totp/X:y?secret=%%%\notpauth:///X:y?secret=JBSWY3DPEHPK3PXP\n\n${make.uri(ACCOUNTS[1]!)}\n`;
    const { entries } = await read('list.txt', new TextEncoder().encode(text));
    expect(entries.map((e) => (e.status === 'failed' ? e.code : e.status))).toEqual([
      'ok',
      'URI_SCHEME',
      'URI_MALFORMED',
      'OTP_TYPE',
      'ok',
    ]);
  });
});

// ---------------------------------------------------------------- files Keyslot refuses whole

describe('files that are refused as a whole', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('refuses empty, unknown and wrongly shaped files as IMPORT_FORMAT', async () => {
    for (const text of [
      '',
      '{}',
      '[]',
      '{"db": 1}',
      '[1,2,3]',
      'hello',
      '{"header": {}, "db": {"entries": 3}}',
      '{"services": "x", "schemaVersion": 2}',
      '<html><body>hi</body></html>',
    ]) {
      expect((await refusal(read('x.json', utf8(text)))).code, text).toBe('IMPORT_FORMAT');
    }
    expect(
      (
        await refusal(
          read(
            'random.dat',
            Uint8Array.from({ length: 64 }, (_, i) => (i * 151) % 256),
          ),
        )
      ).code,
    ).toBe('IMPORT_FORMAT');
  });

  it('refuses a file cut anywhere without throwing anything but a KeyslotError', async () => {
    const files: [string, Uint8Array][] = [
      ['a.json', make.aegisPlain(ACCOUNTS)],
      ['b.2fas', make.twoFasPlain(ACCOUNTS)],
      ['c.xml', make.authyPlain(ACCOUNTS)],
      ['d.xml', make.freeOtpXml(ACCOUNTS)],
      ['e.csv', make.bitwardenCsv(ACCOUNTS)],
    ];
    for (const [name, bytes] of files) {
      for (let cut = 0; cut < bytes.length; cut += 7) {
        const result = await read(name, bytes.slice(0, cut)).then(
          (r) => r,
          (e: unknown) => e,
        );
        if (!('entries' in (result as object))) expect(isKeyslotError(result), `${name} cut at ${cut}`).toBe(true);
      }
    }
  });

  it('refuses files larger than any export before reading them, and files with too many entries', async () => {
    const huge = new Uint8Array(IMPORT_BYTES_MAX + 1).fill(0x20);
    const e = await refusal(read('huge.json', huge));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', max: 8 });
    const many = utf8(Array.from({ length: IMPORT_ENTRIES_MAX + 1 }, () => make.uri(ACCOUNTS[0]!)).join('\n'));
    expect((await refusal(read('many.txt', many))).code).toBe('IMPORT_TOO_LARGE');
    const manyJson = make.andOtpPlain(Array.from({ length: IMPORT_ENTRIES_MAX + 1 }, () => ACCOUNTS[0]!));
    expect((await refusal(read('many.json', manyJson))).code).toBe('IMPORT_TOO_LARGE');
  });

  it('refuses app databases, password zips, encrypted Bitwarden exports and unknown app data files as unsupported', async () => {
    const magic = (s: string) => Uint8Array.from([...utf8(s), 1, 2, 3, 4]);
    for (const [name, bytes] of [
      ['google.sqlite', magic('SQLite format 3\u0000')],
      ['backup.zip', magic('PK\u0003\u0004')],
      ['b.json', make.bitwardenJson(ACCOUNTS, true)],
      [
        'ente-encrypted.json',
        utf8(
          '{"version":1,"kdfParams":{"memLimit":1,"opsLimit":1,"salt":"x"},"encryptedData":"x","encryptionNonce":"x"}',
        ),
      ],
      ['battle.xml', utf8('<?xml version="1.0"?>\n<map><string name="x">y</string></map>')],
    ] as const) {
      expect((await refusal(read(name, bytes))).code, name).toBe('IMPORT_UNSUPPORTED');
    }
  });

  it('never lets a file reach Object.prototype (__proto__, constructor keys)', async () => {
    const text =
      '{"version":1,"header":{"slots":null,"params":null},"__proto__":{"polluted":1},' +
      '"db":{"version":1,"constructor":{"prototype":{"polluted":2}},"entries":[{"type":"totp","name":"a","issuer":"b",' +
      '"__proto__":{"polluted":3},"info":{"secret":"JBSWY3DPEHPK3PXP","__proto__":{"digits":8}}}]}}';
    const { entries } = await read('p.json', utf8(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(entries[0]).toMatchObject({ status: 'ok', draft: { digits: 6 } });
  });

  it('refuses absurdly nested JSON as unreadable instead of overflowing the stack', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect((await refusal(read('deep.json', utf8(deep)))).code).toBe('IMPORT_FORMAT');
  });

  it('reads a file with a byte-order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...make.aegisPlain(ACCOUNTS)]);
    expect(drafts((await read('a.json', bytes)).entries)).toHaveLength(3);
  });
});

// ---------------------------------------------------------------- the plan: duplicates

describe('planning an import', () => {
  const slot = (a: make.Account, id: string): Slot => ({
    ...expected([a])[0]!,
    ...SLOT_META_DEFAULTS,
    secret: a.secret,
    id,
    name: '',
    createdAt: 0,
  });

  it('marks entries already in Keyslot, and repeats within the file, as duplicates', async () => {
    const motp = { ...STEAM, kind: 'motp' as const };
    const { entries } = await read(
      'a.json',
      make.aegisPlain([ACCOUNTS[0]!, ACCOUNTS[1]!, ACCOUNTS[1]!, motp, ACCOUNTS[2]!]),
    );
    const plan = planImport(entries, [slot(ACCOUNTS[0]!, 'a')]);
    expect(plan.map((p) => p.action)).toEqual(['duplicate', 'import', 'duplicate', 'unsupported', 'import']);
    expect(countPlan(plan)).toEqual({ import: 2, duplicate: 2, unsupported: 1, failed: 0 });
  });

  it('imports a reissue (same names, new secret) next to the old slot', async () => {
    const reissued = { ...ACCOUNTS[0]!, secret: Uint8Array.from({ length: 20 }, (_, i) => i) };
    const { entries } = await read('a.json', make.aegisPlain([reissued]));
    expect(planImport(entries, [slot(ACCOUNTS[0]!, 'a')]).map((p) => p.action)).toEqual(['import']);
  });

  it('saves every entry to import, reports one that cannot be saved as failed, and goes on with the rest', async () => {
    const motp = { ...STEAM, kind: 'motp' as const };
    const { entries } = await read(
      'a.json',
      make.aegisPlain([ACCOUNTS[0]!, ACCOUNTS[1]!, ACCOUNTS[0]!, motp, ACCOUNTS[2]!]),
    );
    const saved: string[] = [];
    const rows = await runImport(entries, [], async (draft) => {
      if (draft.issuer === 'Mail') throw new KeyslotError('STORAGE_FAILED');
      saved.push(draft.issuer);
    });
    expect(saved).toEqual(['Lab VPN', 'Door']);
    expect(rows.map((r) => (r.outcome === 'failed' ? r.code : r.outcome))).toEqual([
      'imported',
      'STORAGE_FAILED',
      'duplicate',
      'unsupported',
      'imported',
    ]);
    const odd = await runImport(entries.slice(0, 1), [], () => Promise.reject(new Error('quota')));
    expect(odd).toMatchObject([{ outcome: 'failed', code: 'STORAGE_FAILED' }]);
  });
});
