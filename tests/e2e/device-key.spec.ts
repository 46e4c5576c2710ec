// Device-bound key (issue 6), in real Chromium: the vault's PIN method is bound to a
// non-extractable CryptoKey kept in IndexedDB. It survives reloads; the page cannot export it;
// and a vault whose device key is gone (copied elsewhere) says so instead of "wrong PIN".
import { test, expect, type Page } from '@playwright/test';
import { PIN, setUpPin, unlock } from './helpers/app';

/** What the browser stored, read from the page (meta store of the 'keyslot' database). */
function readStored(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('keyslot');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const get = (key: string) =>
      new Promise<unknown>((resolve, reject) => {
        const req = db.transaction('meta').objectStore('meta').get(key);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const header = (await get('vault')) as { version: number; methods: { deviceBound?: boolean; input?: string }[] };
    const key = await get('deviceKey');
    let exported = 'refused';
    if (key instanceof CryptoKey)
      await crypto.subtle.exportKey('raw', key).then(
        () => (exported = 'exported'),
        () => undefined,
      );
    db.close();
    return {
      version: header.version,
      method: header.methods[0],
      isKey: key instanceof CryptoKey,
      extractable: key instanceof CryptoKey ? key.extractable : null,
      algorithm: key instanceof CryptoKey ? key.algorithm.name : null,
      exported,
    };
  });
}

test('a new vault is bound to a device key the page cannot export, and it opens after a reload', async ({ page }) => {
  await setUpPin(page);
  expect(await readStored(page)).toEqual({
    version: 3,
    method: expect.objectContaining({ deviceBound: true, input: 'digits' }),
    isKey: true,
    extractable: false,
    algorithm: 'HMAC',
    exported: 'refused',
  });
  await page.reload();
  await unlock(page);
});

test('without its device key (a copied vault) the PIN screen says the key is missing, and counts no attempt', async ({
  page,
}) => {
  await setUpPin(page);
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('keyslot');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('meta', 'readwrite');
      tx.objectStore('meta').delete('deviceKey');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
  await page.reload();
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByText(/no longer has the device key your slots are locked to/)).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText(/attempts? left before a wait/)).toHaveCount(0);
});
