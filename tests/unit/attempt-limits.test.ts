// The failed-attempt guard wired into the vault and IndexedDB: written before the KDF,
// refused waits without a KDF, reset on success, unreadable records fail closed, erase-after-10.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ARGON2_FLOOR } from '../../src/core/vault';
import { UNKNOWN_GUARD } from '../../src/core/attempt-guard';
import * as argon2 from '../../src/platform/argon2';
import * as storage from '../../src/platform/storage';
import { attemptGuard, createVault, hasVault, unlockVault } from '../../src/platform/vault';
import { useFreshIndexedDb } from './fixtures/fresh-db';
import { expectCode } from './fixtures/errors';

vi.mock('../../src/platform/argon2', { spy: true });

const PIN = '731946';
const WRONG = '731947';
const T = 1_700_000_000_000;
const KDF = ARGON2_FLOOR;

async function rawMetaPut(value: unknown, key: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('keyslot');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('meta', 'readwrite');
      if (value === undefined) tx.objectStore('meta').delete(key);
      else tx.objectStore('meta').put(value, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Fail `n` times, each attempt made the moment the previous wait is over. Returns that moment. */
async function failTimes(n: number, start = T): Promise<number> {
  let now = start;
  for (let i = 0; i < n; i++) {
    await expectCode(unlockVault(WRONG, now), 'PIN_WRONG');
    const g = await attemptGuard();
    now = Math.max(now, g.lockedUntil);
  }
  return now;
}

useFreshIndexedDb();

afterEach(() => {
  vi.clearAllMocks();
});

describe('the counter', () => {
  it('starts at zero with a new vault, stored under meta/guard', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    expect(await storage.readGuard()).toEqual({ v: 1, failures: 0, lockedUntil: 0, eraseAfterFailures: false });
  });

  it('is written BEFORE the KDF runs: an attempt cut off mid-derivation still counts, with its wait', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    const now = await failTimes(4);
    let seenDuringKdf: unknown = null;
    vi.mocked(argon2.argon2idRaw).mockImplementationOnce(async () => {
      seenDuringKdf = await storage.readGuard(); // what a tab closed right now would leave behind
      throw new Error('the tab was closed');
    });
    await expectCode(unlockVault(PIN, now), 'KDF_FAILED');
    expect(seenDuringKdf).toEqual({ v: 1, failures: 5, lockedUntil: now + 30_000, eraseAfterFailures: false });
    // Even the right PIN must now wait: the interrupted attempt counted as a failure.
    const e = await expectCode(unlockVault(PIN, now + 1000), 'PIN_WAIT');
    expect(e.min).toBe(29);
  });

  it('refuses during a wait with PIN_WAIT (seconds left in `min`), without running the KDF or writing', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    const now = await failTimes(5);
    const stored = await storage.readGuard();
    vi.mocked(argon2.argon2idRaw).mockClear();
    const e = await expectCode(unlockVault(PIN, now - 30_000 + 500), 'PIN_WAIT');
    expect(e.min).toBe(30); // 29.5 s, rounded up
    expect((await expectCode(unlockVault(PIN, now - 1), 'PIN_WAIT')).min).toBe(1);
    expect(argon2.argon2idRaw).not.toHaveBeenCalled();
    expect(await storage.readGuard()).toEqual(stored);
  });

  it('doubles the wait with each further failure: 30 s, 60 s, 120 s', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    let now = await failTimes(4);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await expectCode(unlockVault(WRONG, now), 'PIN_WRONG');
      const g = await attemptGuard();
      waits.push(g.lockedUntil - now);
      now = g.lockedUntil;
    }
    expect(waits).toEqual([30_000, 60_000, 120_000]);
  });

  it('survives closing the database (a reload), and a success resets it to zero', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    const now = await failTimes(6);
    await storage.closeStorage();
    expect(await attemptGuard()).toMatchObject({ failures: 6, lockedUntil: now });
    const vault = await unlockVault(PIN, now);
    expect(vault.locked).toBe(false);
    expect(await storage.readGuard()).toEqual({ v: 1, failures: 0, lockedUntil: 0, eraseAfterFailures: false });
  });

  it('counts both of two attempts made at once (one transaction per count)', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    await Promise.all([expectCode(unlockVault(WRONG, T), 'PIN_WRONG'), expectCode(unlockVault(WRONG, T), 'PIN_WRONG')]);
    expect((await attemptGuard()).failures).toBe(2);
  });
});

describe('an unreadable guard fails closed', () => {
  it.each<[string, unknown]>([
    ['deleted', undefined],
    ['garbage', { v: 1, failures: 'zero', lockedUntil: 0, eraseAfterFailures: false }],
    ['newer-version', { v: 2, failures: 0 }],
  ])('a %s guard leaves no free attempts: one failure starts a 30 s wait', async (_, raw) => {
    await createVault(PIN, { kdf: KDF, now: T });
    await failTimes(2);
    await rawMetaPut(raw, 'guard');
    expect(await attemptGuard()).toEqual(UNKNOWN_GUARD);
    await expectCode(unlockVault(WRONG, T), 'PIN_WRONG');
    expect(await storage.readGuard()).toEqual({
      v: 1,
      failures: 5,
      lockedUntil: T + 30_000,
      eraseAfterFailures: false,
    });
    await expectCode(unlockVault(PIN, T + 29_000), 'PIN_WAIT');
  });

  it('the right PIN still opens a vault whose guard is unreadable, and writes a fresh one', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    await rawMetaPut('garbage', 'guard');
    await unlockVault(PIN, T);
    expect(await storage.readGuard()).toEqual({ v: 1, failures: 0, lockedUntil: 0, eraseAfterFailures: false });
  });
});

describe('erase after 10 wrong PINs', () => {
  it('is off by default: 10 and more failures only wait', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    const now = await failTimes(11);
    expect(await hasVault()).toBe(true);
    expect((await unlockVault(PIN, now)).locked).toBe(false);
  });

  it('needs the vault unlocked to change, and keeps the count', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: T });
    expect(await vault.setEraseAfterFailures(true)).toMatchObject({ eraseAfterFailures: true, failures: 0 });
    vault.lock();
    await expectCode(vault.setEraseAfterFailures(false), 'VAULT_LOCKED');
    expect((await attemptGuard()).eraseAfterFailures).toBe(true);
  });

  it('when on, the 10th consecutive wrong PIN deletes header, slots and guard in one go', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: T });
    await vault.addSlot(
      {
        kind: 'totp',
        issuer: 'PassLogic',
        account: 'alice',
        secret: new Uint8Array(20).fill(7),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      '',
      T,
    );
    await vault.setEraseAfterFailures(true);
    vault.lock();
    const now = await failTimes(9);
    expect(await hasVault()).toBe(true);
    expect(await storage.readRecords()).toHaveLength(1);
    await expectCode(unlockVault(WRONG, now), 'VAULT_ERASED');
    expect(await storage.readHeader()).toBeUndefined();
    expect(await storage.readRecords()).toEqual([]);
    expect(await storage.readGuard()).toBeUndefined();
    await expectCode(unlockVault(PIN, now), 'VAULT_MISSING');
  });

  it('a success before the 10th resets the count, so erasing needs 10 in a row', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: T });
    await vault.setEraseAfterFailures(true);
    vault.lock();
    let now = await failTimes(9);
    (await unlockVault(PIN, now)).lock();
    now = await failTimes(9, now);
    expect(await hasVault()).toBe(true);
    await expectCode(unlockVault(WRONG, now), 'VAULT_ERASED');
  });

  it('storage.eraseVault is all or nothing with the rest of storage: a new vault starts clean', async () => {
    await createVault(PIN, { kdf: KDF, now: T });
    await storage.eraseVault();
    expect(await hasVault()).toBe(false);
    await createVault(PIN, { kdf: KDF, now: T });
    expect(await storage.readGuard()).toEqual({ v: 1, failures: 0, lockedUntil: 0, eraseAfterFailures: false });
  });
});
