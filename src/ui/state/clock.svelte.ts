import { countdown } from '../../core/countdown';
import { showsNext, warns } from '../../core/organise';

/**
 * The countdown of one TOTP period length, shared by every slot with that period.
 * Fields are fine-grained state: `step` changes once per period, `ending` and `previewing`
 * twice, so a slot's code, next code and warning update only then, not on every tick.
 */
export class PeriodTimer {
  readonly period: number;
  step = $state(0);
  secondsLeft = $state(0);
  /** The last seconds: warning colour, icon and words. */
  ending: boolean;
  /** The end of the period: the next code shows below the current one. */
  previewing: boolean;

  constructor(period: number, nowMs: number) {
    this.period = period;
    this.ending = $derived(warns(this.secondsLeft, period));
    this.previewing = $derived(showsNext(this.secondsLeft, period));
    this.update(nowMs);
  }

  update(nowMs: number): void {
    const c = countdown(nowMs, this.period);
    this.step = c.step;
    this.secondsLeft = c.secondsLeft;
  }
}

/**
 * One clock for the whole list, on the time codes are made for: the device clock, or, when the
 * person chose it (Settings → Clock), the device clock corrected by the measured offset. It ticks on whole-second boundaries (not every
 * 1000 ms from an arbitrary start), so codes roll over at the period boundary
 * itself rather than up to a second late.
 *
 * The per-second visuals (ring, seconds) are identical for every slot with the same
 * period, so the clock writes them once per period as CSS custom properties on the
 * list (`--left-30`, `--secs-30`); slots only reference them. A tick then costs a
 * few property writes whatever the number of slots, instead of work in every slot.
 */
export class Clock {
  #timers = new Map<number, PeriodTimer>();
  #target: HTMLElement | null = null;

  /** `now`: the time codes are made for (ClockCheck.now). */
  constructor(private readonly now: () => number) {}

  /** The shared timer for a period length, created on first use. */
  timer(period: number): PeriodTimer {
    let timer = this.#timers.get(period);
    if (!timer) {
      timer = new PeriodTimer(period, this.now());
      this.#timers.set(period, timer);
      this.#paint(timer, this.now());
    }
    return timer;
  }

  /** Starts ticking, painting custom properties on `target`; returns the stop function (for an $effect's cleanup). */
  start(target: HTMLElement): () => void {
    this.#target = target;
    let handle: ReturnType<typeof setTimeout>;
    const tick = () => {
      const now = this.now();
      for (const timer of this.#timers.values()) {
        timer.update(now);
        this.#paint(timer, now);
      }
      handle = setTimeout(tick, 1000 - (now % 1000));
    };
    tick();
    return () => {
      clearTimeout(handle);
      this.#target = null;
    };
  }

  #paint(timer: PeriodTimer, now: number): void {
    if (!this.#target) return;
    // CSSOM writes: allowed under the CSP (style-src 'self'), unlike style attributes.
    this.#target.style.setProperty(`--left-${timer.period}`, String(countdown(now, timer.period).fraction));
    this.#target.style.setProperty(`--secs-${timer.period}`, String(timer.secondsLeft));
  }
}
