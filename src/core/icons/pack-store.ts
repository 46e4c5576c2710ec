/**
 * An installed icon pack as Keyslot keeps it (docs/vault.md, "Icon packs"): the pack's name,
 * version and usable icons, in one binary plaintext that the vault's data key encrypts
 * (AES-GCM, AAD = iconPackAad(uuid), core/vault/aad.ts). Encrypted, like the slots: a pack made
 * by a person holds the issuers they use. Only what readIconPack (icon-pack.ts) accepted is
 * kept; a pack read back goes through the same checks again (every icon's bytes through
 * iconMime), so a stored pack is never trusted more than a freshly imported one.
 *
 * Plaintext, version 1:
 *   bytes 0–3   the length L of the header, unsigned 32-bit big-endian
 *   bytes 4…    the header: UTF-8 JSON
 *               { "v": 1, "uuid", "name", "version", "skipped": <count>,
 *                 "icons": [{ "name", "category", "issuers": [..], "filename", "mime", "length" }] }
 *   then        every icon's bytes, back to back, in the header's order
 *
 * The stored record (IndexedDB 'meta', key `iconPack.<uuid>`): { v: 1, uuid, iv, ct } with iv and
 * ct in base64 (StoredIconPack).
 */
import { base64Decode, base64Encode, utf8Decode, utf8Encode, type Bytes } from '../bytes';
import { KeyslotError } from '../errors';
import { iconMime } from './image-check';
import { ICON_PACK_LIMITS } from './zip-guard';
import type { IconPack, PackIcon } from './icon-pack';

export const PACK_STORE_VERSION = 1;
/** At most this many packs are installed at once (Aegis users keep one or two). */
export const ICON_PACKS_MAX = 8;

/** The stored record of one pack (already encrypted). */
export interface StoredIconPack {
  v: 1;
  uuid: string;
  iv: string;
  ct: string;
}

/** What Settings shows of an installed pack. */
export interface PackSummary {
  uuid: string;
  name: string;
  version: number;
  count: number;
  skipped: number;
}

export const summarise = (pack: IconPack): PackSummary => ({
  uuid: pack.uuid,
  name: pack.name,
  version: pack.version,
  count: pack.icons.length,
  skipped: pack.skipped.length,
});

const corrupt = (field: string): KeyslotError => new KeyslotError('VAULT_CORRUPT', { field });
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A pack → the plaintext above. */
export function encodePack(pack: IconPack): Bytes {
  const header = utf8Encode(
    JSON.stringify({
      v: PACK_STORE_VERSION,
      uuid: pack.uuid,
      name: pack.name,
      version: pack.version,
      skipped: pack.skipped.length,
      icons: pack.icons.map((i) => ({
        name: i.name,
        category: i.category,
        issuers: i.issuers,
        filename: i.filename,
        mime: i.mime,
        length: i.bytes.length,
      })),
    }),
  );
  const total = 4 + header.length + pack.icons.reduce((n, i) => n + i.bytes.length, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, header.length);
  out.set(header, 4);
  let at = 4 + header.length;
  for (const icon of pack.icons) {
    out.set(icon.bytes, at);
    at += icon.bytes.length;
  }
  return out;
}

const isString = (v: unknown, max = 256): v is string => typeof v === 'string' && v.length <= max;

/**
 * The plaintext above → the pack, checked again: VAULT_CORRUPT (field 'iconPack') for anything
 * out of shape, lengths that do not add up, or an icon whose bytes are not the image it says.
 */
export function decodePack(plain: Uint8Array, uuid: string): IconPack {
  const fail = () => corrupt('iconPack');
  if (!(plain instanceof Uint8Array) || plain.length < 4) throw fail();
  const headerLength = new DataView(plain.buffer, plain.byteOffset, plain.byteLength).getUint32(0);
  if (headerLength > ICON_PACK_LIMITS.packJsonBytesMax * 2 || 4 + headerLength > plain.length) throw fail();
  const text = utf8Decode(plain.subarray(4, 4 + headerLength));
  let head: Record<string, unknown>;
  try {
    head = JSON.parse(text ?? '') as Record<string, unknown>;
  } catch {
    throw fail();
  }
  if (typeof head !== 'object' || head === null || head['v'] !== PACK_STORE_VERSION) throw fail();
  const { name, version, skipped, icons } = head;
  if (head['uuid'] !== uuid || !isString(name) || !Number.isSafeInteger(version) || (version as number) < 0)
    throw fail();
  if (!Number.isSafeInteger(skipped) || (skipped as number) < 0 || !Array.isArray(icons)) throw fail();
  if (icons.length > ICON_PACK_LIMITS.entriesMax) throw fail();
  let at = 4 + headerLength;
  const out: PackIcon[] = [];
  for (const raw of icons as Record<string, unknown>[]) {
    const length = raw?.['length'];
    const issuers = raw?.['issuers'];
    if (
      !isString(raw?.['name']) ||
      !isString(raw?.['category']) ||
      !isString(raw?.['filename']) ||
      !Array.isArray(issuers) ||
      !issuers.every((s) => isString(s)) ||
      !Number.isSafeInteger(length) ||
      (length as number) <= 0 ||
      at + (length as number) > plain.length
    )
      throw fail();
    const filename = raw['filename'] as string;
    const bytes = plain.slice(at, at + (length as number));
    at += length as number;
    const mime = iconMime(filename, bytes);
    if (mime === null || mime !== raw['mime']) throw fail();
    out.push({ name: raw['name'] as string, category: raw['category'] as string, issuers, filename, mime, bytes });
  }
  if (at !== plain.length) throw fail();
  return {
    uuid,
    name,
    version: version as number,
    icons: out,
    // Only their number is kept: Settings says how many were left out.
    skipped: Array.from({ length: skipped as number }, () => ({ filename: '', reason: 'bad-entry' as const })),
  };
}

/** The stored record, checked: VAULT_CORRUPT for anything out of shape. */
export function parseStoredPack(raw: unknown): { uuid: string; iv: Bytes; ct: Bytes } {
  const r = raw as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null || r['v'] !== 1) throw corrupt('iconPack');
  const uuid = r['uuid'];
  const iv = typeof r['iv'] === 'string' ? base64Decode(r['iv']) : null;
  const ct = typeof r['ct'] === 'string' ? base64Decode(r['ct']) : null;
  if (typeof uuid !== 'string' || !UUID_RE.test(uuid) || !iv || iv.length !== 12 || !ct || ct.length < 17)
    throw corrupt('iconPack');
  return { uuid, iv, ct };
}

export function serializeStoredPack(uuid: string, iv: Uint8Array, ct: Uint8Array): StoredIconPack {
  return { v: 1, uuid, iv: base64Encode(iv), ct: base64Encode(ct) };
}
