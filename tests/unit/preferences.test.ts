// Auto-lock and tap-to-reveal preferences (src/platform/preferences.ts) and when auto-lock is due (src/core/auto-lock.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  DENSITY_CHOICES,
  HIDDEN_CHOICES,
  IDLE_CHOICES,
  PREFS_KEY,
  loadPreferences,
  parsePreferences,
  savePreferences,
  serializePreferences,
} from '../../src/platform/preferences';
import { SORT_ORDERS } from '../../src/core/organise';
import { hiddenLockDue, idleLockDue, msUntil } from '../../src/core/auto-lock';

const store = new Map<string, string>();
const memoryStorage = {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => void store.set(k, String(v)),
  removeItem: (k: string) => void store.delete(k),
};

beforeEach(() => {
  store.clear();
  vi.stubGlobal('localStorage', memoryStorage);
});
afterEach(() => vi.unstubAllGlobals());

describe('preferences', () => {
  it('defaults to lock 1 minute after hiding, 5 minutes idle, codes shown, the list in the user’s own order, the browser’s language, the compact list', () => {
    expect(DEFAULT_PREFERENCES).toEqual({
      lockWhenHidden: 60_000,
      lockWhenIdle: 300_000,
      tapToReveal: false,
      sortOrder: 'manual',
      language: null,
      piaSyncAtUnlock: false,
      density: 'compact',
    });
    expect(loadPreferences()).toEqual(DEFAULT_PREFERENCES);
  });

  it('offers the choices of the issue: hidden immediately/30 s/1 min/5 min, idle 1/5/15 min or never', () => {
    expect(HIDDEN_CHOICES).toEqual([0, 30_000, 60_000, 300_000]);
    expect(IDLE_CHOICES).toEqual([60_000, 300_000, 900_000, 0]);
  });

  it('round-trips every valid combination through localStorage', () => {
    for (const lockWhenHidden of HIDDEN_CHOICES)
      for (const lockWhenIdle of IDLE_CHOICES)
        for (const tapToReveal of [true, false])
          for (const sortOrder of SORT_ORDERS)
            for (const language of [null, 'en', 'ja'] as const) {
              const density = DENSITY_CHOICES[(lockWhenHidden + lockWhenIdle) % 2 === 0 && tapToReveal ? 1 : 0];
              const prefs = {
                lockWhenHidden,
                lockWhenIdle,
                tapToReveal,
                sortOrder,
                language,
                piaSyncAtUnlock: tapToReveal,
                density,
              };
              expect(savePreferences(prefs)).toEqual(prefs);
              expect(JSON.parse(store.get(PREFS_KEY)!)).toEqual({ v: 1, ...prefs });
              expect(loadPreferences()).toEqual(prefs);
            }
  });

  it.each([
    ['missing', null],
    ['not JSON', '{lockWhenHidden: 0'],
    ['JSON null', 'null'],
    ['an array', '[1,2]'],
    ['a string', '"v1"'],
    ['another version', JSON.stringify({ v: 2, lockWhenHidden: 0, lockWhenIdle: 0, tapToReveal: true })],
    ['no version', JSON.stringify({ lockWhenHidden: 0, lockWhenIdle: 0, tapToReveal: true })],
    ['values not offered', JSON.stringify({ v: 1, lockWhenHidden: 1, lockWhenIdle: -5, tapToReveal: 'yes' })],
    ['numbers as strings', JSON.stringify({ v: 1, lockWhenHidden: '0', lockWhenIdle: '0', tapToReveal: 1 })],
    ['huge numbers', JSON.stringify({ v: 1, lockWhenHidden: 1e308, lockWhenIdle: Number.MAX_SAFE_INTEGER })],
    ['a sort order not offered', JSON.stringify({ v: 1, sortOrder: 'random' })],
    ['a sort order of another type', JSON.stringify({ v: 1, sortOrder: ['name'] })],
    ['a language that is not a short tag', JSON.stringify({ v: 1, language: '<b>ja</b>' })],
    ['a language of another type', JSON.stringify({ v: 1, language: ['ja'] })],
    ['a language tag with a region, not a choice', JSON.stringify({ v: 1, language: 'ja-JP' })],
    ['a language of another version', JSON.stringify({ v: 2, language: 'ja' })],
    ['a density not offered', JSON.stringify({ v: 1, density: 'tiny' })],
    ['a density of another type', JSON.stringify({ v: 1, density: { compact: true } })],
  ])('falls back to the defaults for garbage: %s', (_, text) => {
    expect(parsePreferences(text)).toEqual(DEFAULT_PREFERENCES);
    if (text !== null) store.set(PREFS_KEY, text);
    expect(loadPreferences()).toEqual(DEFAULT_PREFERENCES);
  });

  it('keeps each valid field and defaults only the bad ones', () => {
    expect(
      parsePreferences(
        JSON.stringify({ v: 1, lockWhenHidden: 0, lockWhenIdle: 'x', tapToReveal: true, extra: 1, language: 'ja' }),
      ),
    ).toEqual({
      lockWhenHidden: 0,
      lockWhenIdle: 300_000,
      tapToReveal: true,
      sortOrder: 'manual',
      language: 'ja',
      piaSyncAtUnlock: false,
      density: 'compact',
    });
  });

  it('reads an entry saved before the sort order and language existed, with the manual order and the browser’s language', () => {
    expect(parsePreferences(JSON.stringify({ v: 1, lockWhenHidden: 0, lockWhenIdle: 0, tapToReveal: true }))).toEqual({
      lockWhenHidden: 0,
      lockWhenIdle: 0,
      tapToReveal: true,
      sortOrder: 'manual',
      language: null,
      piaSyncAtUnlock: false,
      density: 'compact',
    });
    expect(parsePreferences(JSON.stringify({ v: 1, sortOrder: 'recent' })).sortOrder).toBe('recent');
    expect(parsePreferences(JSON.stringify({ v: 1, piaSyncAtUnlock: true })).piaSyncAtUnlock).toBe(true);
    expect(parsePreferences(JSON.stringify({ v: 1, piaSyncAtUnlock: 'yes' })).piaSyncAtUnlock).toBe(false);
    expect(parsePreferences(JSON.stringify({ v: 1, density: 'comfortable' })).density).toBe('comfortable');
  });

  it('keeps a language tag it does not know: which languages exist is for i18n to say', () => {
    expect(parsePreferences(JSON.stringify({ v: 1, language: 'fr' })).language).toBe('fr');
  });

  it('never stores a value it would not read back', () => {
    // A caller passing a value outside the choices (a tampered select) gets the default stored.
    const saved = savePreferences({
      lockWhenHidden: 12345 as 0,
      lockWhenIdle: 0,
      tapToReveal: true,
      sortOrder: 'shuffle' as 'name',
      language: 'JA JP',
      piaSyncAtUnlock: 1 as unknown as boolean,
      density: 'dense' as 'compact',
    });
    expect(saved).toEqual({
      lockWhenHidden: 60_000,
      lockWhenIdle: 0,
      tapToReveal: true,
      sortOrder: 'manual',
      language: null,
      piaSyncAtUnlock: false,
      density: 'compact',
    });
    expect(serializePreferences(saved)).toBe(store.get(PREFS_KEY));
  });

  it('works without localStorage (blocked storage): defaults, and saving does not throw', () => {
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('QuotaExceededError');
      },
    });
    expect(loadPreferences()).toEqual(DEFAULT_PREFERENCES);
    expect(
      savePreferences({
        lockWhenHidden: 0,
        lockWhenIdle: 0,
        tapToReveal: true,
        sortOrder: 'name',
        language: 'ja',
        piaSyncAtUnlock: true,
        density: 'comfortable',
      }),
    ).toEqual({
      lockWhenHidden: 0,
      lockWhenIdle: 0,
      tapToReveal: true,
      sortOrder: 'name',
      language: 'ja',
      piaSyncAtUnlock: true,
      density: 'comfortable',
    });
  });
});

describe('when auto-lock is due', () => {
  const t = 1_700_000_000_000;

  it('locks after the hidden time has passed, measured from timestamps (a frozen tab locks on return)', () => {
    expect(hiddenLockDue(t, t + 59_999, 60_000)).toBe(false);
    expect(hiddenLockDue(t, t + 60_000, 60_000)).toBe(true);
    expect(hiddenLockDue(t, t + 3_600_000, 60_000)).toBe(true);
    expect(hiddenLockDue(t, t, 0)).toBe(true); // immediately
  });

  it('locks after the idle time, and never when idle lock is off', () => {
    expect(idleLockDue(t, t + 299_999, 300_000)).toBe(false);
    expect(idleLockDue(t, t + 300_000, 300_000)).toBe(true);
    expect(idleLockDue(t, t + 1e12, 0)).toBe(false);
  });

  it('gives the timer delay, never negative', () => {
    expect(msUntil(t, t + 10_000, 60_000)).toBe(50_000);
    expect(msUntil(t, t + 90_000, 60_000)).toBe(0);
    expect(msUntil(t, t, 0)).toBe(0);
  });
});
