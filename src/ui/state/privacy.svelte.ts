import {
  HIDDEN_CHOICES,
  IDLE_CHOICES,
  loadPreferences,
  savePreferences,
  type HiddenChoice,
  type IdleChoice,
  type Preferences,
} from '../../platform/preferences';

export type { HiddenChoice, IdleChoice, Preferences };

/** Where the preferences live: platform/preferences.ts in the app, a fake in tests. */
export interface PreferenceStore {
  load(): Preferences;
  /** Saves (validated) and returns what was saved. */
  save(prefs: Preferences): Preferences;
}

const localPreferences: PreferenceStore = { load: loadPreferences, save: savePreferences };

/** The list's densities, for Settings → Appearance (components talk to state, not to platform/). */
export { DENSITY_CHOICES, type DensityChoice } from '../../platform/preferences';

/**
 * What the screen may show, and the auto-lock preferences: whether the page is hidden (codes
 * are blanked then, so an app-switcher snapshot shows none), since when, and the last input.
 * App.svelte feeds it the page's events and runs the lock timers; SlotItem reads `hidden`
 * and `prefs.tapToReveal`; Settings changes `prefs`. One per app, shared by context (usePrivacy).
 */
export class Privacy {
  /** The choices Settings → Locking offers (ms; 0 = immediately / never). */
  readonly hiddenChoices: readonly HiddenChoice[] = HIDDEN_CHOICES;
  readonly idleChoices: readonly IdleChoice[] = IDLE_CHOICES;
  prefs: Preferences;
  hidden = $state(false);
  /** Date.now() when the page was hidden, null while visible. */
  hiddenSince = $state<number | null>(null);
  /** Date.now() of the last pointer, key or touch input. */
  lastInput: number;
  readonly #store: PreferenceStore;

  constructor(store: PreferenceStore = localPreferences, now: number = Date.now(), hidden = pageHidden()) {
    this.#store = store;
    this.prefs = $state.raw(store.load());
    this.lastInput = $state(now);
    this.hidden = hidden;
  }

  update(change: Partial<Preferences>): void {
    this.prefs = this.#store.save({ ...this.prefs, ...change });
  }
}

function pageHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}
