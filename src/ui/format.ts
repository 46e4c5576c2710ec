/** Groups a code for reading aloud and typing: 6 → "123 456", 7 → "1234 567", 8 → "1234 5678". */
export function groupDigits(code: string): string {
  const head = secondGroupAt(code);
  return `${code.slice(0, head)} ${code.slice(head)}`.trim();
}

/** Where a code's second group starts (6 → 3, 7 and 8 → 4). */
export function secondGroupAt(code: string): number {
  return code.length <= 6 ? 3 : 4;
}

/** One spelling for a hash everywhere on screen: the standard names of FIPS 180-4 ("SHA1" → "SHA-1"). */
export function algorithmName(algorithm: string): string {
  return /^SHA(1|256|512)$/.test(algorithm) ? algorithm.replace('SHA', 'SHA-') : algorithm;
}

/** Periods up to this long show their seconds as an animated strip; longer ones as text the clock writes. */
export const STRIP_MAX_S = 120;

/**
 * A countdown's seconds as its animation shows them, one a line: `period` down to 1 (Clock.watch);
 * '' past STRIP_MAX_S (a day-long period would be 86,400 lines).
 */
export function secondsStrip(period: number): string {
  if (period > STRIP_MAX_S) return '';
  return Array.from({ length: period }, (_, i) => period - i).join('\n');
}
