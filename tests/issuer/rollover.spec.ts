// Issue 13, live journey 4: a reissue (privacyIDEA rollover) to a second device. The new
// device's codes validate; the old device's next sync marks its slots withdrawn, and its last
// codes no longer validate at the server.
import { test, expect } from '@playwright/test';
import { unlock } from '../e2e/helpers/app';
import {
  currentCode,
  containerFor,
  freshProfile,
  registerByScan,
  slotOf,
  syncFromMenu,
  announced,
  type Profile,
} from './fixtures';

const profiles: Profile[] = [];
test.afterEach(async () => {
  for (const p of profiles.splice(0)) await p.close();
});

test("after a rollover to a new device, the old device's slots are withdrawn and its codes rejected", async ({
  baseURL,
}) => {
  const { admin, containerSerial, totp, hotp } = await containerFor('carol');
  const old = await freshProfile(baseURL!, (await admin.registrationQr(containerSerial)).uri);
  profiles.push(old);
  await registerByScan(old.page);
  const oldHotp = await currentCode(old.page, slotOf(hotp.serial), 'hotp');

  const { uri } = await admin.rolloverQr(containerSerial);
  const fresh = await freshProfile(baseURL!, uri);
  profiles.push(fresh);
  await registerByScan(fresh.page);
  expect(await admin.registrationState(containerSerial)).toBe('registered');

  // The new device's codes are the ones the server accepts now.
  const newTotp = await currentCode(fresh.page, slotOf(totp.serial), 'totp');
  expect((await admin.validate({ serial: totp.serial, pass: newTotp })).ok).toBe(true);
  // The old device's last codes are not.
  const oldTotp = await currentCode(old.page, slotOf(totp.serial), 'totp');
  expect(oldTotp).not.toBe(newTotp);
  expect((await admin.validate({ serial: totp.serial, pass: oldTotp })).ok).toBe(false);
  expect((await admin.validate({ serial: hotp.serial, pass: oldHotp })).ok).toBe(false);

  // The old device learns it at its next sync: withdrawn, no codes, never silently deleted.
  await syncFromMenu(old.page, slotOf(totp.serial));
  await expect(announced(old.page, 'Withdrawn by privacyIDEA')).toBeAttached({ timeout: 30_000 });
  const item = old.page.getByRole('listitem', { name: slotOf(totp.serial) });
  await expect(item).toContainText('Withdrawn by privacyIDEA');
  await expect(item.getByRole('button', { name: /^[\d ]+$/ })).toHaveCount(0);
  await expect(item.getByRole('button', { name: /Delete/ }).first()).toBeVisible();
  // Stored so: after a reload it is still there, still withdrawn.
  await old.page.reload();
  await unlock(old.page);
  await expect(old.page.getByRole('listitem', { name: slotOf(totp.serial) })).toContainText('Withdrawn by privacyIDEA');
});
