/**
 * Copying a code. Only the code goes on the clipboard. After CLEAR_AFTER_MS, if the clipboard
 * still holds exactly that code, it is emptied. That needs reading the clipboard
 * (navigator.clipboard.readText): where the browser refuses (no permission, page not focused,
 * Safari and Firefox without a user gesture) nothing is cleared, because clearing blindly could
 * wipe something else the user copied since. The timer belongs to the copy, not to the screen:
 * it still runs after Keyslot locks (a locked app should not leave its last code behind).
 */

export const CLEAR_AFTER_MS = 30_000;

/** Timers for each copied text, so copying the same code again restarts its wait. */
const pending = new Map<string, ReturnType<typeof setTimeout>>();

async function clearIfStill(text: string): Promise<void> {
  pending.delete(text);
  try {
    if ((await navigator.clipboard.readText()) === text) await navigator.clipboard.writeText('');
  } catch {
    // Reading not allowed here: leave the clipboard alone.
  }
}

/** Puts `text` on the clipboard (throws if the browser refuses) and schedules its clearing. */
export async function copyCode(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
  clearTimeout(pending.get(text));
  pending.set(
    text,
    setTimeout(() => void clearIfStill(text), CLEAR_AFTER_MS),
  );
}
