// Clock check (issue 8): the device clock is compared with the Date header of Keyslot's own
// server. Here the "server" answering the check is a route that sends a Date 60 s ahead of the
// page's clock (page.clock), i.e. a device clock 60 s behind.
import { test, expect, type Page } from '@playwright/test';
import { PIN, addByLink, setUpPin, shownCode, unlock } from './helpers/app';
import { totp } from './helpers/oracle';
import { leaveSettings, openSettings } from './helpers/settings';

// Routes see the page's requests only when no service worker answers in between.
test.use({ serviceWorkers: 'block' });

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=${SECRET}&issuer=PassLogic%20(KEK%20VPN)`;
const T = Date.UTC(2026, 0, 15, 9, 0, 10); // 10 s into a 30 s step
const SLOT = /PassLogic \(KEK VPN\)/;

async function serverDate(page: Page, skewMs: number, seen: string[] = []) {
  await page.route('**/favicon.svg', async (route) => {
    const request = route.request();
    seen.push(
      `${request.method()} ${new URL(request.url()).origin === new URL(page.url() || 'http://localhost').origin}`,
    );
    if (request.method() !== 'HEAD') return route.continue();
    await route.fulfill({
      status: 200,
      headers: { date: new Date(T + skewMs).toUTCString(), 'content-type': 'image/svg+xml' },
    });
  });
}

test('a device clock 60 s behind is reported, codes can be corrected by the measured offset, and the choice is kept', async ({
  page,
}) => {
  const seen: string[] = [];
  await serverDate(page, 60_000, seen);
  await page.clock.install({ time: T });
  await page.clock.setFixedTime(T);
  await setUpPin(page);
  await addByLink(page, URI);

  const warning = page.getByRole('complementary', { name: 'Check your device clock' });
  await expect(warning).toBeVisible();
  // The Date header has whole seconds; Keyslot takes the middle of that second: 60.5 s, shown as 61.
  await expect(warning).toContainText('Your device clock is 61 s behind the server’s.');
  expect(await shownCode(page, SLOT)).toBe(totp(SECRET, T));
  // The check is a HEAD to Keyslot's own origin (besides the browser's own GET of the icon).
  expect(seen).toContain('HEAD true');
  expect(seen.every((s) => s.endsWith('true'))).toBe(true);

  await warning.getByRole('button', { name: 'Correct codes by 61 s' }).click();
  await expect(warning).toContainText('Codes are corrected by 61 s for your device clock.');
  await expect.poll(() => shownCode(page, SLOT)).toBe(totp(SECRET, T + 60_500));

  await test.step('kept across a reload, and shown in Settings, where it can be turned off', async () => {
    await page.reload();
    await unlock(page, PIN);
    await expect.poll(() => shownCode(page, SLOT)).toBe(totp(SECRET, T + 60_500));
    await openSettings(page, 'clock');
    await expect(page.getByText(/Last measured .*: 61 s behind\./)).toBeVisible();
    const correct = page.getByRole('checkbox', { name: 'Correct codes for the measured difference' });
    await expect(correct).toBeChecked();
    await correct.uncheck();
    await leaveSettings(page);
    await expect.poll(() => shownCode(page, SLOT)).toBe(totp(SECRET, T));
  });
});

test('a device clock within 15 s of the server shows no warning, and codes are not corrected', async ({ page }) => {
  await serverDate(page, 10_000);
  await page.clock.install({ time: T });
  await page.clock.setFixedTime(T);
  await setUpPin(page);
  await addByLink(page, URI);
  await openSettings(page, 'clock');
  await expect(page.getByText(/Last measured .*: right to within 15 s\./)).toBeVisible();
  await leaveSettings(page);
  await expect(page.getByRole('complementary', { name: 'Check your device clock' })).toHaveCount(0);
  expect(await shownCode(page, SLOT)).toBe(totp(SECRET, T));
});
