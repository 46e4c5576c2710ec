import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import type { StoredHeaderV1, StoredRecordV1 } from '../../src/core/vault';
import * as storage from '../../src/platform/storage';
import { expectCode } from './fixtures/errors';

const header = (createdAt = 1): StoredHeaderV1 => ({
  format: 'keyslot-vault',
  version: 1,
  createdAt,
  methods: [
    {
      id: 'a'.repeat(32),
      type: 'pin',
      kdf: { name: 'argon2id', memoryKiB: 19456, iterations: 2, parallelism: 1 },
      salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
      iv: 'AAAAAAAAAAAAAAAA',
      wrappedKey: 'A'.repeat(64),
    },
  ],
});

const record = (n: number, ct = 'Y3Q='): StoredRecordV1 => ({
  id: n.toString(16).padStart(32, '0'),
  v: 1,
  iv: 'AAAAAAAAAAAAAAAA',
  ct,
});

beforeEach(async () => {
  await storage.closeStorage();
  globalThis.indexedDB = new IDBFactory();
});

describe('schema', () => {
  it('creates database "keyslot" version 1 with stores meta and slots (keyPath id)', async () => {
    await storage.readHeader();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('keyslot');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect(db.version).toBe(1);
    expect([...db.objectStoreNames].sort()).toEqual(['meta', 'slots']);
    const tx = db.transaction(['meta', 'slots']);
    expect(tx.objectStore('slots').keyPath).toBe('id');
    expect(tx.objectStore('meta').keyPath).toBeNull();
    db.close();
  });
});

describe('vault header', () => {
  it('reads nothing before a vault exists, and the header after createVault', async () => {
    expect(await storage.readHeader()).toBeUndefined();
    await storage.createVault(header());
    expect(await storage.readHeader()).toEqual(header());
  });

  it('refuses a second createVault with VAULT_EXISTS and keeps the first header', async () => {
    await storage.createVault(header(1));
    await expectCode(storage.createVault(header(2)), 'VAULT_EXISTS');
    expect(await storage.readHeader()).toEqual(header(1));
  });

  it('lets exactly one of two racing createVault calls win', async () => {
    const results = await Promise.allSettled([storage.createVault(header(1)), storage.createVault(header(2))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isKeyslotError(rejected.reason, 'VAULT_EXISTS')).toBe(true);
  });

  it('clears orphan slot records (no header, so no key) when a vault is created', async () => {
    await storage.putRecord(record(1));
    await storage.createVault(header());
    expect(await storage.readRecords()).toEqual([]);
  });
});

describe('slot records', () => {
  it('adds, reads one and reads all records', async () => {
    await storage.addRecord(record(1));
    await storage.addRecord(record(2));
    expect(await storage.readRecord(record(1).id)).toEqual(record(1));
    expect(await storage.readRecords()).toEqual([record(1), record(2)]);
    expect(await storage.readRecord(record(3).id)).toBeUndefined();
  });

  it('refuses to add a record whose id exists with SLOT_DUPLICATE, keeping the original', async () => {
    await storage.addRecord(record(1, 'b3JpZ2luYWw='));
    await expectCode(storage.addRecord(record(1, 'bmV3')), 'SLOT_DUPLICATE');
    expect(await storage.readRecord(record(1).id)).toEqual(record(1, 'b3JpZ2luYWw='));
  });

  it('replaces an existing record', async () => {
    await storage.addRecord(record(1, 'b2xk'));
    await storage.replaceRecord(record(1, 'bmV3'));
    expect(await storage.readRecords()).toEqual([record(1, 'bmV3')]);
  });

  it('refuses to replace a missing record with SLOT_NOT_FOUND and does not create it', async () => {
    await expectCode(storage.replaceRecord(record(1)), 'SLOT_NOT_FOUND');
    expect(await storage.readRecords()).toEqual([]);
  });

  it('puts several records atomically: all or none', async () => {
    await storage.putRecords([record(1), record(2)]);
    expect(await storage.readRecords()).toHaveLength(2);
    const broken = { v: 1, iv: 'x', ct: 'y' } as unknown as StoredRecordV1; // no keyPath value: DataError
    await expectCode(storage.putRecords([record(3), broken]), 'STORAGE_FAILED');
    expect((await storage.readRecords()).map((r) => (r as StoredRecordV1).id)).toEqual([record(1).id, record(2).id]);
  });

  it('deletes a record, and refuses a missing one with SLOT_NOT_FOUND', async () => {
    await storage.addRecord(record(1));
    await storage.deleteRecord(record(1).id);
    expect(await storage.readRecords()).toEqual([]);
    await expectCode(storage.deleteRecord(record(1).id), 'SLOT_NOT_FOUND');
  });
});

describe('other tabs', () => {
  it('closes its connection and tells listeners when another tab upgrades the database', async () => {
    let told = 0;
    const off = storage.onVersionChange(() => told++);
    await storage.createVault(header());

    // "Another tab" (a newer Keyslot) opens version 2: our open connection must not block it.
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('keyslot', 2);
      req.onblocked = () => reject(new Error('blocked by our connection'));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect(upgraded.version).toBe(2);
    expect(told).toBe(1);
    upgraded.close();
    off();

    // This (older) code then fails cleanly rather than touching a newer layout.
    await expectCode(storage.readHeader(), 'STORAGE_FAILED');
  });
});

describe('compare-and-swap writes (one transaction each)', () => {
  it('swaps records only while they are still the ones read, and reports a newer write without writing', async () => {
    await storage.createVault(header());
    await storage.addRecord(record(1, 'b2xk'));
    const read = await storage.readRecord(record(1).id);
    expect(await storage.swapRecords([read], [record(1, 'bmV3')])).toBe(true);
    // `read` is now stale: another write (the one above) came in between.
    expect(await storage.swapRecords([read], [record(1, 'c3RhbGU=')])).toBe(false);
    expect(((await storage.readRecord(record(1).id)) as StoredRecordV1).ct).toBe('bmV3');
  });

  it('writes none of several records when one of them changed, and refuses a record that is gone', async () => {
    await storage.createVault(header());
    await storage.addRecord(record(1));
    await storage.addRecord(record(2));
    const [one, two] = [await storage.readRecord(record(1).id), await storage.readRecord(record(2).id)];
    await storage.putRecord(record(2, 'b3RoZXI='));
    expect(await storage.swapRecords([one, two], [record(1, 'eA=='), record(2, 'eQ==')])).toBe(false);
    expect(((await storage.readRecord(record(1).id)) as StoredRecordV1).ct).toBe('Y3Q=');
    await expectCode(storage.swapRecords([undefined], [record(3)]), 'SLOT_NOT_FOUND');
  });

  it('adds a record only while the store holds exactly the records read', async () => {
    await storage.createVault(header());
    await storage.addRecord(record(1));
    const before = await storage.readRecords();
    await storage.addRecord(record(2)); // another tab adds meanwhile
    expect(await storage.addRecordIfUnchanged(record(3), before)).toBe(false);
    expect(await storage.addRecordIfUnchanged(record(3), await storage.readRecords())).toBe(true);
    expect((await storage.readRecords()).length).toBe(3);
    await expectCode(storage.addRecordIfUnchanged(record(3), await storage.readRecords()), 'SLOT_DUPLICATE');
  });
});
