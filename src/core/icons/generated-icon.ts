/**
 * The icon every slot has by default: the issuer's initials on a colour derived from the
 * issuer. Initials always carry the meaning, so the icon never relies on colour alone
 * (WCAG 1.4.1); the colour is only a quicker way to find the same slot again.
 *
 * Legibility: the initials are white on a background whose WCAG 2.x contrast with white is
 * at least ICON_TEXT_CONTRAST_MIN (4.5:1, WCAG 1.4.3 AA for normal text), and the background
 * is kept as light as that allows, so the tile also stands out from a near-black dark theme
 * page. The pair does not depend on the theme: the same tile reads in light and dark.
 *
 * Stable: the colour is a function of the normalised issuer (case, width and spacing do
 * not matter), never of time, order or randomness; same issuer, same colour, on every device.
 */

export interface GeneratedIcon {
  /** 1–2 graphemes, upper-cased where the script has case ("KV", "G", "株", "🔐"). */
  initials: string;
  /** Background, "#rrggbb". */
  background: string;
  /** Text colour, "#rrggbb" (white). */
  foreground: string;
}

export const ICON_TEXT_CONTRAST_MIN = 4.5;
/** Aimed a little above the minimum, so rounding to 8-bit colour never drops below it. */
const CONTRAST_TARGET = 4.6;
const FOREGROUND = '#ffffff';
/** Shown when there is no name at all. */
const NO_NAME = '#';

const graphemes = (text: string): string[] =>
  [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);

/** Legal-form words of Japanese company names: "株式会社カブク" is known by "カブク". */
const JA_COMPANY =
  /^(?:株式会社|有限会社|合同会社|一般社団法人|公益財団法人|\(株\)|（株）)|(?:株式会社|有限会社|合同会社|\(株\)|（株）)$/u;

/** A host name ("accounts.google.com", "github.com") stands for its registrable part. */
function hostWord(text: string): string {
  if (/\s/.test(text) || !/^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u.test(text)) return text;
  const labels = text.split('.');
  // The label before the TLD; for "example.co.jp"-style two-letter second levels, one more.
  const second =
    labels.length >= 3 && /^(?:co|ac|or|ne|go|com|org|net|gov|edu)$/i.test(labels.at(-2)!)
      ? labels.at(-3)!
      : labels.at(-2)!;
  return second;
}

/** Splits "GitHub" → ["Git", "Hub"], "PassLogic" → ["Pass", "Logic"]; "KEK" and "github" stay whole. */
function camelParts(word: string): string[] {
  return word.split(/(?<=\p{Ll})(?=\p{Lu})/u);
}

/** The initials for an issuer (or account, when the slot has no issuer). */
export function iconInitials(name: string): string {
  const text = hostWord(
    String(name ?? '')
      .normalize('NFKC')
      .trim(),
  );
  const bare = text.replace(JA_COMPANY, '').trim() || text;
  const first = graphemes(bare).find((g) => /\S/u.test(g));
  if (first === undefined) return NO_NAME;
  // An emoji (or other symbol) at the start is the most recognisable thing in the name.
  if (/\p{Extended_Pictographic}/u.test(first)) return first;
  const words = bare.split(/[\s\-_.·・,:;/()[\]{}（）「」【】&+|]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return first;
  // Scripts without spaces between words (CJK, Thai, …): one grapheme, which is a whole syllable or word sign.
  const firstGrapheme = (w: string) => graphemes(w.replace(/^[^\p{L}\p{N}]+/u, ''))[0] ?? '';
  const head = firstGrapheme(words[0]!);
  if (!/[\p{Lu}\p{Ll}\p{N}]/u.test(head)) return head.toUpperCase();
  const parts = words.length >= 2 ? words : camelParts(words[0]!);
  const second = parts.length >= 2 ? firstGrapheme(parts[1]!) : '';
  const pair = /[\p{Lu}\p{Ll}\p{N}]/u.test(second) ? head + second : head;
  return pair.toUpperCase();
}

/** FNV-1a (32-bit) over the UTF-16 code units: small, stable, well spread; not a security hash. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** What counts as "the same issuer" for the colour. */
function colourKey(name: string): string {
  return String(name ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

type Rgb = [number, number, number];

/** HSL (h in degrees, s and l in 0…1) to 8-bit sRGB (CSS Color 4 §7). */
function hslToRgb(h: number, s: number, l: number): Rgb {
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** WCAG 2.x relative luminance of an 8-bit sRGB colour. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new TypeError('contrastRatio: colours must be "#rrggbb"');
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

const toHex = (rgb: Rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2.x contrast ratio of two "#rrggbb" colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(parseHex(a)), luminance(parseHex(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The lightest colour of this hue and saturation that white text still reads on (CONTRAST_TARGET). */
function backgroundFor(hue: number, saturation: number): string {
  let [lo, hi] = [0, 0.6]; // lo always passes (black-ish), hi never needs to be passed
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (contrastRatio(toHex(hslToRgb(hue, saturation, mid)), FOREGROUND) >= CONTRAST_TARGET) lo = mid;
    else hi = mid;
  }
  return toHex(hslToRgb(hue, saturation, lo));
}

/** The default icon of a slot named `name` (its issuer, or its account when there is no issuer). */
export function generatedIcon(name: string): GeneratedIcon {
  const hash = fnv1a(colourKey(name));
  const hue = hash % 360;
  // 45–75 % saturation from other bits of the hash: more distinct colours than hue alone.
  const saturation = 0.45 + ((hash >>> 16) % 31) / 100;
  return { initials: iconInitials(name), background: backgroundFor(hue, saturation), foreground: FOREGROUND };
}
