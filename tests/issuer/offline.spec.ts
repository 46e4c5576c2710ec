// Issue 13, live journey 6: once registered, the codes need no network. With the browser
// offline, the slots still show codes after a reload, and the server accepts them later.
import { test, expect } from '@playwright/test';
import { currentCode, containerFor, freshProfile, registerByScan, slotOf, type Profile } from './fixtures';

let profile: Profile | undefined;
test.afterEach(async () => profile?.close());

test('with the network off after activation, codes still show and validate later', async ({ baseURL }) => {
  const { admin, containerSerial, totp, hotp } = await containerFor('alice');
  profile = await freshProfile(baseURL!, (await admin.registrationQr(containerSerial)).uri);
  const { page } = profile;
  await registerByScan(page);

  await page.context().setOffline(true);
  await page.reload();
  await page.getByLabel('PIN', { exact: true }).fill('480913');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible();
  const hotpCode = await currentCode(page, slotOf(hotp.serial), 'hotp');
  const totpCode = await currentCode(page, slotOf(totp.serial), 'totp');

  // Later, from the VPN's side (the server is reachable from there, not from the phone).
  expect((await admin.validate({ serial: hotp.serial, pass: hotpCode })).ok).toBe(true);
  expect((await admin.validate({ serial: totp.serial, pass: totpCode })).ok).toBe(true);
});
