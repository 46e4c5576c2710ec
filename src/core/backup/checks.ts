/**
 * The strict checks every part of the backup format shares. Errors carry a code and a field
 * name only (BACKUP_DAMAGED), never text from the file.
 */
import { KeyslotError } from '../errors';
import { base64Decode, type Bytes } from '../bytes';
import { TEXT_MAX } from '../slot';
import { isPlainObject } from '../vault/fields';

export { isPlainObject };

export function damaged(field: string): KeyslotError {
  return new KeyslotError('BACKUP_DAMAGED', { field });
}

/** Exactly these keys: an unknown key would be unauthenticated data. */
export function hasExactKeys(o: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}

export const isInt = (v: unknown, lo: number, hi: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= lo && v <= hi;

export function bytesField(v: unknown, field: string, min: number, max: number): Bytes {
  const bytes = typeof v === 'string' ? base64Decode(v) : null;
  if (!bytes || bytes.length < min || bytes.length > max) throw damaged(field);
  return bytes;
}

/** A name or other text field: a string of at most TEXT_MAX code points. */
export function textOk(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  let n = 0;
  for (const _ of v) if (++n > TEXT_MAX) return false;
  return true;
}
