// Passkey unlock (issue 6), with a CDP virtual authenticator that supports PRF: enrol in
// Settings (asks the PIN), unlock by passkey, unlock by PIN, a passkey gone from the
// authenticator fails with a clear message while the PIN still works, and removal.
import { test, expect, type Page } from '@playwright/test';
import { PIN, setUpPin, unlock } from './helpers/app';
import { leaveSettings, openSettings } from './helpers/settings';

async function lock(page: Page) {
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
}

test('enrol a passkey, unlock with it and with the PIN, survive its loss, remove it', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: true,
    },
  });

  await setUpPin(page);
  await openSettings(page, 'security');
  const section = page.getByRole('region', { name: 'Unlock with fingerprint, face or security key' });
  await expect(section).toBeVisible();

  await test.step('a wrong PIN adds nothing', async () => {
    await section.getByLabel('Your PIN', { exact: true }).fill('480914');
    await section.getByRole('button', { name: 'Add passkey' }).click();
    await expect(section.getByText('That PIN is not correct.')).toBeVisible({ timeout: 20_000 });
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(0);
  });
  await test.step('the right PIN enrols a passkey', async () => {
    await section.getByLabel('Your PIN', { exact: true }).fill(PIN);
    await section.getByRole('button', { name: 'Add passkey' }).click();
    await expect(page.getByRole('status')).toHaveText('Passkey added', { timeout: 20_000 });
    await expect(section.getByRole('button', { name: 'Remove passkey' })).toBeVisible();
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
  });

  await leaveSettings(page);
  await lock(page);
  await test.step('unlock with the passkey', async () => {
    await page.getByRole('button', { name: 'Unlock with passkey' }).click();
    await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible({ timeout: 20_000 });
  });
  await lock(page);
  await test.step('the PIN still unlocks', async () => {
    await expect(page.getByRole('button', { name: 'Unlock with passkey' })).toBeVisible();
    await unlock(page);
  });

  await lock(page);
  await test.step('a passkey gone from the authenticator fails clearly; the PIN still works', async () => {
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
    await page.getByRole('button', { name: 'Unlock with passkey' }).click();
    await expect(
      page.getByText(
        'The passkey did not open Keyslot: it was cancelled or is no longer on this device. Use your PIN.',
      ),
    ).toBeVisible({ timeout: 30_000 });
    await unlock(page);
  });

  await test.step('remove the passkey: the unlock screen no longer offers it', async () => {
    await openSettings(page, 'security');
    await section.getByRole('button', { name: 'Remove passkey' }).click();
    await expect(page.getByRole('status')).toHaveText('Passkey removed');
    await expect(section.getByRole('button', { name: 'Add passkey' })).toBeVisible();
    await leaveSettings(page);
    await lock(page);
    await expect(page.getByRole('button', { name: 'Unlock with passkey' })).toHaveCount(0);
    await unlock(page);
  });
});
