/**
 * Android SharedPreferences XML, the file several apps back up from their data folder
 * (Authy, FreeOTP, FreeOTP+ internal storage):
 *
 *   <map><string name="KEY">TEXT</string><int name="KEY" value="1" />…</map>
 *
 * Only `<string>` elements are read; the text has XML's five named entities and numeric
 * character references decoded. A small reader for exactly this shape, not a general XML
 * parser: no DTDs, no external entities, nothing fetched.
 */
import { formatError, IMPORT_ENTRIES_MAX, tooMany } from './common';

const NAMED: Readonly<Record<string, string>> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

/** True when the text is a SharedPreferences file. */
export function isAndroidPrefs(text: string): boolean {
  return /^\s*(<\?xml[^>]*\?>\s*)?<map>/.test(text);
}

/** The `<string>` entries, in file order, as [name, text]. */
export function readStrings(text: string): [string, string][] {
  if (!isAndroidPrefs(text) || !/<\/map>\s*$/.test(text)) throw formatError();
  const out: [string, string][] = [];
  for (const m of text.matchAll(/<string name="([^"]*)">([^<]*)<\/string>|<string name="([^"]*)"\s*\/>/g)) {
    if (out.length >= IMPORT_ENTRIES_MAX) throw tooMany();
    out.push([decodeXmlText(m[1] ?? m[3]!), decodeXmlText(m[2] ?? '')]);
  }
  return out;
}
