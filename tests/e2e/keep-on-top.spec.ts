// Keep on top (issue 8): a slot's code in a small always-on-top window (Document
// Picture-in-Picture), ticking on its own, closed when Keyslot locks.
import { test, expect } from '@playwright/test';
import { addByLink, setUpPin, slotItem } from './helpers/app';
import { codePattern, totp } from './helpers/oracle';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=${SECRET}&issuer=PassLogic%20(KEK%20VPN)`;
// 1 s into a 30 s step; the clock then runs at its normal pace (the window ticks on real timers).
const T = Date.UTC(2026, 0, 15, 9, 0, 1);

test('Keep on top shows the code in its own window, which rolls over with the period and closes on Lock', async ({
  page,
  context,
}) => {
  test.slow(); // waits for a real period boundary
  await page.clock.install({ time: T });
  await setUpPin(page);
  await addByLink(page, URI);
  const item = slotItem(page, /PassLogic \(KEK VPN\)/);
  await item.getByRole('button', { name: /Options for/ }).click();
  const opened = context.waitForEvent('page');
  await item.getByRole('menuitem', { name: 'Keep on top' }).click();
  const pip = await opened;

  const code = pip.getByLabel('Code for PassLogic (KEK VPN)');
  await expect(code).toHaveText(codePattern(totp(SECRET, T)));
  await expect(pip.getByText(/\b\d{1,2} s left/)).toBeVisible();
  // The next period's code arrives by itself, from the window's own ticks.
  await expect(code).toHaveText(codePattern(totp(SECRET, T + 30_000)), { timeout: 45_000 });

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
  await expect.poll(() => pip.isClosed()).toBe(true);
});
