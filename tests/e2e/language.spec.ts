// Japanese and English: chosen from the browser's languages, switchable in Settings (issue 8).
import { expect, test, type Page } from '@playwright/test';
import { PIN, setUpPin, unlock } from './helpers/app';
import { leaveSettings, openSettings } from './helpers/settings';
import { wordsFor } from './helpers/words';

/** The Japanese parts of the catalogue are their own chunks (ja-*.js, ja-extra-*.js). */
function japaneseChunks(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (/^ja(-extra)?-[\w-]+\.js$/.test(file)) seen.push(file);
  });
  return seen;
}

test.describe('a browser set to Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('breaks Japanese lines between phrases, leaving no character alone on a line; English as usual', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Keyslot へようこそ' })).toBeVisible();
    // The app's own screen, not the copy index.html painted first (it carries its own lang).
    await expect(page.locator('.boot-shell')).toHaveCount(0);
    const breaking = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('main p, main h1')].map((el) => {
          const style = getComputedStyle(el);
          return `${style.wordBreak} ${style.lineBreak}`;
        }),
      );
    const japanese = await breaking();
    expect(japanese.length).toBeGreaterThan(0);
    expect(new Set(japanese)).toEqual(new Set(['auto-phrase strict']));
    await page.evaluate(() => (document.documentElement.lang = 'en'));
    expect(new Set(await breaking())).toEqual(new Set(['normal auto']));
  });

  test('gets Japanese from the first screen through setup, and English at once when chosen in Settings', async ({
    page,
  }) => {
    const chunks = japaneseChunks(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Keyslot へようこそ' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    // The heading may still be index.html's prerendered copy: the app's Japanese words follow.
    await expect.poll(() => chunks.some((file) => file.startsWith('ja-extra'))).toBe(true);

    await page.getByRole('button', { name: 'はじめる' }).click();
    await expect(page.getByRole('heading', { name: 'PIN の設定' })).toBeVisible();
    // The PIN fields keep "PIN" in their Japanese labels.
    await page.getByLabel('PIN', { exact: true }).fill(PIN);
    await page.getByLabel('PIN（確認）').fill('480914');
    await page.getByRole('button', { name: 'PIN を設定' }).click();
    await expect(page.getByText('2 つの PIN が一致しません。')).toBeVisible();
    await page.getByLabel('PIN（確認）').fill(PIN);
    await page.getByRole('button', { name: 'PIN を設定' }).click();
    await expect(page.getByRole('heading', { name: 'スロット一覧' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('heading', { name: 'スロットはまだありません' })).toBeVisible();

    // Adding a slot, and the list's own words (their own part of the catalogue), in Japanese too.
    await page.getByRole('button', { name: 'スロットを追加' }).first().click();
    await page.getByLabel('アクティベーション URL').fill('otpauth://totp/Acme:ivy?secret=JBSWY3DPEHPK3PXP&issuer=Acme');
    await page.getByRole('button', { name: '次へ' }).click();
    await expect(page.getByRole('heading', { name: '確認して追加' })).toBeVisible();
    await page.getByRole('button', { name: 'このスロットを追加' }).click();
    await expect(page.getByRole('status')).toHaveText('スロットを追加しました');
    await expect(page.getByRole('listitem', { name: /Acme/ })).toBeVisible();
    await expect(page.getByLabel('並べ替え')).toBeVisible();
    await expect(page.getByLabel('検索')).toHaveAttribute('placeholder', '発行元・アカウント・名前');

    await openSettings(page, 'language', await wordsFor('ja'));
    const select = page.getByRole('combobox', { name: '言語' });
    await expect(select).toHaveValue('ja');
    // Each language is offered in its own words.
    await expect(select.getByRole('option')).toHaveText(['English', '日本語']);
    await select.selectOption('en');
    await expect(page.getByRole('heading', { name: 'Language', level: 1 })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // Back on the Settings page, the Language section says which language is in use, in its own words.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Language', exact: true })).toHaveAccessibleDescription('English');
    await expect(page.getByRole('button', { name: 'Language', exact: true })).toBeFocused();
    await leaveSettings(page);

    // The choice is a stored preference: English after a reload, although the browser says Japanese.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Unlock Keyslot' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await unlock(page);
  });

  test('shows a wrong PIN’s error in Japanese', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'はじめる' }).click();
    await page.getByLabel('PIN', { exact: true }).fill(PIN);
    await page.getByLabel('PIN（確認）').fill(PIN);
    await page.getByRole('button', { name: 'PIN を設定' }).click();
    await expect(page.getByRole('heading', { name: 'スロット一覧' })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: 'ロック', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Keyslot のロック解除' })).toBeVisible();
    await page.getByLabel('PIN', { exact: true }).fill('111111');
    await page.getByRole('button', { name: 'ロック解除', exact: true }).click();
    await expect(page.getByText('PIN が正しくありません。')).toBeVisible({ timeout: 20_000 });
  });
});

test.describe('a browser set to English', () => {
  test.use({ locale: 'en-US' });

  test('gets English, downloads no Japanese, and gets Japanese at once when chosen in Settings', async ({ page }) => {
    const chunks = japaneseChunks(page);
    await setUpPin(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await openSettings(page, 'language');
    const select = page.getByRole('combobox', { name: 'Language' });
    await expect(select).toHaveValue('en');
    expect(chunks).toEqual([]);

    // Every part the screens seen so far need comes at once: this screen's, the list's, the shell's.
    await select.selectOption('ja');
    await expect(page.getByRole('heading', { name: '言語', level: 1 })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await leaveSettings(page, await wordsFor('ja'));
    await expect(page.getByRole('heading', { name: 'スロットはまだありません' })).toBeVisible();
  });
});
