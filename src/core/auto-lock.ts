/**
 * When auto-lock is due. Pure: times come in as arguments (ms since epoch, from Date.now()),
 * so a tab that was frozen or suspended while hidden locks as soon as it runs again if the
 * time has passed, whether or not its timer ever fired.
 */

/** Hidden since `hiddenSinceMs`: lock now? `afterMs` 0 = immediately. */
export function hiddenLockDue(hiddenSinceMs: number, nowMs: number, afterMs: number): boolean {
  return nowMs - hiddenSinceMs >= afterMs;
}

/** Last input at `lastInputMs`: lock now? `afterMs` 0 = never. */
export function idleLockDue(lastInputMs: number, nowMs: number, afterMs: number): boolean {
  return afterMs > 0 && nowMs - lastInputMs >= afterMs;
}

/** Milliseconds until `sinceMs + afterMs` (0 if already past): the delay for a timer. */
export function msUntil(sinceMs: number, nowMs: number, afterMs: number): number {
  return Math.max(0, sinceMs + afterMs - nowMs);
}
