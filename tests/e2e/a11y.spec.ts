// Accessibility: axe-core (WCAG 2.1 A and AA rules) finds nothing on any screen, in light and dark,
// in each language; text at 200% never makes a phone screen scroll sideways; reduced motion stops
// the countdown ring's movement; codes have a digit-by-digit name.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { PIN, addByLink, choosePin, createPin, slotItem } from './helpers/app';
import { wordsFor, fill } from './helpers/words';
import { LISTED_SECTIONS, leaveSettings, openSection, openSettings } from './helpers/settings';
import { ACCOUNTS, aegisDb } from '../unit/fixtures/importers/make';

const TOTP =
  'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)';
const HOTP = 'otpauth://hotp/Lab%20GitLab:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Lab%20GitLab&counter=0';
const T0 = Date.UTC(2026, 0, 15, 9, 0, 12);

// A fake camera (a test pattern without a QR code), so the scanner opens as it would on a phone.
test.use({
  launchOptions: {
    executablePath: (findChromium() as { executablePath: string | undefined } | null)?.executablePath,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

/** An Aegis export of three accounts, the first with groups, a favourite and a note, one unreadable. */
function aegisWithExtras(): Uint8Array {
  const db = aegisDb([...ACCOUNTS, { type: 'totp', name: 'broken', issuer: 'Typo', info: { secret: '!' } }]) as {
    entries: Record<string, unknown>[];
    groups: unknown[];
  };
  db.groups = [{ uuid: 'g', name: 'Work' }];
  Object.assign(db.entries[0]!, { groups: ['g'], favorite: true, note: 'VPN' });
  return new TextEncoder().encode(JSON.stringify({ version: 1, header: { slots: null, params: null }, db }));
}

/** Runs axe on what is on screen now and remembers any violation under `screen`. */
async function audit(page: Page, found: string[], screen: string): Promise<void> {
  // Let the screen settle (lazy chunks, focus, transitions) before judging it.
  await page.waitForLoadState('domcontentloaded');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of results.violations) {
    found.push(
      `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 4)
        .join(', ')}`,
    );
  }
}

for (const locale of ['en', 'ja']) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${locale}, ${colorScheme}`, () => {
      test.use({
        locale,
        colorScheme,
        viewport: { width: 390, height: 844 },
      });

      test(`axe finds no WCAG 2.1 A or AA violation on any screen (${locale}, ${colorScheme})`, async ({ page }) => {
        test.setTimeout(180_000);
        const w = await wordsFor(locale);
        const button = (key: string, exact = true) => page.getByRole('button', { name: w[key], exact });
        const menuitem = (key: string) => page.getByRole('menuitem', { name: w[key], exact: true });
        const heading = (key: string) => page.getByRole('heading', { name: w[key] });
        const found: string[] = [];
        await page.clock.install({ time: T0 });

        await page.goto('/');
        await expect(heading('welcome.title')).toBeVisible();
        await audit(page, found, 'welcome');
        await button('welcome.start').click();
        await expect(heading('setup.title')).toBeVisible();
        await audit(page, found, 'PIN setup');
        await button('setup.usePassphrase').click();
        await expect(heading('setup.title.passphrase')).toBeVisible();
        await audit(page, found, 'passphrase setup');
        await button('setup.usePin').click();
        await page.getByLabel(w['pin.label'], { exact: true }).fill(PIN);
        await page.getByLabel(w['pin.confirmLabel']).fill(PIN);
        await button('setup.submit').click();
        await expect(heading('list.empty.title')).toBeVisible({ timeout: 30_000 });
        await audit(page, found, 'empty list');

        // Adding: each way in.
        await button('list.add').first().click();
        await expect(heading('add.title')).toBeVisible();
        await audit(page, found, 'add a slot (link)');
        await page.getByRole('radio', { name: w['add.method.manual'] }).check();
        await page.getByText(w['add.manual.advanced']).click();
        await audit(page, found, 'add a slot (key, advanced open)');
        await button('add.scan').click();
        await expect(page.getByRole('heading', { name: w['scan.title'] })).toBeVisible();
        await audit(page, found, 'scanner');
        await button('common.close').click();
        await page.getByRole('radio', { name: w['add.method.link'] }).check();
        await page.getByLabel(w['add.link.label']).fill('otpauth://nonsense');
        await button('common.continue').click();
        await expect(page.locator('#add-link-error')).toBeVisible();
        await audit(page, found, 'add a slot (error)');
        await page.getByLabel(w['add.link.label']).fill(TOTP);
        await button('common.continue').click();
        await expect(heading('confirm.title')).toBeVisible();
        await audit(page, found, 'check and add');
        await button('confirm.submit').click();
        await expect(heading('list.title')).toBeVisible();
        await button('list.add').first().click();
        await page.getByLabel(w['add.link.label']).fill(HOTP);
        await button('common.continue').click();
        await button('confirm.submit').click();
        await expect(heading('list.title')).toBeVisible();
        await slotItem(page, /Lab GitLab/)
          .getByRole('button', { name: w['slot.generate'] })
          .click();
        await page.clock.runFor(2000);
        await audit(page, found, 'slot list (TOTP and HOTP)');

        // Search: a match, and none.
        const search = page.getByRole('searchbox', { name: w['list.search'] });
        await search.fill('gitlab');
        await expect(page.getByRole('listitem')).toHaveCount(1);
        await audit(page, found, 'search');
        await search.fill('nothing here');
        await expect(page.getByText(fill(w['list.noMatch'], { query: 'nothing here' }))).toBeVisible();
        await audit(page, found, 'search without a match');
        await search.fill('');

        // The slot's options and its dialogs.
        const options = (name: string) => page.getByRole('button', { name: fill(w['slot.options'], { name }) });
        await options('PassLogic (KEK VPN)').click();
        await audit(page, found, 'slot options');
        await menuitem('slot.edit').click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await audit(page, found, 'edit dialog');
        await page.getByRole('dialog').getByRole('button', { name: w['common.cancel'] }).click();
        await options('PassLogic (KEK VPN)').click();
        await menuitem('slot.details').click();
        const details = page.getByRole('dialog');
        await expect(details).toBeVisible();
        await audit(page, found, 'details dialog');
        await details.getByRole('button', { name: w['details.showSecret'] }).click();
        await details.getByLabel(w['pin.label'], { exact: true }).fill(PIN);
        await details.getByRole('button', { name: w['details.showSecret'] }).click();
        await expect(details.locator('.secret')).toBeVisible({ timeout: 30_000 });
        await audit(page, found, 'details dialog (secret shown)');
        await page.keyboard.press('Escape');
        await options('PassLogic (KEK VPN)').click();
        await menuitem('slot.showQr').click();
        await audit(page, found, 'QR dialog (PIN)');
        await page.getByRole('dialog').getByLabel(w['qr.pin'], { exact: true }).fill(PIN);
        await page.getByRole('dialog').getByRole('button', { name: w['qr.show'] }).click();
        await expect(page.getByRole('dialog').getByRole('img')).toBeVisible({ timeout: 30_000 });
        await audit(page, found, 'QR dialog (code)');
        await page.getByRole('dialog').getByRole('button', { name: w['qr.close'] }).click();
        await options('PassLogic (KEK VPN)').click();
        await menuitem('slot.delete').click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await audit(page, found, 'delete dialog');
        await page.getByRole('dialog').getByRole('button', { name: w['delete.confirm'] }).click();
        await page.getByRole('button', { name: fill(w['list.trashCount'], { count: '1' }) }).click();
        await expect(heading('trash.title')).toBeVisible();
        await audit(page, found, 'trash');
        await button('trash.emptyButton').click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await audit(page, found, 'empty trash dialog');
        await page.getByRole('dialog').getByRole('button', { name: w['common.cancel'] }).click();
        await button('trash.back').click();
        await expect(heading('list.title')).toBeVisible();

        await openSettings(page, undefined, w);
        await audit(page, found, 'settings (its sections)');
        for (const section of LISTED_SECTIONS.filter((s) => s !== 'backups')) {
          await openSection(page, section, w);
          await audit(page, found, `settings → ${section}`);
          await button('common.back').click();
        }
        // Backups last: import from another app starts there and comes back there.
        await openSection(page, 'backups', w);
        await audit(page, found, 'settings → backups');
        await button('import.open').click();
        await expect(heading('import.title')).toBeVisible();
        await audit(page, found, 'import');
        // The preview: a checkbox per entry, Select all / none, what each entry keeps.
        await page.getByLabel(w['import.file']!).setInputFiles({
          name: 'aegis-export.json',
          mimeType: 'application/json',
          buffer: Buffer.from(aegisWithExtras()),
        });
        await expect(button('import.selectAll')).toBeVisible();
        await audit(page, found, 'import preview');
        await button('common.cancel').click();
        await expect(page.getByRole('heading', { name: w['settings.section.backups'], level: 1 })).toBeVisible();
        await leaveSettings(page, w);

        await button('list.lock').click();
        await expect(heading('unlock.title')).toBeVisible();
        await page.getByLabel(w['pin.label'], { exact: true }).fill('111111');
        await button('unlock.submit').click();
        await expect(page.getByText(w['error.PIN_WRONG'])).toBeVisible({ timeout: 30_000 });
        await audit(page, found, 'unlock (wrong PIN)');

        // The vault vanishes (as when the browser evicts the database).
        await page.evaluate(() => new Promise((resolve) => (indexedDB.deleteDatabase('keyslot').onsuccess = resolve)));
        await page.reload();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await audit(page, found, 'vault gone');

        expect(found).toEqual([]);
      });
    });
  }
}

// Settings → Groups (with its rename field, an error, the merge question and the delete question)
// and the export to Google Authenticator (choosing, then a QR code of several): in each language,
// one colour scheme each.
for (const [locale, colorScheme] of [
  ['en', 'light'],
  ['ja', 'dark'],
] as const) {
  test.describe(`groups and the Google export (${locale}, ${colorScheme})`, () => {
    test.use({ locale, colorScheme, viewport: { width: 390, height: 844 } });

    test(`axe finds no violation on Settings → Groups or the Google export (${locale}, ${colorScheme})`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const w = await wordsFor(locale);
      const button = (key: string) => page.getByRole('button', { name: w[key], exact: true });
      const found: string[] = [];
      await page.goto('/');
      await button('welcome.start').click();
      await page.getByLabel(w['pin.label']!, { exact: true }).fill(PIN);
      await page.getByLabel(w['pin.confirmLabel']!).fill(PIN);
      await button('setup.submit').click();
      await expect(page.getByRole('heading', { name: w['list.empty.title'] })).toBeVisible({ timeout: 30_000 });
      for (const uri of [TOTP, HOTP, TOTP.replace('JBSWY3DPEHPK3PXP', 'KRUGS4ZANFZSAYJA').replace('alice', 'bob')]) {
        await page.getByRole('button', { name: w['list.add'] }).first().click();
        await page.getByLabel(w['add.link.label']).fill(uri);
        await button('common.continue').click();
        await button('confirm.submit').click();
        await expect(page.getByRole('heading', { name: w['list.title'] })).toBeVisible();
      }
      for (const [name, group] of [
        ['Lab GitLab', 'Lab'],
        ['PassLogic (KEK VPN)', 'VPN'],
      ]) {
        await page
          .getByRole('button', { name: fill(w['slot.options']!, { name: name! }) })
          .first()
          .click();
        await page.getByRole('menuitem', { name: w['slot.details'], exact: true }).click();
        const details = page.getByRole('dialog');
        await details.getByLabel(w['groups.new']!).fill(group!);
        await details.getByRole('button', { name: w['groups.addNew'], exact: true }).click();
        await details.getByRole('button', { name: w['groups.save'], exact: true }).click();
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toHaveCount(0);
      }

      await openSettings(page, 'groups', w);
      await audit(page, found, 'settings → groups');
      await page.getByRole('button', { name: fill(w['groups.rename']!, { group: 'Lab' }) }).click();
      const field = page.getByRole('textbox', { name: fill(w['groups.renameTo']!, { group: 'Lab' }) });
      await field.fill(' ');
      await field.press('Enter');
      await expect(page.getByRole('alert')).toBeVisible();
      await audit(page, found, 'settings → groups (rename, error)');
      await field.fill('vpn');
      await field.press('Enter');
      await expect(page.getByRole('dialog')).toBeVisible();
      await audit(page, found, 'settings → groups (merge question)');
      await page.keyboard.press('Escape');
      await button('common.cancel').click();
      await page.getByRole('button', { name: fill(w['groups.delete']!, { group: 'VPN' }) }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await audit(page, found, 'settings → groups (delete question)');
      await page.keyboard.press('Escape');
      await button('common.back').click();

      await openSection(page, 'backups', w);
      await button('gexport.open').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      await audit(page, found, 'google export (choose)');
      await dialog.getByLabel(w['gexport.pin']!, { exact: true }).fill(PIN);
      await dialog.getByRole('button', { name: w['gexport.show'], exact: true }).click();
      await expect(dialog.getByRole('img')).toBeVisible({ timeout: 30_000 });
      await audit(page, found, 'google export (QR code)');

      expect(found).toEqual([]);
    });
  });
}

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('with text at 200% no screen scrolls sideways and nothing is cut off', async ({ page }) => {
    await page.clock.install();
    await page.goto('/');
    // As a person's browser setting would (through the CSSOM: the CSP forbids inline style tags).
    const enlarge = () =>
      page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
    const overflow = () =>
      page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.right > width + 1 || r.left < -1) && !el.closest('.visually-hidden');
        });
        return {
          scroll: document.documentElement.scrollWidth - width,
          wide: wide.map((el) => el.outerHTML.slice(0, 80)),
        };
      });
    await enlarge();
    expect(await overflow()).toEqual({ scroll: 0, wide: [] });
    await choosePin(page);
    await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible({ timeout: 30_000 });
    await enlarge();
    expect(await overflow()).toEqual({ scroll: 0, wide: [] });
    for (const uri of [TOTP, HOTP]) {
      await page.getByRole('button', { name: 'Add a slot' }).first().click();
      await page.getByLabel('Activation link').fill(uri);
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { name: 'Check and add' })).toBeVisible();
      await enlarge();
      expect(await overflow()).toEqual({ scroll: 0, wide: [] });
      await page.getByRole('button', { name: 'Add slot' }).click();
    }
    await expect(page.getByRole('heading', { name: 'Your slots' })).toBeVisible();
    // The fullest moment: 3 s before the codes change (the next code and the warning show).
    const now = await page.evaluate(() => Date.now());
    await page.clock.pauseAt(Math.ceil(now / 30_000) * 30_000 + 27_000);
    await expect(page.locator('.changing').first()).toBeVisible();
    await enlarge();
    expect(await overflow()).toEqual({ scroll: 0, wide: [] });
    await openSettings(page);
    await enlarge();
    expect(await overflow()).toEqual({ scroll: 0, wide: [] });
    for (const section of LISTED_SECTIONS) {
      await openSection(page, section);
      await enlarge();
      expect(await overflow(), section).toEqual({ scroll: 0, wide: [] });
      await page.getByRole('button', { name: 'Back', exact: true }).click();
    }
  });

  test('the list header fits on one row', async ({ page }) => {
    await page.goto('/');
    await choosePin(page);
    const title = page.getByRole('heading', { name: 'Your slots' });
    await expect(title).toBeVisible({ timeout: 30_000 });
    const titleBox = await title.boundingBox();
    for (const name of ['Add a slot', 'Settings', 'Lock']) {
      const box = await page.getByRole('button', { name, exact: true }).first().boundingBox();
      // On the heading's row, and a comfortable touch target (44 × 44 CSS px).
      expect(box!.y).toBeLessThan(titleBox!.y + titleBox!.height);
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(44);
    }
  });
  test('every control is a touch target of at least 44 × 44 px', async ({ page }) => {
    const small = () =>
      page.evaluate(() =>
        [
          ...document.querySelectorAll(
            'button, select, summary, textarea, input:not([type=checkbox]):not([type=radio]), label.button, label.inline, .segmented label',
          ),
        ]
          .filter((el) => !el.closest('.visually-hidden'))
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
          .map(({ el, r }) => `${el.outerHTML.slice(0, 60)} ${Math.round(r.width)}×${Math.round(r.height)}`),
      );
    await page.goto('/');
    await page.getByRole('button', { name: 'Get started' }).click();
    expect(await small()).toEqual([]);
    await createPin(page);
    await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible({ timeout: 30_000 });
    for (const uri of [TOTP, HOTP]) {
      await page.getByRole('button', { name: 'Add a slot' }).first().click();
      await page.getByRole('radio', { name: 'Enter a key' }).check();
      await page.getByText('Advanced settings').click();
      expect(await small()).toEqual([]);
      await page.getByRole('radio', { name: 'Paste a link' }).check();
      await page.getByLabel('Activation link').fill(uri);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Add slot' }).click();
    }
    await page.getByRole('button', { name: /^Options for PassLogic/ }).click();
    expect(await small()).toEqual([]);
    await openSettings(page);
    expect(await small()).toEqual([]);
    for (const section of LISTED_SECTIONS) {
      await openSection(page, section);
      expect(await small(), section).toEqual([]);
      await page.getByRole('button', { name: 'Back', exact: true }).click();
    }
  });
});

test('focus goes back to the slot’s options after a dialog, and to the heading when the slot is deleted', async ({
  page,
}) => {
  await page.goto('/');
  await choosePin(page);
  await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible({ timeout: 30_000 });
  await addByLink(page, TOTP);
  const options = page.getByRole('button', { name: /^Options for PassLogic/ });

  await options.click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(options).toBeFocused();

  await options.press('Enter');
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete slot' }).click();
  await expect(page.getByRole('heading', { name: 'Your slots' })).toBeFocused();
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the countdown ring has no transition, steps once a second, and the code has a digit-by-digit name', async ({
    page,
  }) => {
    await page.clock.install({ time: T0 });
    await page.goto('/');
    await choosePin(page);
    await expect(page.getByRole('heading', { name: 'No slots yet' })).toBeVisible({ timeout: 30_000 });
    await addByLink(page, TOTP);
    const slot = slotItem(page, /PassLogic/);
    const durations = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) => {
        const s = getComputedStyle(el);
        return [s.transitionDuration, s.animationDuration]
          .flatMap((d) => d.split(','))
          .filter((d) => parseFloat(d) > 0.011);
      }),
    );
    expect(durations).toEqual([]);
    // The countdown's ring and seconds are animations that jump once a second, never ease or glide.
    const easings = await page.evaluate(() =>
      document.getAnimations().flatMap((a) => {
        const effect = a.effect as KeyframeEffect;
        return [effect.getTiming().easing ?? 'linear', ...effect.getKeyframes().map((k) => k.easing ?? 'linear')];
      }),
    );
    expect(easings.length).toBeGreaterThan(0);
    expect(easings.filter((e) => e !== 'linear' && !e.startsWith('steps('))).toEqual([]);
    expect(easings.filter((e) => e.startsWith('steps('))).toHaveLength(3);
    // Named one digit at a time ("4 5 2 …": read as digits, and what voice control users say),
    // while the text stays grouped for the eye.
    const code = slot.getByRole('button', { name: /^\d( \d){5}$/ });
    await expect(code).toBeVisible();
    expect((await code.textContent())!.replace(/\s/g, '')).toMatch(/^\d{6}$/);
    // The countdown is a timer, not a live region: nothing is announced every second.
    const timer = slot.getByRole('timer');
    await expect(timer).not.toHaveAttribute('aria-live', /polite|assertive/);
  });
});
