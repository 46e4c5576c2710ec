// Passkey unlock (issue 6): format v2 (the passkey method, its AAD, the v1 -> v2 migration),
// HKDF, and add / unlock / remove with a fake authenticator injected instead of WebAuthn.
import 'fake-indexeddb/auto';
import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { isKeyslotError, KeyslotError } from '../../src/core/errors';
import { readGuard } from '../../src/core/attempt-guard';
import { hexEncode } from '../../src/core/bytes';
import {
  ARGON2_FLOOR,
  migrateHeader,
  parseHeader,
  passkeyAad,
  serializeHeader,
  type StoredHeaderV2,
  type StoredPasskeyMethodV2,
} from '../../src/core/vault';
import type { PasskeyApi } from '../../src/platform/passkey';
import * as storage from '../../src/platform/storage';
import { createVault, hasPasskey, unlockVault, unlockWithPasskey } from '../../src/platform/vault';
import { hkdfSha256 } from '../../src/platform/webcrypto';
import { useFreshIndexedDb } from './fixtures/fresh-db';
import { expectCode } from './fixtures/errors';
import { draft } from './fixtures/slots';

// Spied (not replaced) so a test can play a browser that can't store a device key, where a
// vault keeps the v1/v2 header shapes.
vi.mock('../../src/platform/storage', { spy: true });
function withoutDeviceKeys(): { [Symbol.dispose](): void } {
  vi.mocked(storage.canStoreKey).mockResolvedValue(false);
  return { [Symbol.dispose]: () => vi.mocked(storage.canStoreKey).mockRestore() };
}

const PIN = '731946';
const NOW = 1_600_000_000_000;
const KDF = ARGON2_FLOOR;

/** A fake authenticator: PRF = HMAC-SHA256(device secret, credentialId || salt). */
function fakeAuthenticator(secret = 'device-1') {
  const creds: Uint8Array[] = [];
  const prf = (id: Uint8Array, salt: Uint8Array) =>
    Uint8Array.from(createHmac('sha256', secret).update(id).update(salt).digest());
  const api: PasskeyApi = {
    createPasskey: vi.fn(async (_rp: string, _user: Uint8Array, salt: Uint8Array) => {
      const credentialId = Uint8Array.from(Buffer.from(`cred-${creds.length}-${secret}`));
      creds.push(credentialId);
      return { credentialId, prf: prf(credentialId, salt) };
    }),
    getPrf: vi.fn(async (id: Uint8Array, salt: Uint8Array) => {
      if (!creds.some((c) => Buffer.from(c).equals(Buffer.from(id)))) throw new KeyslotError('PASSKEY_CANCELLED');
      return prf(id, salt);
    }),
  };
  return { api, creds };
}

function rawHeader(): Promise<StoredHeaderV2> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('keyslot');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const get = db.transaction('meta').objectStore('meta').get('vault');
      get.onsuccess = () => {
        db.close();
        resolve(get.result as StoredHeaderV2);
      };
      get.onerror = () => reject(get.error);
    };
  });
}

async function putHeader(h: unknown): Promise<void> {
  const raw = await rawHeader();
  await storage.replaceHeader(raw, h as StoredHeaderV2, (g) => g as never);
}

useFreshIndexedDb();

describe('HKDF-SHA256', () => {
  it('matches RFC 5869 test case 1', async () => {
    const ikm = new Uint8Array(22).fill(0x0b);
    const salt = Uint8Array.from(Buffer.from('000102030405060708090a0b0c', 'hex'));
    const info = Uint8Array.from(Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'));
    const okm = await hkdfSha256(ikm, salt, info, 42);
    expect(hexEncode(okm)).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });
});

describe('format v2', () => {
  const ID1 = '0123456789abcdef0123456789abcdef';
  const ID2 = 'fedcba9876543210fedcba9876543210';
  const b64 = (n: number, fill = 7) => Buffer.alloc(n, fill).toString('base64');
  const pin = { id: ID1, type: 'pin', kdf: { ...KDF }, salt: b64(16, 1), iv: b64(12, 2), wrappedKey: b64(48, 3) };
  const passkey: StoredPasskeyMethodV2 = {
    id: ID2,
    type: 'passkey',
    credentialId: b64(20, 4),
    prfSalt: b64(32, 5),
    iv: b64(12, 6),
    wrappedKey: b64(48, 8),
  };
  const v2 = () => ({
    format: 'keyslot-vault',
    version: 2,
    createdAt: 5,
    methods: [{ ...pin, wrappedUnder: 1 }, { ...passkey }],
  });

  it('parses and re-serialises a v2 header with a passkey method byte for byte', () => {
    expect(serializeHeader(parseHeader(v2()))).toEqual(v2());
  });

  it('writes a header without a passkey (and no v2 PIN wrap) as version 1', () => {
    const v1 = { format: 'keyslot-vault', version: 1, createdAt: 5, methods: [pin] };
    expect(migrateHeader(v1).methods[0]).toMatchObject({ wrappedUnder: 1 });
    expect(serializeHeader(parseHeader(v1))).toEqual(v1);
  });

  it.each<[string, (h: ReturnType<typeof v2>) => unknown]>([
    ['a passkey method in a v1 header', (h) => ({ ...h, version: 1 })],
    ['no PIN method', (h) => ({ ...h, methods: [h.methods[1]] })],
    ['two passkey methods', (h) => ({ ...h, methods: [...h.methods, { ...passkey, id: 'aa'.repeat(16) }] })],
    ['a short prfSalt', (h) => ({ ...h, methods: [h.methods[0], { ...passkey, prfSalt: b64(16) }] })],
    ['an empty credentialId', (h) => ({ ...h, methods: [h.methods[0], { ...passkey, credentialId: '' }] })],
    ['an extra field', (h) => ({ ...h, methods: [h.methods[0], { ...passkey, hint: 'x' }] })],
    ['a pin method without wrappedUnder', (h) => ({ ...h, methods: [pin, h.methods[1]] })],
    ['wrappedUnder 4', (h) => ({ ...h, methods: [{ ...pin, wrappedUnder: 4 }, h.methods[1]] })],
    [
      'a v3 PIN wrap in a v2 header',
      (h) => ({ ...h, methods: [{ ...pin, wrappedUnder: 3, input: 'digits', deviceBound: true }, h.methods[1]] }),
    ],
    ['a v2 header nothing needs', (h) => ({ ...h, methods: [h.methods[0]] })],
  ])('refuses %s (VAULT_CORRUPT)', (_what, mutate) => {
    let e: unknown;
    try {
      parseHeader(mutate(v2()));
    } catch (err) {
      e = err;
    }
    expect(isKeyslotError(e, 'VAULT_CORRUPT')).toBe(true);
  });

  it('binds every passkey field and the header into the AAD', () => {
    const m = parseHeader(v2()).methods[1]!;
    if (m.type !== 'passkey') throw new Error('expected passkey');
    expect(Buffer.from(passkeyAad(5, m)).toString()).toBe(
      `["keyslot-vault",2,5,"${ID2}","passkey","${b64(20, 4)}","${b64(32, 5)}"]`,
    );
    const base = hexEncode(passkeyAad(5, m));
    for (const other of [
      passkeyAad(6, m),
      passkeyAad(5, { ...m, id: ID1 }),
      passkeyAad(5, { ...m, credentialId: Uint8Array.from(Buffer.alloc(20, 9)) }),
      passkeyAad(5, { ...m, prfSalt: Uint8Array.from(Buffer.alloc(32, 9)) }),
    ]) {
      expect(hexEncode(other)).not.toBe(base);
    }
  });
});

describe('passkey unlock', () => {
  it('adds a passkey that unlocks; the PIN still opens; removing it writes the v1 header back', async () => {
    using _plain = withoutDeviceKeys();
    const { api } = fakeAuthenticator();
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const slot = await vault.addSlot(draft(), 'VPN', NOW);
    const v1 = await rawHeader();
    expect(v1.version).toBe(1);
    expect(await hasPasskey()).toBe(false);

    await vault.addPasskey(PIN, { api, nowMs: NOW });
    const h = await rawHeader();
    expect(h.version).toBe(2);
    expect(h.methods).toHaveLength(2);
    // The PIN method is untouched: same wrap, still bound to the v1 AAD.
    expect(h.methods[0]).toEqual({ ...v1.methods[0], wrappedUnder: 1 });
    expect(await hasPasskey()).toBe(true);

    const byPasskey = await unlockWithPasskey(api);
    expect((await byPasskey.listSlots()).map((s) => s.id)).toEqual([slot.id]);
    const byPin = await unlockVault(PIN, NOW);
    expect((await byPin.listSlots()).map((s) => s.id)).toEqual([slot.id]);

    await byPin.removePasskey();
    expect(await rawHeader()).toEqual(v1);
    expect(await hasPasskey()).toBe(false);
    await expectCode(unlockWithPasskey(api), 'PASSKEY_UNSUPPORTED');
    expect((await (await unlockVault(PIN, NOW)).listSlots()).map((s) => s.id)).toEqual([slot.id]);
  });

  it('changing the PIN while a passkey is there wraps the PIN under v2; both keep working, and after removal too', async () => {
    using _plain = withoutDeviceKeys();
    const { api } = fakeAuthenticator();
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await vault.addPasskey(PIN, { api, nowMs: NOW });
    await vault.changePin(PIN, '502817', { kdf: KDF, nowMs: NOW });
    expect((await rawHeader()).methods[0]).toMatchObject({ wrappedUnder: 2 });
    (await unlockWithPasskey(api)).lock();
    await vault.removePasskey();
    expect((await rawHeader()).version).toBe(2);
    (await unlockVault('502817', NOW)).lock();
  });

  it('a wrong current PIN adds nothing, counts an attempt and never asks the authenticator', async () => {
    const { api } = fakeAuthenticator();
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const before = await rawHeader();
    await expectCode(vault.addPasskey('000000', { api, nowMs: NOW }), 'PIN_WRONG');
    expect(api.createPasskey).not.toHaveBeenCalled();
    expect(await rawHeader()).toEqual(before);
    expect(readGuard(await storage.readGuard()).failures).toBe(1);
  });

  it('a cancelled passkey prompt writes no method and resets the guard (the PIN was right)', async () => {
    const { api } = fakeAuthenticator();
    vi.mocked(api.createPasskey).mockRejectedValueOnce(new KeyslotError('PASSKEY_CANCELLED'));
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const before = await rawHeader();
    await expectCode(vault.addPasskey(PIN, { api, nowMs: NOW }), 'PASSKEY_CANCELLED');
    expect(await rawHeader()).toEqual(before);
    expect(readGuard(await storage.readGuard()).failures).toBe(0);
  });

  it('another authenticator, a tampered passkey field or a gone credential fails; the PIN still opens', async () => {
    const { api, creds } = fakeAuthenticator();
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await vault.addPasskey(PIN, { api, nowMs: NOW });
    vault.lock();

    // Same credential id, different device secret: a different PRF output.
    const other = fakeAuthenticator('device-2');
    other.creds.push(...creds);
    await expectCode(unlockWithPasskey(other.api), 'PASSKEY_WRONG');

    const good = await rawHeader();
    for (const field of ['prfSalt', 'iv', 'wrappedKey'] as const) {
      const h = structuredClone(good);
      const m = h.methods[1] as StoredPasskeyMethodV2;
      const bytes = Buffer.from(m[field], 'base64');
      bytes[0] ^= 1;
      m[field] = bytes.toString('base64');
      await putHeader(h);
      await expectCode(unlockWithPasskey(api), 'PASSKEY_WRONG');
    }
    await putHeader({ ...structuredClone(good), createdAt: good.createdAt + 1 });
    await expectCode(unlockWithPasskey(api), 'PASSKEY_WRONG');
    await putHeader(good);

    creds.length = 0; // removed from the authenticator
    await expectCode(unlockWithPasskey(api), 'PASSKEY_CANCELLED');
    (await unlockVault(PIN, NOW)).lock();
  });
});
