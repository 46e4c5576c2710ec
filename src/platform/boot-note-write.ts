/**
 * Writing the boot note (its format: boot-note.ts). Loaded with the vault's chunk
 * (session-services.ts), so none of it is fetched before the first interaction.
 */
import { local, parseBootNote, BOOT_NOTE_KEY, type BootNote } from './boot-note';

/** The stored text of a note; throws (naming the field) on a language or kind outside the format. */
export function serializeBootNote(note: BootNote): string {
  const text = `1 ${note.lang} ${note.secret}`;
  if (!/^[a-z]{2,3}$/.test(note.lang)) throw new TypeError('boot note: lang must be a short lowercase tag');
  if (!parseBootNote(text)) throw new TypeError('boot note: secret must be "pin" or "passphrase"');
  return text;
}

/** Writes the note. Full or blocked storage: the app simply starts without the prerendered form. */
export function writeBootNote(note: BootNote): void {
  try {
    local()?.setItem(BOOT_NOTE_KEY, serializeBootNote(note));
  } catch {
    // a nicety, never a reason to fail
  }
}
