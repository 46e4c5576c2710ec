import { describe, expect, it } from 'vitest';
import { countdown } from '../../src/core/countdown';

describe('countdown', () => {
  it('starts a period full and counts whole seconds down to 1', () => {
    expect(countdown(60_000, 30)).toEqual({ step: 2, secondsLeft: 30, fraction: 1 });
    expect(countdown(60_001, 30)).toMatchObject({ step: 2, secondsLeft: 30 });
    expect(countdown(89_000, 30)).toMatchObject({ step: 2, secondsLeft: 1 });
    expect(countdown(89_999, 30)).toMatchObject({ step: 2, secondsLeft: 1 });
  });

  it('moves to the next step exactly at the period boundary', () => {
    expect(countdown(89_999, 30).step).toBe(2);
    expect(countdown(90_000, 30).step).toBe(3);
  });

  it('works for one-second and long periods', () => {
    expect(countdown(5_500, 1)).toEqual({ step: 5, secondsLeft: 1, fraction: 0.5 });
    expect(countdown(0, 86_400)).toEqual({ step: 0, secondsLeft: 86_400, fraction: 1 });
  });
});
