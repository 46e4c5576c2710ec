import { test, expect } from '@playwright/test';
import { setUpPin, addByLink, slotItem, shownCode, unlock } from './helpers/app';
import { hotp } from './helpers/oracle';

const HOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226 Appendix D key
const TOTP_LINK = 'otpauth://totp/Acme:carol?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme';

test('two tabs never show one HOTP code twice, never lower the counter, and see each other’s slots', async ({
  context,
}) => {
  const a = await context.newPage();
  await setUpPin(a);
  await addByLink(a, `otpauth://hotp/Lab:frank?secret=${HOTP_SECRET}&issuer=Lab&counter=0`);

  const b = await context.newPage();
  await b.goto('/');
  await unlock(b);
  await expect(slotItem(b, /Lab.*frank/)).toBeVisible();

  // Tab A uses counters 0 and 1; tab B, which loaded the slot at counter 0, must go on from 2.
  await a.bringToFront();
  await slotItem(a, /Lab.*frank/)
    .getByRole('button', { name: 'Generate code' })
    .click();
  await expect.poll(() => shownCode(a, /Lab.*frank/)).toBe(hotp(HOTP_SECRET, 0));
  await slotItem(a, /Lab.*frank/)
    .getByRole('button', { name: 'Generate code' })
    .click();
  await expect.poll(() => shownCode(a, /Lab.*frank/)).toBe(hotp(HOTP_SECRET, 1));
  await b.bringToFront();
  await slotItem(b, /Lab.*frank/)
    .getByRole('button', { name: 'Generate code' })
    .click();
  await expect.poll(() => shownCode(b, /Lab.*frank/)).toBe(hotp(HOTP_SECRET, 2));

  // Tab A's next code follows tab B's: the stored counter went on to 3, not back.
  await a.bringToFront();
  await slotItem(a, /Lab.*frank/)
    .getByRole('button', { name: 'Generate code' })
    .click();
  await expect.poll(() => shownCode(a, /Lab.*frank/)).toBe(hotp(HOTP_SECRET, 3));

  // Tab B checks a link while tab A adds the same secret: B's add is refused, and B's list has A's slot.
  await b.bringToFront();
  await b.getByRole('button', { name: 'Add a slot' }).first().click();
  await b.getByLabel('Activation link').fill(TOTP_LINK);
  await b.getByRole('button', { name: 'Continue' }).click();
  await expect(b.getByRole('heading', { name: 'Check and add' })).toBeVisible();
  await a.bringToFront();
  await addByLink(a, TOTP_LINK);
  await b.bringToFront();
  await b.getByRole('button', { name: 'Add slot' }).click();
  await expect(b.getByText('This slot is already in Keyslot. Nothing was added.')).toBeVisible();
  await b.reload();
  await unlock(b);
  await expect(slotItem(b, /Acme.*carol/)).toHaveCount(1);

  // A slot added in tab A appears in tab B's open list without a reload.
  await a.bringToFront();
  await addByLink(a, 'otpauth://totp/Acme:dave?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme');
  await expect(slotItem(b, /Acme.*dave/)).toBeVisible();
});
