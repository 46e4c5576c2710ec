import { countdown } from '../../core/countdown';
import { showsNext, warns } from '../../core/organise';

/**
 * The countdown of one TOTP period length, shared by every slot with that period.
 * Its fields are state that changes only when its value does: `step` once per period, `ending`
 * and `previewing` twice. Nothing reactive changes on the other ticks, so the thousands of slots
 * that read them are not even asked to re-check (the seconds themselves are CSS, Clock.watch).
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

/**
 * One clock for the whole list, on the time codes are made for: the device clock, or, when the
 * person chose it (Settings → Clock), the device clock corrected by the measured offset. It
 * ticks on whole-second boundaries (not every 1000 ms from an arbitrary start), so codes roll
 * over at the period boundary itself rather than up to a second late.
 *
 * The per-second visuals (ring, seconds) are CSS custom properties (`--left`, `--secs`) written
 * on each countdown that is on screen or near it (an IntersectionObserver says which), and
 * nowhere else: a tick costs work for the dozen slots one sees, not for the 5,000 in the list.
 * A countdown that scrolls into view is painted at once. Without IntersectionObserver every
 * watched countdown counts as visible.
 */
export class Clock {
  #timers = new Map<number, PeriodTimer>();
  /** Watched countdowns and their period; `#visible` holds those on or near the screen. */
  #periods = new Map<Element, number>();
  #visible = new Set<HTMLElement>();
  #observer: IntersectionObserver | null = null;

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
      for (const el of this.#visible) this.#paint(el, now);
      handle = setTimeout(tick, 1000 - (now % 1000));
    };
    tick();
    return () => {
      clearTimeout(handle);
    };
  }

  /** Keeps `el`'s --left and --secs current for `period` while it is on screen; returns the unwatch function. */
  watch(el: HTMLElement, period: number): () => void {
    this.#periods.set(el, period);
    const observer = this.#observe();
    if (observer) observer.observe(el);
    else this.#show(el);
    return () => {
      observer?.unobserve(el);
      this.#periods.delete(el);
      this.#visible.delete(el);
    };
  }

  /** Countdowns watched and on screen now (for tests and the bench's sanity). */
  get visibleCount(): number {
    return this.#visible.size;
  }

  #observe(): IntersectionObserver | null {
    if (this.#observer || typeof IntersectionObserver === 'undefined') return this.#observer;
    // A card's height or so of margin: a countdown is painted as it comes in, not a frame after.
    // Not more: each second restyles every countdown in the set (the slots built a screen away,
    // near-screen.ts, need their code ready, not their seconds).
    this.#observer = new IntersectionObserver(
      (changes) => {
        for (const c of changes) {
          const el = c.target as HTMLElement;
          if (c.isIntersecting) this.#show(el);
          else this.#visible.delete(el);
        }
      },
      { rootMargin: '15% 0px' },
    );
    return this.#observer;
  }

  #show(el: HTMLElement): void {
    if (!this.#periods.has(el)) return;
    this.#visible.add(el);
    this.#paint(el, this.now());
  }

  #paint(el: HTMLElement, now: number): void {
    const period = this.#periods.get(el);
    if (period === undefined) return;
    const c = countdown(now, period);
    // CSSOM writes: allowed under the CSP (style-src 'self'), unlike style attributes.
    el.style.setProperty('--left', String(c.fraction));
    el.style.setProperty('--secs', String(c.secondsLeft));
  }
}
