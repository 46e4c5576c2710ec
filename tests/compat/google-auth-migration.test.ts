/**
 * Keyslot's Google Authenticator export reader (parseMigrationUri, and readActivation
 * in front of it) against every export TEXT in google-auth-migration/ of the corpus:
 *
 *   expected-decoded-migration-payloads.json  14 URIs (scito, dim13, 2FAuth) decoded field by field
 *   scito-extract_otp_secrets/example_export.txt, tests-data/*.txt  scito's inputs, incl. the negative ones,
 *       and its expected outputs (example_output.json, url_list_output.txt, print_verbose_output*.txt)
 *
 * Every URI must decode to exactly the expected accounts (secret, name, issuer, algorithm,
 * digits, type, counter) and batch fields, or be refused as expected. The QR images are
 * not decoded here (the scanner's own compat tests do that).
 *
 * Names: Google stores the label ("Issuer:account"); Keyslot splits it with its
 * otpauth:// label rule (docs/adding-codes.md), so the expected issuer/account below is
 * that rule applied to the corpus's `name` and `issuer`, written out independently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readActivation } from '../../src/core/activation';
import { isKeyslotError, type ErrorCode } from '../../src/core/errors';
import { parseMigrationUri, type MigrationBatch } from '../../src/core/migration';
import { codeAt } from '../../src/core/otp';
import { parseOtpauthUri } from '../../src/core/otpauth-uri';
import type { SlotDraft } from '../../src/core/slot';
import { corpusPath, readCorpusJson } from './corpus';

const DIR = 'google-auth-migration';
const SCITO = 'scito-extract_otp_secrets';
const read = (...parts: string[]) => readFileSync(corpusPath(DIR, ...parts), 'utf8');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// ---------------------------------------------------------------- corpus shapes

interface ExpectedParameters {
  secret_hex: string;
  secret_base32: string;
  name: string;
  issuer?: string;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512' | 'MD5';
  digits?: 'SIX' | 'EIGHT';
  type?: 'TOTP' | 'HOTP';
  counter?: number;
}
interface ExpectedItem {
  origin: string;
  uri: string;
  decoded: {
    otp_parameters: ExpectedParameters[];
    version?: number;
    batch_size?: number;
    batch_index?: number;
    batch_id?: number;
  };
}

const { items } = readCorpusJson<{ count: number; items: ExpectedItem[] }>(
  DIR,
  'expected-decoded-migration-payloads.json',
);
const byUri = new Map(items.map((item) => [item.uri, item]));

// ---------------------------------------------------------------- the summary table

type Column = 'URIs decoded' | 'accounts matched' | 'rejected as expected' | 'deliberate difference';
const COLUMNS: Column[] = ['URIs decoded', 'accounts matched', 'rejected as expected', 'deliberate difference'];
const rows = new Map<string, Record<Column, number>>();
const notes: string[] = [];

function count(source: string, column: Column, n = 1): void {
  const row = rows.get(source) ?? {
    'URIs decoded': 0,
    'accounts matched': 0,
    'rejected as expected': 0,
    'deliberate difference': 0,
  };
  row[column] += n;
  rows.set(source, row);
}

afterAll(() => {
  const header = ['source', ...COLUMNS];
  const body = [...rows].map(([source, row]) => [source, ...COLUMNS.map((c) => String(row[c]))]);
  body.push(['TOTAL', ...COLUMNS.map((c) => String([...rows.values()].reduce((sum, r) => sum + r[c], 0)))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  console.log(
    [
      '',
      'Google Authenticator exports: Keyslot vs corpus',
      line(header),
      rule,
      ...body.slice(0, -1).map(line),
      rule,
      line(body.at(-1)!),
      ...notes.map((n) => `  * ${n}`),
    ].join('\n'),
  );
});

// ---------------------------------------------------------------- checking one export

/** Keyslot's label rule, written out: the issuer field wins; "<issuer>:rest", else "prefix:rest", is split. */
function expectedNames(name: string, issuer = ''): [issuer: string, account: string] {
  const given = issuer.trim();
  if (given !== '' && name.startsWith(`${given}:`)) return [given, name.slice(given.length + 1).trim()];
  const colon = name.indexOf(':');
  if (colon < 0) return [given, name.trim()];
  return [given !== '' ? given : name.slice(0, colon).trim(), name.slice(colon + 1).trim()];
}

const DIGITS = { SIX: 6, EIGHT: 8 } as const;

/** The draft Keyslot must produce for one corpus account (absent enums: SHA1, 6 digits). */
function expectedDraft(p: ExpectedParameters): Omit<SlotDraft, 'secret'> & { secret: string } {
  const [issuer, account] = expectedNames(p.name, p.issuer);
  const kind = p.type === 'HOTP' ? 'hotp' : 'totp';
  return {
    kind,
    issuer,
    account,
    secret: p.secret_hex,
    algorithm: (p.algorithm ?? 'SHA1') as SlotDraft['algorithm'],
    digits: DIGITS[p.digits ?? 'SIX'],
    period: 30,
    counter: kind === 'hotp' ? (p.counter ?? 0) : 0,
  };
}

/** Compares a decoded batch with the corpus, field by field. Returns the number of accounts matched. */
function expectBatch(batch: MigrationBatch, item: ExpectedItem): number {
  const d = item.decoded;
  expect(
    { version: batch.version, batchSize: batch.batchSize, batchIndex: batch.batchIndex, batchId: batch.batchId },
    item.origin,
  ).toEqual({
    version: d.version ?? 0,
    batchSize: d.batch_size ?? 0,
    batchIndex: d.batch_index ?? 0,
    batchId: d.batch_id ?? 0,
  });
  const ours = batch.entries.map((e) => (e.ok ? { ...e.draft, secret: hex(e.draft.secret) } : { refused: e.code }));
  expect(ours, item.origin).toEqual(d.otp_parameters.map(expectedDraft));
  for (const p of d.otp_parameters)
    expect(hex(base32(p.secret_base32)), 'the corpus spells each secret twice').toBe(p.secret_hex);
  return ours.length;
}

/** Independent base32 for cross-checking the corpus's own two secret spellings. */
function base32(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.replace(/=+$/, '')) {
    buffer = ((buffer << 5) | alphabet.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) out.push((buffer >> (bits -= 8)) & 0xff);
  }
  return Uint8Array.from(out);
}

/** readActivation's verdict: the batch, or the KeyslotError code. Any other exception is a bug. */
function activate(text: string): { batch: MigrationBatch } | { draft: SlotDraft } | { code: ErrorCode } {
  try {
    const a = readActivation(text);
    if (a.kind === 'migration') return { batch: a.batch };
    if (a.kind === 'sealed') throw new Error('a Google export never reads as a sealed link');
    if (a.kind === 'pia') throw new Error('a privacyIDEA registration is not a Google export');
    return { draft: a.draft };
  } catch (e) {
    if (!isKeyslotError(e)) throw e;
    return { code: e.code };
  }
}

/** One export text that must decode exactly as the expected JSON says (found by its URI). */
function checkExport(text: string, source: string): MigrationBatch {
  const item = byUri.get(text);
  expect(item, `no expected decoding for ${text.slice(0, 60)}…`).toBeDefined();
  const outcome = activate(text);
  expect(outcome).toHaveProperty('batch');
  const batch = (outcome as { batch: MigrationBatch }).batch;
  // readActivation and parseMigrationUri agree.
  expect(batch).toEqual(parseMigrationUri(text));
  count(source, 'URIs decoded');
  count(source, 'accounts matched', expectBatch(batch, item!));
  return batch;
}

const sourceOf = (origin: string) =>
  `expected JSON: ${origin.startsWith('scito') ? 'scito' : origin.startsWith('dim13') ? 'dim13' : origin.startsWith('Bubka') ? '2FAuth' : origin}`;

// ---------------------------------------------------------------- the suite

describe('expected-decoded-migration-payloads.json', () => {
  it('has the 14 URIs its README promises', () => {
    expect(items).toHaveLength(14);
  });

  for (const item of items) {
    it(`decodes ${item.origin} to the expected ${item.decoded.otp_parameters.length} account(s) and batch fields`, () => {
      checkExport(item.uri, sourceOf(item.origin));
    });
  }

  it('gives dim13’s minimal export the TOTP code its tests expect (528064 at 2009-11-10T23:00:00Z)', () => {
    const item = items.find((i) => i.origin.startsWith('dim13') && i.origin.includes('TestConvert'))!;
    const entry = parseMigrationUri(item.uri).entries[0]!;
    expect(entry.ok && codeAt(entry.draft, Date.UTC(2009, 10, 10, 23, 0, 0)).code).toBe('528064');
  });
});

/** scito's test inputs. Each non-comment line is one text a user could scan or paste. */
type InputExpectation = { accounts: number; uris: number } | { reject: ErrorCode; deliberate?: string };

const INPUTS: Record<string, InputExpectation> = {
  'example_export.txt': { uris: 5, accounts: 6 },
  'tests-data/example_export_only_totp.txt': { uris: 4, accounts: 5 },
  'tests-data/test_plus_problem_export.txt': { uris: 1, accounts: 4 },
  'tests-data/test_export_wrong_data.txt': { reject: 'MIGRATION_DATA' },
  'tests-data/test_export_wrong_content.txt': { reject: 'NOT_ACTIVATION' },
  'tests-data/only_comments.txt': { reject: 'NOT_ACTIVATION' },
  'tests-data/empty_file.txt': { reject: 'INPUT_EMPTY' },
  'tests-data/text_masquerading_as_image.jpeg': { reject: 'NOT_ACTIVATION' },
  'tests-data/test_export_wrong_prefix.txt': {
    reject: 'NOT_ACTIVATION',
    deliberate:
      'test_export_wrong_prefix.txt ("QR-Code:" before the scheme): extract_otp_secrets warns and decodes it anyway; Keyslot refuses it (NOT_ACTIVATION), as the corpus case in otpauth-uri-cases.json expects',
  },
};

/** scito's expected outputs: the export URIs they echo must decode as expected too. */
const OUTPUTS = [
  'tests-data/print_verbose_output.txt',
  'tests-data/print_verbose_output-v.txt',
  'tests-data/print_verbose_output-vv.txt',
  'tests-data/print_verbose_output-vvv.txt',
  'tests-data/print_verbose_output-n.txt',
  'tests-data/print_verbose_output-n-v.txt',
  'tests-data/print_verbose_output-n-vv.txt',
  'tests-data/print_verbose_output-n-vvv.txt',
  'tests-data/printqr_output.txt',
  'tests-data/url_list_output.txt',
];

const MIGRATION_URI = /otpauth-migration:\/\/offline\?data=[A-Za-z0-9%+/=_-]+/g;
const inputLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

describe('scito/extract_otp_secrets inputs', () => {
  const SOURCE_EXAMPLE = 'scito example_export.txt';
  const SOURCE_TESTS = 'scito tests-data inputs';

  for (const [file, expectation] of Object.entries(INPUTS)) {
    const source = file.startsWith('tests-data') ? SOURCE_TESTS : SOURCE_EXAMPLE;
    if ('uris' in expectation) {
      it(`reads every export in ${file}: ${expectation.uris} URIs, ${expectation.accounts} accounts`, () => {
        const lines = inputLines(read(SCITO, file));
        expect(lines).toHaveLength(expectation.uris);
        const accounts = lines.reduce((n, line) => n + checkExport(line, source).entries.length, 0);
        expect(accounts).toBe(expectation.accounts);
      });
    } else {
      it(`refuses ${file} with ${expectation.reject}${expectation.deliberate ? ' (deliberate difference)' : ''}`, () => {
        // The whole file, as if pasted: what a user would get.
        expect(activate(read(SCITO, file))).toEqual({ code: expectation.reject });
        if (expectation.deliberate) {
          count(source, 'deliberate difference');
          notes.push(expectation.deliberate);
        } else {
          count(source, 'rejected as expected');
        }
      });
    }
  }

  it('gives example_export.txt exactly the accounts of scito’s example_output.json, in order', () => {
    interface Row {
      name: string;
      secret: string;
      issuer: string;
      type: 'totp' | 'hotp';
      counter: number | null;
    }
    const expected = JSON.parse(read(SCITO, 'example_output.json')) as Row[];
    const drafts = inputLines(read(SCITO, 'example_export.txt')).flatMap((line) => parseMigrationUri(line).entries);
    expect(
      drafts.map((e) =>
        e.ok ? [e.draft.kind, e.draft.issuer, e.draft.account, hex(e.draft.secret), e.draft.counter] : e.code,
      ),
    ).toEqual(expected.map((r) => [r.type, ...expectedNames(r.name, r.issuer), hex(base32(r.secret)), r.counter ?? 0]));
  });
});

describe('scito/extract_otp_secrets expected outputs', () => {
  const SOURCE = 'scito tests-data outputs';

  for (const file of OUTPUTS) {
    it(`decodes every export URI echoed in ${file} as expected`, () => {
      for (const uri of read(SCITO, file).match(MIGRATION_URI) ?? []) checkExport(uri, SOURCE);
    });
  }

  it('turns the otpauth URLs of url_list_output.txt into exactly the slots decoded from example_export.txt', () => {
    const fromExport = inputLines(read(SCITO, 'example_export.txt')).flatMap((line) => parseMigrationUri(line).entries);
    const fromUrls = read(SCITO, 'tests-data/url_list_output.txt')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => parseOtpauthUri(l));
    expect(fromUrls).toHaveLength(6);
    expect(fromExport).toEqual(fromUrls.map((draft) => ({ ok: true, draft })));
    count(SOURCE, 'URIs decoded', fromUrls.length);
    count(SOURCE, 'accounts matched', fromUrls.length);
  });
});

describe('coverage of the corpus folder', () => {
  it('classifies every scito test file as an input, an expected output or an image', () => {
    const files = readdirSync(corpusPath(DIR, SCITO, 'tests-data')).map((f) => `tests-data/${f}`);
    const unknown = files.filter((f) => !(f in INPUTS) && !OUTPUTS.includes(f) && !/\.png$/.test(f));
    expect(unknown).toEqual([]);
  });

  it('has an expected decoding, or an expected refusal, for every export URI in any text file of the folder', () => {
    const refused = new Set(
      Object.entries(INPUTS)
        .filter(([, e]) => 'reject' in e)
        .flatMap(([f]) => read(SCITO, f).match(MIGRATION_URI) ?? []),
    );
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (!/\.(png|jpe?g|gif|webp)$/i.test(entry.name) || entry.name === 'text_masquerading_as_image.jpeg') {
          found.push(...(readFileSync(full, 'utf8').match(MIGRATION_URI) ?? []));
        }
      }
    };
    walk(corpusPath(DIR));
    expect(found.length).toBeGreaterThan(14);
    // The wrong-prefix file's URI is itself well-formed (only its "QR-Code:" prefix is refused), so it has an expected decoding too.
    expect(found.filter((uri) => !byUri.has(uri) && !refused.has(uri))).toEqual([]);
  });
});
