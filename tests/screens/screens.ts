// `npm run screenshots` (playwright.screenshots.config.ts): every main screen of the real app, with
// made-up slots, as PNGs in screenshots/ui/<language>/<device>-<scheme>/, for a person to look at.
// A few of them (small ones) are copied by hand to docs/screenshots/ for the README.
import { test, expect } from '@playwright/test';
import { mkdirSync, rmSync } from 'node:fs';
import { PIN, slotItem } from '../e2e/helpers/app';
import { wordsFor, fill } from '../e2e/helpers/words';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 12);
const link = (kind: string, issuer: string, account: string, secret: string, extra = '') =>
  `otpauth://${kind}/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}${extra}`;
const DEMO = [
  link('totp', 'PassLogic (KEK VPN)', 'alice', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
  link('totp', 'Lab GitLab', 'alice@lab.example.org', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  link('totp', 'University SSO', 's2412345', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'),
  link('hotp', 'Bank token', 'alice', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', '&counter=3'),
  link('totp', 'Cloud console', 'alice@example.org', 'ONSWG4TFOQYTEMZUONSWG4TFOQYTEMZU'),
  link('totp', 'Mail', 'alice@lab.example.org', 'NVQWS3DBNRUWGZLANVQWS3DBNRUWGZLA'),
  link('totp', 'HPC cluster', 'alice', 'NBYGG2LUOVZXI5DFNBYGG2LUOVZXI5DF'),
  link('totp', 'Wiki', 'alice', 'O5UWW2LBNRUWGZLAO5UWW2LBNRUWGZLA'),
];
/** Groups given in Details before the list is shot (issue 15: chips above the list). */
const GROUPS: [string, string][] = [
  ['PassLogic (KEK VPN)', 'VPN'],
  ['Lab GitLab', 'Lab'],
  ['HPC cluster', 'Lab'],
  ['Wiki', 'Lab'],
];
const DEVICES = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
} as const;

// The README's few (docs/screenshots/, committed): one CSS pixel per image pixel, to stay small.
const README_SHOTS: Record<string, string> = {
  'en/phone-light/slots': 'phone-light',
  'en/phone-dark/slots': 'phone-dark',
  'en/desktop-dark/slots': 'desktop-dark',
  'en/desktop-light/slots': 'desktop-light',
  'ja/phone-light/slots': 'phone-light-ja',
  'ja/desktop-dark/slots': 'desktop-dark-ja',
};

test.describe.configure({ mode: 'parallel' });

for (const locale of ['en', 'ja']) {
  for (const device of ['phone', 'desktop'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test.describe(`${locale} ${device} ${colorScheme}`, () => {
        test.use({ locale, colorScheme, ...DEVICES[device] });

        test(`every main screen (${locale}, ${device}, ${colorScheme})`, async ({ page }) => {
          const w = await wordsFor(locale);
          const dir = `screenshots/ui/${locale}/${device}-${colorScheme}`;
          rmSync(dir, { recursive: true, force: true });
          mkdirSync(dir, { recursive: true });
          let n = 0;
          /** Waits for the toast to go, then shoots; `full` for the whole scrolling page. */
          const shoot = async (name: string, full = false) => {
            // The clock is paused from the list on: step it past the toast (4 s) when one shows.
            if (await page.locator('.announcer .toast').count()) await page.clock.runFor(4100);
            await page.evaluate(() => {
              (document.activeElement as HTMLElement | null)?.blur?.();
              window.scrollTo(0, 0);
            });
            await page.screenshot({
              path: `${dir}/${String(++n).padStart(2, '0')}-${name}.png`,
              animations: 'disabled',
              fullPage: full,
            });
            const readme = README_SHOTS[`${locale}/${device}-${colorScheme}/${name}`];
            if (readme) {
              mkdirSync('docs/screenshots', { recursive: true });
              await page.screenshot({ path: `docs/screenshots/${readme}.png`, animations: 'disabled', scale: 'css' });
            }
          };
          const button = (key: string) => page.getByRole('button', { name: w[key], exact: true });
          // The ⋯ menu's entries are menu items (issue 15).
          const item = (key: string) => page.getByRole('menuitem', { name: w[key], exact: true });
          const heading = (key: string) => page.getByRole('heading', { name: w[key] });
          await page.clock.install({ time: T0 });

          await page.goto('/');
          await expect(heading('welcome.title')).toBeVisible();
          await shoot('welcome');
          await button('welcome.start').click();
          await expect(heading('setup.title')).toBeVisible();
          await shoot('pin-setup');
          await page.getByLabel(w['pin.label'], { exact: true }).fill(PIN);
          await page.getByLabel(w['pin.confirmLabel']).fill(PIN);
          await button('setup.submit').click();
          await expect(heading('list.empty.title')).toBeVisible({ timeout: 30_000 });
          await shoot('empty-list');

          for (const [i, uri] of DEMO.entries()) {
            await button('list.add').first().click();
            await expect(heading('add.title')).toBeVisible();
            if (i === 0) await shoot('add-slot');
            await page.getByLabel(w['add.link.label']).fill(uri);
            await button('common.continue').click();
            await expect(heading('confirm.title')).toBeVisible();
            if (i === 0) await shoot('check-and-add');
            await button('confirm.submit').click();
            await expect(heading('list.title')).toBeVisible();
          }
          const options = (name: string) => page.getByRole('button', { name: fill(w['slot.options'], { name }) });
          for (const [name, group] of GROUPS) {
            await options(name).click();
            await item('slot.details').click();
            const details = page.getByRole('dialog');
            await details.getByLabel(w['groups.new']).fill(group);
            await details.getByRole('button', { name: w['groups.addNew'] }).click();
            await details.getByRole('button', { name: w['groups.save'] }).click();
            await details.getByRole('button', { name: w['common.close'], exact: true }).click();
          }
          await slotItem(page, /Bank token/)
            .getByRole('button', { name: w['slot.generate'] })
            .click();
          // A quiet moment for the rest: 1 s into a period, so no code is about to change.
          const now = await page.evaluate(() => Date.now());
          await page.clock.pauseAt(Math.ceil(now / 30_000) * 30_000 + 1000);
          await shoot('slots');

          const search = page.getByRole('searchbox', { name: w['list.search'] });
          await search.fill('lab');
          await shoot('search');
          await search.fill('');
          await options('University SSO').click();
          await shoot('slot-options');
          await item('slot.edit').click();
          await expect(page.getByRole('dialog')).toBeVisible();
          await shoot('edit-dialog');
          await page.getByRole('dialog').getByRole('button', { name: w['common.cancel'] }).click();
          await options('University SSO').click();
          await item('slot.details').click();
          await expect(page.getByRole('dialog')).toBeVisible();
          await shoot('details-dialog');
          await page.keyboard.press('Escape');

          await options('PassLogic (KEK VPN)').click();
          await item('slot.showQr').click();
          const dialog = page.getByRole('dialog');
          await dialog.getByLabel(w['qr.pin'], { exact: true }).fill(PIN);
          await dialog.getByRole('button', { name: w['qr.show'] }).click();
          await expect(dialog.getByRole('img')).toBeVisible({ timeout: 30_000 });
          await shoot('qr-dialog');
          await dialog.getByRole('button', { name: w['qr.close'] }).click();
          await options('Lab GitLab').click();
          await item('slot.delete').click();
          await expect(page.getByRole('dialog')).toBeVisible();
          await shoot('delete-dialog');
          await page.getByRole('dialog').getByRole('button', { name: w['delete.confirm'] }).click();
          await page.getByRole('button', { name: fill(w['list.trashCount'], { count: '1' }) }).click();
          await expect(heading('trash.title')).toBeVisible();
          await shoot('trash');
          await button('trash.back').click();

          await button('list.settings').click();
          await expect(heading('settings.title')).toBeVisible();
          await shoot('settings');
          await shoot('settings-full', true);
          await button('common.back').click();

          await button('list.lock').click();
          await expect(heading('unlock.title')).toBeVisible();
          await shoot('unlock');
        });
      });
    }
  }
}
