/**
 * The failed-attempt guard as the vault uses it (rules in core/attempt-guard.ts): count a PIN
 * attempt before its KDF runs, reset it after a right PIN, read it for the unlock screen.
 */
import { KeyslotError, isKeyslotError } from '../../core/errors';
import {
  INITIAL_GUARD,
  clampGuard,
  unsavedTryWaitMs,
  nextGuard,
  readGuard,
  serializeGuard,
  type AttemptGuard,
  type StoredGuardV1,
} from '../../core/attempt-guard';
import * as storage from '../storage';
import { setUnsavedAttempts, unsavedAttempts } from '../storage-health';

/**
 * The failed-attempt guard as stored (core/attempt-guard.ts): for the unlock screen's
 * "attempts left" and countdown, and the setting. INITIAL_GUARD when there is no vault;
 * UNKNOWN_GUARD when the vault has no readable guard. A lock time beyond what its failures
 * earned (the clock was ahead) is clamped and the clamp stored (best effort); tries made while
 * the guard could not be saved count, with their wait.
 */
export async function attemptGuard(nowMs: number = Date.now()): Promise<AttemptGuard> {
  if ((await storage.readHeader()) === undefined) return INITIAL_GUARD;
  const stored = readGuard(await storage.readGuard());
  const guard = clampGuard(stored, nowMs);
  if (guard !== stored)
    await storage.updateGuard((raw) => serializeGuard(clampGuard(readGuard(raw), nowMs))).catch(() => undefined);
  const unsaved = unsavedAttempts();
  if (unsaved.lastTryAt === 0) return guard;
  const wait = unsavedTryWaitMs(guard, unsaved, nowMs);
  return {
    ...guard,
    failures: guard.failures + unsaved.failures,
    lockedUntil: wait > 0 ? nowMs + wait : guard.lockedUntil,
  };
}

/** A counted attempt: the guard in its failed state, and whether storage took it. */
export interface Counted {
  readonly guard: AttemptGuard;
  /** False when storage was full: the try ran uncounted in IndexedDB (see unsavedTryWaitMs). */
  readonly saved: boolean;
}

function pinWait(wait: number): KeyslotError {
  return new KeyslotError('PIN_WAIT', { min: Math.ceil(wait / 1000) });
}

/**
 * Count a PIN attempt before its KDF runs: PIN_WAIT while a wait runs (nothing written, but a
 * clamped lock time), else store the guard already in its failed state and return it. Shared
 * by unlock and every step that checks the PIN again.
 *
 * Storage full (STORAGE_FULL, issue 14): the try may still run, unsaved, when the rule of
 * core/attempt-guard.ts unsavedTryWaitMs allows it (PIN_WAIT otherwise); it is noted outside
 * IndexedDB and folded into the stored count once storage takes writes again.
 */
export async function countAttempt(nowMs: number): Promise<Counted> {
  let wait = 0;
  const unsaved = unsavedAttempts();
  try {
    const stored = await storage.updateGuard((raw) => {
      const read = readGuard(raw);
      const guard = clampGuard(read, nowMs);
      wait = unsavedTryWaitMs(guard, unsaved, nowMs); // the stored wait, and an unsaved try's
      if (wait > 0 && guard === read) throw pinWait(wait);
      if (wait > 0) return serializeGuard(guard); // only the clamp is stored
      return serializeGuard(nextGuard({ ...guard, failures: guard.failures + unsaved.failures }, 'failure', nowMs));
    });
    if (wait > 0) throw pinWait(wait);
    if (unsaved.lastTryAt > 0) setUnsavedAttempts(null); // folded into the stored count
    return { guard: readGuard(stored), saved: true };
  } catch (e) {
    if (!isKeyslotError(e, 'STORAGE_FULL')) throw e;
  }
  const guard = clampGuard(readGuard(await storage.readGuard()), nowMs);
  const unsavedWait = unsavedTryWaitMs(guard, unsaved, nowMs);
  if (unsavedWait > 0) throw pinWait(unsavedWait);
  setUnsavedAttempts({ failures: unsaved.failures + 1, lastTryAt: nowMs });
  return {
    guard: nextGuard({ ...guard, failures: guard.failures + unsaved.failures }, 'failure', nowMs),
    saved: false,
  };
}

/** The guard updater after a right PIN: count and wait cleared, the setting kept. */
export function succeeded(nowMs: number): (stored: unknown) => StoredGuardV1 {
  return (stored) => serializeGuard(nextGuard(readGuard(stored), 'success', nowMs));
}

/** The guard updater that keeps it as it is (a header write that is not an attempt). */
export function unchanged(stored: unknown): StoredGuardV1 {
  return serializeGuard(readGuard(stored));
}

/**
 * Store the guard after a right PIN, and forget unsaved tries. With storage full the reset is
 * not stored (the guard stays counted: one failure more than the truth, failing closed), but
 * the person gets in: a full disk must not keep anyone from their codes.
 */
export async function recordSuccess(nowMs: number): Promise<void> {
  setUnsavedAttempts(null);
  try {
    await storage.updateGuard(succeeded(nowMs));
  } catch (e) {
    if (!isKeyslotError(e, 'STORAGE_FULL')) throw e;
  }
}
