import { codeTime, isSkewed } from '../../core/clock-skew';
import { measureClock } from '../../platform/clock-check';
import { loadClockNote, saveClockNote, type ClockNote } from '../../platform/preferences';

/** At most one measurement per this long (and again whenever the device comes back online). */
export const CHECK_EVERY_MS = 15 * 60_000;

/**
 * The device clock against Keyslot's own server (src/core/clock-skew.ts). The last good
 * measurement is kept (localStorage, not secret) so the warning and the correction work offline.
 * One per app, shared by context (useClockCheck); the list's clock and Keep on top read now().
 */
export class ClockCheck {
  offsetMs = $state<number | null>(null);
  measuredAt = $state<number | null>(null);
  /** The user's choice: make codes for the device clock plus the measured offset. Off by default. */
  correct = $state(false);
  /** Beyond 15 s either way: warn. */
  skewed = $derived(isSkewed(this.offsetMs));
  #lastTry = -Infinity;
  #running: Promise<void> | null = null;

  constructor(
    private readonly measure: typeof measureClock = measureClock,
    private readonly load: () => ClockNote = loadClockNote,
    private readonly save: (note: ClockNote) => ClockNote = saveClockNote,
  ) {
    this.#apply(this.load());
  }

  /** Measure now unless a measurement ran in the last CHECK_EVERY_MS (`force`: the device just came online). */
  check(nowMs: number = Date.now(), force = false): Promise<void> {
    if (this.#running) return this.#running;
    if (!force && nowMs - this.#lastTry < CHECK_EVERY_MS) return Promise.resolve();
    this.#lastTry = nowMs;
    this.#running = this.measure()
      .then((sample) => {
        if (sample)
          this.#apply(this.save({ offsetMs: sample.offsetMs, measuredAt: sample.atMs, correct: this.correct }));
      })
      .finally(() => (this.#running = null));
    return this.#running;
  }

  setCorrect(on: boolean): void {
    this.#apply(this.save({ offsetMs: this.offsetMs, measuredAt: this.measuredAt, correct: on }));
  }

  /** The time codes are made for. */
  now(nowMs: number = Date.now()): number {
    return codeTime(nowMs, this.offsetMs, this.correct);
  }

  #apply(note: ClockNote): void {
    this.offsetMs = note.offsetMs;
    this.measuredAt = note.measuredAt;
    this.correct = note.correct;
  }
}
