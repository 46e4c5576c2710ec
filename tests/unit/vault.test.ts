import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createDecipheriv } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ErrorCode } from '../../src/core/errors';
import type { Slot } from '../../src/core/slot';
import {
  ARGON2_FLOOR,
  PBKDF2_FLOOR,
  RECORD_VERSION,
  type StoredHeaderV1,
  type StoredRecordV1,
} from '../../src/core/vault';
import * as argon2 from '../../src/platform/argon2';
import * as storage from '../../src/platform/storage';
import { UnlockedVault, createVault, hasVault, unlockVault } from '../../src/platform/vault';
import { codeBlockAfter, readDoc } from './fixtures/docs';
import { useFreshIndexedDb } from './fixtures/fresh-db';
import { expectCode } from './fixtures/errors';
import { draft } from './fixtures/slots';

vi.mock('../../src/platform/argon2', { spy: true });

const PIN = '731946';
const NOW = 1_600_000_000_000;
const KDF = ARGON2_FLOOR; // smallest legal parameters keep the suite fast

// --- raw IndexedDB access, as an attacker or a forensic dump would see it ----------------------

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('keyslot');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function rawAll(store: 'meta' | 'slots'): Promise<unknown[]> {
  const db = await openRaw();
  try {
    return await new Promise((resolve, reject) => {
      const req = db.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

async function rawPut(store: 'meta' | 'slots', value: unknown, key?: string): Promise<void> {
  const db = await openRaw();
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      if (key === undefined) tx.objectStore(store).put(value);
      else tx.objectStore(store).put(value, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

// meta also holds the failed-attempt guard (key 'guard', sorted first); the header is the one with `format`.
const rawHeader = async () =>
  (await rawAll('meta')).find((v) => (v as { format?: unknown }).format === 'keyslot-vault') as StoredHeaderV1;
const rawRecords = async () => (await rawAll('slots')) as StoredRecordV1[];
const dump = async () => JSON.stringify({ meta: await rawAll('meta'), slots: await rawAll('slots') });

/** Flip one bit of byte `i` (negative: from the end) of a base64 field. */
function flipB64(text: string, i: number): string {
  const bytes = Buffer.from(text, 'base64');
  bytes[i < 0 ? bytes.length + i : i]! ^= 0x01;
  return bytes.toString('base64');
}

useFreshIndexedDb();

afterEach(() => {
  vi.clearAllMocks();
});

// -----------------------------------------------------------------------------------------------

describe('creating and unlocking', () => {
  it('round-trips: create, add, lock, unlock, and list returns the same slots', async () => {
    expect(await hasVault()).toBe(false);
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    expect(await hasVault()).toBe(true);
    const a = await vault.addSlot(draft(), 'KEK VPN', NOW + 2);
    const b = await vault.addSlot(
      draft({ kind: 'hotp', counter: 5, issuer: '', account: 'bob', algorithm: 'SHA256', digits: 8 }),
      '',
      NOW + 1,
    );
    const c = await vault.addSlot(
      draft({ secret: new Uint8Array(64).fill(0xab), algorithm: 'SHA512' }),
      'Ærø 🔐',
      NOW + 3,
    );
    const before = await vault.listSlots();
    expect(before).toEqual([b, a, c]); // oldest first
    vault.lock();

    const again = await unlockVault(PIN);
    expect(await again.listSlots()).toEqual(before);
  });

  it('stores a v1 header with one PIN method, in the documented shape, where there is no device key', async () => {
    await createVault(PIN, { kdf: KDF, now: NOW, deviceKey: false });
    const h = await rawHeader();
    expect(Object.keys(h).sort()).toEqual(['createdAt', 'format', 'methods', 'version']);
    expect(h).toMatchObject({ format: 'keyslot-vault', version: 1, createdAt: NOW });
    expect(h.methods).toHaveLength(1);
    const m = h.methods[0]!;
    expect(m.type).toBe('pin');
    expect(m.kdf).toEqual(KDF);
    expect(m.id).toMatch(/^[0-9a-f]{32}$/);
    expect(Buffer.from(m.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(m.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(m.wrappedKey, 'base64')).toHaveLength(48);
  });

  it('uses a fresh salt, IV and data key for every new vault', async () => {
    await createVault(PIN, { kdf: KDF, now: NOW });
    const first = await rawHeader();
    await storage.closeStorage();
    globalThis.indexedDB = new IDBFactory();
    await createVault(PIN, { kdf: KDF, now: NOW });
    const second = await rawHeader();
    expect(second.methods[0]!.salt).not.toBe(first.methods[0]!.salt);
    expect(second.methods[0]!.iv).not.toBe(first.methods[0]!.iv);
    expect(second.methods[0]!.wrappedKey).not.toBe(first.methods[0]!.wrappedKey);
  });

  it('works with the PBKDF2 fallback too', async () => {
    const vault = await createVault(PIN, { kdf: PBKDF2_FLOOR, now: NOW });
    const slot = await vault.addSlot(draft(), '', NOW);
    vault.lock();
    expect(await (await unlockVault(PIN)).listSlots()).toEqual([slot]);
    expect(argon2.argon2idRaw).not.toHaveBeenCalled();
  });

  it('refuses to create a second vault with VAULT_EXISTS, before running the KDF, and keeps the first', async () => {
    await createVault(PIN, { kdf: KDF, now: NOW });
    const before = await dump();
    vi.mocked(argon2.argon2idRaw).mockClear();
    await expectCode(createVault('999999', { kdf: KDF, now: NOW }), 'VAULT_EXISTS');
    expect(argon2.argon2idRaw).not.toHaveBeenCalled();
    expect(await dump()).toBe(before);
    await unlockVault(PIN);
  });

  it('refuses to create a vault with KDF parameters below the floor, writing nothing', async () => {
    await expectCode(createVault(PIN, { kdf: { ...ARGON2_FLOOR, iterations: 1 } }), 'KDF_WEAK');
    await expectCode(createVault(PIN, { kdf: { name: 'pbkdf2-sha256', iterations: 100_000 } }), 'KDF_WEAK');
    expect(argon2.argon2idRaw).not.toHaveBeenCalled();
    expect(await hasVault()).toBe(false);
  });

  it('reports VAULT_MISSING when unlocking with no vault', async () => {
    await expectCode(unlockVault(PIN), 'VAULT_MISSING');
  });

  it('fails a wrong PIN with PIN_WRONG and changes nothing stored but the attempt counter', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await vault.addSlot(draft(), 'x', NOW);
    vault.lock();
    const headerAndSlots = async () => JSON.stringify({ header: await rawHeader(), slots: await rawAll('slots') });
    const before = await headerAndSlots();
    await expectCode(unlockVault('731947'), 'PIN_WRONG');
    await expectCode(unlockVault(''), 'PIN_WRONG'); // an empty PIN runs no KDF and is not counted
    expect(await headerAndSlots()).toBe(before);
    expect(await storage.readGuard()).toEqual({ v: 1, failures: 1, lockedUntil: 0, eraseAfterFailures: false });
    expect(await (await unlockVault(PIN)).listSlots()).toHaveLength(1);
  });
});

describe('the in-memory data key', () => {
  it('is non-extractable after unlock: exportKey fails, and it is the key that encrypts records', async () => {
    await createVault(PIN, { kdf: KDF, now: NOW });
    const unwrap = vi.spyOn(crypto.subtle, 'unwrapKey');
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    const vault = await unlockVault(PIN);
    expect(unwrap).toHaveBeenCalledOnce();
    const key = await unwrap.mock.results[0]!.value;
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow();
    await vault.addSlot(draft(), '', NOW);
    expect(encrypt.mock.calls[0]![1]).toBe(key);
  });

  it('is non-extractable after create too: the extractable original is only used to wrap', async () => {
    const unwrap = vi.spyOn(crypto.subtle, 'unwrapKey');
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const key = await unwrap.mock.results[0]!.value;
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await vault.addSlot(draft(), '', NOW);
    expect(encrypt.mock.calls.map((c) => c[1])).toEqual([key]);
  });

  it('cannot be handed to an UnlockedVault while extractable', async () => {
    const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    expect(() => new UnlockedVault(extractable)).toThrow(/VAULT_CORRUPT/);
  });
});

describe('locking', () => {
  it('forgets the key: every call after lock() fails with VAULT_LOCKED', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const slot = await vault.addSlot(draft(), '', NOW);
    vault.lock();
    expect(vault.locked).toBe(true);
    await expectCode(vault.listSlots(), 'VAULT_LOCKED');
    await expectCode(vault.addSlot(draft()), 'VAULT_LOCKED');
    await expectCode(vault.updateSlot({ ...slot, name: 'x' }), 'VAULT_LOCKED');
    await expectCode(vault.deleteSlot(slot.id), 'VAULT_LOCKED');
    expect(await rawRecords()).toHaveLength(1);
  });

  it('hands out nothing when locked while a list is being decrypted', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await vault.addSlot(draft(), '', NOW);
    const listing = vault.listSlots();
    vault.lock();
    await expectCode(listing, 'VAULT_LOCKED');
  });
});

describe('changing slots', () => {
  it('renames and advances an HOTP counter, re-encrypting under a fresh IV', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const slot = await vault.addSlot(draft({ kind: 'hotp' }), '', NOW);
    const [before] = await rawRecords();
    const changed: Slot = { ...slot, name: 'Work VPN', counter: 1 };
    await vault.updateSlot(changed);
    const [after] = await rawRecords();
    expect(after!.id).toBe(slot.id);
    expect(after!.iv).not.toBe(before!.iv);
    expect(after!.ct).not.toBe(before!.ct);
    vault.lock();
    expect(await (await unlockVault(PIN)).listSlots()).toEqual([changed]);
  });

  it('refuses to update a slot that does not exist with SLOT_NOT_FOUND, creating nothing', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const slot = await vault.addSlot(draft(), '', NOW);
    await vault.deleteSlot(slot.id);
    await expectCode(vault.updateSlot(slot), 'SLOT_NOT_FOUND');
    expect(await rawRecords()).toEqual([]);
  });

  it('refuses an invalid update with its input error and keeps the stored record', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const slot = await vault.addSlot(draft(), '', NOW);
    const before = await dump();
    await expectCode(vault.updateSlot({ ...slot, digits: 9 }), 'DIGITS');
    await expectCode(vault.updateSlot({ ...slot, name: 'x'.repeat(300) }), 'NAME_TOO_LONG');
    expect(await dump()).toBe(before);
  });

  it('refuses an invalid draft on add with its input error and stores nothing', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await expectCode(vault.addSlot(draft({ secret: new Uint8Array(4) })), 'SECRET_TOO_SHORT');
    await expectCode(vault.addSlot(draft({ issuer: '', account: '' })), 'LABEL_EMPTY');
    expect(await rawRecords()).toEqual([]);
  });

  it('gives every added slot a new random id and keeps its own copy of the secret', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const d = draft();
    const a = await vault.addSlot(d);
    const b = await vault.addSlot(d);
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.id).not.toBe(b.id);
    d.secret.fill(0);
    expect(a.secret).toEqual(Uint8Array.from(Buffer.from('12345678901234567890')));
    expect(Math.abs(a.createdAt - Date.now())).toBeLessThan(5_000);
  });

  it('deletes a slot, and refuses a missing one with SLOT_NOT_FOUND', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const a = await vault.addSlot(draft(), '', NOW);
    const b = await vault.addSlot(draft(), '', NOW + 1);
    await vault.deleteSlot(a.id);
    expect(await vault.listSlots()).toEqual([b]);
    await expectCode(vault.deleteSlot(a.id), 'SLOT_NOT_FOUND');
  });
});

describe('tampered header fails closed', () => {
  type Mutation = [string, ErrorCode, (h: any) => void];
  const mutations: Mutation[] = [
    ['first salt byte flipped', 'PIN_WRONG', (h) => (h.methods[0].salt = flipB64(h.methods[0].salt, 0))],
    ['last salt byte flipped', 'PIN_WRONG', (h) => (h.methods[0].salt = flipB64(h.methods[0].salt, -1))],
    ['first IV byte flipped', 'PIN_WRONG', (h) => (h.methods[0].iv = flipB64(h.methods[0].iv, 0))],
    ['last IV byte flipped', 'PIN_WRONG', (h) => (h.methods[0].iv = flipB64(h.methods[0].iv, -1))],
    [
      'first wrapped-key byte flipped',
      'PIN_WRONG',
      (h) => (h.methods[0].wrappedKey = flipB64(h.methods[0].wrappedKey, 0)),
    ],
    [
      'wrapped-key tag byte flipped',
      'PIN_WRONG',
      (h) => (h.methods[0].wrappedKey = flipB64(h.methods[0].wrappedKey, -1)),
    ],
    ['argon2 memory raised by 1 KiB', 'PIN_WRONG', (h) => (h.methods[0].kdf.memoryKiB += 1)],
    ['argon2 iterations raised by 1', 'PIN_WRONG', (h) => (h.methods[0].kdf.iterations += 1)],
    ['argon2 parallelism raised to 2', 'PIN_WRONG', (h) => (h.methods[0].kdf.parallelism = 2)],
    ['KDF switched to PBKDF2', 'PIN_WRONG', (h) => (h.methods[0].kdf = { name: 'pbkdf2-sha256', iterations: 600_000 })],
    ['createdAt changed', 'PIN_WRONG', (h) => (h.createdAt += 1)],
    ['method id changed', 'PIN_WRONG', (h) => (h.methods[0].id = 'f'.repeat(32))],
    ['argon2 memory below the floor', 'KDF_WEAK', (h) => (h.methods[0].kdf.memoryKiB = 19_455)],
    ['argon2 iterations below the floor', 'KDF_WEAK', (h) => (h.methods[0].kdf.iterations = 1)],
    ['argon2 memory above the cap', 'VAULT_CORRUPT', (h) => (h.methods[0].kdf.memoryKiB = 4_194_304)],
    ['version from the future', 'VAULT_VERSION', (h) => ((h as { version: number }).version = 4)],
    ['v1 header relabelled v2', 'VAULT_CORRUPT', (h) => ((h as { version: number }).version = 2)],
    ['version zero', 'VAULT_CORRUPT', (h) => (h.version = 0)],
    ['method type changed', 'VAULT_CORRUPT', (h) => (h.methods[0].type = 'pim')],
    ['format changed', 'VAULT_CORRUPT', (h) => (h.format = 'keyslot-vaulT')],
    [
      'salt truncated to 15 bytes',
      'VAULT_CORRUPT',
      (h) => (h.methods[0].salt = Buffer.from(h.methods[0].salt, 'base64').subarray(1).toString('base64')),
    ],
    ['IV stored as raw bytes', 'VAULT_CORRUPT', (h) => (h.methods[0].iv = Buffer.from(h.methods[0].iv, 'base64'))],
    ['extra unauthenticated field', 'VAULT_CORRUPT', (h) => (h.methods[0].hint = 'PIN is 731946')],
    ['header emptied to {}', 'VAULT_CORRUPT', (h) => Object.keys(h).forEach((k) => delete h[k])],
  ];

  it.each(mutations)('a header with %s fails with %s and returns no vault', async (_what, code, mutate) => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await vault.addSlot(draft(), '', NOW);
    vault.lock();
    const h = structuredClone(await rawHeader());
    mutate(h);
    await rawPut('meta', h, 'vault');
    vi.mocked(argon2.argon2idRaw).mockClear();
    await expectCode(unlockVault(PIN), code);
    if (code !== 'PIN_WRONG') {
      // Refused by validation: no KDF ran (a hostile header costs no CPU).
      expect(argon2.argon2idRaw).not.toHaveBeenCalled();
    }
  });
});

describe('tampered records fail closed', () => {
  async function vaultWithTwoSlots() {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const a = await vault.addSlot(draft(), 'a', NOW);
    const b = await vault.addSlot(draft({ secret: new Uint8Array(20).fill(9) }), 'b', NOW + 1);
    return { vault, a, b };
  }

  const recordMutations: [string, ErrorCode, (r: any) => void][] = [
    ['first ciphertext byte flipped', 'VAULT_CORRUPT', (r) => (r.ct = flipB64(r.ct, 0))],
    ['a middle ciphertext byte flipped', 'VAULT_CORRUPT', (r) => (r.ct = flipB64(r.ct, 40))],
    ['tag byte flipped', 'VAULT_CORRUPT', (r) => (r.ct = flipB64(r.ct, -1))],
    ['tag truncated', 'VAULT_CORRUPT', (r) => (r.ct = Buffer.from(r.ct, 'base64').subarray(0, -1).toString('base64'))],
    ['IV byte flipped', 'VAULT_CORRUPT', (r) => (r.iv = flipB64(r.iv, 5))],
    ['IV of 16 bytes', 'VAULT_CORRUPT', (r) => (r.iv = Buffer.alloc(16).toString('base64'))],
    ['record version from the future', 'VAULT_VERSION', (r) => (r.v = 5)],
    // The AAD binds the version: a v2 record relabelled v1 does not open (nor would the reverse).
    ['record version relabelled 1', 'VAULT_CORRUPT', (r) => (r.v = 1)],
    ['record version missing', 'VAULT_CORRUPT', (r) => delete r.v],
    ['extra field', 'VAULT_CORRUPT', (r) => (r.secret = 'GEZDGNBV')],
  ];

  it.each(recordMutations)(
    'a record with %s makes listSlots fail with %s, not return a shorter list',
    async (_what, code, mutate) => {
      const { vault, a } = await vaultWithTwoSlots();
      const rec = structuredClone((await rawRecords()).find((r) => r.id === a.id)!);
      mutate(rec);
      await rawPut('slots', rec);
      await expectCode(vault.listSlots(), code);
      vault.lock();
      await expectCode((await unlockVault(PIN)).listSlots(), code);
    },
  );

  it('refuses a record moved to another id (the AAD binds the id)', async () => {
    const { vault, a, b } = await vaultWithTwoSlots();
    const recs = await rawRecords();
    const ra = recs.find((r) => r.id === a.id)!;
    await rawPut('slots', { ...ra, id: b.id });
    await expectCode(vault.listSlots(), 'VAULT_CORRUPT');
  });

  it('refuses a record copied in from another vault (another data key)', async () => {
    const { vault } = await vaultWithTwoSlots();
    await storage.closeStorage();
    const original = globalThis.indexedDB;
    globalThis.indexedDB = new IDBFactory();
    const other = await createVault(PIN, { kdf: KDF, now: NOW });
    await other.addSlot(draft(), 'other', NOW);
    const [foreign] = await rawRecords();
    await storage.closeStorage();
    globalThis.indexedDB = original;
    await rawPut('slots', foreign);
    await expectCode(vault.listSlots(), 'VAULT_CORRUPT');
  });
});

describe('nonces', () => {
  it('never reuses a record IV across 10,000 updates (read back from storage)', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    let slot = await vault.addSlot(draft({ kind: 'hotp' }), '', NOW);
    const ivs = new Set<string>([((await storage.readRecord(slot.id)) as StoredRecordV1).iv]);
    for (let i = 1; i <= 10_000; i++) {
      slot = { ...slot, counter: i };
      await vault.updateSlot(slot);
      ivs.add(((await storage.readRecord(slot.id)) as StoredRecordV1).iv);
    }
    expect(ivs.size).toBe(10_001);
    expect((await vault.listSlots())[0]!.counter).toBe(10_000);
  }, 60_000);
});

describe('nothing readable at rest', () => {
  it('stores the secret in no encoding and never the PIN or an otpauth URI', async () => {
    const rfcSecret = Buffer.from('12345678901234567890'); // RFC 4226/6238 test secret
    const randomSecret = Buffer.from(crypto.getRandomValues(new Uint8Array(32)));
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await vault.addSlot(draft({ secret: Uint8Array.from(rfcSecret) }), 'VPN', NOW);
    await vault.addSlot(draft({ secret: Uint8Array.from(randomSecret), kind: 'hotp' }), 'Bank', NOW);

    const text = await dump();
    const base32 = (b: Buffer) => {
      const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
      let bits = '';
      for (const byte of b) bits += byte.toString(2).padStart(8, '0');
      let out = '';
      for (let i = 0; i < bits.length; i += 5) out += A[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
      return out;
    };
    for (const secret of [rfcSecret, randomSecret]) {
      const forms = [
        secret.toString('latin1'),
        secret.toString('hex'),
        secret.toString('hex').toUpperCase(),
        base32(secret),
        base32(secret).toLowerCase(),
        secret.toString('base64'),
        secret.toString('base64').replace(/=+$/, ''),
        secret.toString('base64url'),
      ];
      for (const form of forms) expect(text.includes(form), `secret found as ${form}`).toBe(false);

      // Raw bytes hidden inside any stored base64 blob (at any alignment).
      for (const s of text.match(/"[A-Za-z0-9+/=]{8,}"/g) ?? []) {
        const decoded = Buffer.from(s.slice(1, -1), 'base64');
        expect(decoded.includes(secret), 'secret bytes inside a stored blob').toBe(false);
      }
    }
    expect(text.includes(PIN)).toBe(false);
    expect(text.toLowerCase().includes('otpauth')).toBe(false);
    expect(text.includes('PassLogic')).toBe(false); // names are encrypted too
    expect(text.includes('VPN')).toBe(false);
  });
});

describe('decrypting by hand, as docs/vault.md ("Decrypting by hand") describes', () => {
  it('opens a record with Argon2id, plain JSON for the AAD, and Node AES-256-GCM (a vault without a device key)', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW, deviceKey: false });
    const slot = await vault.addSlot(draft(), 'by hand', NOW);
    const h = await rawHeader();
    const m = h.methods[0]!;
    const [rec] = await rawRecords();
    const b = (s: string) => Buffer.from(s, 'base64');
    const gcmOpen = (key: Buffer, iv: Buffer, blob: Buffer, aad: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', key, iv);
      d.setAAD(aad);
      d.setAuthTag(blob.subarray(-16));
      return Buffer.concat([d.update(blob.subarray(0, -16)), d.final()]);
    };

    if (m.kdf.name !== 'argon2id') throw new Error('expected argon2id');
    const kek = Buffer.from(await argon2.argon2idRaw(Buffer.from(PIN), b(m.salt), m.kdf));
    const aad = JSON.stringify([
      h.format,
      h.version,
      h.createdAt,
      m.id,
      m.type,
      m.kdf.name,
      m.kdf.memoryKiB,
      m.kdf.iterations,
      m.kdf.parallelism,
      m.salt,
    ]);
    const dataKey = gcmOpen(kek, b(m.iv), b(m.wrappedKey), Buffer.from(aad));
    expect(dataKey).toHaveLength(32);

    expect(rec!.v).toBe(RECORD_VERSION);
    const plaintext = gcmOpen(dataKey, b(rec!.iv), b(rec!.ct), Buffer.from(`keyslot/slot/v4/${rec!.id}`));
    const json = JSON.parse(plaintext.toString('utf8'));
    expect(json).toEqual({ ...slot, secret: Buffer.from(slot.secret).toString('base64'), managed: null });
  });
});

describe('format fixture', () => {
  // A vault written by this build (PIN 482913, KDF at the floor), also printed in
  // docs/vault.md ("Example vault"). If this stops opening, existing users' vaults would too.
  const FIXTURE = {
    header: {
      format: 'keyslot-vault',
      version: 1,
      createdAt: 1700000000000,
      methods: [
        {
          id: '29b4b587aaca37359b5ec361a534180f',
          type: 'pin',
          kdf: {
            name: 'argon2id',
            memoryKiB: 19456,
            iterations: 2,
            parallelism: 1,
          },
          salt: '6OnH7kgaKYGqtQDuZgOk+A==',
          iv: 'o1tX97yPPuO4Qsk4',
          wrappedKey: 'L67O7YX+0IFuuepPWPsuCzTLiR734H8X5qcS8hB4F3X+gvTG0987RESDvvO4io/K',
        },
      ],
    },
    slots: [
      {
        id: '13c1e7be1d94e64333f90feff9cb0025',
        v: 1,
        iv: 'DzQSnBNkOx+YW5vF',
        ct: 'NSJGxI7JT35rDrlvd5Oyb9mE+HFwynjvsxWWqBgsTHD0YCR7AjDkxnMGrWrUiY6/K7J9Q8P56ud/z5Go8v3BgjRyRDDJGOzvIzFxpwL8mC5jG6eXseYPFHWCXuXFg6FFk5x1/4Tf5b5x7rtp9R1PcVJMqzW6wkvvRonmEce4zDcd+LBQ8oMWxs3PQlz15yP3fndTWWVm58l7ZYYhxnShsOOfGwAcxS3GmWqz7Idl80OjLjMEZS0FD1ue2sGgNuKCeZPauY0BWHIq//n4QnzvRbm25j386nxe/MkNfwX8rpI1/pr6C/vgR5PQMyncGQHc/Eo6WHznHA==',
      },
    ],
  };

  it('is the example vault printed in docs/vault.md, field for field', () => {
    const printed = codeBlockAfter(readDoc('vault'), '### Example vault', 'json');
    expect(printed).not.toBeNull();
    expect(JSON.parse(printed!)).toEqual(FIXTURE);
  });

  it('opens a stored v1 vault and returns its slot exactly', async () => {
    expect(await hasVault()).toBe(false); // lets storage.ts create the schema first
    await rawPut('meta', FIXTURE.header, 'vault');
    for (const r of FIXTURE.slots) await rawPut('slots', r);
    const vault = await unlockVault('482913');
    expect(await vault.listSlots()).toEqual([
      {
        id: '13c1e7be1d94e64333f90feff9cb0025',
        kind: 'totp',
        issuer: 'PassLogic',
        account: 'alice',
        name: 'KEK VPN',
        secret: Uint8Array.from(Buffer.from('12345678901234567890')),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        createdAt: 1_700_000_000_001,
        // Record version 1: the organise fields get their defaults.
        favourite: false,
        position: '',
        lastUsedAt: 0,
        deletedAt: 0,
        // …and so do record version 4's.
        groups: [],
        note: '',
        icon: null,
      },
    ]);
    await expectCode(unlockVault('482914'), 'PIN_WRONG');
  });

  it('writes a v1 slot back as the current record version (4) when it changes, and reads it again', async () => {
    expect(await hasVault()).toBe(false);
    await rawPut('meta', FIXTURE.header, 'vault');
    for (const r of FIXTURE.slots) await rawPut('slots', r);
    const vault = await unlockVault('482913');
    const [slot] = await vault.listSlots();
    await vault.updateSlot({ ...slot!, favourite: true, position: 'V', lastUsedAt: 5, deletedAt: 0 });
    const [rec] = await rawRecords();
    expect(rec!.v).toBe(RECORD_VERSION);
    expect(rec!.iv).not.toBe(FIXTURE.slots[0]!.iv);
    vault.lock();
    const again = await unlockVault('482913');
    expect(await again.listSlots()).toEqual([
      { ...slot!, favourite: true, position: 'V', lastUsedAt: 5, deletedAt: 0 },
    ]);
  });
});
