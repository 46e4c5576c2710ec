// privacyIDEA registration codes that must be refused before anything is sent. The default build
// allows no privacyIDEA server (KEYSLOT_PRIVACYIDEA_ORIGINS unset), so even a perfect code is
// refused with a message for the administrator, and the page makes no request. The journeys
// against a live privacyIDEA run in `npm run test:issuer`.
import { test, expect } from '@playwright/test';
import { setUpPin } from './helpers/app';

const qr = (over: Record<string, string> = {}) => {
  const p = {
    issuer: 'privacyIDEA',
    ttl: '10',
    nonce: 'ff10e1c3a3b7c0d1e2f30415263748596a7b8c9d',
    time: new Date().toISOString().replace('Z', '+00:00'),
    url: 'https://pi.example.org/',
    serial: 'SMPH0000AB5C',
    key_algorithm: 'secp384r1',
    hash_algorithm: 'SHA256',
    ssl_verify: 'True',
    ...over,
  };
  return `pia://container/${p.serial}?${Object.entries(p)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`;
};

test('a privacyIDEA registration code is refused with the reason, nothing is sent and nothing added', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('http://localhost')) requests.push(r.url());
  });
  await setUpPin(page);
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  const link = page.getByLabel('Activation link');
  const go = page.getByRole('button', { name: 'Continue' });

  const cases: [string, RegExp][] = [
    [qr(), /not set up to talk to any privacyIDEA server/],
    [qr({ key_algorithm: 'secp256r1' }), /key or hash algorithm that Keyslot does not support/],
    [qr({ ttl: 'soon' }), /registration code is damaged or incomplete/],
  ];
  for (const [text, message] of cases) {
    await link.fill(text);
    await go.click();
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Register this device with privacyIDEA' })).toHaveCount(0);
  }
  expect(requests).toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('listitem')).toHaveCount(0);
});
