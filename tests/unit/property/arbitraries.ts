/**
 * Shared pieces of the property-based tests (fast-check): a fixed seed (FC_SEED overrides it, to
 * replay or explore), a bounded number of cases per property (FC_RUNS overrides every count), and
 * generators of hostile names and raw slot drafts. fast-check prints the seed and the shrunk
 * counterexample's path when a property fails; `property()` adds the target's name.
 */
import fc from 'fast-check';
import { checkDraft } from '../../../src/core/validate';
import type { HashAlgorithm, SlotDraft } from '../../../src/core/slot';

export const SEED = Number(process.env['FC_SEED'] ?? 20261214);

/** Parameters for fc.assert: seeded, bounded; `runs` is the default case count for the target. */
export function params(runs: number): fc.Parameters<unknown> {
  const override = Number(process.env['FC_RUNS']);
  return { seed: SEED, numRuns: Number.isSafeInteger(override) && override > 0 ? override : runs, endOnFailure: true };
}

/** fc.assert with the seed printed first on failure (and replay instructions). */
export async function check<T>(
  target: string,
  prop: fc.IAsyncPropertyWithHooks<T> | fc.IPropertyWithHooks<T>,
  runs: number,
): Promise<void> {
  try {
    await fc.assert(prop as fc.IAsyncProperty<T>, params(runs) as fc.Parameters<T>);
  } catch (e) {
    (e as Error).message =
      `[${target}] failed with FC_SEED=${SEED} (replay: FC_SEED=${SEED} npx vitest run tests/unit/property)\n${(e as Error).message}`;
    throw e;
  }
}

/** Characters that have broken names before, or could: controls, bidi, zero-width, surrogates, combining marks. */
export const HOSTILE_CHARS = [
  '\u202E',
  '\u202D',
  '\u202A',
  '\u202C',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u180E',
  '\uFE0F',
  '\u034F',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\u0000',
  '\u0007',
  '\n',
  '\r',
  '\t',
  '\u0085',
  '\u00A0',
  '\u3000',
  '\u0301',
  '\u0308',
  'e\u0301',
  '\u00E9',
  'Å',
  '\u212B',
  'ﬁ',
  'Ａ',
  '：',
  ':',
  '%',
  '%3A',
  '+',
  '&',
  '=',
  '?',
  '#',
  '/',
  '@',
  ' ',
  '\u{1F468}\u200D\u{1F469}',
  '\u{1F600}',
  '\u05D0',
  '\u0627',
  '日本',
];

const nameUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_CHARS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Raw name text as any way in might bring it (before the normaliser). */
export const rawName = (maxLength = 24): fc.Arbitrary<string> =>
  fc.array(nameUnit, { maxLength }).map((units) => units.join(''));

/** Occasionally a very long name (near TEXT_MAX code points, 4-byte characters): the URI length limit. */
export const rawNameOrLong: fc.Arbitrary<string> = fc.oneof(
  { weight: 9, arbitrary: rawName() },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\u{1F600}'.repeat(256), '日'.repeat(256), 'a'.repeat(256), `${'\u200B'.repeat(300)}x`),
  },
);

const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** A raw draft as a way in might see it: hostile names, any sizes (some out of range). */
export const rawDraft: fc.Arbitrary<SlotDraft> = fc
  .record({
    kind: fc.constantFrom('totp' as const, 'hotp' as const),
    issuer: rawNameOrLong,
    account: rawNameOrLong,
    secret: fc.oneof(
      { weight: 8, arbitrary: fc.uint8Array({ minLength: 10, maxLength: 64 }) },
      { weight: 1, arbitrary: fc.uint8Array({ minLength: 500, maxLength: 512 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 12 }) },
    ),
    algorithm: fc.constantFrom(...ALGORITHMS),
    digits: fc.integer({ min: 5, max: 9 }),
    period: fc.oneof(fc.constant(30), fc.integer({ min: 0, max: 90_000 })),
    counter: fc.oneof(fc.constant(0), fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
  })
  .map((d) => d);

/** What checkDraft accepts (the one validator every way in ends with), or null. */
export function accepted(d: SlotDraft): SlotDraft | null {
  try {
    return checkDraft(d);
  } catch (e) {
    if ((e as Error).name !== 'KeyslotError') throw e;
    return null;
  }
}

/** Drafts every way in accepts: raw drafts passed through the validator (the rejects are retried). */
export const acceptedDraft: fc.Arbitrary<SlotDraft> = rawDraft
  .map((d) => accepted({ ...d, counter: d.kind === 'totp' ? 0 : d.counter, period: d.kind === 'hotp' ? 30 : d.period }))
  .filter((d): d is SlotDraft => d !== null);

/** The fields a way out must give back, secret as hex for a readable diff. */
export function comparable(d: SlotDraft): Record<string, unknown> {
  return { ...d, secret: Buffer.from(d.secret).toString('hex') };
}
