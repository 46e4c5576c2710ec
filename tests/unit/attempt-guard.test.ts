// The failed-attempt guard's rules, driven without a clock (time is an argument).
import { describe, expect, it } from 'vitest';
import {
  BASE_WAIT_MS,
  ERASE_AFTER,
  FREE_ATTEMPTS,
  INITIAL_GUARD,
  MAX_WAIT_MS,
  UNKNOWN_GUARD,
  attemptsBeforeErase,
  attemptsBeforeWait,
  backoffMs,
  clampGuard,
  unsavedTryWaitMs,
  NO_UNSAVED_ATTEMPTS,
  nextGuard,
  parseGuard,
  readGuard,
  serializeGuard,
  shouldErase,
  waitMs,
  type AttemptGuard,
} from '../../src/core/attempt-guard';

const T = 1_700_000_000_000;

/** Fail `n` times, each attempt made the moment the previous wait ended. */
function failTimes(
  n: number,
  g: AttemptGuard = INITIAL_GUARD,
  start = T,
): { g: AttemptGuard; now: number; waits: number[] } {
  let now = start;
  const waits: number[] = [];
  for (let i = 0; i < n; i++) {
    expect(waitMs(g, now)).toBe(0);
    g = nextGuard(g, 'failure', now);
    waits.push(waitMs(g, now));
    now += waitMs(g, now);
  }
  return { g, now, waits };
}

describe('backoff', () => {
  it('allows 4 free failures; the 5th sets 30 s, and each further one doubles it', () => {
    const { waits } = failTimes(9);
    expect(waits).toEqual([0, 0, 0, 0, 30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(FREE_ATTEMPTS).toBe(5);
    expect(BASE_WAIT_MS).toBe(30_000);
  });

  it('caps every wait at one hour, however many failures', () => {
    expect(backoffMs(FREE_ATTEMPTS + 6)).toBe(1_920_000);
    expect(backoffMs(FREE_ATTEMPTS + 7)).toBe(MAX_WAIT_MS);
    expect(backoffMs(FREE_ATTEMPTS + 100)).toBe(MAX_WAIT_MS);
    expect(backoffMs(1_000_000)).toBe(MAX_WAIT_MS);
    const { waits } = failTimes(20);
    expect(Math.max(...waits)).toBe(MAX_WAIT_MS);
  });

  it('counts the wait down with the clock and refuses nothing once it has passed', () => {
    const { g } = failTimes(5);
    const failedAt = g.lockedUntil - 30_000;
    expect(waitMs(g, failedAt)).toBe(30_000);
    expect(waitMs(g, failedAt + 29_999)).toBe(1);
    expect(waitMs(g, failedAt + 30_000)).toBe(0);
    expect(waitMs(g, failedAt + 10 * 3_600_000)).toBe(0);
  });

  it('never asks for more than the cap, even with the clock set back or a hostile lockedUntil', () => {
    const { g } = failTimes(5);
    expect(waitMs(g, g.lockedUntil - 50 * 86_400_000)).toBe(MAX_WAIT_MS);
    expect(waitMs({ ...g, lockedUntil: Number.MAX_SAFE_INTEGER }, T)).toBe(MAX_WAIT_MS);
  });

  it('says how many attempts are left before a wait', () => {
    expect(attemptsBeforeWait(INITIAL_GUARD)).toBe(5);
    expect(attemptsBeforeWait(failTimes(3).g)).toBe(2);
    expect(attemptsBeforeWait(failTimes(4).g)).toBe(1);
    expect(attemptsBeforeWait(failTimes(5).g)).toBe(0);
    expect(attemptsBeforeWait(failTimes(8).g)).toBe(0);
  });
});

describe('reset', () => {
  it('a success clears the count and the wait, and keeps the erase setting', () => {
    const on = nextGuard(INITIAL_GUARD, { eraseAfterFailures: true }, T);
    const { g, now } = failTimes(7, on);
    const ok = nextGuard(g, 'success', now);
    expect(ok).toEqual({ v: 1, failures: 0, lockedUntil: 0, eraseAfterFailures: true });
    expect(failTimes(5, ok, now).waits).toEqual([0, 0, 0, 0, 30_000]); // the sequence starts over
  });

  it('changing the setting keeps the count and the wait', () => {
    const { g } = failTimes(6);
    const on = nextGuard(g, { eraseAfterFailures: true }, T);
    expect(on).toEqual({ ...g, eraseAfterFailures: true });
  });
});

describe('erase threshold', () => {
  it('erases only with the setting on, from the 10th consecutive failure', () => {
    const on = nextGuard(INITIAL_GUARD, { eraseAfterFailures: true }, T);
    expect(ERASE_AFTER).toBe(10);
    expect(shouldErase(failTimes(9, on).g)).toBe(false);
    expect(shouldErase(failTimes(10, on).g)).toBe(true);
    expect(shouldErase(failTimes(11, on).g)).toBe(true);
    expect(shouldErase(failTimes(10).g)).toBe(false);
    expect(shouldErase(failTimes(30).g)).toBe(false);
  });

  it('says how many attempts are left before erasing, and null when the setting is off', () => {
    const on = nextGuard(INITIAL_GUARD, { eraseAfterFailures: true }, T);
    expect(attemptsBeforeErase(on)).toBe(10);
    expect(attemptsBeforeErase(failTimes(7, on).g)).toBe(3);
    expect(attemptsBeforeErase(failTimes(9, on).g)).toBe(1);
    expect(attemptsBeforeErase(failTimes(7).g)).toBeNull();
  });
});

describe('stored form', () => {
  it('round-trips through the stored shape', () => {
    const { g } = failTimes(6);
    expect(serializeGuard(g)).toEqual({ v: 1, failures: 6, lockedUntil: g.lockedUntil, eraseAfterFailures: false });
    expect(parseGuard(JSON.parse(JSON.stringify(serializeGuard(g))))).toEqual(g);
  });

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['null', null],
    ['a string', 'guard'],
    ['an array', [1, 0, 0, false]],
    ['no version', { failures: 0, lockedUntil: 0, eraseAfterFailures: false }],
    ['a newer version', { v: 2, failures: 0, lockedUntil: 0, eraseAfterFailures: false }],
    ['version as a string', { v: '1', failures: 0, lockedUntil: 0, eraseAfterFailures: false }],
    ['negative failures', { v: 1, failures: -1, lockedUntil: 0, eraseAfterFailures: false }],
    ['fractional failures', { v: 1, failures: 1.5, lockedUntil: 0, eraseAfterFailures: false }],
    ['failures as a string', { v: 1, failures: '0', lockedUntil: 0, eraseAfterFailures: false }],
    ['huge failures', { v: 1, failures: 1e12, lockedUntil: 0, eraseAfterFailures: false }],
    ['NaN lockedUntil', { v: 1, failures: 0, lockedUntil: NaN, eraseAfterFailures: false }],
    ['negative lockedUntil', { v: 1, failures: 0, lockedUntil: -5, eraseAfterFailures: false }],
    ['erase as 1', { v: 1, failures: 0, lockedUntil: 0, eraseAfterFailures: 1 }],
    ['an extra field', { v: 1, failures: 0, lockedUntil: 0, eraseAfterFailures: false, admin: true }],
    ['a missing field', { v: 1, failures: 0, lockedUntil: 0 }],
  ])('treats a guard that is %s as unknown: no free attempts left, erase off', (_, raw) => {
    expect(parseGuard(raw)).toBeNull();
    const g = readGuard(raw);
    expect(g).toBe(UNKNOWN_GUARD);
    expect(attemptsBeforeWait(g)).toBe(1);
    expect(waitMs(g, T)).toBe(0);
    // The next failure starts the waits: deleting or garbling the record never buys five fresh tries.
    expect(waitMs(nextGuard(g, 'failure', T), T)).toBe(30_000);
  });
});

describe('clampGuard (a lock set while the clock was ahead)', () => {
  const T = 1_700_000_000_000;
  const g = (failures: number, lockedUntil: number): AttemptGuard => ({ ...INITIAL_GUARD, failures, lockedUntil });

  it('brings a lock time beyond the earned wait back to now plus that wait', () => {
    expect(clampGuard(g(6, T + 7_200_000 + 60_000), T)).toEqual(g(6, T + 60_000));
  });

  it('leaves a lock time within the earned wait alone (same object)', () => {
    const within = g(6, T + 60_000);
    expect(clampGuard(within, T)).toBe(within);
    const past = g(6, T - 1);
    expect(clampGuard(past, T)).toBe(past);
  });

  it('clears a lock time that no failure count earns (hostile or stale)', () => {
    expect(clampGuard(g(2, T + 5_000), T)).toEqual(g(2, 0));
  });
});

describe('unsavedTryWaitMs (storage full: tries that cannot be counted)', () => {
  const T = 1_700_000_000_000;

  it('lets the first unsaved try run at once when no stored wait runs', () => {
    expect(unsavedTryWaitMs(INITIAL_GUARD, NO_UNSAVED_ATTEMPTS, T)).toBe(0);
  });

  it('keeps the stored wait', () => {
    expect(unsavedTryWaitMs({ ...INITIAL_GUARD, failures: 5, lockedUntil: T + 30_000 }, NO_UNSAVED_ATTEMPTS, T)).toBe(
      30_000,
    );
  });

  it('spaces unsaved tries by at least BASE_WAIT_MS, and by the backoff of all failures so far', () => {
    expect(unsavedTryWaitMs(INITIAL_GUARD, { failures: 1, lastTryAt: T }, T + 1)).toBe(BASE_WAIT_MS - 1);
    expect(unsavedTryWaitMs({ ...INITIAL_GUARD, failures: 4 }, { failures: 3, lastTryAt: T }, T)).toBe(backoffMs(7));
    expect(unsavedTryWaitMs(INITIAL_GUARD, { failures: 1, lastTryAt: T }, T + BASE_WAIT_MS)).toBe(0);
  });

  it('treats a last try in the future (clock was ahead) as now, never more than one spacing', () => {
    expect(unsavedTryWaitMs(INITIAL_GUARD, { failures: 1, lastTryAt: T + 7 * 86_400_000 }, T)).toBe(BASE_WAIT_MS);
  });

  it('never asks for more than MAX_WAIT_MS', () => {
    expect(unsavedTryWaitMs(INITIAL_GUARD, { failures: 1000, lastTryAt: T }, T)).toBe(MAX_WAIT_MS);
  });
});
