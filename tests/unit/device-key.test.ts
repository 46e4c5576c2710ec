// Device-bound key (issue 6): the PIN method's KEK is HMAC-SHA-256(device key, KDF output), the
// device key a non-extractable CryptoKey in this browser's IndexedDB. Format v3, its fallback
// where a browser can't store keys, and the forward migration of older vaults.
import 'fake-indexeddb/auto';
import { createDecipheriv } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readGuard } from '../../src/core/attempt-guard';
import { ARGON2_FLOOR, deviceMessage, type StoredHeaderV3 } from '../../src/core/vault';
import { argon2idRaw } from '../../src/platform/argon2';
import type { PasskeyApi } from '../../src/platform/passkey';
import * as storage from '../../src/platform/storage';
import { createVault, secretInput, unlockVault, unlockWithPasskey } from '../../src/platform/vault';
import { useFreshIndexedDb } from './fixtures/fresh-db';
import { expectCode } from './fixtures/errors';
import { draft } from './fixtures/slots';

vi.mock('../../src/platform/storage', { spy: true });

const PIN = '731946';
const NOW = 1_600_000_000_000;
const KDF = ARGON2_FLOOR;

useFreshIndexedDb();
// Back to the real storage functions after a test made one fail (spy: true keeps them real).
afterEach(() => vi.resetAllMocks());

function rawStore(mode: IDBTransactionMode, fn: (meta: IDBObjectStore, slots: IDBObjectStore) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('keyslot');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['meta', 'slots'], mode);
      fn(tx.objectStore('meta'), tx.objectStore('slots'));
      tx.oncomplete = () => (db.close(), resolve());
      tx.onerror = () => (db.close(), reject(tx.error));
    };
  });
}

async function rawMeta(key: string): Promise<unknown> {
  let value: unknown;
  await rawStore('readonly', (meta) => {
    const req = meta.get(key);
    req.onsuccess = () => (value = req.result);
  });
  return value;
}

const rawHeader = async () => (await rawMeta('vault')) as StoredHeaderV3;
const rawSlots = async () => {
  let value: unknown;
  await rawStore('readonly', (_meta, slots) => {
    const req = slots.getAll();
    req.onsuccess = () => (value = req.result);
  });
  return JSON.stringify(value);
};

const gcmOpen = (key: Buffer, iv: Buffer, blob: Buffer, aad: Buffer) => {
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(aad);
  d.setAuthTag(blob.subarray(-16));
  return Buffer.concat([d.update(blob.subarray(0, -16)), d.final()]);
};

describe('a new vault', () => {
  it('is format v3 with a device-bound PIN method, and the device key is a non-extractable HMAC key', async () => {
    await createVault(PIN, { kdf: KDF, now: NOW });
    const h = await rawHeader();
    expect(h.version).toBe(3);
    expect(h.methods[0]).toMatchObject({ type: 'pin', wrappedUnder: 3, input: 'digits', deviceBound: true });
    const key = (await rawMeta('deviceKey')) as CryptoKey;
    expect(key).toBeInstanceOf(CryptoKey);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'HMAC' });
    expect(key.usages).toEqual(['sign']);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow();
  });

  it('opens with the PIN and the device key: KEK = HMAC-SHA-256(device key, label || 0 || Argon2id(PIN)), as docs/vault.md describes', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await vault.addSlot(draft(), 'VPN', NOW);
    const h = await rawHeader();
    const m = h.methods[0]!;
    if (m.type !== 'pin' || m.kdf.name !== 'argon2id') throw new Error('expected an Argon2id PIN method');
    const b = (s: string) => Buffer.from(s, 'base64');
    const kdfOutput = await argon2idRaw(Uint8Array.from(Buffer.from(PIN)), b(m.salt), m.kdf);
    const aad = Buffer.from(
      JSON.stringify([
        h.format,
        3,
        h.createdAt,
        m.id,
        'pin',
        'digits',
        true,
        m.kdf.name,
        m.kdf.memoryKiB,
        m.kdf.iterations,
        m.kdf.parallelism,
        m.salt,
      ]),
    );
    // The KDF output alone (what a GPU cracker gets from PIN guesses) does not open the wrap.
    expect(() => gcmOpen(Buffer.from(kdfOutput), b(m.iv), b(m.wrappedKey), aad)).toThrow();
    // With the device key (usable only inside this browser) it does.
    const device = (await rawMeta('deviceKey')) as CryptoKey;
    const kek = Buffer.from(await crypto.subtle.sign('HMAC', device, deviceMessage(m.id, kdfOutput)));
    expect(gcmOpen(kek, b(m.iv), b(m.wrappedKey), aad)).toHaveLength(32);
  });

  it('without the device key (a vault copied to another browser) says DEVICE_KEY_MISSING and counts no attempt', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await vault.addSlot(draft(), '', NOW);
    vault.lock();
    await rawStore('readwrite', (meta) => meta.delete('deviceKey'));
    await storage.closeStorage();
    await expectCode(unlockVault(PIN, NOW), 'DEVICE_KEY_MISSING');
    await expectCode(unlockVault('000000', NOW), 'DEVICE_KEY_MISSING');
    expect(readGuard(await storage.readGuard()).failures).toBe(0);
  });

  it('with another browser’s device key, the right PIN is a wrong PIN', async () => {
    await createVault(PIN, { kdf: KDF, now: NOW });
    const other = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
    await rawStore('readwrite', (meta) => meta.put(other, 'deviceKey'));
    await expectCode(unlockVault(PIN, NOW), 'PIN_WRONG');
  });

  it.each<[string, (m: Record<string, unknown>) => void]>([
    ['deviceBound turned off', (m) => (m['deviceBound'] = false)],
    ['input changed to passphrase', (m) => (m['input'] = 'passphrase')],
  ])('refuses the PIN when the stored header has %s (both are bound into the AAD)', async (_what, mutate) => {
    await createVault(PIN, { kdf: KDF, now: NOW });
    const h = structuredClone(await rawHeader());
    mutate(h.methods[0] as unknown as Record<string, unknown>);
    await rawStore('readwrite', (meta) => meta.put(h, 'vault'));
    await storage.closeStorage();
    await expectCode(unlockVault(PIN, NOW), 'PIN_WRONG');
  });

  it('keeps its binding and its device key across a PIN change', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const mac = async () =>
      Buffer.from(
        await crypto.subtle.sign('HMAC', (await rawMeta('deviceKey')) as CryptoKey, new Uint8Array(8)),
      ).toString('hex');
    const before = await mac();
    await vault.changePin(PIN, '502817', { kdf: KDF, nowMs: NOW });
    expect((await rawHeader()).methods[0]).toMatchObject({ deviceBound: true, wrappedUnder: 3 });
    expect(await mac()).toBe(before); // the same key, not a new one
    await expectCode(unlockVault(PIN, NOW), 'PIN_WRONG');
    (await unlockVault('502817', NOW)).lock();
  });

  it('is erased with the vault (erase after 10 wrong PINs)', async () => {
    await createVault(PIN, { kdf: KDF, now: NOW });
    await storage.eraseVault();
    expect(await rawMeta('deviceKey')).toBeUndefined();
  });

  it('does not stop a passkey: it opens the vault when the device key is gone', async () => {
    const prf = new Uint8Array(32).fill(7);
    const api: PasskeyApi = {
      createPasskey: vi.fn(async () => ({ credentialId: new Uint8Array([1, 2, 3]), prf: Uint8Array.from(prf) })),
      getPrf: vi.fn(async () => Uint8Array.from(prf)),
    } as unknown as PasskeyApi;
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const slot = await vault.addSlot(draft(), '', NOW);
    await vault.addPasskey(PIN, { api, nowMs: NOW });
    expect((await rawHeader()).version).toBe(3);
    await rawStore('readwrite', (meta) => meta.delete('deviceKey'));
    await expectCode(unlockVault(PIN, NOW), 'DEVICE_KEY_MISSING');
    expect((await (await unlockWithPasskey(api)).listSlots()).map((s) => s.id)).toEqual([slot.id]);
  });
});

describe('where the browser cannot store a CryptoKey (some private modes)', () => {
  it('canStoreKey says no when the value cannot be cloned, and writes nothing', async () => {
    await createVault(PIN, { kdf: KDF, now: NOW, deviceKey: false });
    const uncloneable = (() => undefined) as unknown as CryptoKey;
    expect(await storage.canStoreKey(uncloneable)).toBe(false);
    const real = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
    expect(await storage.canStoreKey(real)).toBe(true);
    expect(await rawMeta('deviceKey.probe')).toBeUndefined();
    expect(await rawMeta('deviceKey')).toBeUndefined();
  });

  it('makes a v1 vault that opens with the PIN alone', async () => {
    vi.mocked(storage.canStoreKey).mockResolvedValue(false);
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await vault.addSlot(draft(), '', NOW);
    vault.lock();
    expect((await rawHeader()).version).toBe(1);
    expect(await rawMeta('deviceKey')).toBeUndefined();
    expect(await (await unlockVault(PIN, NOW)).listSlots()).toHaveLength(1);
    expect((await rawHeader()).version).toBe(1); // still no place for a key: nothing rewritten
  });
});

describe('forward migration of a vault made before device keys', () => {
  it('binds it at the next PIN unlock: v3 header, slot records byte-identical, the PIN still opens', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW, deviceKey: false });
    await vault.addSlot(draft(), 'VPN', NOW);
    vault.lock();
    const before = await rawHeader();
    const slots = await rawSlots();
    expect(before.version).toBe(1);

    const opened = await unlockVault(PIN, NOW);
    expect((await opened.listSlots()).map((s) => s.name)).toEqual(['VPN']);
    const after = await rawHeader();
    expect(after.version).toBe(3);
    expect(after.methods[0]).toMatchObject({
      id: before.methods[0]!.id,
      wrappedUnder: 3,
      deviceBound: true,
      input: 'digits',
    });
    expect(await rawMeta('deviceKey')).toBeInstanceOf(CryptoKey);
    expect(await rawSlots()).toBe(slots);

    await storage.closeStorage();
    expect(await (await unlockVault(PIN, NOW)).listSlots()).toHaveLength(1);
    await rawStore('readwrite', (meta) => meta.delete('deviceKey'));
    await expectCode(unlockVault(PIN, NOW), 'DEVICE_KEY_MISSING');
  });

  it('leaves the vault as it was when the header changed meanwhile (another tab), and still unlocks', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW, deviceKey: false });
    vault.lock();
    vi.mocked(storage.replaceHeader).mockRejectedValueOnce(new Error('VAULT_CHANGED'));
    const before = await rawHeader();
    (await unlockVault(PIN, NOW)).lock();
    expect(await rawHeader()).toEqual(before);
    expect(await rawMeta('deviceKey')).toBeUndefined();
  });
});

describe('passphrase vaults', () => {
  it('store input "passphrase" in a v3 header, open with the passphrase, and say so to the unlock screen', async () => {
    const phrase = 'blue tram under snow';
    const vault = await createVault(phrase, { kdf: KDF, now: NOW, input: 'passphrase' });
    vault.lock();
    expect((await rawHeader()).methods[0]).toMatchObject({ input: 'passphrase', wrappedUnder: 3 });
    expect(await secretInput()).toBe('passphrase');
    await expectCode(unlockVault('blue tram under snoW', NOW), 'PIN_WRONG');
    (await unlockVault(phrase, NOW)).lock();
  });

  it('even without a device key (the passphrase alone still needs v3)', async () => {
    await createVault('blue tram under snow', { kdf: KDF, now: NOW, input: 'passphrase', deviceKey: false });
    expect((await rawHeader()).methods[0]).toMatchObject({ input: 'passphrase', deviceBound: false, wrappedUnder: 3 });
  });

  it('switch to a PIN and back with Change PIN; only the method that was changed opens', async () => {
    const vault = await createVault('blue tram under snow', { kdf: KDF, now: NOW, input: 'passphrase' });
    await vault.changePin('blue tram under snow', '502817', { kdf: KDF, nowMs: NOW, input: 'digits' });
    expect(await secretInput()).toBe('digits');
    await expectCode(unlockVault('blue tram under snow', NOW), 'PIN_WRONG');
    await vault.changePin('502817', 'green ferry at dawn', { kdf: KDF, nowMs: NOW, input: 'passphrase' });
    expect(await secretInput()).toBe('passphrase');
    (await unlockVault('green ferry at dawn', NOW)).lock();
  });

  it('report "digits" when there is no vault or its header is damaged', async () => {
    expect(await secretInput()).toBe('digits');
    await rawStore('readwrite', (meta) => meta.put({ format: 'keyslot-vault', version: 3 }, 'vault'));
    expect(await secretInput()).toBe('digits');
  });
});
