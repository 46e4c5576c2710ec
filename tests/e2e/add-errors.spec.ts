import { test, expect } from '@playwright/test';
import { setUpPin, addByLink } from './helpers/app';

test('PIN setup refuses short, trivial and mismatched PINs with the reason', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Get started' }).click();
  const pin = page.getByLabel('PIN', { exact: true });
  const confirm = page.getByLabel('Confirm PIN');
  const create = page.getByRole('button', { name: 'Create PIN' });

  await pin.fill('1234');
  await confirm.fill('1234');
  await create.click();
  await expect(page.getByText('Use at least 6 digits.')).toBeVisible();

  await pin.fill('123456');
  await confirm.fill('123456');
  await create.click();
  await expect(page.getByText(/too easy to guess/)).toBeVisible();
  await expect(pin).toHaveAttribute('aria-invalid', 'true');

  await pin.fill('480913');
  await confirm.fill('480931');
  await create.click();
  await expect(page.getByText('The two PINs are not the same.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Choose a PIN' })).toBeVisible();
});

test('a bad link gets a clear message that never repeats the secret, and nothing is added', async ({ page }) => {
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  const link = page.getByLabel('Activation link');
  const go = page.getByRole('button', { name: 'Continue' });

  const cases: [string, RegExp][] = [
    ['https://vpn.example.org/activate?token=abc', /link to a web page, not an activation code/],
    ['Meet me at the lab at 10', /not an activation code/],
    ['otpauth://totp/Acme:dave?secret=JBSWY3DP&issuer=Acme', /too short/],
    ['otpauth://totp/Acme:dave?secret=JBSWY3DPEHPK3PX1&issuer=Acme', /characters that do not belong/],
    ['otpauth://totp/Acme:dave?secret=JBSWY3DPEHPK3PXP&digits=9', /6 to 8 digits/],
    ['otpauth://hotp/Acme:dave?secret=JBSWY3DPEHPK3PXP', /starting counter/],
    ['otpauth://xotp/Acme:dave?secret=JBSWY3DPEHPK3PXP', /kind of code/],
    [`otpauth://totp/Acme:dave?secret=JBSWY3DPEHPK3PXP&x=${'a'.repeat(17_000)}`, /far longer/], // over URI_MAX_LENGTH (16,384)
  ];
  for (const [uri, message] of cases) {
    await link.fill(uri);
    await go.click();
    const error = page.locator('#add-link-error');
    await expect(error).toHaveText(message);
    await expect(link).toHaveAttribute('aria-invalid', 'true');
    expect(await error.textContent()).not.toContain('JBSWY3DP');
  }
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible();
});

test('the same secret cannot be added twice', async ({ page }) => {
  await setUpPin(page);
  const uri = 'otpauth://totp/Acme:erin?secret=JBSWY3DPEHPK3PXP&issuer=Acme';
  await addByLink(page, uri);
  await page.getByRole('button', { name: 'Add a slot' }).click();
  await page.getByLabel('Activation link').fill(uri.replace('erin', 'erin2'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#add-link-error')).toHaveText(/already in Keyslot/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('listitem')).toHaveCount(1);
});
