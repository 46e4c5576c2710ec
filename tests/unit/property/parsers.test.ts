// The fuzz targets of issue 14 as seeded property tests, one per parser: whatever the input (random
// text, or a valid file with bytes flipped, cut or JSON values swapped for hostile ones), each
// either returns what the one validator accepts (validate.ts checkDraft gives it back unchanged:
// names normalised, everything in range) or throws a KeyslotError: never another exception, a hang,
// or a slot no way out could write. Encrypted importers run with instant fake crypto that
// "decrypts" to the ciphertext itself, so the parsers behind the decryption see hostile bytes too.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { check, comparable, HOSTILE_CHARS } from './arbitraries';
import { isKeyslotError } from '../../../src/core/errors';
import { checkDraft } from '../../../src/core/validate';
import { parseOtpauthUri, toOtpauthUri } from '../../../src/core/otpauth-uri';
import { addParamFromHash, readActivation } from '../../../src/core/activation';
import { parseMigrationUri } from '../../../src/core/migration';
import { importFile, type ImportCrypto, type ImportEntry } from '../../../src/core/importers';
import {
  decodeBackupPlaintext,
  encodeBackupPlaintext,
  parseBackupFile,
  serializeBackupFile,
  V1_DEFAULTS,
} from '../../../src/core/backup';
import { decodeSlot, encodeSlot, parseHeader, parseRecord, ARGON2_FLOOR } from '../../../src/core/vault';
import { decodeBase32, encodeBase32 } from '../../../src/core/base32';
import { decodeQr } from '../../../src/platform/qr-decode';
import { sniffImageType } from '../../../src/platform/image-input';
import { SLOT_META_DEFAULTS, type SlotDraft } from '../../../src/core/slot';
import * as make from '../fixtures/importers/make';
import { migrationUri } from '../fixtures/migration-writer';
import { qrPicture } from '../fixtures/qr-image';

/** Cases per target (FC_RUNS overrides): a few seconds each. */
export const RUNS = {
  uri: 1000,
  activation: 1000,
  migration: 1000,
  importer: 300,
  backupFile: 1000,
  backupPlain: 1000,
  header: 1000,
  record: 1000,
  base32: 1000,
  qr: 40,
  sniff: 1000,
} as const;

/** Resolves to the value, or to null for a KeyslotError; anything else thrown fails the property. */
async function refusedOr<T>(run: () => T | Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (e) {
    if (isKeyslotError(e)) return null;
    throw e;
  }
}

/** A draft as the validator would leave it: the parser's output must already be that. */
function expectCanonical(d: SlotDraft): void {
  const { kind, issuer, account, secret, algorithm, digits, period, counter } = d;
  const draft: SlotDraft = { kind, issuer, account, secret, algorithm, digits, period, counter };
  expect(comparable(checkDraft(draft))).toEqual(comparable(draft));
}

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom(...HOSTILE_CHARS),
  fc.constantFrom(
    '',
    ' ',
    '=',
    '%',
    '%ZZ',
    '%ED%A0%80',
    'otpauth://',
    '\u0000',
    'NaN',
    '-1',
    '1e999',
    '9007199254740993',
    '__proto__',
  ),
);
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 64, 1e308, [], {}),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every path to a leaf (or container) of a parsed JSON value. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function replaced(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at: unknown = copy;
  for (const k of path.slice(0, -1))
    at = at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[k] : undefined;
  // The path may be gone after an earlier swap: then the file stays as it was.
  if (at !== null && typeof at === 'object') (at as Record<string | number, unknown>)[path[path.length - 1]!] = value;
  return copy;
}

/** A valid file, mutated: a JSON value swapped (when it is JSON), bytes changed, cut, or grown. */
function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(base));
  } catch {
    json = undefined;
  }
  const all = json === undefined ? [] : paths(json);
  const byteEdits = fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
    .map((edits) => {
      const copy = Uint8Array.from(base);
      for (const [at, b] of edits) copy[at % copy.length] = b;
      return copy;
    });
  const cut = fc.nat().map((n) => base.slice(0, n % (base.length + 1)));
  const grown = fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, extra]) => {
    const i = at % (base.length + 1);
    return Uint8Array.from([...base.slice(0, i), ...extra, ...base.slice(i)]);
  });
  const options: fc.Arbitrary<Uint8Array>[] = [byteEdits, cut, grown];
  if (all.length > 0) {
    options.push(
      fc
        .tuple(fc.nat(), hostileJson)
        .map(([i, v]) => new TextEncoder().encode(JSON.stringify(replaced(json, all[i % all.length]!, v)))),
      fc
        .tuple(fc.nat(), fc.nat(), hostileJson)
        .map(([i, j, v]) =>
          new TextEncoder().encode(
            JSON.stringify(replaced(replaced(json, all[i % all.length]!, v), all[j % all.length]!, v)),
          ),
        ),
    );
  }
  return fc.oneof(...options);
}

/** Instant crypto: KDFs give zeros, "decryption" gives the ciphertext back (a hostile plaintext). */
const fakeCrypto: ImportCrypto = {
  pbkdf2: async (_h, _p, _s, _i, length) => new Uint8Array(length),
  scrypt: async (_p, _s, _params, length) => new Uint8Array(length),
  argon2id: async (_p, _s, _params, length) => new Uint8Array(length),
  aesGcmDecrypt: async (_k, _iv, ct) => ct.slice(0, Math.max(0, ct.length - 16)),
  aesCbcDecrypt: async (_k, _iv, ct) => ct.slice(),
  sha256: async (data) => Uint8Array.from(createHash('sha256').update(data).digest()),
};

function expectEntriesValid(entries: ImportEntry[]): void {
  for (const e of entries) if (e.status === 'ok') expectCanonical(e.draft);
}

const A = make.ACCOUNTS;
const TOTP_ONLY = A.map((a) => ({ ...a, kind: 'totp' as const, algorithm: 'SHA1' as const, counter: 0 }));
const PW = 'fuzz password';
/** One valid file per importer (file name, bytes, password when encrypted). */
const FILES: [string, string, () => Uint8Array, string?][] = [
  ['Aegis plain', 'aegis-export.json', () => make.aegisPlain(A)],
  ['Aegis encrypted', 'aegis-export.json', () => make.aegisEncrypted(A, PW), PW],
  ['2FAS', 'backup.2fas', () => make.twoFasPlain(A)],
  ['2FAS encrypted', 'backup.2fas', () => make.twoFasEncrypted(A, PW), PW],
  ['andOTP', 'otp_accounts.json', () => make.andOtpPlain(A)],
  ['andOTP encrypted', 'otp_accounts.json.aes', () => make.andOtpEncrypted(A, PW), PW],
  ['FreeOTP+', 'freeotp-backup.json', () => make.freeOtpPlus(A)],
  ['FreeOTP XML', 'tokens.xml', () => make.freeOtpXml(A)],
  ['FreeOTP 2 backup', 'externalBackup.xml', () => make.freeOtp2(A, PW), PW],
  ['Bitwarden JSON', 'bitwarden_export.json', () => make.bitwardenJson(A)],
  ['Bitwarden CSV', 'bitwarden_export.csv', () => make.bitwardenCsv(A)],
  ['Ente text', 'ente-codes.txt', () => make.uriList(A, '&codeDisplay=%7B%7D')],
  ['otpauth list', 'codes.txt', () => make.uriList(A)],
  ['Proton', 'proton.json', () => make.proton(A)],
  ['Authy XML', 'com.authy.storage.tokens.authenticator.xml', () => make.authyPlain(A.slice(0, 1))],
  ['Authy encrypted', 'com.authy.storage.tokens.authenticator.xml', () => make.authyEncrypted(A.slice(0, 1), PW), PW],
  ['Authenticator Pro', 'backup.authpro', () => make.stratum(A)],
  ['Authenticator Pro legacy encrypted', 'backup.authpro', () => make.stratumEncryptedLegacy(A, PW), PW],
  ['Duo', 'duo.json', () => make.duo(A)],
  ['Steam maFile', 'gamer.maFile', () => make.steamMaFile('gamer')],
  ['TOTP Authenticator XML', 'com.binarybox.totp_preferences.xml', () => make.totpAuthenticatorXml(TOTP_ONLY)],
  ['TOTP Authenticator backup', 'backup.encrypt', () => make.totpAuthenticatorBackup(TOTP_ONLY, PW), PW],
  [
    'Battle.net XML',
    'com.blizzard.messenger.authenticator_preferences.xml',
    () => make.battleNetXml('EU-1234-5678-9012', new Uint8Array(20).fill(7)),
  ],
];

describe('every parser returns a valid result or a KeyslotError (property)', () => {
  const validUri = toOtpauthUri({
    kind: 'hotp',
    issuer: 'Acme: Lab',
    account: 'ivy@x',
    secret: new Uint8Array(20).fill(9),
    algorithm: 'SHA256',
    digits: 8,
    period: 30,
    counter: 7,
  });

  it('otpauth URI', async () => {
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.tuple(fc.nat(), fc.nat(), hostileText).map(([at, n, text]) => {
        const i = at % validUri.length;
        return validUri.slice(0, i) + text + validUri.slice(i + (n % 8));
      }),
    );
    await check(
      'otpauth URI',
      fc.property(input, (text) => {
        const d = (() => {
          try {
            return parseOtpauthUri(text);
          } catch (e) {
            if (isKeyslotError(e)) return null;
            throw e;
          }
        })();
        if (d) {
          expectCanonical(d);
          expect(comparable(parseOtpauthUri(toOtpauthUri(d)))).toEqual(comparable(d));
        }
      }),
      RUNS.uri,
    );
  });

  it('activation text and link fragment', async () => {
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      hostileText.map((t) => `#add=${encodeURIComponent(validUri)}${t}`),
      hostileText.map((t) => `${t}${validUri}`),
    );
    await check(
      'activation',
      fc.asyncProperty(input, async (text) => {
        const inner = addParamFromHash(text);
        for (const candidate of [text, inner ?? '']) {
          const a = await refusedOr(() => readActivation(candidate));
          if (a?.kind === 'slot') expectCanonical(a.draft);
          if (a?.kind === 'migration') for (const e of a.batch.entries) if (e.ok) expectCanonical(e.draft);
        }
      }),
      RUNS.activation,
    );
  });

  it('Google Authenticator export (migration protobuf)', async () => {
    const valid = migrationUri([
      { secret: new Uint8Array(20).fill(3), name: 'Acme:ivy', issuer: 'Acme' },
      { secret: new Uint8Array(16).fill(5), name: 'x', type: 1, counter: 4 },
    ]);
    const data = decodeURIComponent(valid.slice(valid.indexOf('data=') + 5));
    const bytes = Uint8Array.from(Buffer.from(data, 'base64'));
    const input = fc
      .oneof(fc.uint8Array({ maxLength: 300 }), mutated(bytes))
      .map((b) => `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(b).toString('base64'))}`);
    await check(
      'Google migration',
      fc.asyncProperty(
        fc.oneof(
          input,
          fc.string({ unit: 'binary', maxLength: 100 }).map((t) => `otpauth-migration://offline?data=${t}`),
        ),
        async (uri) => {
          const batch = await refusedOr(() => parseMigrationUri(uri));
          if (batch) for (const e of batch.entries) if (e.ok) expectCanonical(e.draft);
        },
      ),
      RUNS.migration,
    );
  });

  for (const [what, name, build, password] of FILES) {
    it(`importer: ${what}`, async () => {
      const base = build();
      await check(
        `importer ${what}`,
        fc.asyncProperty(fc.oneof(mutated(base), fc.uint8Array({ maxLength: 200 })), async (bytes) => {
          const result = await refusedOr(() => importFile(name, bytes, { password, crypto: fakeCrypto }));
          if (result) expectEntriesValid(result.entries);
        }),
        RUNS.importer,
      );
    });
  }

  it('backup file (before any KDF)', async () => {
    const file = new TextEncoder().encode(
      serializeBackupFile({
        format: 'keyslot-backup',
        version: 1,
        createdAt: 1_700_000_000_000,
        kdf: ARGON2_FLOOR,
        salt: new Uint8Array(16).fill(1),
        iv: new Uint8Array(12).fill(2),
        ct: new Uint8Array(64).fill(3),
      }),
    );
    await check(
      'backup file',
      fc.asyncProperty(mutated(file), async (bytes) => {
        const envelope = await refusedOr(() => parseBackupFile(new TextDecoder().decode(bytes)));
        if (envelope) expect(parseBackupFile(serializeBackupFile(envelope))).toEqual(envelope);
      }),
      RUNS.backupFile,
    );
  });

  it('backup plaintext (after decryption)', async () => {
    const plain = encodeBackupPlaintext(
      A.filter((a) => a.kind === 'totp' || a.kind === 'hotp').map((a, i) => ({
        kind: a.kind as 'totp' | 'hotp',
        issuer: a.issuer,
        account: a.account,
        name: `n${i}`,
        secret: a.secret,
        algorithm: a.algorithm,
        digits: a.digits,
        period: a.kind === 'totp' ? a.period : 30,
        counter: a.kind === 'hotp' ? a.counter : 0,
        createdAt: i,
        ...V1_DEFAULTS,
      })),
    );
    await check(
      'backup plaintext',
      fc.asyncProperty(mutated(plain), async (bytes) => {
        const slots = await refusedOr(() => decodeBackupPlaintext(bytes));
        if (slots) for (const s of slots) expectCanonical(s);
      }),
      RUNS.backupPlain,
    );
  });

  it('vault header', async () => {
    const b64 = (n: number, fill: number) => Buffer.alloc(n, fill).toString('base64');
    const header = new TextEncoder().encode(
      JSON.stringify({
        format: 'keyslot-vault',
        version: 3,
        createdAt: 5,
        methods: [
          {
            id: 'a'.repeat(32),
            type: 'pin',
            kdf: { name: 'argon2id', memoryKiB: 131072, iterations: 4, parallelism: 1 },
            salt: b64(16, 1),
            iv: b64(12, 2),
            wrappedKey: b64(48, 3),
            wrappedUnder: 3,
            input: 'passphrase',
            deviceBound: true,
          },
        ],
      }),
    );
    await check(
      'vault header',
      fc.asyncProperty(mutated(header), async (bytes) => {
        let raw: unknown;
        try {
          raw = JSON.parse(new TextDecoder().decode(bytes));
        } catch {
          return;
        }
        await refusedOr(() => parseHeader(raw));
      }),
      RUNS.header,
    );
  });

  it('vault record and slot plaintext', async () => {
    const slot = {
      id: 'b'.repeat(32),
      kind: 'totp' as const,
      issuer: 'Acme',
      account: 'ivy',
      name: 'Work',
      secret: new Uint8Array(20).fill(1),
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      counter: 0,
      createdAt: 1,
      ...SLOT_META_DEFAULTS,
      position: 'V',
    };
    const plain = encodeSlot(slot);
    const record = new TextEncoder().encode(
      JSON.stringify({
        id: slot.id,
        v: 2,
        iv: Buffer.alloc(12, 2).toString('base64'),
        ct: Buffer.alloc(120, 9).toString('base64'),
      }),
    );
    await check(
      'vault record',
      fc.asyncProperty(mutated(plain), mutated(record), async (p, r) => {
        await refusedOr(() => decodeSlot(p, slot.id));
        let raw: unknown;
        try {
          raw = JSON.parse(new TextDecoder().decode(r));
        } catch {
          return;
        }
        await refusedOr(() => parseRecord(raw));
      }),
      RUNS.record,
    );
  });

  it('base32', async () => {
    await check(
      'base32',
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 120 }),
          fc.uint8Array({ maxLength: 64 }).map((b) => encodeBase32(b, true)),
        ),
        (text) => {
          let bytes: Uint8Array;
          try {
            bytes = decodeBase32(text);
          } catch (e) {
            if (isKeyslotError(e)) return;
            throw e;
          }
          expect([...decodeBase32(encodeBase32(bytes))]).toEqual([...bytes]);
        },
      ),
      RUNS.base32,
    );
  });

  it('image type sniffing', async () => {
    await check(
      'image sniff',
      fc.property(fc.uint8Array({ maxLength: 64 }), (head) => {
        const type = sniffImageType(head);
        expect(type === null || typeof type === 'string').toBe(true);
      }),
      RUNS.sniff,
    );
  });

  it('QR decoding of damaged pictures', async () => {
    const picture = qrPicture(validUri, { scale: 2 });
    const damaged = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 400 }).map((edits) => {
      const data = Uint8ClampedArray.from(picture.data);
      for (const [at, v] of edits) data[at % data.length] = v;
      return { ...picture, data };
    });
    const odd = fc.record({
      width: fc.integer({ min: 0, max: 64 }),
      height: fc.integer({ min: 0, max: 64 }),
      data: fc.uint8ClampedArray({ maxLength: 64 * 64 * 4 }),
    });
    await check(
      'QR decode',
      fc.asyncProperty(fc.oneof(damaged, odd), async (image) => {
        const texts = await refusedOr(() => decodeQr(image, { fast: true }));
        if (texts) for (const t of texts) expect(t === validUri || t.length > 0).toBe(true);
      }),
      RUNS.qr,
    );
  }, 60_000);
});
