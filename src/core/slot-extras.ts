/**
 * What a slot carries besides its credential from record version 4 on (issue 15): the groups it
 * belongs to, a note, and an icon. All three are stored encrypted with the slot (they name the
 * issuer and say what the account is for), validated the same way when written and when read.
 * Pure: the UI re-encodes pictures before they get here (platform/, ≤ 96 px), this module only
 * decides what may be stored.
 */
import { KeyslotError } from './errors';
import { base64Decode, base64Encode } from './bytes';
import { nameKey, normaliseName } from './names';

/** A slot belongs to at most this many groups (Aegis, 2FAS and Ente users keep a handful). */
export const GROUPS_MAX = 32;
/** A group name: 1 to 64 code points once trimmed. */
export const GROUP_NAME_MAX = 64;
/** A note: up to 4,096 code points (a few paragraphs: recovery hints, what the account is for). */
export const NOTE_MAX = 4096;
/** A stored icon: a small raster picture, ≤ 64 KiB (a 96 px WebP is 2 to 8 KiB). */
export const ICON_MAX_BYTES = 64 * 1024;

/** Raster formats only: an SVG is rasterised before it is stored, so nothing stored can run. */
export type IconFormat = 'image/png' | 'image/webp' | 'image/jpeg';
/** Where a stored icon came from: picked by the user, from an icon pack, or kept from an import. */
export type IconSource = 'custom' | 'pack' | 'import';

export interface SlotIcon {
  readonly mime: IconFormat;
  readonly bytes: Uint8Array;
  readonly source: IconSource;
}

const SOURCES: readonly IconSource[] = ['custom', 'pack', 'import'];

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** `text` without C0/C1 control characters (U+0000–U+001F, U+007F–U+009F), except those in `keep`. */
function withoutControls(text: string, keep = ''): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c <= 0x1f || (c >= 0x7f && c <= 0x9f)) && !keep.includes(ch)) continue;
    out += ch;
  }
  return out;
}

/**
 * The raster format of `bytes` from their signature, or null: PNG (ISO/IEC 15948 §5.2, the
 * 8-byte signature), JPEG (ITU T.81 SOI marker FF D8 then a marker FF), WebP (RIFF container,
 * RFC 9649 §2.5: "RIFF", a size, "WEBP").
 */
export function rasterFormat(bytes: Uint8Array): IconFormat | null {
  const at = (i: number, seq: readonly number[]) => seq.every((b, k) => bytes[i + k] === b);
  if (bytes.length >= 8 && at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.length >= 3 && at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.length >= 12 && at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

/**
 * One group name as stored: normalised like every name (core/names.ts: well-formed, no control,
 * bidi or zero-width characters, NFC, trimmed), 1 to GROUP_NAME_MAX code points. Throws
 * GROUP_INVALID / NAME_TOO_LONG naming `field`.
 */
export function groupName(name: string, field = 'groups'): string {
  if (typeof name !== 'string') throw new KeyslotError('GROUP_INVALID', { field });
  const clean = normaliseName(name);
  if (clean === '') throw new KeyslotError('GROUP_INVALID', { field });
  if (codePoints(clean) > GROUP_NAME_MAX) throw new KeyslotError('NAME_TOO_LONG', { field, max: GROUP_NAME_MAX });
  return clean;
}

/**
 * How two group names compare, as two slot names do (core/names.ts nameKey): "Work", " work",
 * full-width "Ｗｏｒｋ" and "Work" with a zero-width joiner are one group.
 */
export function groupKey(name: string): string {
  return nameKey(name);
}

/**
 * A slot's groups as stored: each a groupName, no two with the same groupKey (the first
 * spelling wins), at most GROUPS_MAX, in the order given. Throws GROUP_INVALID /
 * NAME_TOO_LONG / GROUPS_TOO_MANY naming `field`.
 */
export function groupList(names: readonly unknown[], field = 'groups'): string[] {
  if (!Array.isArray(names)) throw new KeyslotError('GROUP_INVALID', { field });
  const out: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    if (typeof n !== 'string') throw new KeyslotError('GROUP_INVALID', { field });
    const clean = groupName(n, field);
    const key = groupKey(clean);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  if (out.length > GROUPS_MAX) throw new KeyslotError('GROUPS_TOO_MANY', { field, max: GROUPS_MAX });
  return out;
}

/** A note as stored: line breaks normalised to \n, no other control characters, ≤ NOTE_MAX. */
export function noteText(note: string, field = 'note'): string {
  if (typeof note !== 'string') throw new KeyslotError('NOTE_TOO_LONG', { field, max: NOTE_MAX });
  // CRLF and CR become LF; tabs and line breaks stay, other control characters go.
  const clean = withoutControls(note.normalize('NFC').replaceAll('\r\n', '\n').replaceAll('\r', '\n'), '\t\n');
  if (codePoints(clean) > NOTE_MAX) throw new KeyslotError('NOTE_TOO_LONG', { field, max: NOTE_MAX });
  return clean;
}

/**
 * A stored icon, checked: a known source, 1 to ICON_MAX_BYTES bytes whose signature is the
 * format it claims. Throws ICON_INVALID naming `field`.
 */
export function checkIcon(icon: SlotIcon, field = 'icon'): SlotIcon {
  const ok =
    typeof icon === 'object' &&
    icon !== null &&
    icon.bytes instanceof Uint8Array &&
    icon.bytes.length > 0 &&
    icon.bytes.length <= ICON_MAX_BYTES &&
    SOURCES.includes(icon.source) &&
    rasterFormat(icon.bytes) === icon.mime;
  if (!ok) throw new KeyslotError('ICON_INVALID', { field, max: ICON_MAX_BYTES });
  return { mime: icon.mime, bytes: icon.bytes, source: icon.source };
}

/** A stored icon as a data: URL for an <img src> (the CSP allows img-src data:; never inlined markup). */
export function iconDataUrl(icon: SlotIcon): string {
  return `data:${icon.mime};base64,${base64Encode(icon.bytes)}`;
}

/** A stored icon's JSON form (vault record plaintext and backup plaintext alike): bytes as base64. */
export interface IconJson {
  mime: IconFormat;
  bytes: string;
  source: IconSource;
}

export function iconToJson(icon: SlotIcon | null): IconJson | null {
  return icon ? { mime: icon.mime, bytes: base64Encode(icon.bytes), source: icon.source } : null;
}

/**
 * An icon back from its JSON form, checked like any stored icon (checkIcon): null stays null;
 * anything else out of shape (extra keys, bytes that are not base64) is ICON_INVALID naming `field`.
 */
export function iconFromJson(raw: unknown, field = 'icon'): SlotIcon | null {
  if (raw === null) return null;
  const o = raw as Record<string, unknown>;
  const shaped =
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    Object.getPrototypeOf(raw) === Object.prototype &&
    Object.keys(o).sort().join() === 'bytes,mime,source' &&
    typeof o['bytes'] === 'string';
  const bytes = shaped ? base64Decode(o['bytes'] as string) : null;
  if (!bytes) throw new KeyslotError('ICON_INVALID', { field });
  return checkIcon({ mime: o['mime'] as IconFormat, bytes, source: o['source'] as IconSource }, field);
}
