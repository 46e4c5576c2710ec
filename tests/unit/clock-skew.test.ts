// Clock check (issue 8): the device clock against the Date header of Keyslot's own server.
import { describe, expect, it, vi } from 'vitest';
import {
  MAX_ROUND_TRIP_MS,
  SKEW_WARN_MS,
  codeTime,
  describeOffset,
  isSkewed,
  measureOffset,
  parseHttpDate,
} from '../../src/core/clock-skew';
import { CLOCK_PROBE_PATH, measureClock } from '../../src/platform/clock-check';
import { DEFAULT_CLOCK_NOTE, toClockNote } from '../../src/platform/preferences';

const RFC_EXAMPLE = 'Sun, 06 Nov 1994 08:49:37 GMT'; // RFC 9110 §5.6.7
const RFC_EXAMPLE_MS = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('parseHttpDate', () => {
  it('reads the IMF-fixdate example of RFC 9110', () => {
    expect(parseHttpDate(RFC_EXAMPLE)).toBe(RFC_EXAMPLE_MS);
  });

  it('reads what Node and browsers produce (Date.prototype.toUTCString)', () => {
    const ms = Date.UTC(2026, 10, 28, 23, 59, 59);
    expect(parseHttpDate(new Date(ms).toUTCString())).toBe(ms);
  });

  it.each([
    ['the obsolete RFC 850 form', 'Sunday, 06-Nov-94 08:49:37 GMT'],
    ['the obsolete asctime form', 'Sun Nov  6 08:49:37 1994'],
    ['a weekday that does not match the date', 'Mon, 06 Nov 1994 08:49:37 GMT'],
    ['a day that does not exist', 'Tue, 31 Feb 2026 10:00:00 GMT'],
    ['hour 24', 'Sun, 06 Nov 1994 24:00:00 GMT'],
    ['another time zone', 'Sun, 06 Nov 1994 08:49:37 UTC'],
    ['lower case', 'sun, 06 nov 1994 08:49:37 gmt'],
    ['extra spaces', 'Sun,  06 Nov 1994 08:49:37 GMT'],
    ['an ISO date', '1994-11-06T08:49:37Z'],
    ['an empty header', ''],
    ['a very long header', `${RFC_EXAMPLE}${' '.repeat(100)}`],
  ])('refuses %s', (_what, text) => {
    expect(parseHttpDate(text)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parseHttpDate(null)).toBeNull();
    expect(parseHttpDate(RFC_EXAMPLE_MS)).toBeNull();
  });
});

describe('measureOffset', () => {
  it('finds a device clock 60 s behind, against the middle of the round trip plus half a second of header rounding', () => {
    const device = RFC_EXAMPLE_MS - 60_000;
    const sample = measureOffset(RFC_EXAMPLE, device - 100, device + 100);
    expect(sample).toEqual({ offsetMs: 60_500, uncertaintyMs: 600, atMs: device + 100 });
  });

  it('finds a clock that is ahead as a negative offset', () => {
    const device = RFC_EXAMPLE_MS + 42_000;
    expect(measureOffset(RFC_EXAMPLE, device, device)!.offsetMs).toBe(-41_500);
  });

  it.each([
    ['a round trip that ends before it starts', 1000, 900],
    ['a round trip longer than the limit', 0, MAX_ROUND_TRIP_MS + 1],
    ['times that are not numbers', Number.NaN, 0],
  ])('drops %s', (_what, sent, received) => {
    expect(measureOffset(RFC_EXAMPLE, RFC_EXAMPLE_MS + sent, RFC_EXAMPLE_MS + received)).toBeNull();
  });

  it('drops an offset of more than a day, and a header that is not a date', () => {
    expect(measureOffset(RFC_EXAMPLE, RFC_EXAMPLE_MS + 2 * 86_400_000, RFC_EXAMPLE_MS + 2 * 86_400_000)).toBeNull();
    expect(measureOffset('soon', 0, 10)).toBeNull();
  });
});

describe('what the app does with an offset', () => {
  it('warns only beyond 15 s either way', () => {
    expect(isSkewed(null)).toBe(false);
    expect(isSkewed(SKEW_WARN_MS)).toBe(false);
    expect(isSkewed(-SKEW_WARN_MS)).toBe(false);
    expect(isSkewed(SKEW_WARN_MS + 1)).toBe(true);
    expect(isSkewed(-SKEW_WARN_MS - 1)).toBe(true);
  });

  it('corrects code time only when asked and measured', () => {
    expect(codeTime(1000, 60_000, false)).toBe(1000);
    expect(codeTime(1000, null, true)).toBe(1000);
    expect(codeTime(1000, 60_000, true)).toBe(61_000);
    expect(codeTime(1000, -500, true)).toBe(500);
  });

  it('puts an offset into whole seconds and a direction', () => {
    expect(describeOffset(60_500)).toEqual({ seconds: 61, direction: 'behind' });
    expect(describeOffset(-41_499)).toEqual({ seconds: 41, direction: 'ahead' });
  });
});

describe('the stored clock note', () => {
  it('round-trips a measurement and the choice', () => {
    const note = { offsetMs: 60_500, measuredAt: 1_700_000_000_000, correct: true };
    expect(toClockNote({ v: 1, ...note })).toEqual(note);
  });

  it.each<[string, unknown]>([
    ['nothing', null],
    ['another version', { v: 2, offsetMs: 1000, measuredAt: 5, correct: true }],
    ['an offset beyond a day', { v: 1, offsetMs: 90_000_000, measuredAt: 5, correct: true }],
    ['an offset without its time', { v: 1, offsetMs: 1000, measuredAt: null, correct: true }],
    ['strings for numbers', { v: 1, offsetMs: '1000', measuredAt: '5', correct: 'yes' }],
  ])('falls back safely for %s (never corrects by a number it cannot trust)', (_what, value) => {
    const note = toClockNote(value);
    expect(note.offsetMs).toBeNull();
    expect(note.measuredAt).toBeNull();
    if (value === null || (value as { v: number }).v !== 1) expect(note).toEqual(DEFAULT_CLOCK_NOTE);
  });
});

describe('measureClock', () => {
  const response = (status: number, date: string | null) =>
    ({
      ok: status >= 200 && status < 300,
      headers: { get: (name: string) => (name === 'date' ? date : null) },
    }) as unknown as Response;

  it('asks its own origin with HEAD and no-store, and measures from the Date header', async () => {
    const fetchImpl = vi.fn(async () => response(200, RFC_EXAMPLE));
    const times = [RFC_EXAMPLE_MS - 30_050, RFC_EXAMPLE_MS - 29_950];
    const sample = await measureClock(fetchImpl as unknown as typeof fetch, () => times.shift()!);
    expect(fetchImpl).toHaveBeenCalledWith(
      CLOCK_PROBE_PATH,
      expect.objectContaining({ method: 'HEAD', cache: 'no-store' }),
    );
    expect(CLOCK_PROBE_PATH.startsWith('/')).toBe(true);
    expect(sample?.offsetMs).toBe(30_500);
  });

  it('gives nothing when the server fails, the request throws, or there is no Date header', async () => {
    expect(await measureClock((async () => response(404, RFC_EXAMPLE)) as unknown as typeof fetch)).toBeNull();
    expect(
      await measureClock((async () => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch),
    ).toBeNull();
    expect(await measureClock((async () => response(200, null)) as unknown as typeof fetch)).toBeNull();
  });
});
