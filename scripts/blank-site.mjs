// The blank page the benchmarks compare Keyslot with (bench-first-load.mjs, bench-pwa.mjs):
// served the same way (same `vite preview`, same headers), with its own precaching service worker.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes into `dir` a blank page with an autofocused password field and its own precaching service worker. */
export function writeBlankSite(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>blank</title>' +
      '<label>PIN <input type="password" autofocus></label><script src="/register.js"></script></html>\n',
  );
  // Focus at once, as a script can (autofocus waits for a rendering step). The app's CSP has
  // Trusted Types: a script URL needs a policy.
  writeFileSync(
    join(dir, 'register.js'),
    "document.querySelector('input').focus();\n" +
      "const p = self.trustedTypes ? trustedTypes.createPolicy('default', { createScriptURL: (u) => u }) : null;\n" +
      "navigator.serviceWorker.register(p ? p.createScriptURL('/sw.js') : '/sw.js');\n",
  );
  writeFileSync(
    join(dir, 'sw.js'),
    `const CACHE = 'blank-v1';
self.addEventListener('install', (e) => e.waitUntil(caches.open(CACHE).then((c) => c.addAll(['/', '/register.js']))));
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (e.request.method !== 'GET') return;
  const url = new URL(e.request.url);
  e.respondWith(caches.match(e.request.mode === 'navigate' ? '/' : url.pathname).then((r) => r || fetch(e.request)));
});
`,
  );
}
