/**
 * An imported entry's groups, favourite, note and icon (core/importers/extras.ts) as the meta
 * its new slot is stored with (issue 15). The icon an export carries (Aegis: PNG, JPEG or a
 * checked SVG, up to 512 KiB) is re-encoded into the small raster form the vault stores
 * (platform/icon-image.ts); one the browser cannot decode is left out, and the slot keeps its
 * generated icon. Runs before the batch's transaction opens (nothing but its requests inside).
 */
import { extrasMeta, type ImportedIcon } from '../../core/importers/extras';
import type { ImportItem } from '../../core/importers/plan';
import type { SlotMeta } from '../../core/slot';
import type { SlotIcon } from '../../core/slot-extras';

async function importedIcon(icon: ImportedIcon | null | undefined): Promise<SlotIcon | null> {
  if (!icon) return null;
  try {
    const { encodeIcon } = await import('../../platform/icon-image');
    return await encodeIcon(new Blob([icon.bytes as Uint8Array<ArrayBuffer>], { type: icon.mime }), 'import');
  } catch {
    return null; // not decodable here (or no canvas): the generated icon
  }
}

/** Per item, what its slot starts with: groups, favourite, note, trash, icon. */
export function importedMetas(items: readonly ImportItem[], now: number): Promise<Partial<SlotMeta>[]> {
  return Promise.all(
    items.map(async (item) => ({ ...extrasMeta(item.extras, now), icon: await importedIcon(item.extras?.icon) })),
  );
}
