import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { securityHeaders } from './security-headers.ts';
import { appVersion, keyslotPwa } from './pwa.config.ts';
import { previewCaching } from './preview-caching.ts';

export default defineConfig({
  plugins: [svelte(), keyslotPwa(), previewCaching()],
  // Shown in Settings; KEYSLOT_BUILD_ID makes two builds of one version differ (update test).
  define: { __KEYSLOT_VERSION__: JSON.stringify(appVersion()) },
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
      },
    },
  },
  worker: { format: 'es' },
  preview: {
    port: 4173,
    strictPort: true,
    headers: securityHeaders,
  },
  server: { port: 5173 },
});
