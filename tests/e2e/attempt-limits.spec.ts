// Attempt limits (issue 6): the failed-attempt counter is kept in IndexedDB before each KDF
// run, survives a reload, makes the user wait (30 s, doubling) after 5 wrong PINs, and, when
// the user turned it on in Settings, erases every slot at the 10th wrong PIN in a row.
// Real Argon2id (about 0.6 s per try); page.clock moves time through the waits.
import { test, expect, type Page } from '@playwright/test';
import { PIN, setUpPin, unlock, addByLink, slotItem } from './helpers/app';
import { leaveSettings, openSettings } from './helpers/settings';

const WRONG = '480914';
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const URI =
  'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)';

const pinField = (page: Page) => page.getByLabel('PIN', { exact: true });
const unlockButton = (page: Page) => page.getByRole('button', { name: /^(Unlock|Unlocking…)$/ });

/** One wrong PIN, waiting until Keyslot has answered (the field is cleared and the button is back). */
async function wrongPin(page: Page): Promise<void> {
  await pinField(page).fill(WRONG);
  await unlockButton(page).click();
  await expect(pinField(page)).toHaveValue('', { timeout: 20_000 });
  await expect(unlockButton(page)).toHaveText('Unlock', { timeout: 20_000 });
}

test('wrong PINs are counted across a reload; after 5 a countdown blocks Unlock, and the wait doubles', async ({
  page,
}) => {
  await page.clock.install({ time: T0 });
  await setUpPin(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
  await expect(page.getByText(/attempts? left before a wait/)).toHaveCount(0);

  await test.step('attempts left are shown, and the count survives a reload', async () => {
    await wrongPin(page);
    await expect(page.getByText('That PIN is not correct.')).toBeVisible();
    await expect(page.getByText('4 attempts left before a wait.')).toBeVisible();
    await wrongPin(page);
    await expect(page.getByText('3 attempts left before a wait.')).toBeVisible();
    await page.reload();
    await expect(page.getByText('3 attempts left before a wait.')).toBeVisible();
    await wrongPin(page);
    await expect(page.getByText('2 attempts left before a wait.')).toBeVisible();
    await wrongPin(page);
    await expect(page.getByText('1 attempt left before a wait.')).toBeVisible();
  });

  const timer = page.getByRole('timer');
  await test.step('the 5th wrong PIN starts a 30 s countdown that disables Unlock, even after a reload', async () => {
    await page.clock.pauseAt(T0 + 3_600_000); // time stands still unless the test moves it
    await wrongPin(page);
    await expect(timer).toHaveText('Too many wrong PINs. Try again in 0:30.');
    await pinField(page).fill(PIN);
    await expect(unlockButton(page)).toBeDisabled();
    await page.clock.runFor(10_000);
    await expect(timer).toHaveText('Too many wrong PINs. Try again in 0:20.');
    await page.reload();
    await expect(timer).toHaveText('Too many wrong PINs. Try again in 0:20.');
    await pinField(page).fill(PIN);
    await expect(unlockButton(page)).toBeDisabled();
  });

  await test.step('when the wait is over another try is allowed; a wrong one waits twice as long', async () => {
    await page.clock.runFor(20_000);
    await expect(timer).toHaveCount(0);
    await wrongPin(page);
    await expect(timer).toHaveText('Too many wrong PINs. Try again in 1:00.');
    await page.clock.runFor(59_000);
    await expect(timer).toHaveText('Too many wrong PINs. Try again in 0:01.');
    await pinField(page).fill(PIN);
    await expect(unlockButton(page)).toBeDisabled();
    await page.clock.runFor(1_000);
    await expect(timer).toHaveCount(0);
  });

  await test.step('the right PIN opens Keyslot and resets the count', async () => {
    await unlock(page);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
    await wrongPin(page);
    await expect(page.getByText('4 attempts left before a wait.')).toBeVisible();
  });
});

test('with "Erase all slots after 10 wrong PINs" on, the 10th wrong PIN in a row erases every slot', async ({
  page,
}) => {
  test.slow(); // ten Argon2id runs (128 MiB each): slow on a busy 2-core machine, never a timing assertion
  await page.clock.install({ time: T0 });
  await setUpPin(page);
  await addByLink(page, URI);
  await expect(slotItem(page, /PassLogic/)).toBeVisible();

  await test.step('turn the setting on in Settings → Security (off by default, explained)', async () => {
    await openSettings(page, 'security');
    const erase = page.getByRole('checkbox', { name: 'Erase all slots after 10 wrong PINs' });
    await expect(erase).toBeEnabled();
    await expect(erase).not.toBeChecked();
    await expect(page.getByText(/provider .* can reissue an activation/)).toBeVisible();
    await erase.check();
    await expect(page.getByText('Slots will be erased after 10 wrong PINs')).toBeVisible();
    await leaveSettings(page);
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
  });

  await test.step('nine wrong PINs, through the waits: the screen counts down to the erase', async () => {
    await page.clock.pauseAt(T0 + 3_600_000);
    const waits = [0, 0, 0, 0, 30, 60, 120, 240, 480];
    for (const [i, wait] of waits.entries()) {
      await wrongPin(page);
      const left = 10 - (i + 1);
      await expect(
        page.getByText(
          left === 1
            ? 'One more wrong PIN erases all slots (Settings → Security).'
            : `${left} more wrong PINs erase all slots (Settings → Security).`,
        ),
      ).toBeVisible();
      if (wait > 0) {
        await expect(page.getByRole('timer')).toBeVisible();
        await page.clock.runFor(wait * 1000);
        await expect(page.getByRole('timer')).toHaveCount(0);
      }
    }
  });

  await test.step('the 10th erases the slots and says why', async () => {
    await wrongPin(page).catch(() => undefined); // the unlock screen goes away
    await expect(page.getByRole('heading', { name: 'Your slots were erased' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(/entered wrongly 10 times in a row.*set in Settings to erase all slots/)).toBeVisible();
    await expect(page.getByText(/gone from this browser/)).toHaveCount(0);
    const stored = await page.evaluate(
      () =>
        new Promise<{ meta: number; slots: number }>((resolve, reject) => {
          const req = indexedDB.open('keyslot');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction(['meta', 'slots']);
            const meta = tx.objectStore('meta').count();
            const slots = tx.objectStore('slots').count();
            tx.oncomplete = () => {
              resolve({ meta: meta.result, slots: slots.result });
              req.result.close();
            };
          };
        }),
    );
    expect(stored).toEqual({ meta: 0, slots: 0 });
  });

  await test.step('Start fresh sets up a new PIN with no slots', async () => {
    await page.getByRole('button', { name: 'Start fresh' }).click();
    await expect(page.getByRole('button', { name: 'Create PIN' })).toBeVisible();
  });
});
