// Steps a person takes, shared by the benchmark and screenshot scripts
// (the e2e tests have their own, in tests/e2e/helpers/app.ts).

/** First run: Get started, choose the PIN twice, wait for the slot list. */
export async function firstRun(page, url, pin) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Get started' }).click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByLabel('Confirm PIN').fill(pin);
  await page.getByRole('button', { name: 'Create PIN' }).click();
  await page.getByRole('heading', { name: 'Your slots' }).waitFor({ timeout: 30_000 });
}

/** From the slot list: Settings, then one of its sections by its button (e.g. 'Backups'). */
export async function openSettingsSection(page, section) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByRole('button', { name: section, exact: true }).click();
  await page.getByRole('heading', { name: section, level: 1 }).waitFor();
}

/** Adds a slot by pasting its otpauth link and confirming. */
export async function addByLink(page, uri) {
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Activation link').fill(uri);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Add slot' }).click();
  await page.getByRole('heading', { name: 'Your slots' }).waitFor();
}

/** Adds every account of a Google Authenticator export link (all are chosen by default). */
export async function addByExport(page, uri, count) {
  await page.getByRole('button', { name: 'Add a slot' }).first().click();
  await page.getByLabel('Activation link').fill(uri);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: `Add ${count} slots` }).click();
  await page.getByRole('heading', { name: 'Your slots' }).waitFor({ timeout: 60_000 });
}
