// Only the slots on or near the screen build their code, buttons and countdown (NearScreen in
// src/ui/state/near-screen.ts): what a long list costs follows what is on screen.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NearScreen } from '../../../src/ui/state/near-screen';

type Change = { target: Element; isIntersecting: boolean };

/** An IntersectionObserver the test drives: `report` delivers changes as the browser would. */
function fakeObserver() {
  let callback: (changes: Change[]) => void = () => {};
  const observed = new Set<Element>();
  const options: IntersectionObserverInit[] = [];
  let instances = 0;
  class FakeIO {
    constructor(cb: typeof callback, init: IntersectionObserverInit) {
      callback = cb;
      options.push(init);
      instances += 1;
    }
    observe(el: Element) {
      observed.add(el);
    }
    unobserve(el: Element) {
      observed.delete(el);
    }
    disconnect() {
      observed.clear();
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeIO);
  return { observed, options, instances: () => instances, report: (changes: Change[]) => callback(changes) };
}

const el = (name: string) => ({ name }) as unknown as Element;

afterEach(() => vi.unstubAllGlobals());

describe('NearScreen', () => {
  it('tells each item when it comes near the screen and leaves it, through one observer for the list', () => {
    const io = fakeObserver();
    const near = new NearScreen(() => false);
    const items = Array.from({ length: 1000 }, (_, i) => el(`slot ${i}`));
    const seen = new Map<Element, boolean[]>();
    const unwatch = items.map((item) => near.watch(item, (v) => seen.set(item, [...(seen.get(item) ?? []), v])));
    expect(io.instances()).toBe(1);
    expect(io.observed.size).toBe(1000);
    // Half a screen's height above and below counts as near: codes are ready before they scroll in.
    expect(io.options[0]?.rootMargin).toBe('50% 0px');

    io.report(items.slice(0, 12).map((target) => ({ target, isIntersecting: true })));
    expect(seen.size).toBe(12);
    io.report([{ target: items[0]!, isIntersecting: false }]);
    expect(seen.get(items[0]!)).toEqual([true, false]);
    expect(seen.has(items[500]!)).toBe(false);

    unwatch.forEach((u) => u());
    expect(io.observed.size).toBe(0);
    expect(near.watched).toBe(0);
  });

  it('keeps an item that holds the focus near when it scrolls away, so the focused control stays', () => {
    const io = fakeObserver();
    const focused = el('focused');
    const near = new NearScreen((item) => item === focused);
    const other = el('other');
    const got: [string, boolean][] = [];
    near.watch(focused, (v) => got.push(['focused', v]));
    near.watch(other, (v) => got.push(['other', v]));
    io.report([
      { target: focused, isIntersecting: false },
      { target: other, isIntersecting: false },
    ]);
    expect(got).toEqual([
      ['focused', true],
      ['other', false],
    ]);
  });

  it('ignores a change for an item no longer watched (a report already on its way)', () => {
    const io = fakeObserver();
    const near = new NearScreen(() => false);
    const item = el('gone');
    const calls: boolean[] = [];
    near.watch(item, (v) => calls.push(v))();
    io.report([{ target: item, isIntersecting: true }]);
    expect(calls).toEqual([]);
  });

  it('counts every item as near where there is no IntersectionObserver, so the list is built whole', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const near = new NearScreen(() => false);
    const calls: boolean[] = [];
    near.watch(el('any'), (v) => calls.push(v));
    expect(calls).toEqual([true]);
  });

  it('stops observing everything when the list goes', () => {
    const io = fakeObserver();
    const near = new NearScreen(() => false);
    near.watch(el('a'), () => {});
    near.watch(el('b'), () => {});
    near.stop();
    expect(io.observed.size).toBe(0);
    expect(near.watched).toBe(0);
  });
});
