/**
 * The rules an icon-pack ZIP must pass before anything in it is inflated (the unzipping
 * itself is src/platform/unzip.ts, the only module that imports fflate). A pack is a file
 * from the internet: it is refused as a whole when it is too big, has too many files, a
 * name that could climb out of a folder or means two things, or an entry that inflates far
 * more than an icon could (a "zip bomb"). Nothing is ever written to disk, but the rules
 * are those of a careful extractor anyway (defence in depth, and the same rules the day
 * anything does write).
 *
 * Errors: ICON_PACK_TOO_LARGE (`max` = the ZIP size cap in MiB) for every size, count and
 * ratio cap; ICON_PACK_INVALID for names and methods. Neither carries a file name.
 */
import { KeyslotError } from '../errors';

export const ICON_PACK_LIMITS = Object.freeze({
  /** The .zip itself (the aegis-icons pack is a few MiB). Checked first. */
  zipBytesMax: 32 * 1024 * 1024,
  /** Entries in the central directory, folders included (aegis-icons has ~1,500). */
  entriesMax: 10_000,
  /** One icon, inflated. */
  iconBytesMax: 1024 * 1024,
  /** pack.json, inflated. */
  packJsonBytesMax: 4 * 1024 * 1024,
  /** Everything extracted, inflated. */
  totalBytesMax: 96 * 1024 * 1024,
  /** Inflated ÷ compressed for one entry: SVG text packs ~3–10×, a real bomb ~1000×. */
  ratioMax: 200,
  /** Longest entry name, in UTF-16 units. */
  nameMax: 255,
});

/** The entry names an icon pack may use for icons (Aegis docs/iconpacks.md: SVG, PNG, JPEG). */
export const ICON_FILE_RE = /\.(?:svg|png|jpe?g)$/i;
export const PACK_JSON = 'pack.json';

export interface ZipEntryInfo {
  name: string;
  /** Compressed size, as the central directory says. */
  size: number;
  /** Inflated size, as the central directory says (checked again while inflating). */
  originalSize: number;
  /** 0 stored, 8 deflate; anything else is refused. */
  compression: number;
}

const invalid = (field = 'file'): KeyslotError => new KeyslotError('ICON_PACK_INVALID', { field });
export const iconPackTooLarge = (): KeyslotError =>
  new KeyslotError('ICON_PACK_TOO_LARGE', { field: 'file', max: ICON_PACK_LIMITS.zipBytesMax / 1024 / 1024 });

/**
 * A safe relative path: "/"-separated segments of printable characters; no leading "/",
 * no "\\", no drive letter or other ":", no empty, "." or ".." segment. Folders end in "/".
 */
export function isSafeZipPath(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > ICON_PACK_LIMITS.nameMax) return false;
  // Control characters (C0, DEL, C1), backslashes and colons (drive letters, alternate streams).
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f\\:]/u.test(name)) return false;
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..' && s.trim() === s);
}

/** Whether an entry is one we extract (pack.json and icon files); folders and others are not. */
export function isWanted(name: string): boolean {
  return name === PACK_JSON || (!name.endsWith('/') && ICON_FILE_RE.test(name));
}

/**
 * Checks the central directory of a pack entry by entry (call `admit` for each, in order),
 * before anything is inflated. Returns whether to extract the entry; throws for a hostile one.
 */
export class ZipGuard {
  readonly #seen = new Set<string>();
  #entries = 0;
  #total = 0;

  constructor(zipBytes: number) {
    if (!Number.isSafeInteger(zipBytes) || zipBytes <= 0) throw invalid();
    if (zipBytes > ICON_PACK_LIMITS.zipBytesMax) throw iconPackTooLarge();
  }

  admit(entry: ZipEntryInfo): boolean {
    this.#entries += 1;
    if (this.#entries > ICON_PACK_LIMITS.entriesMax) throw iconPackTooLarge();
    const { name, size, originalSize, compression } = entry;
    if (!isSafeZipPath(name)) throw invalid('path');
    // Names compared case-insensitively: "Google.svg" and "google.svg" would overwrite each other on many file systems.
    const key = name.normalize('NFC').toLowerCase();
    if (this.#seen.has(key)) throw invalid('duplicate');
    this.#seen.add(key);
    if (compression !== 0 && compression !== 8) throw invalid('compression');
    if (!Number.isSafeInteger(size) || !Number.isSafeInteger(originalSize) || size < 0 || originalSize < 0)
      throw invalid();
    if (compression === 0 && size !== originalSize) throw invalid();
    if (!isWanted(name)) return false;
    const cap = name === PACK_JSON ? ICON_PACK_LIMITS.packJsonBytesMax : ICON_PACK_LIMITS.iconBytesMax;
    if (originalSize > cap) throw iconPackTooLarge();
    if (originalSize > Math.max(size, 1) * ICON_PACK_LIMITS.ratioMax) throw iconPackTooLarge();
    this.#total += originalSize;
    if (this.#total > ICON_PACK_LIMITS.totalBytesMax) throw iconPackTooLarge();
    return true;
  }
}
