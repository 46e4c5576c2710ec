/**
 * Measures the device clock against Keyslot's own server: a HEAD request for a small file of
 * the app, `cache: 'no-store'` so neither the HTTP cache nor the service worker (which answers
 * GETs only) replies in the server's place, and its `Date` header (RFC 9110 §6.6.1). Never any
 * other origin. Offline or on any failure: null, and the last note stays.
 */
import { measureOffset, type ClockSample } from '../core/clock-skew';

/** Same origin, always deployed with the app, tiny. */
export const CLOCK_PROBE_PATH = '/favicon.svg';

export async function measureClock(
  fetchImpl: typeof fetch = globalThis.fetch,
  now: () => number = () => Date.now(),
): Promise<ClockSample | null> {
  if (typeof fetchImpl !== 'function') return null;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  try {
    const sentAt = now();
    const response = await fetchImpl(CLOCK_PROBE_PATH, {
      method: 'HEAD',
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    });
    const receivedAt = now();
    if (!response.ok) return null;
    return measureOffset(response.headers.get('date'), sentAt, receivedAt);
  } catch {
    return null;
  }
}
