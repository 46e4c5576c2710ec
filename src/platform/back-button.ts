/**
 * The system Back button (Android's button or gesture, the browser's Back, Alt+←) for Keyslot's
 * own screens. While an inner screen is open (Add, Import, Settings or one of its sections) the
 * page has ONE extra history entry, so Back returns to the list instead of leaving Keyslot.
 *
 * The entry has the same URL as the page and a one-field marker as its state: nothing about the
 * screen, and never a slot, a link or a PIN (history is written to disk and may be synced).
 * The scanner pushes an entry of its own above this one while it is open (Scanner.svelte); going
 * back from it lands on this entry again, which is not a Back out of the screen.
 */

/** What Navigation needs from the browser's history; tests pass a fake. */
export interface BackHistory {
  /** Make sure the extra entry exists (nothing if it already does). */
  hold(): void;
  /** Remove the extra entry, if there is one, without it counting as the person's Back. */
  release(): void;
  /** `back` runs when the person goes back past the extra entry (which is then gone). */
  listen(back: () => void): void;
}

const MARK = 'keyslotScreen';

const isOurs = (state: unknown): boolean =>
  typeof state === 'object' && state !== null && (state as Record<string, unknown>)[MARK] === true;

export function browserBackHistory(): BackHistory {
  let held = false;
  let ownPops = 0; // history.back() calls of release(), whose popstate is not the person's
  return {
    hold() {
      if (held) return;
      held = true;
      history.pushState({ [MARK]: true }, '');
    },
    release() {
      if (!held) return;
      held = false;
      // Only our own entry is taken back; if another is above it (the scanner's), it stays and
      // costs one extra Back at worst.
      if (!isOurs(history.state)) return;
      ownPops += 1;
      history.back();
    },
    listen(back) {
      window.addEventListener('popstate', (event) => {
        if (ownPops > 0) {
          ownPops -= 1;
          return;
        }
        if (!held || isOurs(event.state)) return; // back from the scanner's entry onto ours
        held = false;
        back();
      });
    },
  };
}
