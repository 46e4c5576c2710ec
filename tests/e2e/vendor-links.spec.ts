// Issue 13 item 7: other vendors' enrollment codes say what they are and which app they need,
// by camera and by paste, and nothing is added.
import { test, expect, type Browser } from '@playwright/test';
import { setUpPin } from './helpers/app';
import { cameraFeed, launchWithCamera } from './helpers/qr';

const PIPUSH =
  'otpauth://pipush/PIPU0006EF85?url=https%3A//pi.example.org/ttype/push&ttl=10&issuer=privacyIDEA&enrollment_credential=9311ee50678983c0f29d3d843f86e39405e2b427&v=1&serial=PIPU0006EF85&sslverify=1';
const MICROSOFT =
  'phonefactor://activate_account?code=123456789&url=https://mobileappcommunicator.auth.microsoft.com/activate/123456789/WEU';

test('a privacyIDEA push QR seen by the camera says it needs the privacyIDEA Authenticator app', async ({
  baseURL,
}) => {
  let browser: Browser | undefined;
  try {
    browser = await launchWithCamera(await cameraFeed(PIPUSH));
    const page = await (await browser.newContext({ baseURL })).newPage();
    await setUpPin(page);
    await page.getByRole('button', { name: 'Add a slot' }).first().click();
    await page.getByRole('button', { name: 'Scan QR code' }).click();
    await expect(
      page.getByText('This is a privacyIDEA push token. It works only in the privacyIDEA Authenticator app.', {
        exact: false,
      }),
    ).toBeVisible({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
  } finally {
    await browser?.close();
  }
});

test('a pasted Microsoft Authenticator activation says it needs Microsoft Authenticator', async ({ page }) => {
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Activation link').fill(MICROSOFT);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByText('This is a Microsoft Authenticator activation (work or school account).', { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Check and add' })).toHaveCount(0);
});
