import { describe, expect, it } from 'vitest';
import { CHUNK, FIRST_SCREEN, RenderLimit } from '../../../src/ui/state/render-limit.svelte.ts';

/** A schedule that runs nothing until asked: one queued task at a time. */
function manualSchedule() {
  const queue: (() => void)[] = [];
  return {
    schedule: (next: () => void) => void queue.push(next),
    runOne: () => queue.shift()?.(),
    pending: () => queue.length,
  };
}

describe('RenderLimit', () => {
  it('starts with the first screenful and builds nothing more in the same task', () => {
    const r = new RenderLimit();
    const s = manualSchedule();
    r.grow(5000, s.schedule);
    expect(r.limit).toBe(FIRST_SCREEN);
    expect(s.pending()).toBe(1);
  });

  it('grows by one chunk per task until every slot is covered, then stops', () => {
    const r = new RenderLimit();
    const s = manualSchedule();
    r.grow(1000, s.schedule);
    let tasks = 0;
    while (s.pending() > 0) {
      s.runOne();
      tasks += 1;
    }
    expect(r.limit).toBeGreaterThanOrEqual(1000);
    expect(r.limit).toBeLessThan(1000 + CHUNK);
    expect(tasks).toBe(Math.ceil((1000 - FIRST_SCREEN) / CHUNK) + 1);
  });

  it('schedules nothing more for a short list, and stops when told', () => {
    const r = new RenderLimit();
    const s = manualSchedule();
    r.grow(10, s.schedule);
    s.runOne();
    expect(s.pending()).toBe(0);
    expect(r.limit).toBe(FIRST_SCREEN);
    const stop = r.grow(5000, s.schedule);
    stop();
    s.runOne();
    expect(r.limit).toBe(FIRST_SCREEN);
  });
});
