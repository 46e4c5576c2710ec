/**
 * Install and offline: the web app manifest and the service worker build (vite-plugin-pwa,
 * injectManifest with our own src/sw/sw.ts), plus the `_headers` file for Netlify /
 * Cloudflare Pages. Imported by vite.config.ts. docs/pwa.md ("Install & offline", "Updates") and docs/deploying.md.
 */
import { readFileSync } from 'node:fs';
import type { Plugin, PluginOption } from 'vite';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';
import { en as shell } from './src/ui/i18n/en.ts';
import { enExtra } from './src/ui/i18n/en-extra.ts';

const en = { ...shell, ...enExtra };
import { headersFile } from './security-headers.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The version shown in Settings. KEYSLOT_BUILD_ID (e.g. a commit or CI run) is appended, so two
 * builds of the same package version differ (the update test builds "v1" and "v2" this way).
 */
export function appVersion(): string {
  const build = process.env.KEYSLOT_BUILD_ID?.trim();
  return build ? `${pkg.version}+${build}` : pkg.version;
}

/** Light colours (the manifest has room for one; index.html's theme-color metas add dark). */
export const THEME_COLOR = '#f6f7f9';

/** The manifest's screenshots (made from the real app by scripts/make-screenshots.mjs). */
export const SCREENSHOTS = [
  {
    src: '/screenshots/narrow.png',
    sizes: '780x1688',
    type: 'image/png',
    form_factor: 'narrow' as const,
    label: en['manifest.screenshot.narrow'],
  },
  {
    src: '/screenshots/wide.png',
    sizes: '1280x800',
    type: 'image/png',
    form_factor: 'wide' as const,
    label: en['manifest.screenshot.wide'],
  },
];

export const manifest: Partial<ManifestOptions> = {
  id: '/',
  name: en['app.name'],
  short_name: en['app.name'],
  description: en['manifest.description'],
  lang: 'en',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: THEME_COLOR,
  background_color: THEME_COLOR,
  categories: ['security', 'productivity', 'utilities'],
  // One source drawing (public/favicon.svg); the PNGs come from scripts/make-icons.mjs.
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  screenshots: SCREENSHOTS,
  shortcuts: [
    {
      name: en['manifest.shortcut.scan'],
      url: '/#scan',
      icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
    },
    {
      name: en['manifest.shortcut.add'],
      url: '/#add-slot',
      icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
    },
  ],
  // Share an activation link or a QR code screenshot to Keyslot. src/sw/sw.ts keeps it in memory only.
  share_target: {
    action: '/share-target',
    method: 'POST',
    enctype: 'multipart/form-data',
    params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'image', accept: ['image/*'] }] },
  },
};

/**
 * What the service worker precaches: everything the app can ever load, lazy chunks and WebAssembly
 * included. Not webmanifest: the plugin adds the manifest itself (a glob would list it twice).
 */
export const PRECACHE_GLOBS = ['**/*.{js,css,html,svg,png,wasm}'];

/** Emits dist/_headers (Netlify, Cloudflare Pages) from security-headers.ts, the single source. */
function headersFilePlugin(): Plugin {
  return {
    name: 'keyslot-headers-file',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
  };
}

export function keyslotPwa(): PluginOption[] {
  return [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // 'prompt': a new version waits until the user presses Reload (src/platform/pwa.ts).
      registerType: 'prompt',
      // No registration script injected into index.html (the CSP allows no inline script):
      // src/platform/pwa.ts registers the worker from the app bundle.
      injectRegister: false,
      manifest,
      // The PNGs are already matched by globPatterns; listing them twice would duplicate entries.
      includeManifestIcons: false,
      injectManifest: {
        globPatterns: PRECACHE_GLOBS,
        // Screenshots are for the install sheet only, never needed offline.
        globIgnores: ['screenshots/**'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        rollupFormat: 'iife',
      },
      devOptions: { enabled: false },
    }),
    headersFilePlugin(),
  ];
}
