/**
 * Rules for choosing a new vault PIN. The PIN is stretched by the vault's KDF, but a
 * PIN an attacker tries first (123456, 111111, 121212, …) is broken before any KDF
 * cost matters, so those are refused outright. Errors carry the field name and the
 * limits, never the PIN.
 *
 *  - digits 0–9 only (PIN_NOT_DIGITS): the unlock screen is a keypad;
 *  - 6 to 64 digits (PIN_TOO_SHORT / PIN_TOO_LONG, with min and max);
 *  - not trivial (PIN_TRIVIAL):
 *      · one digit repeated (000000, 99999999);
 *      · a straight run up or down (123456, 987654, 012345, 3456789), with the
 *        keyboard's "0 after 9" (567890, 1234567890) but no other wrap-around
 *        (890123 is allowed);
 *      · a pattern repeated: the whole PIN is a block of fewer than 6 digits
 *        repeated (121212, 123123, 12341234, 101010) — it has fewer free digits than
 *        the minimum PIN — or a trivial block repeated (123456123456);
 *      · a run or repeat written in equal groups of one digit (112233, 111222,
 *        998877, 11223344);
 *      · one of the most common 6-digit PINs not already covered (keypad shapes
 *        like 147258 and 159753, 123321, 102030, …);
 *  - the confirmation, when given, must match (PIN_MISMATCH, field 'confirm').
 */
import { KeyslotError } from './errors';

export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 64;

/**
 * Frequent 6/7-digit choices that the pattern rules below do not catch: keypad
 * lines, crosses and zig-zags, mirrors, and well-known numbers (from published
 * analyses of leaked PIN lists, e.g. Wang et al., "Understanding Human-Chosen PINs").
 */
const COMMON_PINS: ReadonlySet<string> = new Set([
  '123321',
  '321123',
  '112211',
  '100200',
  '102030',
  '135790',
  '246810',
  '147258',
  '258369',
  '147852',
  '741852',
  '852963',
  '963852',
  '369258',
  '789456',
  '456123',
  '789123',
  '123789',
  '654987',
  '987456',
  '321654',
  '123654',
  '147369',
  '369147',
  '741963',
  '963741',
  '147896',
  '124578',
  '142536',
  '159753',
  '159357',
  '753951',
  '951753',
  '357159',
  '159951',
  '258852',
  '753357',
  '5201314',
  '1314520',
]);

const ASCENDING = '01234567890';
const DESCENDING = '09876543210';

/*
 * No regular expression ever runs on a PIN or passphrase in this module (or anywhere): V8 keeps
 * the last string a regex ran on as the page-global `RegExp.input` / `RegExp.$_`, readable by
 * any script until another regex runs, after Lock too (issue 14). Plain loops instead.
 */

/** Only ASCII digits 0-9, at least one. */
function allDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The text without white space (what String.prototype.trim removes), code point by code point. */
function withoutSpaces(text: string): string {
  let out = '';
  for (const c of text) if (c.trim() !== '') out += c;
  return out;
}

function isOneDigit(pin: string): boolean {
  return allDigits(pin) && [...pin].every((c) => c === pin[0]);
}

function isStraightRun(pin: string): boolean {
  return ASCENDING.includes(pin) || DESCENDING.includes(pin);
}

/**
 * The PIN is one block repeated at least twice, and that block is shorter than
 * PIN_MIN_LENGTH (121212, 12341234) or trivial itself (123456123456).
 */
function isRepeatedBlock(pin: string): boolean {
  for (let size = 1; size * 2 <= pin.length; size++) {
    if (pin.length % size !== 0) continue;
    const block = pin.slice(0, size);
    if (block.repeat(pin.length / size) !== pin) continue;
    if (size < PIN_MIN_LENGTH || isTrivialPin(block)) return true;
  }
  return false;
}

/** Equal groups of one repeated digit whose digits step by ±1 (112233, 111222, 998877). */
function isGroupedRun(pin: string): boolean {
  for (let size = 2; size * 2 <= pin.length; size++) {
    if (pin.length % size !== 0) continue;
    const heads: number[] = [];
    let grouped = true;
    for (let i = 0; i < pin.length; i += size) {
      const group = pin.slice(i, i + size);
      if (!isOneDigit(group)) {
        grouped = false;
        break;
      }
      heads.push(Number(group[0]));
    }
    if (!grouped) continue;
    const step = heads[1]! - heads[0]!;
    if ((step === 1 || step === -1) && heads.every((d, i) => i === 0 || d - heads[i - 1]! === step)) return true;
  }
  return false;
}

/** True when the (digits-only) PIN is one an attacker would try first. */
export function isTrivialPin(pin: string): boolean {
  return isOneDigit(pin) || isStraightRun(pin) || isRepeatedBlock(pin) || isGroupedRun(pin) || COMMON_PINS.has(pin);
}

/**
 * The form of a PIN that is stored and derived from. NFKC turns full-width digits
 * (１２３４５６, what a Japanese IME may type) into ASCII ones, so the same PIN typed
 * either way opens the vault.
 */
export function normalizePin(pin: string): string {
  // Passphrases too: full-width Latin letters from an IME become the ASCII ones.
  return typeof pin === 'string' ? pin.normalize('NFKC') : pin;
}

/** Passphrase length limits, in code points (NIST SP 800-63B §3.1.1.2: allow long secrets, count characters). */
export const PASSPHRASE_MIN_LENGTH = 10;
export const PASSPHRASE_MAX_LENGTH = 256;

/**
 * Passphrases people pick first, after normalising (lower case, no spaces): refused like a
 * trivial PIN. Short on purpose: the length floor does most of the work.
 */
const COMMON_PASSPHRASES: ReadonlySet<string> = new Set([
  'password123',
  'password1234',
  'passwordpassword',
  'qwertyuiop',
  'qwertyuiop123',
  '1q2w3e4r5t',
  'iloveyou123',
  'letmein123',
  'administrator',
  'changeme123',
  'welcome123',
  'keyslotkeyslot',
  'correcthorsebatterystaple',
  'abcdefghij',
  'asdfghjkl;',
  'zxcvbnm123',
]);

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * True when the passphrase is one an attacker tries first: one character repeated, a run of
 * consecutive characters (abcdefghij, 0123456789), a short block repeated, or a common choice.
 */
export function isTrivialPassphrase(passphrase: string): boolean {
  const folded = withoutSpaces(passphrase.toLowerCase());
  const chars = [...folded];
  if (chars.length === 0) return true;
  if (chars.every((c) => c === chars[0])) return true;
  const codes = chars.map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  if ((step === 1 || step === -1) && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step)) return true;
  for (let size = 1; size * 2 <= chars.length; size++) {
    if (
      chars.length % size === 0 &&
      size < 5 &&
      chars
        .slice(0, size)
        .join('')
        .repeat(chars.length / size) === folded
    )
      return true;
  }
  return COMMON_PASSPHRASES.has(folded) || (allDigits(folded) && isTrivialPin(folded));
}

/**
 * Rules for a new passphrase (the optional alternative to a PIN): 10 to 256 characters
 * (code points, after the same NFKC normalisation as a PIN), not trivial, confirmation equal.
 * Any characters are allowed, spaces included (NIST SP 800-63B §3.1.1.2).
 */
export function validateNewPassphrase(raw: string, rawConfirm?: string): void {
  const value = normalizePin(raw);
  const confirm = rawConfirm === undefined ? undefined : normalizePin(rawConfirm);
  const limits = { field: 'pin', min: PASSPHRASE_MIN_LENGTH, max: PASSPHRASE_MAX_LENGTH };
  if (typeof value !== 'string' || value === '') throw new KeyslotError('PASSPHRASE_TOO_SHORT', limits);
  const length = codePointLength(value);
  if (length < PASSPHRASE_MIN_LENGTH) throw new KeyslotError('PASSPHRASE_TOO_SHORT', limits);
  if (length > PASSPHRASE_MAX_LENGTH) throw new KeyslotError('PASSPHRASE_TOO_LONG', limits);
  if (isTrivialPassphrase(value)) throw new KeyslotError('PASSPHRASE_TRIVIAL', { field: 'pin' });
  if (confirm !== undefined && confirm !== value) throw new KeyslotError('PASSPHRASE_MISMATCH', { field: 'confirm' });
}

/** The rules for what is typed: a PIN of digits, or a passphrase. */
export function validateNewSecret(input: 'digits' | 'passphrase', raw: string, rawConfirm?: string): void {
  if (input === 'passphrase') validateNewPassphrase(raw, rawConfirm);
  else validateNewPin(raw, rawConfirm);
}

/** Throws the first rule the new PIN (and its confirmation, if given) breaks. */
export function validateNewPin(rawPin: string, rawConfirm?: string): void {
  const pin = normalizePin(rawPin);
  const confirm = rawConfirm === undefined ? undefined : normalizePin(rawConfirm);
  const limits = { field: 'pin', min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH };
  if (typeof pin !== 'string' || pin === '') throw new KeyslotError('PIN_TOO_SHORT', limits);
  // ASCII digits only (no full-width or Arabic-Indic digits).
  if (!allDigits(pin)) throw new KeyslotError('PIN_NOT_DIGITS', { field: 'pin' });
  if (pin.length < PIN_MIN_LENGTH) throw new KeyslotError('PIN_TOO_SHORT', limits);
  if (pin.length > PIN_MAX_LENGTH) throw new KeyslotError('PIN_TOO_LONG', limits);
  if (isTrivialPin(pin)) throw new KeyslotError('PIN_TRIVIAL', { field: 'pin' });
  if (confirm !== undefined && confirm !== pin) throw new KeyslotError('PIN_MISMATCH', { field: 'confirm' });
}
