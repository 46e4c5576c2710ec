/**
 * Icon packs in the Aegis format (github.com/beemdevelopment/Aegis docs/iconpacks.md): a ZIP
 * with a `pack.json` at its root and the icon files it names.
 *
 *   { "uuid": "…", "name": "…", "version": 1,
 *     "icons": [{ "name"?: "Google", "filename": "services/Google.png",
 *                 "category": "Services", "issuer": ["google"] }] }
 *
 * `readIconPack` takes the files src/platform/unzip.ts extracted (it already refused hostile
 * ZIPs) and gives the pack with each usable icon's bytes and checked MIME type. The pack is
 * refused as a whole (ICON_PACK_INVALID, field 'pack.json') when pack.json is missing, not
 * JSON, or lacks uuid/name/version/icons; a single icon that is missing, not the image its
 * name says, an unsafe SVG (image-check.ts) or a repeat of an earlier file is left out and
 * listed in `skipped` with the reason, so one bad icon does not cost the other thousand.
 *
 * `suggestIcons` / `bestIcon` match an issuer to the pack's issuer patterns as Aegis does
 * (IconPack.Icon.isSuggestedFor: case-insensitive, either string containing the other), made
 * space-insensitive and ranked: exact match first, then the issuer containing a pattern
 * (longer patterns first), then a pattern containing the issuer; SVG before PNG before JPEG
 * (the format's order of preference), then pack order.
 */
import { utf8Decode } from '../bytes';
import { KeyslotError } from '../errors';
import { iconMime, type IconMime } from './image-check';
import { ICON_FILE_RE, ICON_PACK_LIMITS, isSafeZipPath, PACK_JSON } from './zip-guard';

export interface PackIcon {
  /** The icon's name (pack.json `name`, else the file name without extension). */
  name: string;
  category: string;
  /** Issuer patterns, as written in the pack. */
  issuers: string[];
  filename: string;
  mime: IconMime;
  bytes: Uint8Array;
}

export interface IconPack {
  uuid: string;
  name: string;
  version: number;
  icons: PackIcon[];
  skipped: { filename: string; reason: 'missing' | 'not-image' | 'unsafe-svg' | 'duplicate' | 'bad-entry' }[];
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEXT_MAX = 256;
const ISSUERS_MAX = 64;

const invalid = (): KeyslotError => new KeyslotError('ICON_PACK_INVALID', { field: PACK_JSON });

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, Json>, key: string): Json =>
  Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
const text = (v: Json): string | undefined => (typeof v === 'string' && v.length <= TEXT_MAX ? v : undefined);

function parsePackJson(bytes: Uint8Array | undefined): Record<string, Json> {
  const source = bytes === undefined ? null : utf8Decode(bytes);
  if (source === null) throw invalid();
  let json: Json;
  try {
    json = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch {
    throw invalid(); // the parser's message may quote the file
  }
  if (!isObject(json)) throw invalid();
  return json;
}

const baseName = (filename: string) => filename.slice(filename.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');

/** Reads a pack from its extracted files (see the header). */
export function readIconPack(files: ReadonlyMap<string, Uint8Array>): IconPack {
  const json = parsePackJson(files.get(PACK_JSON));
  const uuid = text(own(json, 'uuid'));
  const name = text(own(json, 'name'));
  const version = own(json, 'version');
  const list = own(json, 'icons');
  if (uuid === undefined || !UUID_RE.test(uuid) || name === undefined) throw invalid();
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) throw invalid();
  if (!Array.isArray(list) || list.length > ICON_PACK_LIMITS.entriesMax) throw invalid();

  const pack: IconPack = { uuid: uuid.toLowerCase(), name, version, icons: [], skipped: [] };
  const used = new Set<string>();
  for (const entry of list) {
    const filename = isObject(entry) ? text(own(entry, 'filename')) : undefined;
    const issuerList = isObject(entry) ? own(entry, 'issuer') : undefined;
    const issuers = Array.isArray(issuerList) ? issuerList.map(text) : [];
    if (
      !isObject(entry) ||
      filename === undefined ||
      !isSafeZipPath(filename) ||
      !ICON_FILE_RE.test(filename) ||
      issuers.length > ISSUERS_MAX ||
      issuers.includes(undefined)
    ) {
      pack.skipped.push({ filename: filename ?? '', reason: 'bad-entry' });
      continue;
    }
    if (used.has(filename)) {
      pack.skipped.push({ filename, reason: 'duplicate' });
      continue;
    }
    used.add(filename);
    const bytes = files.get(filename);
    if (bytes === undefined) {
      pack.skipped.push({ filename, reason: 'missing' });
      continue;
    }
    const mime = iconMime(filename, bytes);
    if (mime === null) {
      pack.skipped.push({ filename, reason: /\.svg$/i.test(filename) ? 'unsafe-svg' : 'not-image' });
      continue;
    }
    pack.icons.push({
      name: text(own(entry, 'name')) ?? baseName(filename),
      category: text(own(entry, 'category')) ?? '',
      issuers: (issuers as string[]).filter((s) => s.trim() !== ''),
      filename,
      mime,
      bytes,
    });
  }
  return pack;
}

// ---------------------------------------------------------------- matching

/** Case-, width- and space-insensitive form of an issuer or pattern. */
export function matchKey(text: string): string {
  return String(text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, '');
}

const FORMAT_RANK: Readonly<Record<IconMime, number>> = { 'image/svg+xml': 0, 'image/png': 1, 'image/jpeg': 2 };
/** Shortest issuer that may match inside a longer pattern ("x" would match half the pack). */
const CONTAINED_MIN = 3;

/**
 * Each icon's patterns in matchKey form, worked out once per icon: a list of 200 slots against a
 * 1,500-icon pack would otherwise normalise 900,000 patterns on every look.
 */
const patternKeys = new WeakMap<PackIcon, string[]>();
function keysOf(icon: PackIcon): string[] {
  let keys = patternKeys.get(icon);
  if (!keys) patternKeys.set(icon, (keys = icon.issuers.map(matchKey).filter((k) => k !== '')));
  return keys;
}

/** How well one icon fits: [kind (0 exact, 1 issuer ⊃ pattern, 2 pattern ⊃ issuer), -pattern length], or null. */
function score(icon: PackIcon, key: string): [number, number] | null {
  let best: [number, number] | null = null;
  for (const p of keysOf(icon)) {
    const s: [number, number] | null =
      p === key
        ? [0, -p.length]
        : key.includes(p)
          ? [1, -p.length]
          : key.length >= CONTAINED_MIN && p.includes(key)
            ? [2, -p.length]
            : null;
    if (s && (!best || s[0] < best[0] || (s[0] === best[0] && s[1] < best[1]))) best = s;
  }
  return best;
}

function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The icons of `packs` that match `issuer`, best first (see the header); at most `limit`. */
export function suggestIcons(packs: readonly IconPack[], issuer: string, limit = 12): PackIcon[] {
  const key = matchKey(issuer);
  if (key === '') return [];
  const found: { icon: PackIcon; rank: number[] }[] = [];
  let order = 0;
  for (const pack of packs) {
    for (const icon of pack.icons) {
      const s = score(icon, key);
      order += 1;
      if (s) found.push({ icon, rank: [s[0], s[1], FORMAT_RANK[icon.mime], order] });
    }
  }
  found.sort((a, b) => lexicographic(a.rank, b.rank));
  return found.slice(0, Math.max(0, limit)).map((f) => f.icon);
}

/** The one icon Keyslot proposes for an issuer, or null. */
export function bestIcon(packs: readonly IconPack[], issuer: string): PackIcon | null {
  return suggestIcons(packs, issuer, 1)[0] ?? null;
}
