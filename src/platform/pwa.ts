/**
 * The service worker, from the page's side (with share-target.ts, the only modules that touch
 * navigator.serviceWorker: tests/unit/module-boundaries.test.ts).
 *
 * Updates never happen under the user's feet: a new version installs in the background and
 * WAITS (registerType 'prompt'; src/sw/sw.ts only skips waiting when told to). The UI shows
 * "Update available"; applyUpdate() is called only when the user presses Reload. It tells the
 * waiting worker to take over and reloads this page once, when the new worker is in control.
 *
 * Registration is from the app bundle (no inline script, so the CSP needs no 'unsafe-inline').
 *
 * The browser's own API, not workbox-window: the few events Keyslot needs ("a new version waits",
 * "tell it to take over") are a dozen lines here, and workbox-window was 2.1 KiB gzip fetched
 * before anyone could type a PIN (issue 16's first-load budget). The service worker itself is
 * still built with Workbox (src/sw/sw.ts, vite-plugin-pwa's injectManifest).
 */
import { trustedScriptUrl } from './trusted-types';

export interface PwaEvents {
  /** A new version is installed and waiting for applyUpdate(). */
  onUpdateWaiting(): void;
}

/** How often an open Keyslot looks for a new version (also when it comes back to the foreground). */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

let registered = false;
let reloading = false;

export function serviceWorkerSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
}

/** Registers /sw.js (production builds only; the dev server has no service worker). */
export async function registerServiceWorker(events: PwaEvents): Promise<void> {
  if (registered || !serviceWorkerSupported() || !import.meta.env.PROD) return;
  registered = true;
  const container = navigator.serviceWorker;

  // Reload only for an update the user asked for. With clientsClaim the very first install
  // also changes the controller; that must not reload anything.
  container.addEventListener('controllerchange', () => {
    if (!reloading) return;
    reloading = false;
    window.location.reload();
  });

  let registration: ServiceWorkerRegistration;
  try {
    registration = await container.register(trustedScriptUrl('/sw.js'), { scope: '/' });
  } catch {
    // No service worker (private mode, blocked, offline first visit): Keyslot still works online.
    return;
  }

  // A worker that has installed while another controls this page is an update that waits
  // (a first install has no controller yet and activates at once: not an update).
  const whenInstalled = (worker: ServiceWorker | null) => {
    if (!worker) return;
    const report = () => {
      if (worker.state === 'installed' && container.controller) events.onUpdateWaiting();
    };
    if (worker.state === 'installed') report();
    else worker.addEventListener('statechange', report);
  };
  if (registration.waiting) whenInstalled(registration.waiting); // from an earlier visit
  whenInstalled(registration.installing);
  registration.addEventListener('updatefound', () => whenInstalled(registration.installing));

  let lastCheck = Date.now();
  const check = () => {
    if (Date.now() - lastCheck < UPDATE_CHECK_INTERVAL_MS) return;
    lastCheck = Date.now();
    registration.update().catch(() => undefined); // offline: try again later
  };
  setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

/** The user pressed Reload: let the waiting version take over, then reload once. */
export async function applyUpdate(): Promise<void> {
  const registration = serviceWorkerSupported() ? await navigator.serviceWorker.getRegistration() : undefined;
  if (!registration?.waiting) {
    // Nothing waits any more (another tab applied the update): the new version already
    // controls this page, only this page's code is old. A plain reload picks it up.
    window.location.reload();
    return;
  }
  reloading = true;
  registration.waiting.postMessage({ type: 'SKIP_WAITING' }); // src/sw/sw.ts's only command
}
