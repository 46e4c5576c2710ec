// Issue 13, live journey 5: deleting a managed slot unregisters the container on the server.
import { test, expect } from '@playwright/test';
import { containerFor, freshProfile, registerByScan, slotOf, announced, type Profile } from './fixtures';

let profile: Profile | undefined;
test.afterEach(async () => profile?.close());

test('deleting the managed slots unregisters this device at the server', async ({ baseURL }) => {
  const { admin, containerSerial, totp } = await containerFor('bob');
  profile = await freshProfile(baseURL!, (await admin.registrationQr(containerSerial)).uri);
  const { page } = profile;
  await registerByScan(page);
  expect(await admin.registrationState(containerSerial)).toBe('registered');

  const item = page.getByRole('listitem', { name: slotOf(totp.serial) });
  await item.getByRole('button', { name: /^Options for/ }).click();
  await item.getByRole('button', { name: 'Delete and unregister' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(containerSerial);
  await dialog.getByRole('button', { name: /Delete/ }).click();
  await expect(announced(page, 'This device is no longer registered with the server.')).toBeAttached({
    timeout: 30_000,
  });
  await expect(page.getByRole('listitem', { name: /privacyIDEA/ })).toHaveCount(0);
  await expect.poll(() => admin.registrationState(containerSerial)).not.toBe('registered');
});
