import type { Message, MessageKey } from '../i18n/i18n';

/** `visual` false: for screen readers only, where the screen already shows it in place (a slot's "Copied"). */
export type Announcement = Required<Message> & { visual: boolean };

/** Words for the polite live region ("Copied", "Slot added"), as a catalogue key and its values. */
export class Announcer {
  announcement = $state.raw<Announcement | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  announce(
    key: MessageKey,
    params: Record<string, string | number> = {},
    { visual = true }: { visual?: boolean } = {},
  ): void {
    // Clear first so the same words twice in a row are announced again.
    this.announcement = null;
    clearTimeout(this.#timer);
    queueMicrotask(() => (this.announcement = { key, params, visual }));
    this.#timer = setTimeout(() => (this.announcement = null), 4000);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.announcement = null;
  }
}
