// Issue 13 item 4, started from the phone (container_client_rollover): the slot's menu shows a
// rollover QR; the new device scans it (read here from the old device's screen with ZXing-C++
// and shown to the new device's camera); the new device's codes validate, the old one's slots
// become withdrawn at its next sync.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, expect } from '@playwright/test';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { PIN } from '../e2e/helpers/app';
import {
  announced,
  containerFor,
  currentCode,
  freshProfile,
  registerByScan,
  slotOf,
  syncFromMenu,
  type Profile,
} from './fixtures';

const profiles: Profile[] = [];
test.afterEach(async () => {
  for (const p of profiles.splice(0)) await p.close();
});

test('"Move to a new device" shows a QR that moves the codes; the old device\'s slots are then withdrawn', async ({
  baseURL,
}) => {
  const { admin, containerSerial, totp } = await containerFor('alice');
  const old = await freshProfile(baseURL!, (await admin.registrationQr(containerSerial)).uri);
  profiles.push(old);
  await registerByScan(old.page);

  const item = old.page.getByRole('listitem', { name: slotOf(totp.serial) });
  await item.getByRole('button', { name: /^Options for/ }).click();
  await item.getByRole('button', { name: 'Move to a new device' }).click();
  const dialog = old.page.getByRole('dialog');
  await dialog.getByLabel('Your PIN', { exact: true }).fill(PIN);
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  const qr = dialog.getByRole('img', { name: 'Move to a new device' });
  await expect(qr).toBeVisible({ timeout: 30_000 });

  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
  });
  const [read] = await readBarcodes(new Uint8Array(await qr.screenshot()), { formats: ['QRCode'], textMode: 'Plain' });
  expect(read?.text).toMatch(new RegExp(`^pia://container/${containerSerial}\\?`));
  await dialog.getByRole('button', { name: 'Close' }).click();

  const fresh = await freshProfile(baseURL!, read!.text);
  profiles.push(fresh);
  await registerByScan(fresh.page);
  const code = await currentCode(fresh.page, slotOf(totp.serial), 'totp');
  expect((await admin.validate({ serial: totp.serial, pass: code })).ok).toBe(true);

  await syncFromMenu(old.page, slotOf(totp.serial));
  await expect(announced(old.page, 'Withdrawn by privacyIDEA')).toBeAttached({ timeout: 30_000 });
  await expect(old.page.getByRole('listitem', { name: slotOf(totp.serial) })).toContainText('Withdrawn by privacyIDEA');
});
