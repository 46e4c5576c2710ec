import { test, expect, type Browser, type Page } from '@playwright/test';
import { PIN, setUpPin, addByLink, slotItem, shownCode } from './helpers/app';
import { totp } from './helpers/oracle';
import { cameraFeed, launchWithCamera, qrPng, TRACK_STREAMS, liveTracks, streamsOpened } from './helpers/qr';
import { migrationUri } from '../unit/fixtures/migration-writer';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=${SECRET}&issuer=PassLogic%20(KEK%20VPN)`;
const NAME = /PassLogic \(KEK VPN\).*alice/;
const T0 = Date.UTC(2026, 3, 1, 8, 0, 0);

async function newPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.addInitScript(TRACK_STREAMS);
  return page;
}

test.describe('with a camera', () => {
  let browser: Browser;
  test.afterEach(async () => browser?.close());

  test('scanning the activation QR adds the slot with the right code and turns the camera off', async ({ baseURL }) => {
    browser = await launchWithCamera(await cameraFeed(URI));
    const page = await newPage(browser, baseURL);
    await page.clock.install({ time: T0 });
    await setUpPin(page);
    await page.getByRole('button', { name: 'Add a slot' }).first().click();
    await page.getByRole('button', { name: 'Scan QR code' }).click();

    await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('PassLogic (KEK VPN)').first()).toBeVisible();
    expect(await page.evaluate(streamsOpened)).toBeGreaterThan(0);
    expect(await page.evaluate(liveTracks)).toBe(0);

    await page.getByRole('button', { name: 'Add slot' }).click();
    await expect(page.getByRole('status')).toHaveText('Slot added');
    const t = T0 + 90_000 + 7_000;
    await page.clock.pauseAt(t);
    await expect.poll(() => shownCode(page, NAME)).toBe(totp(SECRET, t));
  });

  test('a QR code that is not an activation says so, stores nothing, and closing turns the camera off', async ({
    baseURL,
  }) => {
    browser = await launchWithCamera(await cameraFeed('WIFI:S:LabGuest;T:WPA;P:correct-horse;;'));
    const page = await newPage(browser, baseURL);
    await setUpPin(page);
    await page.getByRole('button', { name: 'Add a slot' }).first().click();
    await page.getByRole('button', { name: 'Scan QR code' }).click();
    await expect(page.getByText('That QR code is not an activation code.', { exact: false })).toBeVisible({
      timeout: 15_000,
    });
    expect(await page.evaluate(liveTracks)).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Add a slot' })).toBeVisible();
    await expect.poll(() => page.evaluate(liveTracks)).toBe(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
  });

  test('the Back button closes the scanner and turns the camera off, without leaving Keyslot', async ({ baseURL }) => {
    browser = await launchWithCamera(await cameraFeed('Just some text'));
    const page = await newPage(browser, baseURL);
    await setUpPin(page);
    await page.getByRole('button', { name: 'Add a slot' }).first().click();
    await page.getByRole('button', { name: 'Scan QR code' }).click();
    await expect.poll(() => page.evaluate(liveTracks)).toBeGreaterThan(0);
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Add a slot' })).toBeVisible();
    await expect.poll(() => page.evaluate(liveTracks)).toBe(0);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    // Back once more: from the add screen to the list, still in Keyslot.
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });

  test('when the camera is denied, the message explains and an image of the QR still works', async ({ baseURL }) => {
    browser = await launchWithCamera(null, false);
    const page = await newPage(browser, baseURL);
    await setUpPin(page);
    await page.getByRole('button', { name: 'Add a slot' }).first().click();
    await page.getByRole('button', { name: 'Scan QR code' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/camera/i, { timeout: 15_000 });
    await alert.getByLabel('Choose an image').setInputFiles(await qrPng(URI));
    await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
    await page.getByRole('button', { name: 'Add slot' }).click();
    await expect(slotItem(page, NAME)).toBeVisible();
  });
});

test('an image of the QR code adds the slot', async ({ page }) => {
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Choose an image').setInputFiles(await qrPng(URI));
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(slotItem(page, NAME)).toBeVisible();
});

test('an activation link opened cold asks for the PIN, then adds the slot, and the link is gone from the address bar and history', async ({
  page,
  baseURL,
}) => {
  await setUpPin(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('about:blank');
  await page.goto(`/#add=${encodeURIComponent(URI)}`);
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/`);
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
  await page.getByRole('button', { name: 'Add slot' }).click();
  await expect(slotItem(page, NAME)).toBeVisible();
  expect(page.url()).not.toContain('add=');
  expect(await page.evaluate(() => location.hash + JSON.stringify(history.state))).not.toContain('otpauth');
  expect(requests.filter((url) => url.includes('otpauth') || url.includes(SECRET))).toEqual([]);
  // Back does not return to an address holding the link.
  await page.goBack().catch(() => {});
  expect(page.url()).not.toContain('add=');
});

test('an activation link opened while Keyslot is open and unlocked goes straight to the confirmation', async ({
  page,
}) => {
  await setUpPin(page);
  // What a browser does when a link to the open tab differs only in its fragment.
  await page.evaluate((hash) => (location.hash = hash), `#add=${encodeURIComponent(URI)}`);
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
  expect(page.url()).not.toContain('add=');
});

test('a Keyslot link pasted into the link field works like an otpauth link', async ({ page, baseURL }) => {
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Activation link').fill(`${baseURL}/#add=${encodeURIComponent(URI)}`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
});

test('a web link that is not an activation gets an explanation and adds nothing', async ({ page }) => {
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Choose an image').setInputFiles(await qrPng('https://vpn.example.org/portal'));
  await expect(page.getByRole('alert')).toContainText(/link/i);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
});

test('an export QR with three accounts lets the user pick two, and adds those two', async ({ page }) => {
  const uri = migrationUri([
    { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Lab', name: 'Lab:ann' },
    { secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Mail', name: 'ben@example.org' },
    { secret: 'KRUGS4ZANFZSAYJA', issuer: 'Cloud', name: 'Cloud:cat' },
  ]);
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Choose an image').setInputFiles(await qrPng(uri));
  await expect(page.getByRole('heading', { name: 'Choose slots to add' })).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(3);
  await page.getByRole('checkbox', { name: /Mail/ }).uncheck();
  await page.getByRole('button', { name: 'Add 2 slots' }).click();
  await expect(page.getByRole('listitem')).toHaveCount(2);
  await expect(slotItem(page, /Lab.*ann/)).toBeVisible();
  await expect(slotItem(page, /Cloud.*cat/)).toBeVisible();
});

test('a reissued secret for the same account offers to replace the old slot, never silently', async ({ page }) => {
  const newSecret = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGWZLZ';
  await page.clock.install({ time: T0 });
  await setUpPin(page);
  await addByLink(page, URI);
  await page.getByRole('button', { name: 'Add a slot' }).click();
  await page.getByLabel('Activation link').fill(URI.replace(SECRET, newSecret));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(/already have a slot for PassLogic \(KEK VPN\)/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Keep both' })).toBeVisible();
  await page.getByRole('button', { name: 'Replace the old slot' }).click();
  await expect(page.getByRole('listitem')).toHaveCount(1);
  const t = T0 + 60_000;
  await page.clock.pauseAt(t);
  await expect.poll(() => shownCode(page, NAME)).toBe(totp(newSecret, t));
});

test('a link whose provider looks like an existing one in other letters is flagged, not taken for a reissue', async ({
  page,
}) => {
  const newSecret = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGWZLZ';
  const paypal = 'otpauth://totp/PayPal:alice?secret=' + SECRET + '&issuer=PayPal';
  await setUpPin(page);
  await addByLink(page, paypal);
  // "PаyPal" with a Cyrillic а (U+0430).
  const fake = paypal.replaceAll('PayPal', 'P%D0%B0yPal').replace(SECRET, newSecret);
  await page.getByRole('button', { name: 'Add a slot' }).click();
  await page.getByLabel('Activation link').fill(fake);
  await page.getByRole('button', { name: 'Continue' }).click();
  const note = page.getByRole('note').filter({ hasText: 'looks like PayPal' });
  await expect(note).toContainText('its letters are different');
  await expect(note.locator('bdi')).toHaveText('PayPal');
  await expect(page.getByRole('button', { name: 'Replace the old slot' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add slot' })).toBeVisible();
});

test('activation links opened in quick succession are never dropped, even while the previous slot is being saved', async ({
  page,
}) => {
  const links = Array.from({ length: 8 }, (_, i) => {
    const secret = `JBSWY3DPEHPK3PX${'ABCDEFGH'[i]}`; // a different secret each
    return `#add=${encodeURIComponent(`otpauth://totp/Quick%20${i}:user${i}?secret=${secret}&issuer=Quick%20${i}`)}`;
  });
  await setUpPin(page);
  await page.evaluate((hash) => (location.hash = hash), links[0]!);
  for (let i = 1; i <= links.length; i++) {
    await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
    await expect(page.getByText(`Quick ${i - 1}`, { exact: true }).first()).toBeVisible();
    // Add, and the next link arrives at once: while the slot is still being encrypted and stored.
    await page.evaluate((next) => {
      const add = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Add slot')!;
      add.click();
      if (next) location.hash = next;
    }, links[i] ?? null);
  }
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Slots' }).getByRole('listitem')).toHaveCount(links.length);
});
