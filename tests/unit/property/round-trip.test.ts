// Every slot accepted by any way in survives every way out unchanged (issue 14), property-tested
// with fast-check, seeded (arbitraries.ts): backup → restore, plain export → import, the slot's
// otpauth URI → parse, its QR code → scan (real QR pixels, ZXing-C++), the vault record → read,
// the Google-export QR texts (migration-writer.ts) → scan them all, and duplicate detection sees
// through look-alikes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acceptedDraft, check, comparable, HOSTILE_CHARS, rawDraft, rawName, accepted } from './arbitraries';
import { codePointLength, nameKey, normaliseName } from '../../../src/core/names';
import { parseOtpauthUri, toOtpauthUri } from '../../../src/core/otpauth-uri';
import {
  decodeBackupPlaintext,
  encodeBackupPlaintext,
  plainExport,
  type BackupSlot,
  V1_DEFAULTS,
} from '../../../src/core/backup';
import { importFile, type ImportCrypto } from '../../../src/core/importers';
import { decodeSlot, encodeSlot } from '../../../src/core/vault';
import { matchExisting } from '../../../src/core/slot-match';
import { readActivation } from '../../../src/core/activation';
import { parseName } from '../../../src/core/validate';
import { decodeQr } from '../../../src/platform/qr-decode';
import {
  writeMigrationUris,
  MIGRATION_QR_TEXT_MAX,
  MIGRATION_QR_TEXT_TARGET,
} from '../../../src/core/migration-writer';
import { MigrationBatches, parseMigrationUri } from '../../../src/core/migration';
import { SLOT_META_DEFAULTS, TEXT_MAX, type Slot, type SlotDraft } from '../../../src/core/slot';
import { qrPicture } from '../fixtures/qr-image';

/** Cases per target (FC_RUNS overrides): a few seconds each on a shared CI core. */
export const RUNS = {
  names: 1000,
  uri: 500,
  plain: 100,
  backup: 300,
  vault: 300,
  migration: 300,
  qr: 25,
  lookalike: 300,
} as const;

const noCrypto = new Proxy({} as ImportCrypto, {
  get: () => () => Promise.reject(new Error('a plain export needs no crypto')),
});

const stored = (d: SlotDraft, name: string, i = 0): Slot => ({
  ...d,
  id: (i + 1).toString(16).padStart(32, '0'),
  name,
  createdAt: 1_700_000_000_000 + i,
  ...SLOT_META_DEFAULTS,
});

/** U+FFFD, then what the normaliser removes: a name never contains these afterwards. */
// eslint-disable-next-line no-control-regex -- the control characters the normaliser must have removed
const DROPPED = /[\u0000-\u001F\u007F-\u009F\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u;
const LONE_SURROGATE = /\p{Surrogate}/u;

describe('the name normaliser (property)', () => {
  it('is idempotent, and leaves no lone surrogate, bidi control, zero-width space or outer white space', async () => {
    await check(
      'names',
      fc.property(fc.oneof(rawName(40), fc.string({ unit: 'binary' })), (raw) => {
        const once = normaliseName(raw);
        expect(normaliseName(once)).toBe(once);
        expect(once).toBe(once.normalize('NFC'));
        expect(once).toBe(once.trim());
        expect(LONE_SURROGATE.test(once)).toBe(false);
        expect(DROPPED.test(once)).toBe(false);
        expect(nameKey(once)).toBe(nameKey(raw));
      }),
      RUNS.names,
    );
  });
});

describe('every accepted slot survives every way out unchanged (property)', () => {
  it('the otpauth URI (activation link, slot QR text, plain export line) reads back as the same slot', async () => {
    await check(
      'otpauth URI',
      fc.property(acceptedDraft, (d) => {
        const uri = toOtpauthUri(d);
        expect(comparable(parseOtpauthUri(uri))).toEqual(comparable(d));
        const activation = readActivation(uri);
        expect(activation.kind === 'slot' && comparable(activation.draft)).toEqual(comparable(d));
      }),
      RUNS.uri,
    );
  });

  it('a plain-text export imports back as the same slots, in order', async () => {
    await check(
      'plain export → import',
      fc.asyncProperty(fc.array(acceptedDraft, { minLength: 1, maxLength: 8 }), async (drafts) => {
        const text = plainExport(drafts.map((d, i) => stored(d, '', i)));
        const result = await importFile('keyslot-export.txt', new TextEncoder().encode(text), { crypto: noCrypto });
        expect(result.entries.map((e) => (e.status === 'ok' ? comparable(e.draft) : e))).toEqual(
          drafts.map(comparable),
        );
      }),
      RUNS.plain,
    );
  });

  it('a backup restores the same slots, names included', async () => {
    const backupSlot = fc
      .tuple(acceptedDraft, rawName(), fc.nat())
      .map(([d, name, createdAt]): BackupSlot => ({ ...d, ...V1_DEFAULTS, name: parseName(name, 'name'), createdAt }));
    await check(
      'backup → restore',
      fc.property(fc.array(backupSlot, { maxLength: 6 }), (slots) => {
        const back = decodeBackupPlaintext(encodeBackupPlaintext(slots));
        expect(back.map((s) => ({ ...s, secret: [...s.secret] }))).toEqual(
          slots.map((s) => ({ ...s, secret: [...s.secret] })),
        );
      }),
      RUNS.backup,
    );
  });

  it('the vault record reads back as the same slot', async () => {
    await check(
      'vault record',
      fc.property(acceptedDraft, rawName(), (d, name) => {
        const slot = stored(d, parseName(name, 'name'));
        const back = decodeSlot(encodeSlot(slot), slot.id);
        expect({ ...back, secret: [...back.secret] }).toEqual({ ...slot, secret: [...slot.secret] });
      }),
      RUNS.vault,
    );
  });

  it('a Google export (every QR text) reads back as the same slots, and skips only what the format cannot carry', async () => {
    // Unique secrets: the reader counts an account listed twice once (migration.ts, entries()).
    const slots = fc.uniqueArray(acceptedDraft, {
      minLength: 1,
      maxLength: 12,
      selector: (d) => `${d.kind}:${Buffer.from(d.secret).toString('hex')}`,
    });
    const maxTextLength = fc.constantFrom(400, MIGRATION_QR_TEXT_TARGET, MIGRATION_QR_TEXT_MAX);
    /** Bytes of one account in the payload, without its small varint fields. */
    const entryBytes = (d: SlotDraft) =>
      d.secret.length + 2 * Buffer.byteLength(d.issuer) + Buffer.byteLength(d.account) + 1;
    await check(
      'Google export → scan',
      fc.property(slots, maxTextLength, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (drafts, max, batchId) => {
        const { uris, skipped } = writeMigrationUris(drafts, { batchId, maxTextLength: max });
        for (const uri of uris) expect(uri.length).toBeLessThanOrEqual(max);
        const left = new Set(skipped.map((s) => s.index));
        for (const { index, reason } of skipped) {
          const d = drafts[index]!;
          const expected =
            d.kind === 'totp' && d.period !== 30 ? 'period' : d.digits !== 6 && d.digits !== 8 ? 'digits' : 'too-large';
          expect(reason).toBe(expected);
          // Too large only when it could not fit: base64 (4/3) then percent-encoding (at most 3×) of its bytes.
          if (reason === 'too-large') expect(4 * (entryBytes(d) + 40)).toBeGreaterThan(max);
        }
        const batches = new MigrationBatches();
        for (const uri of uris) expect(batches.add(parseMigrationUri(uri))).toBe(true);
        expect(batches.complete || uris.length === 0).toBe(true);
        const back = batches.entries().map((e) => (e.ok ? comparable(e.draft) : e));
        expect(back).toEqual(drafts.filter((_, i) => !left.has(i)).map(comparable));
      }),
      RUNS.migration,
    );
  });

  it('the slot QR code, drawn and scanned, is the same slot (when the URI fits in a QR code)', async () => {
    const fits = acceptedDraft.filter((d) => new TextEncoder().encode(toOtpauthUri(d)).length <= 1200);
    await check(
      'slot QR → scan',
      fc.asyncProperty(fits, async (d) => {
        const texts = await decodeQr(qrPicture(toOtpauthUri(d), { scale: 3 }), { fast: true });
        expect(texts).toHaveLength(1);
        expect(comparable(parseOtpauthUri(texts[0]!))).toEqual(comparable(d));
      }),
      RUNS.qr,
    );
  }, 60_000);
});

describe('duplicate detection sees through look-alikes (property)', () => {
  /** The same name as a person reads it: invisible characters, case, width, composition and spacing changed. */
  const disguise = (name: string) =>
    fc
      .tuple(
        fc.array(fc.constantFrom('\u200B', '\u200D', '\u2060', '\u202E', '\u2066', '\uFEFF', '\u00AD'), {
          maxLength: 3,
        }),
        fc.nat(),
        fc.constantFrom('upper', 'lower', 'wide', 'nfd', 'spaces', 'same'),
      )
      .map(([invisible, at, how]) => {
        let text = name;
        if (how === 'upper') text = text.toUpperCase();
        if (how === 'lower') text = text.toLowerCase();
        if (how === 'nfd') text = text.normalize('NFD');
        if (how === 'spaces') text = ` ${text.replaceAll(' ', '  ')} `;
        if (how === 'wide')
          text = [...text]
            .map((c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c))
            .join('');
        const units = [...text];
        const i = units.length === 0 ? 0 : at % (units.length + 1);
        return [...units.slice(0, i), ...invisible, ...units.slice(i)].join('');
      });

  const plainName = fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .@-_'.split('')),
    minLength: 1,
    maxLength: 20,
  });

  it('a disguised provider and account with a new secret is the same account (reissue), never a new one', async () => {
    const arb = fc
      .tuple(plainName, plainName)
      .chain(([issuer, account]) =>
        fc.tuple(fc.constant([issuer, account] as const), disguise(issuer), disguise(account), acceptedDraft),
      );
    await check(
      'look-alike names',
      fc.property(arb, ([[issuer, account], issuer2, account2, base]) => {
        const here = accepted({ ...base, issuer, account });
        fc.pre(here !== null);
        const other = accepted({
          ...base,
          issuer: issuer2,
          account: account2,
          secret: base.secret.map((b) => b ^ 0x5a),
        });
        fc.pre(other !== null);
        expect(matchExisting(other!, [stored(here!, '')]).kind).toBe('reissue');
        expect(matchExisting({ ...other!, secret: here!.secret }, [stored(here!, '')]).kind).toBe('duplicate');
      }),
      RUNS.lookalike,
    );
  });
});

describe('what the generators produce', () => {
  it('reaches the hostile cases: names that normalise, names at the length limit, refused drafts', () => {
    const sample = fc.sample(rawDraft, { seed: 1, numRuns: 2000 });
    const kept = sample.map(accepted);
    expect(kept.some((d) => d === null)).toBe(true);
    expect(kept.some((d) => d !== null && codePointLength(d.issuer) === TEXT_MAX)).toBe(true);
    expect(
      sample.some((d) =>
        HOSTILE_CHARS.some((c) => d.issuer.includes(c) && c.length === 1 && c >= '\uD800' && c <= '\uDFFF'),
      ),
    ).toBe(true);
  });
});
