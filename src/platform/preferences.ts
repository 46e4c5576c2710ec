/**
 * The user's NON-SECRET preferences (auto-lock, tap to reveal, the list's sort order, language), in localStorage as
 * `keyslot.prefs` = versioned JSON `{"v":1,"lockWhenHidden":…,"lockWhenIdle":…,"tapToReveal":…,"sortOrder":…,"language":…,"piaSyncAtUnlock":…,"density":…}`.
 * `sortOrder`, `language` and `piaSyncAtUnlock` joined version 1 as optional fields: older entries without them read as
 * "manual" and null (follow the browser's languages); older readers ignore them, so no version bump.
 * `density` (the list's compact or comfortable cards) joined the same way; missing reads as "compact".
 * With storage-health.ts, the only localStorage user. Nothing here is a secret: it holds choices,
 * never names, codes or the PIN. Anything missing, unknown or malformed falls back to its default,
 * field by field, so a damaged entry can only ever give the safe defaults.
 */

import { SORT_ORDERS, type SortOrder } from '../core/sort-order';

export const PREFS_KEY = 'keyslot.prefs';

/** Lock after the app has been hidden this long (ms); 0 = immediately. */
export const HIDDEN_CHOICES = [0, 30_000, 60_000, 300_000] as const;
/** Lock after this long without input (ms); 0 = never. */
export const IDLE_CHOICES = [60_000, 300_000, 900_000, 0] as const;

/**
 * A stored language choice: only its shape is checked here (a short lowercase tag such as "ja");
 * which languages exist is i18n's business (src/ui/i18n/languages.ts, isLanguage), which
 * ignores a stored tag it does not speak. Storage keeps the choice, nothing more.
 */
const LANGUAGE_TAG = /^[a-z]{2,3}$/;

/** How much the slot list fits on a screen: compact rows (the default) or roomier cards. */
export const DENSITY_CHOICES = ['compact', 'comfortable'] as const;

export type HiddenChoice = (typeof HIDDEN_CHOICES)[number];
export type IdleChoice = (typeof IDLE_CHOICES)[number];
export type DensityChoice = (typeof DENSITY_CHOICES)[number];

export interface Preferences {
  lockWhenHidden: HiddenChoice;
  lockWhenIdle: IdleChoice;
  tapToReveal: boolean;
  /** How the slot list is sorted (favourites stay on top). */
  sortOrder: SortOrder;
  /** Chosen in Settings → Language (a tag such as "ja"); null = follow the browser's languages. */
  language: string | null;
  /** Sync privacyIDEA-managed slots once at unlock when online (optional field, default off). */
  piaSyncAtUnlock: boolean;
  /** Settings → Appearance: compact rows fit seven or more slots on a phone. */
  density: DensityChoice;
}

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  lockWhenHidden: 60_000,
  lockWhenIdle: 300_000,
  tapToReveal: false,
  sortOrder: 'manual',
  language: null,
  piaSyncAtUnlock: false,
  density: 'compact',
});

function pick<T extends number | string>(choices: readonly T[], value: unknown, fallback: T): T {
  return choices.find((c) => c === value) ?? fallback;
}

/** Reads any value (parsed JSON, or anything else) into valid preferences. */
export function toPreferences(value: unknown): Preferences {
  const o =
    value !== null && typeof value === 'object' && (value as { v?: unknown }).v === 1
      ? (value as Record<string, unknown>)
      : {};
  return {
    lockWhenHidden: pick(HIDDEN_CHOICES, o.lockWhenHidden, DEFAULT_PREFERENCES.lockWhenHidden),
    lockWhenIdle: pick(IDLE_CHOICES, o.lockWhenIdle, DEFAULT_PREFERENCES.lockWhenIdle),
    tapToReveal: typeof o.tapToReveal === 'boolean' ? o.tapToReveal : DEFAULT_PREFERENCES.tapToReveal,
    sortOrder: pick(SORT_ORDERS, o.sortOrder, DEFAULT_PREFERENCES.sortOrder),
    language:
      typeof o.language === 'string' && LANGUAGE_TAG.test(o.language) ? o.language : DEFAULT_PREFERENCES.language,
    piaSyncAtUnlock: typeof o.piaSyncAtUnlock === 'boolean' ? o.piaSyncAtUnlock : DEFAULT_PREFERENCES.piaSyncAtUnlock,
    density: pick(DENSITY_CHOICES, o.density, DEFAULT_PREFERENCES.density),
  };
}

/** Parses the stored text; null, garbage or another version give the defaults. */
export function parsePreferences(text: string | null): Preferences {
  if (text === null) return toPreferences(null);
  try {
    return toPreferences(JSON.parse(text));
  } catch {
    return toPreferences(null);
  }
}

export function serializePreferences(prefs: Preferences): string {
  const p = toPreferences({ v: 1, ...prefs });
  return JSON.stringify({
    v: 1,
    lockWhenHidden: p.lockWhenHidden,
    lockWhenIdle: p.lockWhenIdle,
    tapToReveal: p.tapToReveal,
    sortOrder: p.sortOrder,
    language: p.language,
    piaSyncAtUnlock: p.piaSyncAtUnlock,
    density: p.density,
  });
}

function local(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked storage (some privacy modes) throws on access
  }
}

export function loadPreferences(): Preferences {
  try {
    return parsePreferences(local()?.getItem(PREFS_KEY) ?? null);
  } catch {
    return toPreferences(null);
  }
}

/** Saves (validated); returns what was saved. Full or blocked storage keeps the choice for this session only. */
export function savePreferences(prefs: Preferences): Preferences {
  const text = serializePreferences(prefs);
  try {
    local()?.setItem(PREFS_KEY, text);
  } catch {
    // The choice still applies until the page is closed.
  }
  return parsePreferences(text);
}

/**
 * The clock check's note (src/core/clock-skew.ts), in localStorage as `keyslot.clock` =
 * `{"v":1,"offsetMs":…,"measuredAt":…,"correct":…}`: the last measured offset (kept for offline
 * use) and whether the user chose to correct codes by it (off by default). Not secret.
 */
export const CLOCK_KEY = 'keyslot.clock';

export interface ClockNote {
  /** Server minus device time, ms, from the last good measurement; null when never measured. */
  offsetMs: number | null;
  /** Device time of that measurement, ms; null when never measured. */
  measuredAt: number | null;
  /** Correct codes by offsetMs. */
  correct: boolean;
}

export const DEFAULT_CLOCK_NOTE: Readonly<ClockNote> = Object.freeze({
  offsetMs: null,
  measuredAt: null,
  correct: false,
});

/** Any value into a valid note: a day of offset at most, both numbers or neither. */
export function toClockNote(value: unknown): ClockNote {
  const o =
    value !== null && typeof value === 'object' && (value as { v?: unknown }).v === 1
      ? (value as Record<string, unknown>)
      : {};
  const num = (v: unknown, max: number) =>
    typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) <= max ? v : null;
  const offsetMs = num(o.offsetMs, 86_400_000);
  const measuredAt = num(o.measuredAt, Number.MAX_SAFE_INTEGER);
  const measured = offsetMs !== null && measuredAt !== null && measuredAt >= 0;
  return {
    offsetMs: measured ? offsetMs : null,
    measuredAt: measured ? measuredAt : null,
    correct: typeof o.correct === 'boolean' ? o.correct : false,
  };
}

export function loadClockNote(): ClockNote {
  try {
    const text = local()?.getItem(CLOCK_KEY) ?? null;
    return toClockNote(text === null ? null : JSON.parse(text));
  } catch {
    return { ...DEFAULT_CLOCK_NOTE };
  }
}

/** Saves (validated); returns what was saved. */
export function saveClockNote(note: ClockNote): ClockNote {
  const clean = toClockNote({ v: 1, ...note });
  try {
    local()?.setItem(CLOCK_KEY, JSON.stringify({ v: 1, ...clean }));
  } catch {
    // Kept for this session only.
  }
  return clean;
}
