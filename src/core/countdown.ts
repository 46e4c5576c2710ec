/** Where a TOTP period stands at `nowMs` (RFC 6238 §4.2, T0 = 0). */
export interface Countdown {
  /** Time step number T: the code changes when this does. */
  step: number;
  /** Whole seconds left, as shown (30 … 1). */
  secondsLeft: number;
  /** Share of the period left, 1 → 0, for the ring. */
  fraction: number;
}

export function countdown(nowMs: number, periodS: number): Countdown {
  const periodMs = periodS * 1000;
  const step = Math.floor(nowMs / periodMs);
  const msLeft = (step + 1) * periodMs - nowMs;
  return { step, secondsLeft: Math.ceil(msLeft / 1000), fraction: msLeft / periodMs };
}
