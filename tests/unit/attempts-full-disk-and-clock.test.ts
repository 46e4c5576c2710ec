// Issue 14, "Full disks and wrong clocks": the failed-attempt guard when IndexedDB is full (a
// real QuotaExceededError from every write) and when a lockout began while the clock was ahead.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { isKeyslotError, type ErrorCode, type KeyslotError } from '../../src/core/errors';
import { ARGON2_FLOOR } from '../../src/core/vault';
import * as storage from '../../src/platform/storage';
import { setUnsavedAttempts, unsavedAttempts } from '../../src/platform/storage-health';
import { attemptGuard, createVault, unlockVault } from '../../src/platform/vault';
import { useFreshIndexedDb } from './fixtures/fresh-db';

const PIN = '731946';
const WRONG = '731947';
const T = 1_700_000_000_000;
const HOUR = 3_600_000;
const KDF = ARGON2_FLOOR;

async function expectCode(p: Promise<unknown>, code: ErrorCode): Promise<KeyslotError> {
  const e = await p.then(
    (v) => ({ resolved: v }),
    (err: unknown) => err,
  );
  expect(isKeyslotError(e), `expected KeyslotError ${code}, got ${JSON.stringify(e) ?? String(e)}`).toBe(true);
  expect((e as KeyslotError).code).toBe(code);
  return e as KeyslotError;
}

/** Every IndexedDB write now fails as on a full disk: put and add throw QuotaExceededError. */
function fillTheDisk(): void {
  const full = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(full);
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(full);
}

useFreshIndexedDb();

beforeEach(() => {
  setUnsavedAttempts(null);
});

describe('a full disk', () => {
  it('says STORAGE_FULL, not STORAGE_FAILED, when IndexedDB refuses a write for quota', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    fillTheDisk();
    await expectCode(
      storage.updateGuard(() => ({ v: 1, failures: 1, lockedUntil: 0, eraseAfterFailures: false })),
      'STORAGE_FULL',
    );
  });

  it('still opens the vault with the right PIN, flagged so the app warns, and leaves the stored guard as it was', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    const before = await storage.readGuard();
    fillTheDisk();
    const vault = await unlockVault(PIN, T);
    expect(vault.attemptUnsaved).toBe(true);
    expect(await vault.listSlots()).toEqual([]);
    expect(await storage.readGuard()).toEqual(before);
    expect(unsavedAttempts()).toEqual({ failures: 0, lastTryAt: 0 }); // a right PIN forgets the unsaved tries
  });

  it('does not flag an unlock whose attempt was saved', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    expect((await unlockVault(PIN, T)).attemptUnsaved).toBe(false);
  });

  it('allows one unsaved try per 30 s, doubling like counted failures once the free tries are used', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    fillTheDisk();
    await expectCode(unlockVault(WRONG, T), 'PIN_WRONG');
    expect((await expectCode(unlockVault(PIN, T + 1_000), 'PIN_WAIT')).min).toBe(29);
    expect((await attemptGuard(T + 1_000)).lockedUntil).toBe(T + 30_000); // the unlock screen counts down
    let now = T + 30_000;
    for (let i = 2; i <= 5; i++) {
      await expectCode(unlockVault(WRONG, now), 'PIN_WRONG');
      await expectCode(unlockVault(WRONG, now + 29_999), 'PIN_WAIT');
      now += 30_000;
    }
    // A 6th unsaved failure: the next try must wait what a 6th counted failure would (60 s).
    await expectCode(unlockVault(WRONG, now), 'PIN_WRONG');
    await expectCode(unlockVault(PIN, now + 59_999), 'PIN_WAIT');
    expect((await unlockVault(PIN, now + 60_000)).attemptUnsaved).toBe(true);
  });

  it('keeps a wait that was stored before the disk filled', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    for (let i = 0; i < 5; i++) await expectCode(unlockVault(WRONG, T), 'PIN_WRONG');
    fillTheDisk();
    await expectCode(unlockVault(PIN, T + 10_000), 'PIN_WAIT');
    expect((await unlockVault(PIN, T + 30_000)).attemptUnsaved).toBe(true);
  });

  it('counts the unsaved failures in the stored guard once the disk takes writes again', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    fillTheDisk();
    await expectCode(unlockVault(WRONG, T), 'PIN_WRONG');
    await expectCode(unlockVault(WRONG, T + 30_000), 'PIN_WRONG');
    vi.restoreAllMocks(); // space freed
    await expectCode(unlockVault(PIN, T + 30_001), 'PIN_WAIT'); // the unsaved try's wait still holds
    await expectCode(unlockVault(WRONG, T + 60_000), 'PIN_WRONG');
    expect(await storage.readGuard()).toMatchObject({ failures: 3 });
    expect(unsavedAttempts()).toEqual({ failures: 0, lastTryAt: 0 });
  });
});

describe('a lockout that began while the clock was ahead', () => {
  /** Fail until the guard holds `n` failures, all at `now`, ignoring waits (the clock keeps "jumping"). */
  async function failAt(now: number, n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const g = await attemptGuard(now);
      await expectCode(unlockVault(WRONG, Math.max(now, g.lockedUntil)), 'PIN_WRONG');
      now = Math.max(now, g.lockedUntil);
    }
  }

  it.each([
    ['two hours', 2 * HOUR],
    ['one week', 7 * 24 * HOUR],
  ])('ends after the wait it earned once the clock is put right (%s ahead)', async (_what, ahead) => {
    await createVault(PIN, { kdf: KDF, now: T });
    await failAt(T + ahead, 6); // the 6th failure earns 60 s, stored as "the wrong now + 60 s"
    const guard = await attemptGuard(T);
    expect(guard.lockedUntil).toBe(T + 60_000);
    expect(await storage.readGuard()).toMatchObject({ lockedUntil: T + 60_000 }); // stored, so it counts down
    await expectCode(unlockVault(PIN, T + 59_000), 'PIN_WAIT');
    expect((await unlockVault(PIN, T + 60_000)).locked).toBe(false);
  });

  it('is clamped by an unlock attempt too, without the unlock screen asking first', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    await failAt(T + 2 * HOUR, 7); // 120 s earned
    const e = await expectCode(unlockVault(PIN, T), 'PIN_WAIT');
    expect(e.min).toBe(120);
    expect((await unlockVault(PIN, T + 120_000)).locked).toBe(false);
  });

  it('still makes a clock set back wait only what was earned, never more', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    await failAt(T, 5);
    expect((await attemptGuard(T - HOUR)).lockedUntil).toBe(T - HOUR + 30_000);
  });
});
