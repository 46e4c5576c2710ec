/**
 * Fractional position keys for the manual order of the slot list (docs/vault.md, "Slot plaintext"
 * → "Order keys"). Its own small module: the vault gives each new slot a key, and the vault is
 * loaded with the PIN prompt, which should not carry the rest of organise.ts.
 */
import { trimTrailing } from './bytes';
import { POSITION_MAX } from './slot';

/**
 * Base-62 digits in ASCII order, so comparing keys as strings compares them as numbers.
 * A key "d1d2…dn" stands for the fraction 0.d1d2…dn (base 62) and never ends in "0" (that
 * would be the same number as without it, and leave no room below). Moving one slot then
 * writes one record: its new key lies between its new neighbours' keys.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function digit(key: string, i: number): number {
  return i < key.length ? DIGITS.indexOf(key[i]!) : 0;
}

/**
 * A key strictly between `lo` and `hi` (null = the start or the end of the list). Throws
 * RangeError when `lo >= hi` or a key is not a valid position key: callers renumber then.
 */
export function keyBetween(lo: string | null, hi: string | null): string {
  const a = lo ?? '';
  if (!isKey(a, lo !== null) || (hi !== null && !isKey(hi, true))) throw new RangeError('not a position key');
  if (hi !== null && a >= hi) throw new RangeError('keys out of order');
  let out = '';
  // Walk the digits: copy the common prefix, then take a digit between the two, or copy a's
  // digit and continue with "a's rest .. the end".
  for (let i = 0; ; i++) {
    const da = digit(a, i);
    const db = hi === null ? BASE : digit(hi, i);
    if (db === da) {
      out += DIGITS[da];
      continue;
    }
    if (db - da > 1) return out + DIGITS[Math.floor((da + db) / 2)];
    // Adjacent digits: da and, below everything after it, "a's rest .. end".
    out += DIGITS[da];
    return out + keyBetween(a.length > i + 1 ? a.slice(i + 1) : null, null);
  }
}

function isKey(key: string, mustBeNonEmpty: boolean): boolean {
  if (key === '') return !mustBeNonEmpty;
  return /^[0-9A-Za-z]*[1-9A-Za-z]$/.test(key);
}

/** `n` evenly spread keys in ascending order, as short as they can be (renumbering). */
export function spreadKeys(n: number): string[] {
  let width = 1;
  while (BASE ** width <= n) width++;
  const keys: string[] = [];
  const span = BASE ** width;
  for (let i = 1; i <= n; i++) {
    let value = Math.floor((i * span) / (n + 1));
    let key = '';
    for (let w = 0; w < width; w++) {
      key = DIGITS[value % BASE] + key;
      value = Math.floor(value / BASE);
    }
    keys.push(trimTrailing(key, '0'));
  }
  return keys;
}

/**
 * The key for a slot added at the end of the manual order, after `last` (the largest key so
 * far). Counts up by one in the last digit (carrying, dropping what follows) rather than
 * halving the rest, so keys grow by one digit per ~61 additions, not per ~6. When even that
 * would pass POSITION_MAX it returns `last` itself: an equal key sorts by age, so the newest
 * slot is still last, and the next move renumbers.
 */
export function keyAfter(last: string): string {
  if (last === '' || !isKey(last, true)) return DIGITS[BASE / 2]!;
  const digits = [...last].map((c) => DIGITS.indexOf(c));
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i]! < BASE - 1) return last.slice(0, i) + DIGITS[digits[i]! + 1];
  }
  const longer = last + DIGITS[1];
  return longer.length <= POSITION_MAX ? longer : last;
}
