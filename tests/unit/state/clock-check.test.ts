// ClockCheck: the device clock against the server, measured at most every 15 minutes, kept offline.
import { describe, expect, it } from 'vitest';
import type { ClockSample } from '../../../src/core/clock-skew';
import { DEFAULT_CLOCK_NOTE, toClockNote, type ClockNote } from '../../../src/platform/preferences';
import { CHECK_EVERY_MS, ClockCheck } from '../../../src/ui/state/clock-check.svelte.ts';

/** A measurement: offset and when, within half a second. */
const sample = (offsetMs: number, atMs: number): ClockSample => ({ offsetMs, atMs, uncertaintyMs: 500 });

function setup(samples: (ClockSample | null)[], stored: ClockNote = { ...DEFAULT_CLOCK_NOTE }) {
  const notes: ClockNote[] = [];
  let measured = 0;
  const check = new ClockCheck(
    async () => {
      measured++;
      return samples.shift() ?? null;
    },
    () => stored,
    (note) => {
      const clean = toClockNote({ v: 1, ...note });
      notes.push(clean);
      return clean;
    },
  );
  return { check, notes, measured: () => measured };
}

describe('ClockCheck', () => {
  it('starts from the stored note, so the warning and the correction work offline', () => {
    const { check } = setup([], { offsetMs: 20_000, measuredAt: 5, correct: true });
    expect(check.skewed).toBe(true);
    expect(check.now(1_000)).toBe(21_000);
  });

  it('measures, stores the offset and warns beyond 15 s', async () => {
    const { check, notes } = setup([sample(-40_000, 99)]);
    await check.check(0);
    expect(check.offsetMs).toBe(-40_000);
    expect(check.skewed).toBe(true);
    expect(notes).toEqual([{ offsetMs: -40_000, measuredAt: 99, correct: false }]);
    // Not corrected unless the person chose it.
    expect(check.now(100_000)).toBe(100_000);
  });

  it('measures at most once per CHECK_EVERY_MS unless forced (back online)', async () => {
    const { check, measured } = setup([sample(0, 1), sample(0, 2), sample(0, 3)]);
    await check.check(0);
    await check.check(CHECK_EVERY_MS - 1);
    expect(measured()).toBe(1);
    await check.check(CHECK_EVERY_MS - 1, true);
    await check.check(2 * CHECK_EVERY_MS);
    expect(measured()).toBe(3);
  });

  it('runs one measurement for calls made while one is under way', async () => {
    const { check, measured } = setup([sample(1_000, 1)]);
    await Promise.all([check.check(0, true), check.check(0, true), check.check(0, true)]);
    expect(measured()).toBe(1);
  });

  it('keeps the last note when a measurement fails (offline, an error)', async () => {
    const { check, notes } = setup([null], { offsetMs: 30_000, measuredAt: 7, correct: false });
    await check.check(0);
    expect(notes).toEqual([]);
    expect(check.offsetMs).toBe(30_000);
  });

  it('corrects codes by the offset once chosen, and stores the choice', () => {
    const { check, notes } = setup([], { offsetMs: 30_000, measuredAt: 7, correct: false });
    check.setCorrect(true);
    expect(check.now(1_000)).toBe(31_000);
    expect(notes.at(-1)).toEqual({ offsetMs: 30_000, measuredAt: 7, correct: true });
  });
});
