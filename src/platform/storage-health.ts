/**
 * Will the browser keep Keyslot's data? The only module that uses navigator.storage
 * (persist, persisted, estimate) and localStorage.
 *
 * The "had a vault" marker: a NON-SECRET note in localStorage, `keyslot.hadVault`, holding only
 * the ISO date the vault was created (no count, no names). If it is there but the vault is not,
 * the slots vanished (storage evicted or cleared) and the app says so instead of acting like a
 * first run. Where a browser clears localStorage together with IndexedDB (Safari's 7-day rule,
 * "clear site data") the marker goes too and Keyslot cannot tell; it helps where only the
 * database went (eviction of IndexedDB, a profile or database reset).
 *
 * Unsaved attempts: when IndexedDB is full and the failed-attempt guard cannot be saved, the
 * tries made anyway are noted in `keyslot.unsavedAttempts` (a count and a time, nothing else)
 * and in memory, so a reload does not forget them (core/attempt-guard.ts, unsavedTryWaitMs).
 */

export const HAD_VAULT_KEY = 'keyslot.hadVault';

function local(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked storage (some privacy modes) throws on access
  }
}

/** Note that a vault exists on this device. `overwrite` when a new vault was just created. */
export function rememberVault(now: Date = new Date(), overwrite = false): void {
  const store = local();
  try {
    if (store && (overwrite || store.getItem(HAD_VAULT_KEY) === null)) store.setItem(HAD_VAULT_KEY, now.toISOString());
  } catch {
    // Full or blocked: the marker is a nicety, never a reason to fail.
  }
}

/** When a vault was created in this browser, if the marker says one was. */
export function vaultCreatedAt(): Date | null {
  let value: string | null = null;
  try {
    value = local()?.getItem(HAD_VAULT_KEY) ?? null;
  } catch {
    return null;
  }
  if (value === null) return null;
  const date = new Date(value);
  // Anything unreadable still means "there was a vault": keep the signal, drop the date.
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** Forget the marker (the user chose to start fresh after a vanished vault). */
export function forgetVault(): void {
  try {
    local()?.removeItem(HAD_VAULT_KEY);
  } catch {
    // ignore
  }
}

export interface StorageStatus {
  /** true: the browser keeps the data unless the user deletes it; false: it may evict it; null: unknown. */
  persisted: boolean | null;
  /** Bytes used by this origin and the quota, when the browser says. */
  usage: number | null;
  quota: number | null;
}

function storageManager(): StorageManager | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

export async function storageStatus(): Promise<StorageStatus> {
  const manager = storageManager();
  const status: StorageStatus = { persisted: null, usage: null, quota: null };
  if (!manager) return status;
  try {
    if (typeof manager.persisted === 'function') status.persisted = await manager.persisted();
  } catch {
    // unknown
  }
  try {
    if (typeof manager.estimate === 'function') {
      const { usage, quota } = await manager.estimate();
      status.usage = typeof usage === 'number' ? usage : null;
      status.quota = typeof quota === 'number' ? quota : null;
    }
  } catch {
    // unknown
  }
  return status;
}

/**
 * Ask the browser to keep Keyslot's data (navigator.storage.persist). Chromium decides silently
 * (installed apps and often-used sites get it), Firefox may ask the user, Safari grants it to
 * Home Screen apps. Already persistent: nothing is asked. Returns whether the data is now kept.
 */
export async function requestPersistence(): Promise<boolean> {
  const manager = storageManager();
  if (!manager || typeof manager.persist !== 'function') return false;
  try {
    if (typeof manager.persisted === 'function' && (await manager.persisted())) return true;
    return await manager.persist();
  } catch {
    return false;
  }
}

export const UNSAVED_ATTEMPTS_KEY = 'keyslot.unsavedAttempts';

let unsavedInMemory = { failures: 0, lastTryAt: 0 };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Tries made while the guard could not be saved: the larger of what memory and localStorage
 * hold (either may have lost it). Anything malformed in localStorage counts as nothing there.
 */
export function unsavedAttempts(): { failures: number; lastTryAt: number } {
  let stored = { failures: 0, lastTryAt: 0 };
  try {
    const o: unknown = JSON.parse(local()?.getItem(UNSAVED_ATTEMPTS_KEY) ?? 'null');
    if (o !== null && typeof o === 'object') {
      const { failures, lastTryAt } = o as Record<string, unknown>;
      if (isCount(failures) && isCount(lastTryAt)) stored = { failures, lastTryAt };
    }
  } catch {
    // unreadable: memory alone
  }
  return {
    failures: Math.max(stored.failures, unsavedInMemory.failures),
    lastTryAt: Math.max(stored.lastTryAt, unsavedInMemory.lastTryAt),
  };
}

/** Note the tries made while the guard could not be saved; null forgets them (a right PIN, or the guard saved again). */
export function setUnsavedAttempts(value: { failures: number; lastTryAt: number } | null): void {
  unsavedInMemory = value ?? { failures: 0, lastTryAt: 0 };
  const store = local();
  try {
    if (value) store?.setItem(UNSAVED_ATTEMPTS_KEY, JSON.stringify(value));
    else store?.removeItem(UNSAVED_ATTEMPTS_KEY);
  } catch {
    // localStorage full or blocked too: memory still holds it for this page
  }
}
