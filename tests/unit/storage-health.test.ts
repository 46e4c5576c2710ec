// The "had a vault" marker and the persistence request (src/platform/storage-health.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HAD_VAULT_KEY,
  forgetVault,
  rememberVault,
  requestPersistence,
  storageStatus,
  vaultCreatedAt,
} from '../../src/platform/storage-health';

class MemoryStorage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.#items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.#items.set(k, String(v));
  }
  removeItem(k: string) {
    this.#items.delete(k);
  }
  clear() {
    this.#items.clear();
  }
}

let local: MemoryStorage;
beforeEach(() => {
  local = new MemoryStorage();
  vi.stubGlobal('localStorage', local);
});
afterEach(() => vi.unstubAllGlobals());

describe('the had-a-vault marker', () => {
  it('holds only the ISO date the vault was created, under one key', () => {
    rememberVault(new Date(Date.UTC(2026, 0, 15, 9, 30)));
    expect(local.length).toBe(1);
    expect(local.getItem(HAD_VAULT_KEY)).toBe('2026-01-15T09:30:00.000Z');
    expect(vaultCreatedAt()?.toISOString()).toBe('2026-01-15T09:30:00.000Z');
  });

  it('keeps the first date unless a new vault overwrites it', () => {
    rememberVault(new Date(Date.UTC(2026, 0, 1)));
    rememberVault(new Date(Date.UTC(2026, 5, 1)));
    expect(vaultCreatedAt()?.getUTCMonth()).toBe(0);
    rememberVault(new Date(Date.UTC(2026, 5, 1)), true);
    expect(vaultCreatedAt()?.getUTCMonth()).toBe(5);
  });

  it('is absent before any vault and after forgetVault', () => {
    expect(vaultCreatedAt()).toBeNull();
    rememberVault();
    forgetVault();
    expect(vaultCreatedAt()).toBeNull();
  });

  it('still signals a vault when the value is unreadable', () => {
    local.setItem(HAD_VAULT_KEY, 'garbage');
    expect(vaultCreatedAt()?.getTime()).toBe(0);
  });

  it('never throws where storage is blocked', () => {
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('QuotaExceededError');
      },
      removeItem() {
        throw new Error('SecurityError');
      },
    });
    expect(() => rememberVault()).not.toThrow();
    expect(vaultCreatedAt()).toBeNull();
    expect(() => forgetVault()).not.toThrow();
  });
});

describe('persistent storage', () => {
  it('asks only when not already persistent, and reports the answer', async () => {
    const persist = vi.fn(async () => true);
    let kept = false;
    vi.stubGlobal('navigator', {
      storage: { persist, persisted: async () => kept, estimate: async () => ({ usage: 10, quota: 100 }) },
    });
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
    kept = true;
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
    expect(await storageStatus()).toEqual({ persisted: true, usage: 10, quota: 100 });
  });

  it('says "unknown" and false where the browser has no StorageManager or it fails', async () => {
    vi.stubGlobal('navigator', {});
    expect(await requestPersistence()).toBe(false);
    expect(await storageStatus()).toEqual({ persisted: null, usage: null, quota: null });
    vi.stubGlobal('navigator', {
      storage: {
        persist: async () => Promise.reject(new Error('no')),
        persisted: async () => Promise.reject(new Error('no')),
        estimate: async () => Promise.reject(new Error('no')),
      },
    });
    expect(await requestPersistence()).toBe(false);
    expect(await storageStatus()).toEqual({ persisted: null, usage: null, quota: null });
  });
});
