// Where WebAssembly is switched off (iOS Lockdown Mode, a strict policy) Keyslot still reads QR
// codes, with @zxing/browser's JavaScript reader, fetched only then. The vault falls back to
// PBKDF2. Chromium is started as Lockdown Mode runs JavaScript: V8 without its JIT (--jitless),
// which also removes WebAssembly from pages and workers alike. (Chromium 156 ignores
// --noexpose_wasm; --jitless works.)
import { test, expect, type Browser, type Page } from '@playwright/test';
import { setUpPin, slotItem, shownCode } from './helpers/app';
import { totp } from './helpers/oracle';
import { cameraFeed, launchWithCamera, qrPng, TRACK_STREAMS, liveTracks } from './helpers/qr';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=${SECRET}&issuer=PassLogic%20(KEK%20VPN)`;
const NAME = /PassLogic \(KEK VPN\).*alice/;
const NO_WASM = ['--js-flags=--jitless'];

let browser: Browser;
test.afterEach(async () => browser?.close());

/** A page without WebAssembly that records the scripts and wasm it fetches. */
async function pageWithoutWasm(baseURL: string | undefined): Promise<{ page: Page; fetched: string[] }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.addInitScript(TRACK_STREAMS);
  const fetched: string[] = [];
  // Requests from the page and its workers; the service worker's precaching fetches everything.
  context.on('request', (request) => {
    if (!request.serviceWorker()) fetched.push(new URL(request.url()).pathname);
  });
  await page.goto('/');
  expect(await page.evaluate(() => typeof WebAssembly)).toBe('undefined');
  return { page, fetched };
}

/** The JavaScript decoder was fetched for this scan, and neither zxing-wasm's worker nor its .wasm. */
function expectJavaScriptDecoder(fetched: string[], before: number): void {
  const sinceAdd = fetched.slice(before);
  expect(sinceAdd.some((p) => /\/assets\/qr-decode-js-[\w-]+\.js$/.test(p))).toBe(true);
  expect(fetched.filter((p) => /zxing_reader.*\.wasm$|\/qr-worker-/.test(p))).toEqual([]);
}

test('without WebAssembly, scanning the activation QR with the camera adds the slot', async ({ baseURL }) => {
  browser = await launchWithCamera(await cameraFeed(URI), true, NO_WASM);
  const { page, fetched } = await pageWithoutWasm(baseURL);
  const t0 = Date.UTC(2026, 3, 1, 8, 0, 0);
  await page.clock.install({ time: t0 });
  await setUpPin(page);
  const before = fetched.length;
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByRole('button', { name: 'Scan QR code' }).click();
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => page.evaluate(liveTracks)).toBe(0);
  expectJavaScriptDecoder(fetched, before);

  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(page.getByRole('status')).toHaveText('Slot added');
  const t = t0 + 90_000 + 7_000;
  await page.clock.pauseAt(t);
  await expect.poll(() => shownCode(page, NAME)).toBe(totp(SECRET, t));
});

test('without WebAssembly, an image of the QR code adds the slot', async ({ baseURL }) => {
  browser = await launchWithCamera(null, false, NO_WASM);
  const { page, fetched } = await pageWithoutWasm(baseURL);
  await setUpPin(page);
  const before = fetched.length;
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Choose an image').setInputFiles(await qrPng(URI));
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 20_000 });
  expectJavaScriptDecoder(fetched, before);
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(slotItem(page, NAME)).toBeVisible();
});

test('under a CSP without wasm-unsafe-eval, an image of the QR code is read by the JavaScript reader', async ({
  browser: shared,
  baseURL,
}) => {
  // WebAssembly exists here, but compiling it is refused: zxing-wasm's worker says so, and the
  // scanner falls back. The server's CSP is rewritten on the way (no service worker to bypass it).
  const context = await shared.newContext({ baseURL, serviceWorkers: 'block' });
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    const csp = response.headers()['content-security-policy'];
    const headers = csp
      ? { ...response.headers(), 'content-security-policy': csp.replace(" 'wasm-unsafe-eval'", '') }
      : response.headers();
    await route.fulfill({ response, headers });
  });
  const page = await context.newPage();
  const fetched: string[] = [];
  context.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto('/');
  const compile = () => {
    try {
      new WebAssembly.Module(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
      return 'compiled';
    } catch {
      return 'refused';
    }
  };
  expect(await page.evaluate(compile)).toBe('refused');
  await setUpPin(page);
  const before = fetched.length;
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Choose an image').setInputFiles(await qrPng(URI));
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 20_000 });
  expect(fetched.slice(before).some((p) => /\/assets\/qr-decode-js-[\w-]+\.js$/.test(p))).toBe(true);
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(slotItem(page, NAME)).toBeVisible();
  await context.close();
});
