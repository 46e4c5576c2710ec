import { describe, expect, it } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import { MigrationBatches, parseMigrationUri } from '../../src/core/migration';
import {
  MIGRATION_QR_TEXT_MAX,
  MIGRATION_QR_TEXT_TARGET,
  migrationUnsupported,
  writeMigrationUris,
} from '../../src/core/migration-writer';
import type { SlotDraft } from '../../src/core/slot';
import { STEAM_PARAMS } from '../../src/core/steam';

const secret = (seed: number, length = 20) => Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7) & 0xff);
const totp = (i: number, over: Partial<SlotDraft> = {}): SlotDraft => ({
  kind: 'totp',
  issuer: `Issuer ${i}`,
  account: `user${i}@example.org`,
  secret: secret(i),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

/** Reads every QR text back with Keyslot's own reader, as a person scanning them all would. */
function readBack(uris: string[]): SlotDraft[] {
  const batches = new MigrationBatches();
  for (const uri of uris) expect(batches.add(parseMigrationUri(uri))).toBe(true);
  expect(batches.complete).toBe(true);
  return batches.entries().map((e) => {
    if (!e.ok) throw new Error(`entry refused: ${e.code}`);
    return e.draft;
  });
}

describe('Google Authenticator export writer', () => {
  it('round-trips TOTP and HOTP slots of every algorithm, digit count and awkward name through the reader', () => {
    const slots: SlotDraft[] = [
      totp(1),
      totp(2, { algorithm: 'SHA256', digits: 8 }),
      totp(3, { kind: 'hotp', algorithm: 'SHA512', counter: 2 ** 53 - 1 }),
      totp(4, { kind: 'hotp', counter: 0 }),
      totp(5, { issuer: '', account: 'a:b:c' }),
      totp(6, { issuer: 'Acme: Labs', account: 'Acme: Labs:x' }),
      totp(7, { issuer: '高エネルギー加速器研究機構', account: 'ユーザー🔐' }),
      totp(8, { issuer: 'Only issuer', account: '' }),
      totp(9, { secret: secret(9, 64) }),
    ];
    const { uris, skipped } = writeMigrationUris(slots, { batchId: 123456 });
    expect(skipped).toEqual([]);
    expect(readBack(uris)).toEqual(slots);
  });

  it('splits many slots into batches that each fit the text limit and share one batch id', () => {
    const slots = Array.from({ length: 95 }, (_, i) => totp(i));
    const { uris } = writeMigrationUris(slots, { batchId: -5 });
    expect(uris.length).toBeGreaterThan(5);
    for (const uri of uris) expect(uri.length).toBeLessThanOrEqual(MIGRATION_QR_TEXT_TARGET);
    const batches = uris.map(parseMigrationUri);
    expect(new Set(batches.map((b) => b.batchId))).toEqual(new Set([-5]));
    expect(batches.map((b) => [b.version, b.batchSize, b.batchIndex])).toEqual(uris.map((_, i) => [1, uris.length, i]));
    expect(readBack(uris)).toEqual(slots);
  });

  it('honours a larger text limit up to the QR capacity, and refuses one beyond it', () => {
    const slots = Array.from({ length: 40 }, (_, i) => totp(i));
    const big = writeMigrationUris(slots, { batchId: 1, maxTextLength: MIGRATION_QR_TEXT_MAX });
    for (const uri of big.uris) expect(uri.length).toBeLessThanOrEqual(MIGRATION_QR_TEXT_MAX);
    expect(big.uris.length).toBeLessThan(writeMigrationUris(slots, { batchId: 1 }).uris.length);
    expect(() => writeMigrationUris(slots, { batchId: 1, maxTextLength: MIGRATION_QR_TEXT_MAX + 1 })).toThrow(
      /maxTextLength/,
    );
    expect(() => writeMigrationUris(slots, { batchId: 2 ** 31 })).toThrow(/batchId/);
  });

  it('skips, with the reason, what the format cannot carry, and exports the rest', () => {
    const slots: SlotDraft[] = [
      totp(1),
      totp(2, { period: 60 }),
      totp(3, { digits: 7 }),
      { ...totp(4), kind: 'steam', ...STEAM_PARAMS },
      totp(5, { secret: secret(5, 512), issuer: 'x'.repeat(256), account: 'y'.repeat(256) }),
      totp(6),
    ];
    const { uris, skipped } = writeMigrationUris(slots, { batchId: 9 });
    expect(skipped).toEqual([
      { index: 1, reason: 'period' },
      { index: 2, reason: 'digits' },
      { index: 3, reason: 'kind' },
      { index: 4, reason: 'too-large' },
    ]);
    expect(readBack(uris)).toEqual([slots[0], slots[5]]);
    // The same reasons are known before any secret is read (the export dialog shows them first).
    expect(slots.map(migrationUnsupported)).toEqual([null, 'period', 'digits', 'kind', null, null]);
    expect(migrationUnsupported(totp(7, { kind: 'hotp', period: 0, digits: 8 }))).toBeNull();
  });

  it('writes nothing for no exportable slot, and refuses an export that needs over 100 QR codes', () => {
    expect(writeMigrationUris([], { batchId: 0 })).toEqual({ uris: [], skipped: [] });
    const huge = Array.from({ length: 1500 }, (_, i) => totp(i, { secret: secret(i, 40) }));
    let error: unknown;
    try {
      writeMigrationUris(huge, { batchId: 0 });
    } catch (e) {
      error = e;
    }
    expect(isKeyslotError(error) && error.code).toBe('MIGRATION_TOO_LARGE');
    expect(String(error)).not.toContain('Issuer');
  });
});
