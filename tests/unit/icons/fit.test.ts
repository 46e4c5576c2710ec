import { describe, expect, it } from 'vitest';
import { fitInside } from '../../../src/core/icons/fit';

describe('fitting a picture inside the icon square', () => {
  it('keeps the shape and centres it', () => {
    expect(fitInside(200, 100, 96)).toEqual({ x: 0, y: 24, width: 96, height: 48 });
    expect(fitInside(100, 400, 96)).toEqual({ x: 36, y: 0, width: 24, height: 96 });
    expect(fitInside(96, 96, 96)).toEqual({ x: 0, y: 0, width: 96, height: 96 });
    expect(fitInside(16, 16, 96)).toEqual({ x: 0, y: 0, width: 96, height: 96 });
  });

  it('never draws nothing: a sliver keeps one pixel, and a senseless size fills the square', () => {
    expect(fitInside(10_000, 1, 96)).toEqual({ x: 0, y: 47, width: 96, height: 1 });
    expect(fitInside(0, 50, 96)).toEqual({ x: 0, y: 0, width: 96, height: 96 });
    expect(fitInside(Number.NaN, 50, 96)).toEqual({ x: 0, y: 0, width: 96, height: 96 });
    expect(() => fitInside(10, 10, 0)).toThrow(RangeError);
  });
});
