// Upgrades between tabs (issue 5): a database upgrade never waits forever on another tab, and
// a tab asked to step aside says why.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import * as storage from '../../src/platform/storage';

beforeEach(async () => {
  await storage.closeStorage();
  globalThis.indexedDB = new IDBFactory();
});

/** An old tab that holds version 1 open and ignores versionchange (frozen, or a buggy build). */
function stubbornConnection(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(storage.DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('meta');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

describe('an upgrade blocked by another tab', () => {
  it('gives up with STORAGE_BLOCKED after the timeout instead of waiting forever', async () => {
    const stubborn = await stubbornConnection();
    const started = Date.now();
    const error = await storage.openKeyslotDb(2, 150).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isKeyslotError(error, 'STORAGE_BLOCKED')).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);

    // When the old tab finally lets go, the late connection is closed, not leaked: a new open works.
    stubborn.close();
    const db = await storage.openKeyslotDb(2, 150);
    expect(db.version).toBe(2);
    db.close();
  });

  it('goes ahead when the other tab lets go in time', async () => {
    const stubborn = await stubbornConnection();
    setTimeout(() => stubborn.close(), 50);
    const db = await storage.openKeyslotDb(2, 5000);
    expect(db.version).toBe(2);
    db.close();
  });
});

describe('a tab asked to step aside', () => {
  it('closes its connection and says "upgrade" when a newer version opens', async () => {
    const reasons: storage.ConnectionLoss[] = [];
    const off = storage.onVersionChange((reason) => reasons.push(reason));
    try {
      await storage.readHeader(); // opens this tab's connection
      const newer = await storage.openKeyslotDb(2, 1000); // resolves only because we stepped aside
      newer.close();
      expect(reasons).toEqual(['upgrade']);
    } finally {
      off();
    }
  });

  it('closes its connection and says "deleted" when the database is deleted', async () => {
    const reasons: storage.ConnectionLoss[] = [];
    const off = storage.onVersionChange((reason) => reasons.push(reason));
    try {
      await storage.readHeader();
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(storage.DB_NAME);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
        request.onblocked = () => reject(new Error('deletion blocked by our connection'));
      });
      expect(reasons).toEqual(['deleted']);
    } finally {
      off();
    }
  });
});
