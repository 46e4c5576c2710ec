/**
 * Failed-attempt guard for the PIN: how many unlock attempts failed in a row, until when the
 * next one must wait, and whether the 10th failure erases the vault. Pure: time comes in as
 * `nowMs`, so tests drive it without a clock. Stored (non-secret) in IndexedDB meta/'guard';
 * format in docs/vault.md ("Failed-attempt guard").
 *
 * Rules: attempts 1..FREE_ATTEMPTS-1 may fail freely; the FREE_ATTEMPTS-th failure and every
 * one after it sets a wait that doubles: 30 s, 60 s, 120 s, … capped at MAX_WAIT_MS. With
 * `eraseAfterFailures` on, a completed ERASE_AFTER-th (or later) consecutive failure erases
 * the vault. A success resets the count (the setting stays).
 *
 * The platform writes the FAILURE state (nextGuard(g, 'failure', now)) BEFORE each KDF run,
 * so closing the tab mid-derivation still counts the attempt and its wait, and writes the
 * success state after a successful unlock.
 */

export const GUARD_VERSION = 1;
/** Failures allowed before the first wait. */
export const FREE_ATTEMPTS = 5;
/** The first wait; each further failure doubles it. */
export const BASE_WAIT_MS = 30_000;
/** No single wait is longer than this (1 hour). */
export const MAX_WAIT_MS = 3_600_000;
/** With the setting on, this many consecutive failures erase the vault. */
export const ERASE_AFTER = 10;
/** Stored counts above this are not something Keyslot wrote. */
const FAILURES_MAX = 1_000_000;

export interface AttemptGuard {
  readonly v: typeof GUARD_VERSION;
  /** Consecutive failed (or interrupted) unlock attempts. */
  readonly failures: number;
  /** ms since epoch before which no attempt may run; 0 = none. */
  readonly lockedUntil: number;
  /** Erase all slots after ERASE_AFTER consecutive failures. */
  readonly eraseAfterFailures: boolean;
}

/** What IndexedDB holds under meta/'guard'. */
export interface StoredGuardV1 {
  v: 1;
  failures: number;
  lockedUntil: number;
  eraseAfterFailures: boolean;
}

export const INITIAL_GUARD: AttemptGuard = { v: 1, failures: 0, lockedUntil: 0, eraseAfterFailures: false };

/**
 * The state assumed when the stored guard is missing (with a vault present), malformed or of
 * an unknown version: fail closed without punishing a user for a damaged record. No free
 * attempts left (the next failure starts the waits at 30 s); the erase setting is off, since
 * erasing on a record we cannot read would be destructive. Deleting the record therefore buys
 * at most one attempt without a wait, never a fresh set of five.
 */
export const UNKNOWN_GUARD: AttemptGuard = {
  v: 1,
  failures: FREE_ATTEMPTS - 1,
  lockedUntil: 0,
  eraseAfterFailures: false,
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const isInt = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;

/**
 * A stored guard, validated strictly (exact keys, integer ranges, boolean), or null when it
 * is anything else (including a newer version). Callers map null to UNKNOWN_GUARD.
 */
export function parseGuard(raw: unknown): AttemptGuard | null {
  if (!isPlainObject(raw)) return null;
  const keys = Object.keys(raw);
  const expected = ['v', 'failures', 'lockedUntil', 'eraseAfterFailures'];
  if (keys.length !== expected.length || !expected.every((k) => Object.prototype.hasOwnProperty.call(raw, k)))
    return null;
  if (raw['v'] !== GUARD_VERSION) return null;
  const { failures, lockedUntil, eraseAfterFailures } = raw;
  if (!isInt(failures, FAILURES_MAX) || !isInt(lockedUntil, Number.MAX_SAFE_INTEGER)) return null;
  if (typeof eraseAfterFailures !== 'boolean') return null;
  return { v: 1, failures, lockedUntil, eraseAfterFailures };
}

/** The stored guard, or UNKNOWN_GUARD when unreadable (see there). */
export function readGuard(raw: unknown): AttemptGuard {
  return parseGuard(raw) ?? UNKNOWN_GUARD;
}

export function serializeGuard(g: AttemptGuard): StoredGuardV1 {
  return { v: 1, failures: g.failures, lockedUntil: g.lockedUntil, eraseAfterFailures: g.eraseAfterFailures };
}

/** The wait set by the `failures`-th consecutive failure: 0 before FREE_ATTEMPTS, then 30 s doubling, capped. */
export function backoffMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  const doublings = failures - FREE_ATTEMPTS;
  if (doublings >= 30) return MAX_WAIT_MS;
  return Math.min(BASE_WAIT_MS * 2 ** doublings, MAX_WAIT_MS);
}

/**
 * The next state: after a failure (the count goes up and the wait it earns starts at
 * `nowMs`), after a success (count and wait cleared, the setting kept), or with the erase
 * setting changed.
 */
export function nextGuard(
  g: AttemptGuard,
  outcome: 'failure' | 'success' | { eraseAfterFailures: boolean },
  nowMs: number,
): AttemptGuard {
  if (outcome === 'success') return { ...g, failures: 0, lockedUntil: 0 };
  if (outcome === 'failure') {
    const failures = Math.min(g.failures + 1, FAILURES_MAX);
    const wait = backoffMs(failures);
    return { ...g, failures, lockedUntil: wait > 0 ? nowMs + wait : 0 };
  }
  return { ...g, eraseAfterFailures: outcome.eraseAfterFailures };
}

/**
 * How long before the next attempt may run, in ms (0: now). Never more than MAX_WAIT_MS, so
 * a clock set back (or a hostile lockedUntil) cannot lock the user out for longer than that.
 */
export function waitMs(g: AttemptGuard, nowMs: number): number {
  return Math.min(Math.max(g.lockedUntil - nowMs, 0), MAX_WAIT_MS);
}

/** Attempts left before a failure starts a wait (0 once waits have begun). */
export function attemptsBeforeWait(g: AttemptGuard): number {
  return Math.max(FREE_ATTEMPTS - g.failures, 0);
}

/** Attempts left before a failure erases the vault; null when the setting is off. */
export function attemptsBeforeErase(g: AttemptGuard): number | null {
  return g.eraseAfterFailures ? Math.max(ERASE_AFTER - g.failures, 0) : null;
}

/** After a COMPLETED failed attempt that left the guard `g` (already counted): erase now? */
export function shouldErase(g: AttemptGuard): boolean {
  return g.eraseAfterFailures && g.failures >= ERASE_AFTER;
}

/**
 * The stored guard with its lock time clamped to `nowMs` plus the wait its failures earned
 * (issue 14: a lockout started while the device clock was ahead would otherwise outlast the
 * wait by however far the clock was off, e.g. "60:00" for hours after the clock was put
 * right). Unchanged (same object) when nothing needs clamping; the platform stores the result.
 */
export function clampGuard(g: AttemptGuard, nowMs: number): AttemptGuard {
  const earned = backoffMs(g.failures);
  if (g.lockedUntil <= nowMs + earned) return g;
  return { ...g, lockedUntil: earned > 0 ? nowMs + earned : 0 };
}

/**
 * Attempts made while the guard could not be saved (storage full, issue 14): how many, and
 * when the last one ran. Kept by the platform outside IndexedDB (in memory, and in
 * localStorage when it takes it), never a reason to refuse a try by itself.
 */
export interface UnsavedAttempts {
  readonly failures: number;
  /** ms since epoch of the last unsaved try; 0 = none. */
  readonly lastTryAt: number;
}

export const NO_UNSAVED_ATTEMPTS: UnsavedAttempts = { failures: 0, lastTryAt: 0 };

/**
 * How long before a try may run while the guard cannot be saved, in ms (0: now). The stored
 * guard's own wait still holds; and since the try will not be counted in storage, it must also
 * wait, from the last unsaved try, as long as a counted failure would have made it wait: the
 * backoff of all failures so far (stored plus unsaved), and never less than BASE_WAIT_MS. So a
 * full disk never locks anyone out for longer than the normal rules would, and never gives
 * more than one guess per 30 s (doubling as they fail). A last try "in the future" (the clock
 * was ahead) counts as now, as in clampGuard.
 */
export function unsavedTryWaitMs(g: AttemptGuard, unsaved: UnsavedAttempts, nowMs: number): number {
  const own = waitMs(clampGuard(g, nowMs), nowMs);
  if (unsaved.lastTryAt <= 0) return own;
  const spacing = Math.max(BASE_WAIT_MS, backoffMs(g.failures + unsaved.failures));
  const since = Math.min(unsaved.lastTryAt, nowMs);
  return Math.max(own, Math.min(since + spacing - nowMs, MAX_WAIT_MS), 0);
}
