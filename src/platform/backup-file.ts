/**
 * Where a backup goes, and the note about the last one (docs/backup.md, "Where backups go, and the reminder").
 *
 * With the File System Access API (Chromium on desktop): the first backup asks for a file
 * (showSaveFilePicker); its FileSystemFileHandle is kept in IndexedDB (storage.ts), and each
 * later backup re-saves to the same file, asking for permission again when the browser has
 * forgotten it. Elsewhere (Safari, Firefox, phones): a download through an <a download> blob
 * URL, revoked right after.
 *
 * The target is chosen FIRST, while the click's user activation is fresh (the picker and the
 * permission prompt need it), then the backup is encrypted, then written.
 */
import { KeyslotError } from '../core/errors';
import { BACKUP_EXTENSION, readBackupNote, type BackupNoteV1, type BackupPlace } from '../core/backup';
import * as storage from './storage';

/** The parts of the File System Access API Keyslot uses (not in TypeScript's DOM lib yet). */
interface WritableFile {
  write(data: Blob): Promise<void>;
  close(): Promise<void>;
}
interface FileHandle {
  readonly kind: 'file';
  readonly name: string;
  createWritable(): Promise<WritableFile>;
  queryPermission?(d: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission?(d: { mode: 'readwrite' }): Promise<PermissionState>;
}
type SavePicker = (options: {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<FileHandle>;

/** Where the next backup will be written. */
export type BackupTarget = { place: 'file'; handle: FileHandle } | { place: 'download'; fileName: string };

function savePicker(): SavePicker | null {
  const picker = (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  return typeof picker === 'function' ? (picker.bind(globalThis) as SavePicker) : null;
}

function isFileHandle(v: unknown): v is FileHandle {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as FileHandle).kind === 'file' &&
    typeof (v as FileHandle).createWritable === 'function'
  );
}

/** May we write to the handle kept from last time? Asks again (a prompt) when the browser forgot. */
async function writable(handle: FileHandle): Promise<boolean> {
  try {
    const mode = { mode: 'readwrite' } as const;
    if (!handle.queryPermission) return true;
    if ((await handle.queryPermission(mode)) === 'granted') return true;
    return (await handle.requestPermission?.(mode)) === 'granted';
  } catch {
    return false;
  }
}

/**
 * Choose where the backup goes; call it first thing in the click handler. The file used last
 * time when there is one and it may be written, else the picker, else (no File System Access)
 * a download named `suggestedName`. Null when the person closes the picker: nothing is saved.
 */
export async function chooseBackupTarget(suggestedName: string, description: string): Promise<BackupTarget | null> {
  const picker = savePicker();
  if (!picker) return { place: 'download', fileName: suggestedName };
  const kept = await storage.readBackupFile().catch(() => undefined);
  if (isFileHandle(kept) && (await writable(kept))) return { place: 'file', handle: kept };
  try {
    const handle = await picker({
      suggestedName,
      types: [{ description, accept: { 'application/json': [BACKUP_EXTENSION] } }],
    });
    return { place: 'file', handle };
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return null;
    // Refused for another reason (a policy, no activation): the download still works.
    return { place: 'download', fileName: suggestedName };
  }
}

/** Start a download of `text` as `fileName`; the blob URL is revoked right after. */
export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // The click has started the download; a short delay lets every browser pick the blob up.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/**
 * Write the backup text to the target and remember it: the note (time, place, file name,
 * fingerprint) and, for a file, its handle, so the next backup re-saves there. BACKUP_SAVE_FAILED
 * when the file cannot be written (moved, deleted, permission withdrawn): the kept handle is
 * forgotten then, so the next try asks for a file again.
 */
export async function saveBackup(
  target: BackupTarget,
  text: string,
  note: { at: number; fingerprint: string },
): Promise<BackupNoteV1> {
  let place: BackupPlace;
  let fileName: string;
  if (target.place === 'file') {
    try {
      const out = await target.handle.createWritable();
      await out.write(new Blob([text], { type: 'application/json' }));
      await out.close();
    } catch {
      await storage.forgetBackupFile().catch(() => undefined);
      throw new KeyslotError('BACKUP_SAVE_FAILED');
    }
    place = 'file';
    fileName = target.handle.name;
  } else {
    download(text, target.fileName, 'application/json');
    place = 'download';
    fileName = target.fileName;
  }
  const stored: BackupNoteV1 = { v: 1, at: note.at, place, fileName, fingerprint: note.fingerprint };
  try {
    await storage.writeBackupNote(stored, target.place === 'file' ? target.handle : null);
  } catch {
    // A handle the browser cannot store (not structured-cloneable): keep the note anyway; the
    // next backup asks for the file again. If even that fails, the backup itself is written and
    // only the reminder is out of date.
    await storage.writeBackupNote(stored, null).catch(() => undefined);
  }
  return stored;
}

/** The note about the last backup, or null ("No backup yet"). */
export async function lastBackup(): Promise<BackupNoteV1 | null> {
  try {
    return readBackupNote(await storage.readBackupNote());
  } catch {
    return null;
  }
}
