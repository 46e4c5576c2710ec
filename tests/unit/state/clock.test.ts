// The list's clock starts each built countdown's animations once, in step with the period, and
// each second changes only the countdown's name: no style a second, so no frame for it
// (Clock in src/ui/state/clock.svelte.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Clock } from '../../../src/ui/state/clock.svelte.ts';
import { secondsStrip } from '../../../src/ui/format';

/** An animation stand-in: its keyframes, options and the times it was set to. */
interface FakeAnimation {
  keyframes: Keyframe[];
  options: KeyframeAnimationOptions;
  currentTime: number | null;
  cancelled: boolean;
  cancel(): void;
}

/** A part of a countdown that can be animated: records every animation started on it. */
function animatable(text = '') {
  const animations: FakeAnimation[] = [];
  return {
    textContent: text,
    animations,
    animate(keyframes: Keyframe[], options: KeyframeAnimationOptions) {
      const a: FakeAnimation = {
        keyframes,
        options,
        currentTime: null,
        cancelled: false,
        cancel: () => void (a.cancelled = true),
      };
      animations.push(a);
      return a;
    },
  };
}

/** A countdown's stand-in: two arcs and a strip (empty for a long period); records its names. */
function countdownEl(period: number) {
  const arcs = [animatable(), animatable()];
  const strip = animatable(secondsStrip(period));
  const names: string[] = [];
  const el = {
    ...animatable(),
    arcs,
    strip,
    names,
    setAttribute: (name: string, value: string) => (name === 'aria-label' ? names.push(value) : undefined),
    querySelectorAll: (sel: string) => (sel === '.ring-arc' ? arcs : []),
    querySelector: (sel: string) => (sel === '.seconds-strip' ? strip : null),
  };
  return el as unknown as HTMLElement & typeof el;
}

const label = (secs: number) => `Seconds left: ${secs}`;

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 11, 3, 10, 0, 10) }));
afterEach(() => vi.useRealTimers());

describe('Clock', () => {
  it('starts a countdown one step a second, at its place in the period, and names it', () => {
    const clock = new Clock(() => Date.now());
    const el = countdownEl(30);
    clock.watch(el, 30, label);
    // 10:00:10 is 10 s into a 30 s period: 20 s left.
    expect(el.names).toEqual(['Seconds left: 20']);
    const all = [...el.arcs.flatMap((a) => a.animations), ...el.strip.animations];
    expect(all).toHaveLength(3);
    for (const a of all) {
      expect(a.options).toMatchObject({ duration: 30_000, iterations: Infinity });
      expect(a.currentTime).toBe(10_000);
    }
    // Steps, never easing: each half of the ring turns in 15 steps, the strip in 30.
    expect(el.arcs[0]!.animations[0]!.keyframes[0]!.easing).toBe('steps(15, end)');
    expect(el.arcs[1]!.animations[0]!.keyframes[1]!.easing).toBe('steps(15, end)');
    expect(el.strip.animations[0]!.options.easing).toBe('steps(30, end)');
    expect(el.strip.animations[0]!.keyframes.at(-1)!.transform).toBe('translateY(-100%)');
  });

  it('changes only the names of the countdowns built, once a second, and stops with them', () => {
    const clock = new Clock(() => Date.now());
    const els = Array.from({ length: 12 }, () => countdownEl(30));
    const unwatch = els.map((el) => clock.watch(el, 30, label));
    const stop = clock.start();
    vi.advanceTimersByTime(5000);
    expect(els[0]!.names.at(-1)).toBe('Seconds left: 15');
    // One name per second left, not one per tick or per look.
    expect(new Set(els[0]!.names).size).toBe(els[0]!.names.length);
    expect(els[0]!.strip.animations).toHaveLength(1); // started once, not every second
    expect(clock.watchedCount).toBe(12);
    unwatch[0]!();
    expect(els[0]!.strip.animations[0]!.cancelled).toBe(true);
    const before = els[0]!.names.length;
    vi.advanceTimersByTime(3000);
    expect(els[0]!.names.length).toBe(before);
    expect(els[1]!.names.at(-1)).toBe('Seconds left: 12');
    expect(clock.watchedCount).toBe(11);
    stop();
  });

  it('puts an animation back in step when it has drifted from the clock (a sleep, a changed clock)', () => {
    let offset = 0;
    const clock = new Clock(() => Date.now() + offset);
    const el = countdownEl(30);
    clock.watch(el, 30, label);
    const strip = el.strip.animations[0]!;
    strip.currentTime = 10_100; // the compositor's own time, a little on
    const stop = clock.start();
    expect(strip.currentTime).toBe(10_100); // within a quarter second: left alone
    offset = 7_000; // the clock moved 7 s
    vi.advanceTimersByTime(1000);
    expect(strip.currentTime).toBe(18_000);
    // At the period's end the animation may not have wrapped yet: a few ms, not a whole period.
    offset = 0;
    vi.setSystemTime(Date.UTC(2026, 11, 3, 10, 0, 29)); // the next tick is at 10:00:30, a new period
    strip.currentTime = 29_997;
    vi.advanceTimersByTime(1000);
    expect(strip.currentTime).toBe(29_997); // left alone
    stop();
  });

  it('writes the seconds of a period too long for a strip as text, and still animates its ring', () => {
    const clock = new Clock(() => Date.now());
    const el = countdownEl(3600);
    clock.watch(el, 3600, label);
    expect(el.strip.animations).toHaveLength(0);
    expect(el.arcs[0]!.animations).toHaveLength(1);
    expect(el.strip.textContent).toBe('3590');
    expect(el.names).toEqual(['Seconds left: 3590']);
  });
});
