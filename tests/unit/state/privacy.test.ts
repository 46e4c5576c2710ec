// Privacy: the auto-lock and reveal preferences, saved through a store, and the page's visibility.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, toPreferences, type Preferences } from '../../../src/platform/preferences';
import { Privacy, type PreferenceStore } from '../../../src/ui/state/privacy.svelte.ts';

/** A store that validates like localStorage's (toPreferences) and keeps what it saved. */
function memoryStore(initial: Partial<Preferences> = {}): PreferenceStore & { saved: Preferences[] } {
  const saved: Preferences[] = [];
  return {
    saved,
    load: () => ({ ...DEFAULT_PREFERENCES, ...initial }),
    save(prefs) {
      const clean = toPreferences({ v: 1, ...prefs });
      saved.push(clean);
      return clean;
    },
  };
}

describe('Privacy', () => {
  it('starts with the stored preferences, the page visible and the last input now', () => {
    const privacy = new Privacy(memoryStore({ tapToReveal: true }), 1_000, false);
    expect(privacy.prefs.tapToReveal).toBe(true);
    expect(privacy.hidden).toBe(false);
    expect(privacy.hiddenSince).toBeNull();
    expect(privacy.lastInput).toBe(1_000);
  });

  it('saves a change merged into the other preferences, and shows what was saved', () => {
    const store = memoryStore({ sortOrder: 'name' });
    const privacy = new Privacy(store, 0, false);
    privacy.update({ lockWhenIdle: 0 });
    expect(store.saved).toEqual([{ ...DEFAULT_PREFERENCES, sortOrder: 'name', lockWhenIdle: 0 }]);
    expect(privacy.prefs).toEqual(store.saved[0]);
  });

  it('keeps what the store accepted, not a value outside the choices (a tampered select)', () => {
    const privacy = new Privacy(memoryStore(), 0, false);
    privacy.update({ lockWhenHidden: 12_345 as 0 });
    expect(privacy.prefs.lockWhenHidden).toBe(DEFAULT_PREFERENCES.lockWhenHidden);
  });

  it('offers the lock choices Settings lists, each one a value the store keeps', () => {
    const privacy = new Privacy(memoryStore(), 0, false);
    for (const ms of privacy.hiddenChoices) {
      privacy.update({ lockWhenHidden: ms });
      expect(privacy.prefs.lockWhenHidden).toBe(ms);
    }
    for (const ms of privacy.idleChoices) {
      privacy.update({ lockWhenIdle: ms });
      expect(privacy.prefs.lockWhenIdle).toBe(ms);
    }
  });
});
