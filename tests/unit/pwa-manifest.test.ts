// The web app manifest and its images (pwa.config.ts, public/icons, public/screenshots), and what
// the service worker may store.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { PRECACHE_GLOBS, SCREENSHOTS, THEME_COLOR, manifest } from '../../pwa.config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const png = (src: string) => PNG.sync.read(readFileSync(path.join(root, 'public', src)));
const alphaAt = (image: PNG, x: number, y: number) => image.data[(image.width * y + x) * 4 + 3];

describe('the manifest', () => {
  it('names Keyslot and installs it standalone at the root', () => {
    expect(manifest).toMatchObject({
      id: '/',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      name: 'Keyslot',
      short_name: 'Keyslot',
    });
    expect(manifest.theme_color).toBe(THEME_COLOR);
    expect(manifest.background_color).toBe(THEME_COLOR);
    // index.html's light theme-color is the manifest's; it adds the dark one.
    const html = readFileSync(path.join(root, 'index.html'), 'utf8');
    expect(html).toContain(
      `<meta name="theme-color" content="${THEME_COLOR}" media="(prefers-color-scheme: light)" />`,
    );
    expect(html).toMatch(/<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: dark\)" \/>/);
  });

  it('has icons 192 and 512 with transparent rounded corners, and a full-bleed maskable 512', () => {
    for (const icon of manifest.icons!) {
      const image = png(icon.src);
      expect(`${image.width}x${image.height}`, icon.src).toBe(icon.sizes);
      expect(alphaAt(image, 0, 0), icon.src).toBe(icon.purpose === 'maskable' ? 255 : 0);
      expect(alphaAt(image, image.width >> 1, image.height >> 1), icon.src).toBe(255);
    }
    expect(manifest.icons!.map((i) => `${i.sizes} ${i.purpose}`)).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
  });

  it('has a 180×180 opaque apple-touch-icon linked from index.html', () => {
    const html = readFileSync(path.join(root, 'index.html'), 'utf8');
    const href = /<link rel="apple-touch-icon" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBe('/icons/apple-touch-icon.png');
    const image = png(href!);
    expect([image.width, image.height]).toEqual([180, 180]);
    expect(alphaAt(image, 0, 0)).toBe(255);
  });

  it('has a narrow and a wide screenshot of the stated sizes, within the install sheet limits', () => {
    expect(SCREENSHOTS.map((s) => s.form_factor)).toEqual(['narrow', 'wide']);
    for (const shot of SCREENSHOTS) {
      const image = png(shot.src);
      expect(`${image.width}x${image.height}`).toBe(shot.sizes);
      const [long, short] = [Math.max(image.width, image.height), Math.min(image.width, image.height)];
      expect(short).toBeGreaterThanOrEqual(320);
      expect(long).toBeLessThanOrEqual(3840);
      expect(long / short).toBeLessThanOrEqual(2.3);
      expect(shot.label).toBeTruthy();
    }
  });

  it('has the Scan and Add shortcuts and a POST multipart share target for links and images', () => {
    expect(manifest.shortcuts!.map((s) => [s.name, s.url])).toEqual([
      ['Scan QR code', '/#scan'],
      ['Add a slot', '/#add-slot'],
    ]);
    expect(manifest.share_target).toEqual({
      action: '/share-target',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'image', accept: ['image/*'] }] },
    });
  });
});

describe('the service worker', () => {
  const sw = readFileSync(path.join(root, 'src/sw/sw.ts'), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

  it('precaches code, styles, pages, images and WebAssembly, but not the manifest (the plugin adds it once)', () => {
    expect(PRECACHE_GLOBS).toEqual(['**/*.{js,css,html,svg,png,wasm}']);
    expect(PRECACHE_GLOBS.join()).not.toContain('webmanifest');
  });

  it('never writes anything itself: shares stay in memory (only Workbox fills the precache)', () => {
    expect(sw).not.toMatch(/\bindexedDB\b|\bcaches\.|\.put\(|\blocalStorage\b/);
  });

  it('skips waiting only when the page says so', () => {
    expect(sw.match(/skipWaiting\(\)/g)).toHaveLength(1);
    expect(sw).toMatch(/type === 'SKIP_WAITING'\) \{[^}]*void self\.skipWaiting\(\);/);
  });
});
