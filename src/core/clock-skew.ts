/**
 * Is the device clock right? TOTP codes (RFC 6238 §5.2) are only as right as the clock that
 * makes them: 30 s off and the VPN refuses every code. Keyslot compares the device clock with
 * the `Date` header of a response from its own origin (no third party is ever asked).
 *
 * Pure: the header text and the device times around the request come in as arguments.
 */

/** Beyond this the user is warned: half a 30 s step, and more than RFC 6238 §5.2's one step of network delay can hide. */
export const SKEW_WARN_MS = 15_000;
/** A sample from a round trip longer than this says little about the clock: dropped. */
export const MAX_ROUND_TRIP_MS = 5_000;
/** An offset beyond a day is not a clock that drifted but a server or header gone wrong: dropped. */
export const MAX_OFFSET_MS = 86_400_000;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * Parse an HTTP date in IMF-fixdate form (RFC 9110 §5.6.7, the only form a server may send):
 * `Sun, 06 Nov 1994 08:49:37 GMT`. Returns ms since epoch, or null for anything else (the
 * obsolete RFC 850 and asctime forms too: no server of ours sends them, and a wrong guess
 * would move codes). The weekday must match the date.
 */
export function parseHttpDate(text: unknown): number | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const m = IMF_FIXDATE.exec(text);
  if (!m) return null;
  const [, day, dd, mon, yyyy, hh, mm, ss] = m;
  const month = MONTHS.indexOf(mon as (typeof MONTHS)[number]);
  const [d, y, h, mi, s] = [Number(dd), Number(yyyy), Number(hh), Number(mm), Number(ss)];
  // RFC 9110 allows second 60 (leap second); Date folds it into the next minute, which is fine here.
  if (d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = Date.UTC(y, month, d, h, mi, s);
  const check = new Date(ms);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== month) return null; // 31 Feb and the like
  if (DAYS[check.getUTCDay()] !== day) return null;
  return ms;
}

export interface ClockSample {
  /** Server time minus device time, ms: positive when the device clock is behind. */
  readonly offsetMs: number;
  /** How far off this estimate may be, ms (half the round trip, plus the header's whole-second rounding). */
  readonly uncertaintyMs: number;
  /** Device time the sample was taken. */
  readonly atMs: number;
}

/**
 * One measurement from a request sent at `sentAtMs` and answered at `receivedAtMs` (device
 * clock) whose `Date` header is `dateHeader`. The server stamped the header somewhere in the
 * round trip, truncated to the second, so its time is taken as header + 0.5 s against the
 * round trip's midpoint. Null when the header is not a date, the round trip is negative or
 * longer than MAX_ROUND_TRIP_MS, or the offset is beyond MAX_OFFSET_MS.
 */
export function measureOffset(dateHeader: unknown, sentAtMs: number, receivedAtMs: number): ClockSample | null {
  const serverMs = parseHttpDate(dateHeader);
  if (serverMs === null || !Number.isFinite(sentAtMs) || !Number.isFinite(receivedAtMs)) return null;
  const roundTrip = receivedAtMs - sentAtMs;
  if (roundTrip < 0 || roundTrip > MAX_ROUND_TRIP_MS) return null;
  const offsetMs = Math.round(serverMs + 500 - (sentAtMs + roundTrip / 2));
  if (Math.abs(offsetMs) > MAX_OFFSET_MS) return null;
  return { offsetMs, uncertaintyMs: Math.round(roundTrip / 2 + 500), atMs: receivedAtMs };
}

/** True when the offset is large enough to warn about (beyond SKEW_WARN_MS either way). */
export function isSkewed(offsetMs: number | null): boolean {
  return offsetMs !== null && Math.abs(offsetMs) > SKEW_WARN_MS;
}

/**
 * The time codes are made for: the device clock, or, when the user chose to correct codes and
 * a measurement exists, the device clock plus the measured offset.
 */
export function codeTime(nowMs: number, offsetMs: number | null, correct: boolean): number {
  return correct && offsetMs !== null ? nowMs + offsetMs : nowMs;
}

/** The offset in whole seconds for the words ("42 s behind"), and which way. */
export function describeOffset(offsetMs: number): { seconds: number; direction: 'behind' | 'ahead' } {
  return { seconds: Math.round(Math.abs(offsetMs) / 1000), direction: offsetMs > 0 ? 'behind' : 'ahead' };
}
