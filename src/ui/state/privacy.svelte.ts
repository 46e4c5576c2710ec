import { loadPreferences, savePreferences, type Preferences } from '../../platform/preferences';

/**
 * What the screen may show, and the auto-lock preferences: whether the page is hidden (codes
 * are blanked then, so an app-switcher snapshot shows none), since when, and the last input.
 * App.svelte feeds it the page's events and runs the lock timers; SlotItem reads `hidden`
 * and `prefs.tapToReveal`; Settings changes `prefs`.
 */
class Privacy {
  prefs = $state.raw<Preferences>(loadPreferences());
  hidden = $state(typeof document !== 'undefined' && document.visibilityState === 'hidden');
  /** Date.now() when the page was hidden, null while visible. */
  hiddenSince = $state<number | null>(null);
  /** Date.now() of the last pointer, key or touch input. */
  lastInput = $state(Date.now());

  update(change: Partial<Preferences>): void {
    this.prefs = savePreferences({ ...this.prefs, ...change });
  }
}

export const privacy = new Privacy();
