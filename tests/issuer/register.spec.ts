// Issue 13, live journeys 1 and 2: a registration QR scanned by Keyslot registers the device,
// the first sync brings both tokens as slots, and privacyIDEA accepts Keyslot's codes. The same
// QR a second time, or an expired one, is refused and nothing is stored.
import { test, expect } from '@playwright/test';
import { slotItem } from '../e2e/helpers/app';
import {
  confirmRegistration,
  currentCode,
  containerFor,
  expectNothingStored,
  freshProfile,
  registerButton,
  registerByScan,
  registration,
  scan,
  slotOf,
  type Profile,
} from './fixtures';

const profiles: Profile[] = [];
test.afterEach(async () => {
  for (const p of profiles.splice(0)) await p.close();
});

test('a registration QR registers this device, both tokens appear, and the server accepts their codes', async ({
  baseURL,
}, info) => {
  const { admin, containerSerial, totp, hotp } = await containerFor('alice');
  const { uri } = await admin.registrationQr(containerSerial);
  const a = await freshProfile(baseURL!, uri);
  profiles.push(a);

  await scan(a.page);
  await expect(registration(a.page)).toBeVisible();
  // Who is asking: issuer, container, and the server's origin in full.
  await expect(a.page.getByText('privacyIDEA', { exact: true }).first()).toBeVisible();
  await expect(a.page.getByText(containerSerial).first()).toBeVisible();
  await expect(a.page.getByText(new URL(baseURL!).origin).first()).toBeVisible();
  const ms = await confirmRegistration(a.page);
  info.annotations.push({ type: 'registration + sync (loopback)', description: `${ms} ms` });
  console.log(`registration + first sync on loopback: ${ms} ms`);
  expect(await admin.registrationState(containerSerial)).toBe('registered');

  for (const [token, kind] of [
    [totp, 'totp'],
    [hotp, 'hotp'],
  ] as const) {
    const code = await currentCode(a.page, slotOf(token.serial), kind);
    const check = await admin.validate({ serial: token.serial, pass: code });
    expect(check.ok, `${kind} ${check.message}`).toBe(true);
  }
  // And as a VPN asks: user and code only.
  const again = await currentCode(a.page, slotOf(hotp.serial), 'hotp');
  expect((await admin.validate({ user: 'alice', realm: 'keyslot', pass: again })).ok).toBe(true);

  // The slot belongs to the server: no QR export in its menu, no secret in its details.
  const item = slotItem(a.page, slotOf(totp.serial));
  await item.getByRole('button', { name: /^Options for/ }).click();
  await expect(item.getByRole('button', { name: 'Sync with privacyIDEA' })).toBeVisible();
  await expect(item.getByRole('menuitem', { name: 'Show as QR code' })).toHaveCount(0);
  await item.getByRole('menuitem', { name: 'Details', exact: true }).click();
  const details = a.page.getByRole('dialog', { name: /^Details of/ });
  await expect(details.getByText(/privacyIDEA server \(privacyIDEA\) manages this slot/)).toBeVisible();
  await expect(details.getByRole('button', { name: 'Show secret' })).toHaveCount(0);
});

test('the same registration QR on a second device is refused, and nothing is stored there', async ({ baseURL }) => {
  const { admin, containerSerial } = await containerFor('bob');
  const { uri } = await admin.registrationQr(containerSerial);
  const first = await freshProfile(baseURL!, uri);
  profiles.push(first);
  await registerByScan(first.page);

  const second = await freshProfile(baseURL!, uri);
  profiles.push(second);
  await scan(second.page);
  await expect(registration(second.page)).toBeVisible();
  await registerButton(second.page).click();
  await expect(second.page.getByRole('alert')).toBeVisible({ timeout: 30_000 });
  await expectNothingStored(second.page);
  expect(await admin.registrationState(containerSerial)).toBe('registered');
});

test('an expired registration QR is refused before anything is sent', async ({ baseURL }) => {
  const { admin, containerSerial } = await containerFor('carol');
  const { uri } = await admin.registrationQr(containerSerial);
  // The QR lives container_registration_ttl = 10 minutes: eleven minutes later it is dead.
  const p = await freshProfile(baseURL!, uri, Date.now() + 11 * 60_000);
  profiles.push(p);
  await scan(p.page);
  await expect(p.page.getByText('This registration code has expired.', { exact: false })).toBeVisible();
  await expectNothingStored(p.page);
  expect(await admin.registrationState(containerSerial)).toBe('client_wait');
});
