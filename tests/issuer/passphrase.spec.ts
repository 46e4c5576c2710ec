// Issue 13, live journey 3: a registration QR with a passphrase prompt. A wrong answer is
// refused by the server and nothing is stored; the right one registers.
import { test, expect } from '@playwright/test';
import {
  containerFor,
  expectNothingStored,
  freshProfile,
  registerButton,
  registration,
  scan,
  slotOf,
  currentCode,
  announced,
  type Profile,
} from './fixtures';

let profile: Profile | undefined;
test.afterEach(async () => profile?.close());

test('a wrong passphrase is refused with nothing stored, and the right one registers', async ({ baseURL }) => {
  const { admin, containerSerial, totp } = await containerFor('alice');
  const { uri } = await admin.registrationQr(containerSerial, {
    passphrasePrompt: 'Your employee number?',
    passphraseResponse: '40417',
  });
  expect(uri).toContain('passphrase=');
  profile = await freshProfile(baseURL!, uri);
  const { page } = profile;

  await scan(page);
  await expect(registration(page)).toBeVisible();
  await expect(page.getByText('Your employee number?')).toBeVisible();
  await page.getByLabel('Your employee number?').fill('11111');
  await registerButton(page).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The server did not accept your answer to its question. Check it and try again.',
    { timeout: 30_000 },
  );
  expect(await admin.registrationState(containerSerial)).toBe('client_wait');

  await page.getByLabel('Your employee number?').fill('40417');
  await registerButton(page).click();
  await expect(announced(page, 'Slot added')).toBeAttached({ timeout: 30_000 });
  expect(await admin.registrationState(containerSerial)).toBe('registered');
  const code = await currentCode(page, slotOf(totp.serial), 'totp');
  expect((await admin.validate({ serial: totp.serial, pass: code })).ok).toBe(true);
});

test('a passphrase QR with no answer given registers nothing', async ({ baseURL }) => {
  const { admin, containerSerial } = await containerFor('bob');
  const { uri } = await admin.registrationQr(containerSerial, {
    passphrasePrompt: 'Your employee number?',
    passphraseResponse: '40417',
  });
  profile = await freshProfile(baseURL!, uri);
  await scan(profile.page);
  await registerButton(profile.page).click();
  await expect(profile.page.getByRole('alert')).toBeVisible({ timeout: 30_000 });
  await expectNothingStored(profile.page);
});
