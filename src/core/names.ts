/**
 * The one normaliser for names (issuer, account, the user's own slot name), used by every way
 * a name comes in: an activation link, a scanned or pasted QR code, the typed form, every
 * importer, a Google export, a backup restore, a rename, and the privacyIDEA sync (which
 * imports `normaliseName` from here). The rules (docs/threat-model.md, "Names"):
 *
 *  1. Lone surrogates become U+FFFD. A name must be well-formed UTF-16, or UTF-8 encoding and
 *     encodeURIComponent fail later (the plain export and the slot's QR code did).
 *  2. Controls are dropped: C0/C1 controls (a name is one line), the bidirectional formatting
 *     characters (U+061C, U+200E/F, U+202A–E, U+2066–9: "PayPal‮ · moc.lapyap@eci‮la" showed as
 *     "PayPalalice@paypal.com ·"), and the invisible zero-width characters with no use in a name
 *     (U+200B zero-width space, U+2060 word joiner, U+FEFF, U+180E).
 *     ZERO WIDTH JOINER and NON-JOINER (U+200D/U+200C) are KEPT: emoji sequences and scripts
 *     such as Persian, Hindi and Malayalam need them to spell words right. They are ignored when
 *     names are compared (`nameKey`), and the list isolates every name (`<bdi>`), so they
 *     cannot make a name look like another or reorder its neighbours.
 *  3. Unicode NFC (UAX #15), so "é" typed precomposed or with a combining accent is one name.
 *  4. Trimmed (String.prototype.trim's whitespace, after the steps above so a name of only
 *     invisible characters is empty).
 *
 * `normaliseName(normaliseName(x)) === normaliseName(x)` for every string (property-tested).
 * Pure: no regex with more than a character class, so it is linear in the input's length.
 */

/** Characters dropped from names: see rule 2 above. One character class, linear on any input. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const DROPPED = /[\u0000-\u001F\u007F-\u009F\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

/**
 * Characters ignored when two names are compared: every Default_Ignorable_Code_Point (Unicode
 * DerivedCoreProperties: joiners, variation selectors, soft hyphen, fillers, tags, …).
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** Runs of white space, folded to one space for comparison. */
const SPACES = /\s+/gu;

/** The string with every lone surrogate replaced by U+FFFD (what String.prototype.toWellFormed does). */
export function wellFormed(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++; // a proper pair
      continue;
    }
    out += `${text.slice(start, i)}\uFFFD`;
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

/** A name as Keyslot stores it (see the rules above). Non-strings become ''. */
export function normaliseName(value: unknown): string {
  if (typeof value !== 'string') return '';
  return wellFormed(value).replace(DROPPED, '').normalize('NFC').trim();
}

/** Length in code points: how long a name is as a person counts it (what TEXT_MAX limits). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * The form in which two names are compared (duplicate and "reissued" checks): normalised,
 * then NFKC (full-width "ＡＣＭＥ" is "ACME"), lower-cased, every default-ignorable character
 * removed (a zero-width joiner cannot make a look-alike), runs of white space as one space.
 * Look-alike letters from other scripts (Cyrillic "а" for Latin "a") are not folded: see
 * docs/threat-model.md.
 */
export function nameKey(name: string): string {
  return normaliseName(name)
    .normalize('NFKC')
    .toLowerCase()
    .replace(IGNORABLE, '')
    .replace(SPACES, ' ')
    .trim()
    .normalize('NFC');
}
