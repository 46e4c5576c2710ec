// `node scripts/make-icons.mjs`: renders the PNG icons from the ONE source drawing,
// public/favicon.svg, in Chromium. The PNGs are committed (public/icons/); run this again
// after changing the drawing. tests/unit/pwa-manifest.test.ts checks their sizes.
//
//   icon-192.png, icon-512.png   purpose "any": the drawing as it is (rounded square)
//   maskable-512.png             purpose "maskable": full-bleed background, the drawing scaled
//                                so the padlock sits inside the central 80 % safe zone
//   apple-touch-icon.png (180)   iOS rounds the corners itself and paints transparency black:
//                                full-bleed background, drawing slightly inset
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS, NO_CHROMIUM_HELP } from './chromium.mjs';

const source = readFileSync('public/favicon.svg', 'utf8');
const background = /<rect[^>]+\bfill="([^"]+)"/.exec(source)?.[1];
if (!background) throw new Error('public/favicon.svg: the first <rect> must have a fill (the background)');
const viewBox = /viewBox="([^"]+)"/.exec(source)?.[1] ?? '0 0 64 64';
const [, , w, h] = viewBox.split(/\s+/).map(Number);
const inner = source.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');

/** The source drawing centred on a full-bleed square of its own background colour, scaled by `scale`. */
function fullBleed(scale) {
  const dx = (w * (1 - scale)) / 2;
  const dy = (h * (1 - scale)) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}"><rect width="${w}" height="${h}" fill="${background}"/><g transform="translate(${dx} ${dy}) scale(${scale})">${inner}</g></svg>`;
}

const ICONS = [
  { file: 'icon-192.png', size: 192, svg: source },
  { file: 'icon-512.png', size: 512, svg: source },
  { file: 'maskable-512.png', size: 512, svg: fullBleed(0.78) },
  { file: 'apple-touch-icon.png', size: 180, svg: fullBleed(0.9) },
];

const found = findChromium();
if (!found) throw new Error(NO_CHROMIUM_HELP);
const browser = await chromium.launch({ executablePath: found.executablePath, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  for (const icon of ICONS) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    const src = `data:image/svg+xml;base64,${Buffer.from(icon.svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block;width:${icon.size}px;height:${icon.size}px}</style><img src="${src}">`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: icon.size, height: icon.size },
    });
    writeFileSync(`public/icons/${icon.file}`, png);
    console.log(`public/icons/${icon.file} ${icon.size}×${icon.size} ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
