/**
 * What an icon file really is, from its bytes (never from its name alone), and whether an SVG
 * is one Keyslot will show.
 *
 * How icons are shown (the plan the UI follows): only ever as an <img> whose src is a blob:
 * or data: URL of these bytes with the checked MIME type, or rasterised to PNG first. An SVG
 * loaded as an image runs no script, loads nothing external and has no events (HTML
 * "images" processing model; SVG 2 §"Referencing external resources" secure animated mode),
 * and the strict CSP stays as it is. It is never inlined into the page, never an <object>,
 * <iframe> or <embed>, never opened as a document.
 *
 * Defence in depth on top of that: an SVG that carries anything active or external is refused
 * here, so a browser bug in image mode would still find nothing to run: <script>,
 * <foreignObject>, event-handler attributes (on…=), javascript:/data:/http: references,
 * any href that does not point inside the file (#id), CSS @import or url() to outside,
 * <!DOCTYPE>/<!ENTITY> (entity expansion), processing instructions other than <?xml …?>,
 * and the embedding elements (iframe, embed, object, audio, video, image of another file).
 */
import { utf8Decode } from '../bytes';

export type IconMime = 'image/svg+xml' | 'image/png' | 'image/jpeg';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Elements and constructs an icon never needs and a hostile file would use. */
const FORBIDDEN: readonly RegExp[] = [
  /<\s*script\b/i,
  /<\s*foreignObject\b/i,
  /<\s*(?:iframe|embed|object|audio|video|handler|listener)\b/i,
  /<!\s*(?:DOCTYPE|ENTITY)/i,
  /<\?(?!xml\s)/i, // processing instructions (xml-stylesheet, …); the XML declaration itself is fine
  /[\s"'/]on[a-z]+\s*=/i, // event handlers (onload=, onclick=, …)
  /javascript\s*:/i,
  /@import\b/i,
  /url\s*\(\s*(?!['"]?#)/i, // url() to anything but a fragment of this file
];

/** Every href / xlink:href / src value must be a fragment of this file ("#id"). */
function externalReference(text: string): boolean {
  const refs = text.matchAll(/(?:^|[\s"'])(?:xlink:href|href|src)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi);
  for (const m of refs) {
    const value = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (!value.startsWith('#')) return true;
  }
  return false;
}

/** True when the bytes are an SVG document with nothing active or external in it. */
export function isSafeSvg(bytes: Uint8Array): boolean {
  const text = utf8Decode(bytes);
  if (text === null) return false;
  // The root element is <svg> (after an optional BOM, XML declaration and comments).
  if (!/^\s*(?:<\?xml\s[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text)) return false;
  // Character references could spell any of the above in attribute values ("&#106;avascript:").
  const decoded = text.replace(
    /&#x([0-9a-f]+);?|&#([0-9]+);?/gi,
    (_, hex: string | undefined, dec: string | undefined) => {
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    },
  );
  if (FORBIDDEN.some((re) => re.test(decoded))) return false;
  return !externalReference(decoded);
}

/**
 * The MIME type of an icon file whose bytes match its name's extension, or null: a PNG must
 * start with the PNG signature (ISO/IEC 15948 §5.2), a JPEG with SOI + a marker (FF D8 FF),
 * an SVG must pass isSafeSvg.
 */
export function iconMime(filename: string, bytes: Uint8Array): IconMime | null {
  const ext = /\.([a-z]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'png') return startsWith(bytes, PNG_MAGIC) ? 'image/png' : null;
  if (ext === 'jpg' || ext === 'jpeg') return startsWith(bytes, [0xff, 0xd8, 0xff]) ? 'image/jpeg' : null;
  if (ext === 'svg') return isSafeSvg(bytes) ? 'image/svg+xml' : null;
  return null;
}
