/**
 * Unzips an icon pack: the only module that imports fflate (MIT, no dependencies, ~8 KB
 * for the parts used here, maintained, widely used; pure JavaScript, so the same code runs in
 * Node tests and the browser; it hands us the central directory before inflating anything
 * and inflates as a stream, which is what the limits below need). Loaded only when a
 * person imports a pack, never on first load.
 *
 * Two passes, with src/core/icons/zip-guard.ts deciding:
 *  1. the central directory only (no inflating): every entry's name, method and declared
 *     sizes go through ZipGuard, which refuses the whole pack for a hostile one;
 *  2. the admitted entries are inflated as a stream, fed in small chunks, counting the bytes
 *     that really come out: an entry that inflates past its declared size (a lying header,
 *     the classic bomb) stops the pack within one chunk, and every admitted entry must come
 *     out exactly once and exactly as long as declared.
 */
import { Unzip, UnzipInflate, unzipSync, type UnzipFile } from 'fflate';
import { KeyslotError } from '../core/errors';
import { iconPackTooLarge, ZipGuard } from '../core/icons/zip-guard';

/** Small pushes: one chunk of deflate can inflate ~1000×, so this bounds the work after a lie to ~1 MB. */
const CHUNK = 1024;

const invalid = (): KeyslotError => new KeyslotError('ICON_PACK_INVALID', { field: 'file' });

/** Pass 1: the admitted entries and their declared inflated sizes. */
function admitted(zip: Uint8Array): Map<string, number> {
  const guard = new ZipGuard(zip.length);
  const wanted = new Map<string, number>();
  try {
    unzipSync(zip, {
      filter: (entry) => {
        if (guard.admit(entry)) wanted.set(entry.name, entry.originalSize);
        return false; // nothing is inflated in this pass
      },
    });
  } catch (e) {
    if (e instanceof KeyslotError) throw e;
    throw invalid(); // not a ZIP, or a damaged directory (fflate's message may quote the file)
  }
  return wanted;
}

/**
 * The pack's pack.json and icon files (names as in the ZIP), each checked as described above.
 * Throws ICON_PACK_INVALID or ICON_PACK_TOO_LARGE; nothing else escapes.
 */
export function unzipIconPack(zip: Uint8Array): Map<string, Uint8Array> {
  if (!(zip instanceof Uint8Array)) throw invalid();
  const wanted = admitted(zip);
  const out = new Map<string, Uint8Array>();
  let failure: KeyslotError | null = null;
  const fail = (e: KeyslotError) => (failure ??= e);

  const onFile = (file: UnzipFile) => {
    const declared = wanted.get(file.name);
    // Only entries the central directory admitted, once each; a local header for anything else is skipped.
    if (declared === undefined) return;
    if (out.has(file.name)) return void fail(invalid());
    const chunks: Uint8Array[] = [];
    let length = 0;
    out.set(file.name, new Uint8Array(0));
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) return void fail(invalid());
      length += data.length;
      if (length > declared) return void fail(iconPackTooLarge());
      chunks.push(data);
      if (!final) return;
      if (length !== declared) return void fail(invalid());
      const whole = new Uint8Array(length);
      let at = 0;
      for (const c of chunks) whole.set(c, (at += c.length) - c.length);
      out.set(file.name, whole);
    };
    file.start();
  };

  try {
    const unzip = new Unzip(onFile);
    unzip.register(UnzipInflate);
    for (let at = 0; at < zip.length && !failure; at += CHUNK) {
      unzip.push(zip.subarray(at, at + CHUNK), at + CHUNK >= zip.length);
    }
  } catch {
    fail(invalid());
  }
  if (failure) throw failure;
  // Every admitted entry came out, whole.
  for (const [name, size] of wanted) if (out.get(name)?.length !== size) throw invalid();
  return out;
}
