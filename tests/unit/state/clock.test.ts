// The list's clock paints countdowns only where they are seen: work per tick follows what is on
// screen, not the length of the list (Clock in src/ui/state/clock.svelte.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Clock } from '../../../src/ui/state/clock.svelte.ts';

/** A countdown element's stand-in: records its custom-property writes. */
function countdownEl() {
  const writes: [string, string][] = [];
  return {
    writes,
    style: { setProperty: (name: string, value: string) => void writes.push([name, value]) },
  } as unknown as HTMLElement & { writes: [string, string][] };
}

/** An IntersectionObserver the test drives: `show(el, on)` reports it entering or leaving. */
function fakeObserver() {
  let callback: (changes: { target: Element; isIntersecting: boolean }[]) => void = () => {};
  const observed = new Set<Element>();
  class FakeIO {
    constructor(cb: typeof callback) {
      callback = cb;
    }
    observe(el: Element) {
      observed.add(el);
    }
    unobserve(el: Element) {
      observed.delete(el);
    }
    disconnect() {}
  }
  vi.stubGlobal('IntersectionObserver', FakeIO);
  return { observed, show: (el: Element, on: boolean) => callback([{ target: el, isIntersecting: on }]) };
}

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 11, 3, 10, 0, 10) }));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Clock', () => {
  it('paints only the countdowns on screen, once per second, and one as soon as it scrolls in', () => {
    const io = fakeObserver();
    const clock = new Clock(() => Date.now());
    const els = Array.from({ length: 1000 }, () => countdownEl());
    const unwatch = els.map((el) => clock.watch(el, 30));
    els.slice(0, 8).forEach((el) => io.show(el, true));
    const stop = clock.start();
    vi.advanceTimersByTime(5000);
    const painted = els.filter((el) => el.writes.length > 0);
    expect(painted).toHaveLength(8);
    expect(clock.visibleCount).toBe(8);
    // 20 s left in the 30 s period at 10:00:10; five ticks later, 15.
    expect(els[0]!.writes.filter(([n]) => n === '--secs').at(-1)).toEqual(['--secs', '15']);

    io.show(els[500]!, true);
    expect(els[500]!.writes).toContainEqual(['--secs', '15']);
    io.show(els[0]!, false);
    const before = els[0]!.writes.length;
    vi.advanceTimersByTime(3000);
    expect(els[0]!.writes.length).toBe(before);
    stop();
    unwatch.forEach((u) => u());
    expect(io.observed.size).toBe(0);
  });

  it('paints every countdown where there is no IntersectionObserver', () => {
    const clock = new Clock(() => Date.now());
    const el = countdownEl();
    clock.watch(el, 60);
    expect(el.writes).toContainEqual(['--secs', '50']);
  });
});
