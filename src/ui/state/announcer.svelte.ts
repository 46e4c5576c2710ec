import type { MessageKey } from '../i18n/i18n';

export interface Announcement {
  key: MessageKey;
  params: Record<string, string | number>;
}

/** Words for the polite live region ("Copied", "Slot added"), as a catalogue key and its values. */
export class Announcer {
  announcement = $state.raw<Announcement | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  announce(key: MessageKey, params: Record<string, string | number> = {}): void {
    // Clear first so the same words twice in a row are announced again.
    this.announcement = null;
    clearTimeout(this.#timer);
    queueMicrotask(() => (this.announcement = { key, params }));
    this.#timer = setTimeout(() => (this.announcement = null), 4000);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.announcement = null;
  }
}
