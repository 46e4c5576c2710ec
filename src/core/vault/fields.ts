/**
 * Strict readers for the fields of stored vault data (header, methods, records): exact keys,
 * integer ranges, ids and base64 lengths. Every failure is VAULT_CORRUPT naming the field;
 * a version newer than this code knows is VAULT_VERSION.
 */
import { KeyslotError } from '../errors';
import { base64Decode, type Bytes } from '../bytes';
import { ID_RE } from './limits';

export function corrupt(field: string): KeyslotError {
  return new KeyslotError('VAULT_CORRUPT', { field });
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Exactly these keys, no more, no fewer: unknown keys would be unauthenticated data. */
export function expectKeys(o: Record<string, unknown>, keys: readonly string[], field: string): void {
  const own = Object.keys(o);
  if (own.length !== keys.length || !keys.every((k) => Object.prototype.hasOwnProperty.call(o, k))) {
    throw corrupt(field);
  }
}

export function readInt(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) throw corrupt(field);
  return v;
}

export function readId(v: unknown, field: string): string {
  if (typeof v !== 'string' || !ID_RE.test(v)) throw corrupt(field);
  return v;
}

export function readB64(v: unknown, field: string, min: number, max: number): Bytes {
  const bytes = typeof v === 'string' ? base64Decode(v) : null;
  if (!bytes || bytes.length < min || bytes.length > max) throw corrupt(field);
  return bytes;
}

/** True for a well-formed id (what randomId() produces). */
export function isValidId(v: unknown): v is string {
  return typeof v === 'string' && ID_RE.test(v);
}

/** A stored version number: VAULT_CORRUPT when not one, VAULT_VERSION when newer than `newest`. */
export function readVersion(v: unknown, field: string, newest: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw corrupt(field);
  if (v > newest) throw new KeyslotError('VAULT_VERSION', { field, max: newest });
  return v;
}
