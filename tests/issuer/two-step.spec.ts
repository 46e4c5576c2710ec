// Issue 13, live journey 7: privacyIDEA's 2step enrollment. The administrator starts a 2step
// HOTP token; Keyslot scans the QR, shows its client part; that part typed into privacyIDEA's
// /token/init (as the user would on the provider's page) completes the token; the server then
// accepts Keyslot's codes.
import { test, expect } from '@playwright/test';
import { currentCode, freshProfile, piAdmin, piInfo, scan, slotOf, type Profile } from './fixtures';

let profile: Profile | undefined;
test.afterEach(async () => profile?.close());

for (const type of ['hotp', 'totp'] as const) {
  test(`a 2step ${type.toUpperCase()} QR: Keyslot's client part completes the token and the server accepts its code`, async ({
    baseURL,
  }) => {
    const pi = piInfo();
    const admin = await piAdmin();
    const { serial, uri } = await admin.init2step({ type, user: 'bob', realm: pi.realm });
    expect(uri).toContain('2step_salt=');

    profile = await freshProfile(baseURL!, uri);
    const { page } = profile;
    await scan(page);
    await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
    const finish = page.getByRole('group', { name: 'Finish on your provider’s page' });
    await expect(finish).toBeVisible();

    // Not yet confirmed: nothing is stored.
    await page.getByRole('button', { name: 'Add slot' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'First type the letters on your provider’s page, then tick the box.',
    );

    const clientPart = (await finish.locator('code').textContent())!.replace(/\s/g, '');
    expect(clientPart).toMatch(/^[A-Z2-7]{16,}$/);
    await admin.finish2step({ serial, type, clientPart });
    await finish.getByRole('checkbox', { name: 'I have typed these letters on my provider’s page' }).check();
    await page.getByRole('button', { name: 'Add slot' }).click();
    await expect(page.getByRole('status')).toHaveText('Slot added');

    const name = slotOf(serial);
    const code = await currentCode(page, name, type);
    const check = await admin.validate({ serial, pass: code });
    expect(check.message).toBe('matching 1 tokens');
    expect(check.ok).toBe(true);
  });
}

test('a 2step QR with a hostile difficulty is refused with a reason, and nothing is added', async ({ baseURL }) => {
  const uri =
    'otpauth://hotp/OATH1?secret=GWNG7L5WR2ICEUPDSNMS7LROV3O4ATHT&issuer=privacyIDEA&2step_salt=8&2step_output=20&2step_difficulty=999999999';
  profile = await freshProfile(baseURL!, uri);
  const { page } = profile;
  await scan(page);
  await expect(page.getByText('This two-step enrollment code is damaged', { exact: false })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
});
