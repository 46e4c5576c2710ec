/**
 * What an export says about how the person organised an entry, beyond the code itself:
 * groups or tags, favourite, note, icon (and Ente's trash). Importers attach it to an `ok`
 * entry as `extras`; the UI stores it with the slot (groups, favourite and note encrypted with
 * the slot; the icon re-encoded small first, see docs/icons-and-groups.md). Everything here is
 * optional and never decides whether an entry imports: a malformed group list, note or icon
 * is simply left out.
 *
 * Where each app keeps it (their export formats):
 *   Aegis      entry.groups (uuids of db.groups[{uuid, name}]) or, before vault v3, entry.group;
 *              entry.favorite; entry.note; entry.icon (base64) + entry.icon_mime
 *   2FAS       service.groupId → groups[{id, name}]
 *   Ente Auth  the URI's codeDisplay JSON: tags, pinned (favourite), note, trashed
 *   Bitwarden  item.favorite, item.notes, item.folderId → folders[{id, name}];
 *              CSV columns folder, favorite ("1"), notes
 *   andOTP     entry.tags
 *   Proton     entry.note
 */
import { iconMime, type IconMime } from '../icons/image-check';
import { GROUPS_MAX, GROUP_NAME_MAX, NOTE_MAX, groupKey, groupList, groupName, noteText } from '../slot-extras';
import type { ImportEntry } from './common';

/**
 * The vault's limits (slot-extras.ts): a longer note is cut with "…", a longer group name cut,
 * groups past the most a slot holds left out. What these cleaners return is already in the
 * stored form the vault checks, so an imported slot never fails to store for its extras.
 */
export { GROUP_NAME_MAX, NOTE_MAX };
export const GROUPS_PER_ENTRY_MAX = GROUPS_MAX;
/** Largest icon taken from an export (Aegis stores them as they were picked; the UI re-encodes). */
export const IMPORT_ICON_BYTES_MAX = 512 * 1024;

export interface ImportedIcon {
  mime: IconMime;
  bytes: Uint8Array;
}

export interface EntryExtras {
  /** Group or tag names, trimmed, without repeats (case-insensitive), in file order. */
  groups: string[];
  favourite: boolean;
  /** '' when there is none. */
  note: string;
  icon: ImportedIcon | null;
  /** In the source app's trash (Ente). */
  trashed: boolean;
}

export const NO_EXTRAS: Readonly<EntryExtras> = Object.freeze({
  groups: [],
  favourite: false,
  note: '',
  icon: null,
  trashed: false,
});

/** Group names from untrusted values: strings only, trimmed, non-empty, cut to GROUP_NAME_MAX, no repeats. */
export function cleanGroups(values: readonly unknown[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    let name: string;
    try {
      name = groupName(Array.from(v.normalize('NFC').replace(/\s+/gu, ' ').trim()).slice(0, GROUP_NAME_MAX).join(''));
    } catch {
      continue; // empty once cleaned
    }
    const key = groupKey(name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
    if (out.length === GROUPS_PER_ENTRY_MAX) break;
  }
  return out;
}

/** A note from an untrusted value: a string, line ends normalised, cut to NOTE_MAX code points. */
export function cleanNote(value: unknown): string {
  if (typeof value !== 'string') return '';
  const text = value.replace(/\r\n?/g, '\n').trim();
  const points = Array.from(text);
  return noteText(points.length > NOTE_MAX ? `${points.slice(0, NOTE_MAX - 1).join('')}…` : text);
}

/** An icon from an export: kept only when its bytes are the image they claim (image-check.ts). */
export function cleanIcon(bytes: Uint8Array | null | undefined, mime: unknown): ImportedIcon | null {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0 || bytes.length > IMPORT_ICON_BYTES_MAX) return null;
  const ext = mime === 'image/svg+xml' ? 'svg' : mime === 'image/png' ? 'png' : mime === 'image/jpeg' ? 'jpg' : null;
  // Aegis before icon_mime existed stored JPEGs only (docs/vault.md: "JPEG's encoded in Base64").
  const checked = iconMime(`icon.${ext ?? 'jpg'}`, bytes);
  return checked ? { mime: checked, bytes } : null;
}

/** The entry with these extras attached, when it imports and there is anything to attach. */
export function withExtras(entry: ImportEntry, extras: Partial<EntryExtras>): ImportEntry {
  if (entry.status !== 'ok') return entry;
  const full: EntryExtras = { ...NO_EXTRAS, ...extras };
  const empty = full.groups.length === 0 && !full.favourite && full.note === '' && full.icon === null && !full.trashed;
  return empty ? entry : { ...entry, extras: full };
}

/**
 * What an imported slot starts with from its entry's extras, in the vault's stored form
 * (record version 4): its groups, favourite and note; an entry in the source app's trash goes
 * to Keyslot's trash (`now`), where it can be restored or left to expire. The icon is not here:
 * the platform re-encodes it first (platform/icon-image.ts) and adds it.
 */
export function extrasMeta(
  extras: EntryExtras | undefined,
  now: number,
): { groups: string[]; favourite: boolean; note: string; deletedAt: number } {
  const e = extras ?? NO_EXTRAS;
  let groups: string[];
  let note: string;
  try {
    groups = groupList(e.groups);
  } catch {
    groups = []; // never from cleanGroups; a hand-made entry's bad list is left out, not fatal
  }
  try {
    note = noteText(e.note);
  } catch {
    note = '';
  }
  return { groups, favourite: e.favourite === true, note, deletedAt: e.trashed === true ? now : 0 };
}
