// The shared countdown of one period length (src/ui/state/clock.svelte.ts): what it says when.
// That it stays right after the slot that first asked for it has gone is a browser matter
// (effects): tests/e2e/list-layout.spec.ts fails on Svelte's derived_inert warning.
import { describe, expect, it } from 'vitest';
import { PeriodTimer } from '../../../src/ui/state/clock.svelte.ts';

const START = Date.UTC(2026, 5, 1, 9, 0, 0); // a period boundary (a multiple of 30 s)

describe('PeriodTimer', () => {
  it('shows the next code in the last 10 s of a 30 s period and warns in the last 5', () => {
    const timer = new PeriodTimer(30, START + 12_000);
    expect([timer.step, timer.secondsLeft, timer.previewing, timer.ending]).toEqual([START / 30_000, 18, false, false]);
    timer.update(START + 21_000);
    expect([timer.previewing, timer.ending]).toEqual([true, false]);
    timer.update(START + 26_000);
    expect([timer.previewing, timer.ending]).toEqual([true, true]);
    timer.update(START + 30_000);
    expect([timer.step, timer.previewing, timer.ending]).toEqual([START / 30_000 + 1, false, false]);
  });
});
