import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/ui/bytes';
import { isAppleMobile } from '../../src/ui/device';

describe('formatBytes', () => {
  it('uses decimal units with at most one decimal below 10', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(123_456)).toBe('123 kB');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(formatBytes(11_000_000_000)).toBe('11 GB');
  });
});

describe('isAppleMobile (who gets the Share → Add to Home Screen steps)', () => {
  it('is true for iPhone and iPad, including iPadOS that says it is a Mac with touch', () => {
    expect(isAppleMobile('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1', 'iPhone', 5)).toBe(
      true,
    );
    expect(isAppleMobile('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)', 'iPad', 5)).toBe(true);
    expect(isAppleMobile('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15', 'MacIntel', 5)).toBe(true);
  });

  it('is false for a Mac without touch, Android and desktop', () => {
    expect(isAppleMobile('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', 'MacIntel', 0)).toBe(false);
    expect(isAppleMobile('Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/130', 'Linux armv8l', 5)).toBe(false);
    expect(isAppleMobile('Mozilla/5.0 (X11; Linux x86_64) Chrome/130', 'Linux x86_64', 0)).toBe(false);
  });
});
