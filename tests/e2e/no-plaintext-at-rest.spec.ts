import { test, expect } from '@playwright/test';
import { PIN, setUpPin, addByLink, slotItem, unlock } from './helpers/app';
import { base32ToBytes } from './helpers/oracle';

const SECRET = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGWZLZEEQQ'; // "This is a secret key!!"
const URI = `otpauth://totp/Example:carol@example.org?secret=${SECRET}&issuer=Example`;

/** Everything this origin stored, as text: IndexedDB (bytes as hex), localStorage, sessionStorage, Cache Storage. */
async function dumpStorage(page: import('@playwright/test').Page): Promise<string> {
  return page.evaluate(async () => {
    const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
    const flatten = (value: unknown): unknown => {
      if (value instanceof ArrayBuffer) value = new Uint8Array(value);
      if (ArrayBuffer.isView(value)) {
        const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        return { hex: hex(bytes), latin1: latin1(bytes) };
      }
      if (value instanceof CryptoKey) return { cryptoKey: value.algorithm, extractable: value.extractable };
      if (Array.isArray(value)) return value.map(flatten);
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, flatten(v)]));
      }
      return value;
    };
    const out: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const keys = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAllKeys();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        out.push({ db: info.name, store, keys: flatten(keys), rows: flatten(rows) });
      }
      db.close();
    }
    out.push({ localStorage: { ...localStorage }, sessionStorage: { ...sessionStorage } });
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        out.push({ cache: name, url: req.url, body: res ? await res.text() : '' });
      }
    }
    return JSON.stringify(out);
  });
}

test('after adding a slot, nothing stored or logged holds its secret in any encoding, its link or the PIN', async ({
  page,
}) => {
  const logged: string[] = [];
  page.on('console', (msg) => logged.push(msg.text()));
  page.on('pageerror', (err) => logged.push(String(err)));
  await setUpPin(page);
  await addByLink(page, URI);
  await expect(slotItem(page, /Example.*carol@example\.org/)).toBeVisible();

  const bytes = base32ToBytes(SECRET);
  const encodings = {
    base32: SECRET,
    base32Lower: SECRET.toLowerCase(),
    hex: bytes.toString('hex'),
    hexUpper: bytes.toString('hex').toUpperCase(),
    base64: bytes.toString('base64').replace(/=+$/, ''),
    base64url: bytes.toString('base64url'),
    rawBytes: bytes.toString('latin1'),
    utf8: 'This is a secret key',
    uri: URI,
    uriEncoded: encodeURIComponent(URI),
    account: 'carol@example.org',
    pin: PIN,
  };

  const dump = await dumpStorage(page);
  // The dump is real: it holds the vault, or this test would pass vacuously.
  expect(dump).toContain('"store":"slots"');
  expect(dump).toContain('"store":"meta"');
  expect(dump.length).toBeGreaterThan(300);
  for (const [encoding, needle] of Object.entries(encodings)) {
    expect(dump.includes(needle), `secret found as ${encoding}`).toBe(false);
  }

  // Nor in the console, the address bar or history. (A bad link is tried too, so error paths run.)
  await page.getByRole('button', { name: 'Add a slot' }).click();
  await page.getByLabel('Activation link').fill(URI.replace('totp', 'xotp'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  for (const needle of [SECRET, PIN, URI, 'carol@example.org']) {
    expect(logged.filter((line) => line.includes(needle))).toEqual([]);
  }
  expect(page.url()).not.toContain(SECRET);
  // The one entry Keyslot adds itself (the add screen's, so Back is Cancel) holds only a marker.
  expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(3);
  const state = await page.evaluate(() => JSON.stringify(history.state));
  for (const needle of [SECRET, PIN, 'otpauth', 'carol']) expect(state).not.toContain(needle);

  // And after lock + unlock the stored form is still opaque but opens.
  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page);
  await expect(slotItem(page, /Example.*carol@example\.org/)).toBeVisible();
});
