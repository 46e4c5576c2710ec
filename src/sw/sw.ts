/// <reference lib="webworker" />
/**
 * Keyslot's service worker (vite-plugin-pwa, injectManifest strategy).
 *
 *  - Precaches every file the app can ever need (the build injects the list into
 *    self.__WB_MANIFEST: js, css, html, svg, png, wasm, plus the web app manifest),
 *    so a cold start with no network shows the unlock screen and everything after it.
 *  - Navigations anywhere in scope get the app shell (index.html): deep links work offline.
 *  - Updates wait: a new version installs, then waits until the page sends SKIP_WAITING
 *    (the user pressed "Reload"). It never takes over a page by itself.
 *  - Share target: POST /share-target (from the OS share sheet once installed). The shared
 *    text or image is a SECRET (an activation link or its QR code). It is kept in this
 *    worker's memory only, handed to the page that asks for it, and dropped. It is never
 *    written to Cache Storage or IndexedDB, and it is dropped after SHARE_TTL_MS unclaimed.
 */
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

/** What the page receives for {type:'share-ready'}: every field optional (none = nothing shared). */
interface SharedMessage {
  type: 'shared';
  title?: string;
  text?: string;
  url?: string;
  file?: Blob;
}

const SHARE_PATH = '/share-target';
// Long enough to type the PIN after the share opened Keyslot; short enough not to linger.
const SHARE_TTL_MS = 3 * 60_000;
const MAX_TEXT = 16 * 1024;
const MAX_FILE_BYTES = 20 * 1024 * 1024;

let pendingShare: Promise<SharedMessage> | null = null;
let releaseShare: (() => void) | null = null;

// --- share target (registered before Workbox's routes; they only answer GETs anyway) ---

self.addEventListener('fetch', (event: FetchEvent) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'POST' || url.origin !== self.location.origin || url.pathname !== SHARE_PATH) return;

  const share = readShare(event.request);
  pendingShare = share;
  // Keep the worker (and so the share, in memory) alive until a page claims it, at most SHARE_TTL_MS.
  const claimed = new Promise<void>((resolve) => {
    releaseShare = resolve;
    setTimeout(resolve, SHARE_TTL_MS);
  }).then(() => {
    if (pendingShare === share) pendingShare = null;
  });
  event.respondWith(Response.redirect(new URL('/#shared', self.location.origin).href, 303));
  event.waitUntil(claimed);
});

async function readShare(request: Request): Promise<SharedMessage> {
  const message: SharedMessage = { type: 'shared' };
  try {
    const form = await request.formData();
    for (const key of ['title', 'text', 'url'] as const) {
      const value = form.get(key);
      if (typeof value === 'string' && value.trim() !== '') message[key] = value.slice(0, MAX_TEXT);
    }
    const file = form.get('image');
    if (file instanceof Blob && file.size > 0 && file.size <= MAX_FILE_BYTES && file.type.startsWith('image/')) {
      message.file = file;
    }
  } catch {
    // Not form data: treat as nothing shared.
  }
  return message;
}

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;

  if (type === 'SKIP_WAITING') {
    // Only ever on the user's "Reload" (src/platform/pwa.ts).
    void self.skipWaiting();
    return;
  }

  if (type === 'share-ready') {
    const source = event.source;
    if (!source || !('postMessage' in source)) return;
    const share = pendingShare;
    // One page gets it, once.
    pendingShare = null;
    event.waitUntil(
      (async () => {
        const message: SharedMessage = share ? await share : { type: 'shared' };
        source.postMessage(message);
        releaseShare?.();
        releaseShare = null;
      })(),
    );
  }
});

// --- offline: precache, app shell for navigations ---

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));

// A new version takes over only after SKIP_WAITING; once active it controls every open Keyslot page
// (the first install too, so the very first visit is already ready for offline use).
clientsClaim();
