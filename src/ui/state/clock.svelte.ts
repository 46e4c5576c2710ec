import { countdown } from '../../core/countdown';
import { showsNext, warns } from '../../core/organise';

/**
 * The countdown of one TOTP period length, shared by every slot with that period.
 * Its fields are state that changes only when its value does: `step` once per period, `ending`
 * and `previewing` twice. Nothing reactive changes on the other ticks, so the thousands of slots
 * that read them are not even asked to re-check (the seconds themselves are animations, Clock.watch).
 */
export class PeriodTimer {
  readonly period: number;
  step = $state(0);
  /** The last seconds: warning colour, icon and words. */
  ending = $state(false);
  /** The end of the period: the next code shows beside the current one. */
  previewing = $state(false);
  /** Not state: read by whoever ticks, never by a slot. */
  secondsLeft = 0;

  // Plain state set on each tick, not $derived: a timer is created lazily while some slot renders,
  // and a derived would belong to that slot's effect; once that slot went (a search, a re-render),
  // every other slot reading it would get stale values (Svelte's `derived_inert` warning).
  // Assigning an unchanged value wakes nobody, so these still change only twice a period.
  constructor(period: number, nowMs: number) {
    this.period = period;
    this.update(nowMs);
  }

  update(nowMs: number): void {
    const c = countdown(nowMs, this.period);
    this.secondsLeft = c.secondsLeft;
    // Svelte skips a write of the same value: the slots hear only real changes.
    this.step = c.step;
    this.ending = warns(c.secondsLeft, this.period);
    this.previewing = showsNext(c.secondsLeft, this.period);
  }
}

/** A built countdown: its period, how to name the seconds left, its animations, the name it has. */
interface Watched {
  period: number;
  label: (secondsLeft: number) => string;
  animations: Animation[];
  named: number;
  /** A period too long for a strip (format.ts, STRIP_MAX_S): its seconds are text written each tick. */
  written: HTMLElement | null;
}

/** An animation further than this from the clock is put back in step (sleep, a changed clock). */
const DRIFT_MS = 250;

/**
 * One clock for the whole list, on the time codes are made for: the device clock, or, when the
 * person chose it (Settings → Clock), the device clock corrected by the measured offset. It
 * ticks on whole-second boundaries (not every 1000 ms from an arbitrary start), so codes roll
 * over at the period boundary itself rather than up to a second late.
 *
 * The ring and the seconds a person sees are animations of `transform` (Web Animations, started
 * once per countdown, one step a second, set to the clock's place in the period), which the
 * browser's compositor runs without the page: a second costs no style, layout or paint. What a
 * second changes in the document is the countdown's accessible name ("Seconds left: 18", an
 * attribute no style reads, so no frame is drawn for it), on the countdowns built, which are only
 * those of slots near the screen (near-screen.ts): a tick's work follows the screen, not the list.
 */
export class Clock {
  #timers = new Map<number, PeriodTimer>();
  #watched = new Map<HTMLElement, Watched>();

  /** `now`: the time codes are made for (ClockCheck.now). */
  constructor(private readonly now: () => number) {}

  /** The shared timer for a period length, created on first use. */
  timer(period: number): PeriodTimer {
    let timer = this.#timers.get(period);
    if (!timer) {
      timer = new PeriodTimer(period, this.now());
      this.#timers.set(period, timer);
    }
    return timer;
  }

  /** Starts ticking; returns the stop function (for an $effect's cleanup). */
  start(): () => void {
    let handle: ReturnType<typeof setTimeout>;
    const tick = () => {
      const now = this.now();
      for (const timer of this.#timers.values()) timer.update(now);
      for (const [el, w] of this.#watched) this.#name(el, w, now);
      handle = setTimeout(tick, 1000 - (now % 1000));
    };
    tick();
    return () => {
      clearTimeout(handle);
    };
  }

  /**
   * Runs `el`'s countdown for `period` and keeps its name (`label` of the seconds left) current;
   * returns the unwatch function. `el` holds `.ring-arc` (two, the ring's halves) and
   * `.seconds-strip` (the seconds from `period` down to 1, one a line; empty for a period too
   * long for a strip, whose seconds are then written there each tick).
   */
  watch(el: HTMLElement, period: number, label: (secondsLeft: number) => string): () => void {
    const strip = el.querySelector<HTMLElement>('.seconds-strip');
    const written = strip && strip.textContent === '' ? strip : null;
    const w: Watched = { period, label, animations: animate(el, period, written ? null : strip), named: NaN, written };
    this.#watched.set(el, w);
    this.#name(el, w, this.now());
    return () => {
      for (const a of w.animations) a.cancel();
      this.#watched.delete(el);
    };
  }

  /** Countdowns built and ticking now (for tests). */
  get watchedCount(): number {
    return this.#watched.size;
  }

  #name(el: HTMLElement, w: Watched, now: number): void {
    const c = countdown(now, w.period);
    // An attribute no selector reads: a new name restyles nothing, so the page draws no frame for it.
    if (c.secondsLeft !== w.named) {
      el.setAttribute('aria-label', w.label(c.secondsLeft));
      if (w.written) w.written.textContent = String(c.secondsLeft);
    }
    w.named = c.secondsLeft;
    const periodMs = w.period * 1000;
    const at = now % periodMs;
    for (const a of w.animations) {
      const off = typeof a.currentTime === 'number' ? Math.abs((a.currentTime % periodMs) - at) : NaN;
      // Around the period's end one may have wrapped and not the other: 29,998 and 3 are 5 ms apart.
      if (!(Math.min(off, periodMs - off) < DRIFT_MS)) a.currentTime = at;
    }
  }
}

/**
 * The countdown's animations, one period long, repeating, one step a second (as the seconds are
 * shown: no easing, so nothing moves between two seconds, with or without reduced motion).
 * The ring's right half turns away during the period's first half, then the left half.
 */
function animate(el: HTMLElement, period: number, strip: HTMLElement | null): Animation[] {
  const arcs = el.querySelectorAll<HTMLElement>('.ring-arc');
  if (typeof el.animate !== 'function' || arcs.length !== 2) return [];
  const timing: KeyframeAnimationOptions = { duration: period * 1000, iterations: Infinity };
  const half = `steps(${Math.round(period / 2)}, end)`;
  const turn = (deg: number) => `rotate(${deg}deg)`;
  return [
    arcs[0]!.animate(
      [{ transform: turn(45), easing: half }, { transform: turn(225), offset: 0.5 }, { transform: turn(225) }],
      timing,
    ),
    arcs[1]!.animate(
      [{ transform: turn(225) }, { transform: turn(225), offset: 0.5, easing: half }, { transform: turn(405) }],
      timing,
    ),
    ...(strip
      ? [
          strip.animate([{ transform: 'translateY(0)' }, { transform: 'translateY(-100%)' }], {
            ...timing,
            easing: `steps(${period}, end)`,
          }),
        ]
      : []),
  ];
}
