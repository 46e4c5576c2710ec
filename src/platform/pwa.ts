/**
 * The service worker, from the page's side. The only module that imports workbox-window
 * (tests/unit/module-boundaries.test.ts).
 *
 * Updates never happen under the user's feet: a new version installs in the background and
 * WAITS (registerType 'prompt'; src/sw/sw.ts only skips waiting when told to). The UI shows
 * "Update available"; applyUpdate() is called only when the user presses Reload. It tells the
 * waiting worker to take over and reloads this page once, when the new worker is in control.
 *
 * Registration is from the app bundle (no inline script, so the CSP needs no 'unsafe-inline').
 */
import { Workbox } from 'workbox-window';
import { trustedScriptUrl } from './trusted-types';

export interface PwaEvents {
  /** A new version is installed and waiting for applyUpdate(). */
  onUpdateWaiting(): void;
}

/** How often an open Keyslot looks for a new version (also when it comes back to the foreground). */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

let workbox: Workbox | null = null;
let reloading = false;

export function serviceWorkerSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
}

/** Registers /sw.js (production builds only; the dev server has no service worker). */
export async function registerServiceWorker(events: PwaEvents): Promise<void> {
  if (workbox || !serviceWorkerSupported() || !import.meta.env.PROD) return;
  const wb = new Workbox(trustedScriptUrl('/sw.js'), { scope: '/' });
  workbox = wb;
  wb.addEventListener('waiting', () => events.onUpdateWaiting());

  // Reload only for an update the user asked for. With clientsClaim the very first install
  // also changes the controller; that must not reload anything.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!reloading) return;
    reloading = false;
    window.location.reload();
  });

  try {
    await wb.register();
  } catch {
    // No service worker (private mode, blocked, offline first visit): Keyslot still works online.
    return;
  }

  let lastCheck = Date.now();
  const check = () => {
    if (Date.now() - lastCheck < UPDATE_CHECK_INTERVAL_MS) return;
    lastCheck = Date.now();
    wb.update().catch(() => undefined); // offline: try again later
  };
  setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

/** The user pressed Reload: let the waiting version take over, then reload once. */
export async function applyUpdate(): Promise<void> {
  const registration = serviceWorkerSupported() ? await navigator.serviceWorker.getRegistration() : undefined;
  if (!workbox || !registration?.waiting) {
    // Nothing waits any more (another tab applied the update): the new version already
    // controls this page, only this page's code is old. A plain reload picks it up.
    window.location.reload();
    return;
  }
  reloading = true;
  workbox.messageSkipWaiting();
}
