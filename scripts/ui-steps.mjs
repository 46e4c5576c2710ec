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
