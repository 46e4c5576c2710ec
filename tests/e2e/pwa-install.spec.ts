// Issue 5: Keyslot is installable (Chromium's own check over CDP, in a persistent profile as a
// real browser has), its manifest is complete, and the app offers installing: the browser's
// prompt where there is one, the Share → Add to Home Screen steps on iPhone and iPad, and
// nothing once it runs installed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, chromium, type BrowserContext } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { setUpPin } from './helpers/app';
import { serviceWorkerReady } from './helpers/pwa';
import { openSettings } from './helpers/settings';

const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

interface Manifest {
  id: string;
  name: string;
  short_name: string;
  description: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
  screenshots: { src: string; sizes: string; type: string; form_factor?: string; label?: string }[];
  shortcuts: { name: string; url: string }[];
  share_target: { action: string; method: string; enctype: string; params: Record<string, unknown> };
}

test.describe('in a persistent Chromium profile', () => {
  let context: BrowserContext;
  let profile: string;
  test.beforeEach(async ({ baseURL }) => {
    profile = mkdtempSync(path.join(tmpdir(), 'keyslot-profile-'));
    const found = findChromium() as { executablePath: string | undefined } | null;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: found?.executablePath,
      args: CHROMIUM_ARGS,
      headless: true,
      baseURL,
    });
  });
  test.afterEach(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('Chromium finds Keyslot installable, its manifest complete and error-free, and the app offers "Install Keyslot"', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await serviceWorkerReady(page);
    const cdp = await context.newCDPSession(page);

    await expect
      .poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, { timeout: 15_000 })
      .toEqual([]);

    const { url, errors, data } = await cdp.send('Page.getAppManifest');
    expect(new URL(url).pathname).toBe('/manifest.webmanifest');
    expect(errors).toEqual([]);
    const manifest = JSON.parse(data!) as Manifest;
    expect(manifest).toMatchObject({
      id: '/',
      name: 'Keyslot',
      short_name: 'Keyslot',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#f6f7f9',
      background_color: '#f6f7f9',
    });
    expect(manifest.description).toMatch(/one-time passcodes/i);
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    expect(manifest.screenshots.map((s) => s.form_factor)).toEqual(['narrow', 'wide']);
    expect(manifest.shortcuts).toEqual([
      expect.objectContaining({ name: 'Scan QR code', url: '/#scan' }),
      expect.objectContaining({ name: 'Add a slot', url: '/#add-slot' }),
    ]);
    expect(manifest.share_target).toEqual({
      action: '/share-target',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'image', accept: ['image/*'] }] },
    });

    // Every image the manifest names is there, a PNG of exactly the stated size.
    for (const image of [...manifest.icons, ...manifest.screenshots]) {
      const response = await page.request.get(image.src);
      expect(response.status(), image.src).toBe(200);
      expect(response.headers()['content-type']).toBe('image/png');
      expect(pngSize(await response.body()), image.src).toBe(image.sizes);
    }
    const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    expect(pngSize(await (await page.request.get(touchIcon!)).body())).toBe('180x180');

    // Chromium offered to install (beforeinstallprompt): Keyslot's own button appears.
    await expect(page.getByRole('button', { name: 'Install Keyslot' })).toBeVisible();
  });
});

test('on iPhone, "Install Keyslot" shows the Share → Add to Home Screen steps, and nothing is offered once installed', async ({
  browser,
  baseURL,
}) => {
  const iphone = {
    baseURL,
    userAgent: IPHONE_UA,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  };
  const context = await browser.newContext(iphone);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Install Keyslot' }).click();
  const dialog = page.getByRole('dialog', { name: 'Install Keyslot' });
  await expect(dialog).toBeVisible();
  const steps = dialog.getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('Share button');
  await expect(steps.nth(1)).toContainText('Add to Home Screen');
  await expect(steps.nth(2)).toContainText('Add');
  // Drawings only: inline SVG, hidden from screen readers (the words carry the steps).
  await expect(dialog.locator('svg[aria-hidden="true"]')).toHaveCount(3);
  await expect(dialog.locator('img')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await context.close();

  // Opened from the Home Screen (iOS sets navigator.standalone): no install offer anywhere.
  const installed = await browser.newContext(iphone);
  await installed.addInitScript(() => Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true }));
  const app = await installed.newPage();
  await setUpPin(app);
  await expect(app.getByRole('button', { name: 'Install Keyslot' })).toHaveCount(0);
  await openSettings(app, 'about');
  await expect(app.getByText('You are using Keyslot installed on this device.')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Install Keyslot' })).toHaveCount(0);
  await installed.close();
});
