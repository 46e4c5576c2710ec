import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { privacyIdeaOrigins, securityHeaders } from './security-headers.ts';
import { appVersion, keyslotPwa } from './pwa.config.ts';
import { previewCaching } from './preview-caching.ts';

/** The container endpoints a Keyslot calls (privacyIDEA api/container.py), proxied as they are. */
function privacyIdeaProxy(target: string | undefined) {
  if (!target) return undefined;
  const route = { target, changeOrigin: false };
  return {
    '^/container/(register/finalize|register/terminate/client|challenge|synchronize|rollover)$': route,
  };
}

export default defineConfig({
  plugins: [svelte(), keyslotPwa(), previewCaching()],
  // Shown in Settings; KEYSLOT_BUILD_ID makes two builds of one version differ (update test).
  // KEYSLOT_PRIVACYIDEA_ORIGINS: the privacyIDEA allow-list (docs/privacyidea.md "Deployment").
  define: {
    __KEYSLOT_VERSION__: JSON.stringify(appVersion()),
    __KEYSLOT_PRIVACYIDEA_ORIGINS__: JSON.stringify(privacyIdeaOrigins),
  },
  build: {
    target: 'es2022',
    // Source maps would ship the whole source to every visitor; keep the bundle lean.
    sourcemap: false,
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // A chunk shared by the lazy screens may be named after a module; `otpauth-uri-<hash>.js`
        // in a request log would look like an activation link leaving the page (the e2e tests
        // scan every request for "otpauth"). The name carries no meaning, so give it another.
        chunkFileNames: (chunk) => `assets/${chunk.name.replace(/otpauth/gi, 'key')}-[hash].js`,
        // The vault in two chunks, neither imported by the entry itself. 'vault-probe' is what the
        // unlock screen asks before any input (session-probe.ts: IndexedDB, the header's reader,
        // the attempt guard), loaded in parallel with its first paint. 'vault' is the rest (the
        // record format, WebCrypto's wraps, the KDF's front; session-services.ts), loaded on the
        // first digit typed. One request and one gzip stream each instead of many small ones.
        codeSplitting: {
          includeDependenciesRecursively: false, // errors.ts and the like stay where the entry has them
          groups: [
            {
              name: 'vault-probe',
              priority: 2,
              test: /\/node_modules\/idb\/|\/src\/(?:platform\/(?:vault\/(?:probe|attempts)\.ts|storage\.ts|passkey\.ts)|core\/(?:vault\/(?:header|limits|fields|kdf-params|migrate)\.ts|bytes\.ts|slot\.ts)|ui\/state\/session-probe\.ts)/,
            },
            {
              priority: 1,
              name: 'vault',
              test: /\/node_modules\/idb\/|\/src\/(?:platform\/(?:vault\/|storage\.ts|kdf\.ts|webcrypto\.ts|passkey\.ts)|core\/(?:vault\/|bytes\.ts|pin\.ts|slot\.ts|order-keys\.ts)|ui\/state\/session-services\.ts)/,
            },
          ],
        },
      },
    },
  },
  worker: { format: 'es' },
  preview: {
    port: 4173,
    strictPort: true,
    headers: securityHeaders,
    // For tests and local trials only: KEYSLOT_PI_PROXY=http://127.0.0.1:<port> serves a
    // privacyIDEA's anonymous container endpoints under this origin, as the nginx config in
    // docs/privacyidea.md does in production.
    proxy: privacyIdeaProxy(process.env.KEYSLOT_PI_PROXY),
  },
  server: { port: 5173 },
});
