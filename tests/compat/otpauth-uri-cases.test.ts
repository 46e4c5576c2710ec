/**
 * Keyslot's otpauth:// parser against every URI case in the corpus:
 *   otpauth-uri-cases/otpauth-uri-cases.json      94 cases from Google, 2FAuth, pyotp, totp-rs, Aegis, …
 *   otpauth-uri-cases/key-uri-format-examples.json the Key URI Format wiki examples
 *   otp-vectors/hectorm-otpauth/otpauth-test-cases.json  92 URIs that must parse to a known object
 *
 * Every case must AGREE (same accept/reject; same parsed fields where the corpus gives them),
 * or be listed in DELIBERATE_DIFFERENCES with Keyslot's exact behaviour and the reason.
 * Anything else fails the suite. otpauth-migration:// exports (Google Authenticator) are
 * read through readActivation, as a scanned or pasted text is; "accept" means every
 * account of the export imports, with the fields the corpus gives.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readActivation } from '../../src/core/activation';
import { decodeBase32 } from '../../src/core/base32';
import { isKeyslotError, type ErrorCode } from '../../src/core/errors';
import { codeAt, hotpCode } from '../../src/core/otp';
import { parseOtpauthUri, parseSteamUri } from '../../src/core/otpauth-uri';
import type { SlotDraft } from '../../src/core/slot';
import { readCorpusJson, Tally } from './corpus';

// ---------------------------------------------------------------- running the parser
type Outcome = { accepted: true; draft: SlotDraft } | { accepted: false; code: ErrorCode };

function run(uri: string | null): Outcome {
  try {
    // As the add flow reads one URI (readActivation): Steam Guard URIs included, and
    // Bitwarden's steam://SECRET.
    const text = uri as string;
    const draft = /^\s*steam:\/\//i.test(text) ? parseSteamUri(text) : parseOtpauthUri(text, { steam: true });
    return { accepted: true, draft };
  } catch (e) {
    if (!isKeyslotError(e)) throw e; // anything but a KeyslotError is a bug, never a "reject"
    return { accepted: false, code: e.code };
  }
}

const describeOutcome = (o: Outcome) => (o.accepted ? 'accept' : `reject ${o.code}`);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The last query parameter called `name` (any case), as a lenient reader sees it. For predicates only. */
function param(uri: string | null, name: string): string | null {
  const q = uri?.indexOf('?') ?? -1;
  if (q < 0) return null;
  let found: string | null = null;
  for (const [k, v] of new URLSearchParams(uri!.slice(q + 1))) if (k.toLowerCase() === name) found = v;
  return found;
}

// ---------------------------------------------------------------- corpus shapes
interface UriCase {
  uri: string | null;
  expect: 'accept' | 'reject';
  parsed?: Record<string, unknown>;
  upstream_error?: string;
  note?: string;
  source: { repo: string; test: string };
}

/** What Keyslot does instead, for a deliberate difference: refuse with a code, or accept and pass `check`. */
type Ours = { reject: ErrorCode } | { accept: (draft: SlotDraft, c: UriCase) => void };

/** The raw label of a URI, percent-decoded (for checks only). */
const labelOf = (uri: string) => decodeURIComponent(uri.replace(/^[^:]+:\/\/[^/?]*\/?/, '').split('?')[0]!);

interface DeliberateDifference {
  id: string;
  applies: (c: UriCase) => boolean;
  ours: Ours;
  reason: string;
}

/**
 * Where Keyslot deliberately differs from the project whose test the case comes from.
 * First matching entry wins. Each entry must match at least one case (checked below).
 */
export const DELIBERATE_DIFFERENCES: DeliberateDifference[] = [
  {
    id: 'secret-below-80-bits',
    applies: (c) => c.expect === 'accept' && ['AAAABBBB', 'GEZDGNBV', 'AA'].includes(param(c.uri, 'secret') ?? ''),
    ours: { reject: 'SECRET_TOO_SHORT' },
    reason:
      'secrets under 80 bits (RFC 4226 §4 asks for 128) are refused; Google/pyotp/Aegis tests use 8-bit to 40-bit toy secrets',
  },
  {
    id: 'secret-not-base32',
    applies: (c) => c.expect === 'accept' && ['abc', 'SOME_SECRET'].includes(param(c.uri, 'secret') ?? ''),
    ours: { reject: 'SECRET_INVALID' },
    reason: 'pyotp does not validate the secret while parsing; Keyslot validates everything before a slot exists',
  },
  {
    id: 'hotp-counter-required',
    applies: (c) =>
      c.expect === 'accept' && /^otpauth:\/\/hotp\//i.test(c.uri ?? '') && param(c.uri, 'counter') === null,
    ours: { reject: 'COUNTER_MISSING' },
    reason:
      'Key URI Format: counter is REQUIRED for hotp; Google silently assumes 0, which can desynchronise the token',
  },
  {
    id: 'label-prefix-is-issuer',
    applies: (c) =>
      c.expect === 'accept' &&
      c.source.repo === 'google/google-authenticator-android' &&
      c.parsed?.issuer === null &&
      String(c.parsed?.ga_stored_name ?? '').includes(':'),
    ours: {
      accept: (draft, c) => {
        const [prefix, ...rest] = String(c.parsed!.ga_stored_name).split(':');
        expect([draft.issuer, draft.account]).toEqual([prefix, rest.join(':').trim()]);
      },
    },
    reason:
      'Google keeps "Prefix:account" as the stored name with no issuer; Keyslot splits the label as the Key URI Format ABNF says',
  },
  {
    id: 'issuer-mismatch-accepted',
    applies: (c) => c.expect === 'reject' && /IssuerMistmatch|issuer mismatch/i.test(`${c.upstream_error} ${c.note}`),
    ours: {
      accept: (draft, c) => {
        const [, ...account] = labelOf(c.uri!).split(':');
        expect([draft.issuer, draft.account]).toEqual([param(c.uri, 'issuer'), account.join(':')]);
      },
    },
    reason:
      'totp-rs refuses a label prefix that differs from the issuer parameter; Keyslot (like Google, 2FAuth, hectorm) lets the parameter win',
  },
  {
    id: 'algorithm-unsupported',
    applies: (c) => c.expect === 'accept' && !/^(sha1|sha256|sha512)$/i.test(param(c.uri, 'algorithm') ?? 'SHA1'),
    ours: { reject: 'ALGORITHM' },
    reason:
      'Keyslot offers the three RFC 6238 hashes; SHA224/SHA384, SHA3-* and custom HMACs (hectorm/otpauth) are unsupported by choice',
  },
  {
    id: 'steam-as-5-digit-totp',
    applies: (c) =>
      c.expect === 'accept' && param(c.uri, 'digits') === '5' && !/^otpauth:\/\/steam\//i.test(c.uri ?? ''),
    ours: { reject: 'DIGITS' },
    reason:
      'a plain TOTP with digits=5 is not a Steam Guard slot (no type or encoder says so); a 5-digit RFC code would be wrong for Steam, so it is refused rather than guessed',
  },
  {
    id: 'steam-scheme-names',
    applies: (c) => c.expect === 'accept' && /^steam:\/\//i.test(c.uri ?? ''),
    ours: {
      accept: (draft, c) => {
        expect([draft.kind, draft.issuer, draft.account, draft.digits]).toEqual(['steam', 'Steam', '', 5]);
        expect(hex(draft.secret)).toBe(hex(decodeBase32(c.uri!.replace(/^steam:\/\//i, ''))));
      },
    },
    reason:
      'Bitwarden\'s steam://SECRET has no names: Aegis calls the account "Steam account"; Keyslot names the slot "Steam" and leaves the account empty for the person to fill in',
  },
];

const isMigration = (uri: string | null) => /otpauth-migration:\/\/offline\?/i.test(uri ?? '');

// ---------------------------------------------------------------- exports (otpauth-migration://)
/** An export case through readActivation: accepted means a batch in which every account imports. */
function runExport(uri: string): { accepted: true; drafts: SlotDraft[] } | { accepted: false; code: ErrorCode } {
  try {
    const activation = readActivation(uri);
    if (activation.kind !== 'migration') throw new Error('an otpauth-migration case read as a single slot');
    const refused = activation.batch.entries.find((e) => !e.ok);
    if (refused && !refused.ok) return { accepted: false, code: refused.code };
    return { accepted: true, drafts: activation.batch.entries.flatMap((e) => (e.ok ? [e.draft] : [])) };
  } catch (e) {
    if (!isKeyslotError(e)) throw e;
    return { accepted: false, code: e.code };
  }
}

/**
 * Compares one export account of the corpus with our draft. `name` is the label Google
 * stored: Keyslot splits it like an otpauth:// label (the issuer field wins, "<issuer>:"
 * or else the first colon separates). Enum fields may be written as
 * "UNSPECIFIED(0) -> treat as SHA1". An unknown field name fails.
 */
function expectExportAccount(account: Record<string, unknown>, draft: SlotDraft): void {
  for (const [key, value] of Object.entries(account)) {
    switch (key) {
      case 'type':
        expect(draft.kind, key).toBe(value);
        break;
      case 'name': {
        const name = String(value);
        const issuer = String(account.issuer ?? '');
        const colon = name.indexOf(':');
        const rest =
          issuer !== '' && name.startsWith(`${issuer}:`)
            ? name.slice(issuer.length + 1)
            : colon < 0
              ? name
              : name.slice(colon + 1);
        expect(draft.account, key).toBe(rest.trim());
        expect(draft.issuer, key).toBe(issuer !== '' ? issuer : colon < 0 ? '' : name.slice(0, colon).trim());
        break;
      }
      case 'issuer':
        break; // checked with the name
      case 'secret':
        expect(hex(draft.secret), key).toBe(hex(decodeBase32(String(value))));
        break;
      case 'algorithm':
        expect(draft.algorithm, key).toBe(/SHA\d+/.exec(String(value))?.[0]);
        break;
      case 'digits':
        expect(draft.digits, key).toBe(
          typeof value === 'number' ? value : Number(/(\d+)\s*$/.exec(String(value))?.[1]),
        );
        break;
      default:
        throw new Error(`unmapped export account field "${key}": map it in expectExportAccount`);
    }
  }
}

function expectExportParsed(parsed: Record<string, unknown>, drafts: SlotDraft[]): void {
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'accounts') {
      const accounts = value as Record<string, unknown>[];
      expect(drafts).toHaveLength(accounts.length);
      accounts.forEach((a, i) => expectExportAccount(a, drafts[i]!));
    } else if (key === 'otpauth_equivalent') {
      expect(drafts).toEqual([parseOtpauthUri(String(value))]);
    } else if (key.startsWith('totp_at_')) {
      const at = Date.parse(key.slice('totp_at_'.length));
      expect(codeAt(drafts[0]!, at).code, key).toBe(value);
    } else {
      throw new Error(`unmapped export field "${key}": map it in expectExportParsed`);
    }
  }
}

// ---------------------------------------------------------------- comparing parsed fields
/**
 * Compares one corpus `parsed` object with our draft, mapping each project's field
 * names. An unknown field name fails: every field must be mapped or explicitly ignored.
 */
function expectParsed(parsed: Record<string, unknown>, draft: SlotDraft): void {
  for (const [key, value] of Object.entries(parsed)) {
    switch (key) {
      case 'type':
        expect(draft.kind, key).toBe(value);
        break;
      case 'issuer':
      case 'service': // 2FAuth
        expect(draft.issuer, key).toBe(value ?? '');
        break;
      case 'account':
      case 'name': // pyotp, Aegis
        expect(draft.account, key).toBe(value);
        break;
      case 'ga_stored_name': {
        // Google stores the raw label; its account part is what follows the first colon.
        const label = String(value);
        const colon = label.indexOf(':');
        expect(draft.account, key).toBe((colon < 0 ? label : label.slice(colon + 1)).trim());
        break;
      }
      case 'secret':
        expect(hex(draft.secret), key).toBe(hex(decodeBase32(String(value))));
        break;
      case 'secret_ascii':
        expect(Buffer.from(draft.secret).toString('latin1'), key).toBe(value);
        break;
      case 'secret_bytes_hex':
        expect(hex(draft.secret), key).toBe(value);
        break;
      case 'algorithm':
        expect(draft.algorithm, key).toBe(String(value).toUpperCase());
        break;
      case 'digits':
      case 'period':
        expect(draft[key], key).toBe(value);
        break;
      case 'counter':
        if (value !== null) expect(draft.counter, key).toBe(value); // 2FAuth gives null for TOTP
        break;
      case 'codes_at_unix_time':
        for (const [t, code] of Object.entries(value as Record<string, string>)) {
          expect(codeAt(draft, Number(t) * 1000).code, `${key}[${t}]`).toBe(code);
        }
        break;
      case 'codes_at_counter': {
        const base = Number(parsed.initial_counter ?? 0); // pyotp's at(n) is relative to the initial counter
        for (const [n, code] of Object.entries(value as Record<string, string>)) {
          expect(hotpCode(draft.secret, draft.algorithm, draft.digits, base + Number(n)), `${key}[${n}]`).toBe(code);
        }
        break;
      }
      case 'initial_counter':
        expect(draft.counter, key).toBe(value);
        break;
      case 'label': // pyotp: null when the URI has no label; nothing to compare
      case 'secret_bytes_note': // prose
        break;
      default:
        throw new Error(
          `unmapped parsed field "${key}": map it in expectParsed or list the case as a deliberate difference`,
        );
    }
  }
}

function expectOurs(outcome: Outcome, ours: Ours, c: UriCase): void {
  if ('reject' in ours) {
    expect(describeOutcome(outcome)).toBe(`reject ${ours.reject}`);
  } else {
    expect(describeOutcome(outcome)).toBe('accept');
    if (outcome.accepted) ours.accept(outcome.draft, c);
  }
}

// ---------------------------------------------------------------- the suite
const tally = new Tally();
const used = new Map<string, number>(DELIBERATE_DIFFERENCES.map((d) => [d.id, 0]));
afterAll(() => tally.print('otpauth:// URI cases: Keyslot parser vs corpus', ['agreed', 'deliberate difference']));

/** Registers one test for one corpus case: an export, a deliberate difference, or must agree. */
function checkCase(c: UriCase, label: string, tallySource = c.source.repo): void {
  if (isMigration(c.uri)) {
    it(`${label} -> ${c.expect} (agree, export via readActivation)`, () => {
      const outcome = runExport(c.uri!);
      const verdict = outcome.accepted ? 'accept' : `reject ${outcome.code}`;
      expect(verdict.split(' ')[0], `upstream says ${c.expect}; we ${verdict}`).toBe(c.expect);
      if (outcome.accepted && c.parsed) expectExportParsed(c.parsed, outcome.drafts);
      tally.add(tallySource, 'agreed');
    });
    return;
  }

  const difference = DELIBERATE_DIFFERENCES.find((d) => d.applies(c));
  if (difference) {
    used.set(difference.id, used.get(difference.id)! + 1);
    it(`${label} -> deliberate difference "${difference.id}"`, () => {
      expectOurs(run(c.uri), difference.ours, c);
      tally.add(tallySource, 'deliberate difference');
    });
    return;
  }

  it(`${label} -> ${c.expect} (agree)`, () => {
    const outcome = run(c.uri);
    expect(describeOutcome(outcome).split(' ')[0], `upstream says ${c.expect}; we ${describeOutcome(outcome)}`).toBe(
      c.expect,
    );
    if (outcome.accepted && c.parsed) expectParsed(c.parsed, outcome.draft);
    tally.add(tallySource, 'agreed');
  });
}

const short = (uri: string | null) => {
  const text = JSON.stringify(uri) ?? 'null';
  return text.length > 110 ? `${text.slice(0, 70)}…${text.slice(-35)}` : text;
};

describe('otpauth-uri-cases.json', () => {
  const { cases } = readCorpusJson<{ cases: UriCase[] }>('otpauth-uri-cases', 'otpauth-uri-cases.json');
  cases.forEach((c, index) => checkCase(c, `#${index} ${c.source.repo} ${c.source.test}: ${short(c.uri)}`));
});

describe('key-uri-format-examples.json', () => {
  const SRC = 'Key URI Format wiki';
  interface KeyUriExamples {
    label_examples_valid: string[];
    examples: { uri: string; expect: Record<string, unknown> }[];
  }
  const k = readCorpusJson<KeyUriExamples>('otpauth-uri-cases', 'key-uri-format-examples.json');

  for (const example of k.examples) {
    it(`accepts ${example.uri} with the documented fields`, () => {
      const outcome = run(example.uri);
      expect(describeOutcome(outcome)).toBe('accept');
      if (outcome.accepted) expectParsed(example.expect, outcome.draft);
      tally.add(SRC, 'agreed');
    });
  }

  /** How the ABNF splits each example label (issuer ":" / "%3A" *"%20" accountname). */
  const SPLITS: Record<string, [issuer: string, account: string]> = {
    'Example:alice@gmail.com': ['Example', 'alice@gmail.com'],
    'Provider1:Alice%20Smith': ['Provider1', 'Alice Smith'],
    'Big%20Corporation%3A%20alice%40bigco.com': ['Big Corporation', 'alice@bigco.com'],
  };
  for (const label of k.label_examples_valid) {
    it(`splits the example label ${label}`, () => {
      const split = SPLITS[label];
      expect(split, `no expected split written down for ${label}`).toBeDefined();
      const outcome = run(`otpauth://totp/${label}?secret=JBSWY3DPEHPK3PXP`);
      expect(describeOutcome(outcome)).toBe('accept');
      if (outcome.accepted) expect([outcome.draft.issuer, outcome.draft.account]).toEqual(split);
      tally.add(SRC, 'agreed');
    });
  }
});

describe('hectorm/otpauth equivalent URIs (otpauth-test-cases.json)', () => {
  interface Side {
    constructor_input: { algorithm?: string; digits?: number; period?: number; issuer?: string; label?: string };
    uri_equivalent_inputs: string[];
  }
  interface HectormCase {
    index: number;
    secret: { hex: string };
    hotp: Side;
    totp: Side;
  }
  const { cases } = readCorpusJson<{ cases: HectormCase[] }>(
    'otp-vectors',
    'hectorm-otpauth',
    'otpauth-test-cases.json',
  );

  for (const h of cases) {
    for (const kind of ['hotp', 'totp'] as const) {
      const input = h[kind].constructor_input;
      // The object every equivalent URI must parse to (hectorm defaults: issuer '', label 'OTPAuth', SHA1, 6, 30, counter 0).
      const parsed = {
        type: kind,
        issuer: input.issuer ?? '',
        account: input.label ?? 'OTPAuth',
        secret_bytes_hex: h.secret.hex,
        algorithm: (input.algorithm ?? 'SHA1').replace(/^sha-/i, 'SHA'),
        digits: input.digits ?? 6,
        ...(kind === 'totp' ? { period: input.period ?? 30 } : { counter: 0 }),
      };
      h[kind].uri_equivalent_inputs.forEach((uri, i) => {
        const c: UriCase = {
          uri,
          expect: 'accept',
          parsed,
          source: { repo: 'hectorm/otpauth', test: `case ${h.index} ${kind} #${i}` },
        };
        checkCase(c, `${c.source.repo} ${c.source.test}: ${short(uri)}`);
      });
    }
  }
});

describe('DELIBERATE_DIFFERENCES', () => {
  it('has no stale entry (each one explains at least one corpus case)', () => {
    expect([...used].filter(([, n]) => n === 0).map(([id]) => id)).toEqual([]);
  });
});
