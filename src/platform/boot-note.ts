/**
 * The "boot note": a NON-SECRET line in localStorage, `keyslot.boot`, that lets `/boot.js`
 * (src/boot/boot.js, a classic script run before the app's entry) show the prerendered unlock form
 * of index.html at once (issue 16; docs/architecture.md "Boot path").
 *
 * Format, version 1: `1 <language> <secret kind>`, e.g. `1 ja passphrase`:
 * - language: the tag the app last showed its words in (a short lowercase tag such as "en");
 * - secret kind: `pin` (digits) or `passphrase`, what opens the vault.
 * Its presence means "a vault exists on this device". It holds nothing else: never a PIN, a name
 * or a count (docs/threat-model.md says what it reveals). Written (boot-note-write.ts, in the
 * chunk loaded with the first digit, not in the entry) when the vault is created or opened, its
 * secret kind changes or the language is chosen; removed when the vault is erased or found gone. src/boot/boot.js reads the same format with its own regular expression:
 * tests/unit/boot-note.test.ts runs both on the same notes.
 */

export const BOOT_NOTE_KEY = 'keyslot.boot';

export type BootSecret = 'pin' | 'passphrase';

export interface BootNote {
  /** The language the unlock screen was last shown in ("en", "ja"). */
  lang: string;
  secret: BootSecret;
}

/** The whole note, as src/boot/boot.js matches it too. */
const NOTE = /^1 ([a-z]{2,3}) (pin|passphrase)$/;

/** Reads a stored note; anything else (null, garbage, another version) is no note. */
export function parseBootNote(text: unknown): BootNote | null {
  if (typeof text !== 'string') return null;
  const [, lang, secret] = NOTE.exec(text) ?? [];
  return lang && secret ? { lang, secret: secret as BootSecret } : null;
}

/** localStorage, or null where it is blocked; boot-note-write.ts writes through it too. */
export function local(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked storage (some privacy modes) throws on access
  }
}

/** The note as stored, or null (none, unreadable, blocked storage). Never throws. */
export function readBootNote(): BootNote | null {
  try {
    return parseBootNote(local()?.getItem(BOOT_NOTE_KEY) ?? null);
  } catch {
    return null;
  }
}

/** The vault is erased or gone: the next start shows no unlock form before the app knows better. */
export function clearBootNote(): void {
  try {
    local()?.removeItem(BOOT_NOTE_KEY);
  } catch {
    // ignore
  }
}
