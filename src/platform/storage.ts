/**
 * The only module that imports idb (tests/unit/module-boundaries.test.ts), which is why it is
 * longer than ~400 lines: every store and every transaction's exact steps live here, together.
 * The only module that imports idb. IndexedDB 'keyslot', version 1:
 *   meta  : out-of-line keys; the vault header (StoredHeader) under 'vault', the
 *           failed-attempt guard (StoredGuardV1, non-secret) under 'guard', the device
 *           key (a non-extractable CryptoKey, structured-cloned by the browser) under 'deviceKey',
 *           installed icon packs (StoredIconPack, encrypted) under 'iconPack.<uuid>',
 *           the first-screen hint (StoredFirstScreen, encrypted) under 'firstScreen',
 *           the last backup's note (non-secret) under 'backup' and the file it was saved to (a
 *           FileSystemFileHandle, where the browser has them) under 'backupFile'
 *   slots : keyPath 'id'; one StoredRecord (already encrypted; v1 or v2) per slot
 *
 * Rules: callers hand in records that are ALREADY encrypted; nothing here awaits anything
 * but the transaction's own requests (an IndexedDB transaction auto-commits as soon as it
 * has no pending request, so awaiting crypto inside one would close it under our feet).
 * Values are read back as `unknown`: parsing and validation belong to core/vault/.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { KeyslotError, isKeyslotError } from '../core/errors';
import type { StoredFirstScreen, StoredHeader, StoredRecord } from '../core/vault';
import type { StoredGuardV1 } from '../core/attempt-guard';
import type { StoredIconPack } from '../core/icons/pack-store';

export const DB_NAME = 'keyslot';
export const DB_VERSION = 1;
const HEADER_KEY = 'vault';
const GUARD_KEY = 'guard';
const BACKUP_KEY = 'backup';
const BACKUP_FILE_KEY = 'backupFile';
const DEVICE_KEY = 'deviceKey';
const FIRST_SCREEN_KEY = 'firstScreen';

interface KeyslotDB extends DBSchema {
  meta: { key: string; value: unknown };
  slots: { key: string; value: unknown };
}

type Db = IDBPDatabase<KeyslotDB>;

let dbPromise: Promise<Db> | null = null;

/**
 * Why this tab's connection went away: 'upgrade' (a newer Keyslot in another tab is upgrading
 * the database), 'deleted' (something deletes the database), 'closed' (the browser closed it,
 * e.g. site data was cleared while Keyslot was open).
 */
export type ConnectionLoss = 'upgrade' | 'deleted' | 'closed';
const versionChangeListeners = new Set<(reason: ConnectionLoss) => void>();

/** How long an upgrade waits for other tabs to close their connections before it gives up. */
export const UPGRADE_BLOCKED_TIMEOUT_MS = 10_000;

/**
 * Called when this tab's connection was closed because another tab (a newer Keyslot)
 * wants to upgrade the database, or because the browser closed it. The UI should lock
 * and ask for a reload. Returns an unsubscribe function.
 */
export function onVersionChange(listener: (reason: ConnectionLoss) => void): () => void {
  versionChangeListeners.add(listener);
  return () => versionChangeListeners.delete(listener);
}

function dropConnection(reason: ConnectionLoss): void {
  dbPromise = null;
  for (const l of versionChangeListeners) l(reason);
}

function db(): Promise<Db> {
  dbPromise ??= openKeyslotDb().catch((e: unknown) => {
    dbPromise = null;
    throw e;
  });
  return dbPromise;
}

/**
 * Open (and, if it is older, upgrade) the database. `version` is a parameter only so the unit
 * tests can play "the next Keyslot" against this one.
 *
 * An upgrade has to wait until every other connection is closed. Keyslot tabs close theirs as
 * soon as they are asked (`blocking` below), but a frozen tab, or a build without that handler,
 * could make it wait forever. So once the open is `blocked`, it waits at most
 * `blockedTimeoutMs` and then fails with STORAGE_BLOCKED (the UI asks to close the other tabs);
 * a connection that opens after that is closed at once.
 */
export function openKeyslotDb(version = DB_VERSION, blockedTimeoutMs = UPGRADE_BLOCKED_TIMEOUT_MS): Promise<Db> {
  return new Promise<Db>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let gaveUp = false;
    openDB<KeyslotDB>(DB_NAME, version, {
      upgrade(database, oldVersion) {
        // One case per version, falling through, so any old database walks forward to the
        // newest layout. Data migrations of the records themselves are lazy (migrateRecord).
        switch (oldVersion) {
          case 0:
            database.createObjectStore('meta');
            database.createObjectStore('slots', { keyPath: 'id' });
          // falls through (add `case 1:` here for DB version 2)
        }
      },
      blocked() {
        timer ??= setTimeout(() => {
          gaveUp = true;
          reject(new KeyslotError('STORAGE_BLOCKED'));
        }, blockedTimeoutMs);
      },
      blocking(_current, blockedVersion, event) {
        // Another tab opened a newer version (or deletes the database): step aside at once,
        // synchronously, so its upgrade is not even reported as blocked.
        (event.target as IDBDatabase).close();
        dropConnection(blockedVersion === null ? 'deleted' : 'upgrade');
      },
      terminated() {
        dropConnection('closed');
      },
    }).then(
      (database) => {
        clearTimeout(timer);
        if (gaveUp) database.close();
        else resolve(database);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Close the connection (tests, and before deleting the database). */
export async function closeStorage(): Promise<void> {
  const p = dbPromise;
  dbPromise = null;
  if (p) (await p.catch(() => null))?.close();
}

/**
 * Run `fn`; a full disk or quota (QuotaExceededError) becomes STORAGE_FULL, anything else
 * IndexedDB throws STORAGE_FAILED (KeyslotErrors pass through).
 */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isKeyslotError(e)) throw e;
    if ((e as { name?: unknown } | null)?.name === 'QuotaExceededError') throw new KeyslotError('STORAGE_FULL');
    throw new KeyslotError('STORAGE_FAILED');
  }
}

/** The stored header, unparsed, or undefined when there is no vault. */
export function readHeader(): Promise<unknown> {
  return guard(async () => (await db()).get('meta', HEADER_KEY));
}

/** All stored slot records, unparsed. */
export function readRecords(): Promise<unknown[]> {
  return guard(async () => (await db()).getAll('slots'));
}

/** One stored slot record, unparsed, or undefined. */
export function readRecord(id: string): Promise<unknown> {
  return guard(async () => (await db()).get('slots', id));
}

/**
 * The records with these ids, in the same order (undefined for one that is gone): one readonly
 * transaction, so the first screen's few records come back without reading all of them.
 */
export function readRecordsById(ids: readonly string[]): Promise<unknown[]> {
  return guard(async () => {
    const store = (await db()).transaction('slots').store;
    return Promise.all(ids.map((id) => store.get(id)));
  });
}

/** The stored first-screen hint, unparsed, or undefined. */
export function readFirstScreen(): Promise<unknown> {
  return guard(async () => (await db()).get('meta', FIRST_SCREEN_KEY));
}

/** Store the (already encrypted) first-screen hint, replacing the last one. */
export function putFirstScreen(hint: StoredFirstScreen): Promise<void> {
  return write(['meta'], async (tx) => {
    await tx.objectStore('meta').put(hint, FIRST_SCREEN_KEY);
  });
}

type StoreName = 'meta' | 'slots';
type WriteTx = IDBPTransaction<KeyslotDB, StoreName[], 'readwrite'>;

/**
 * One readwrite transaction around `fn`, which may await only this transaction's requests.
 * If `fn` throws (a KeyslotError for a failed precondition, or a synchronous DataError,
 * which by itself would NOT abort the transaction) everything it queued is aborted.
 */
function write<T>(stores: StoreName[], fn: (tx: WriteTx) => Promise<T>): Promise<T> {
  return guard(async () => {
    const tx = (await db()).transaction(stores, 'readwrite');
    const done = tx.done;
    done.catch(() => undefined); // observed below; never an unhandled rejection
    try {
      const result = await fn(tx);
      await done;
      return result;
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // already committed or aborted
      }
      await done.catch(() => undefined);
      throw e;
    }
  });
}

/**
 * Store a new vault header. Check-and-write happen in ONE transaction, so two tabs racing
 * to create a vault can't both win: the loser gets VAULT_EXISTS. Leftover slot records
 * without a header are cleared in the same transaction (without the header their key is
 * gone, so they could never be decrypted, and a new key must not meet old records).
 * `deviceKey`, when given, is stored in the same transaction (replacing a leftover one).
 */
export function createVault(header: StoredHeader, guard?: StoredGuardV1, deviceKey?: CryptoKey): Promise<void> {
  return write(['meta', 'slots'], async (tx) => {
    const meta = tx.objectStore('meta');
    if ((await meta.get(HEADER_KEY)) !== undefined) throw new KeyslotError('VAULT_EXISTS');
    await tx.objectStore('slots').clear();
    // A new vault has no backup yet, and must never re-save over the old vault's backup file.
    await meta.delete(BACKUP_KEY);
    await meta.delete(BACKUP_FILE_KEY);
    await meta.delete(FIRST_SCREEN_KEY); // the old vault's hint, under a key that is gone
    await meta.add(header, HEADER_KEY);
    // A new vault starts with a fresh failed-attempt guard (replacing any leftover one).
    if (guard) await meta.put(guard, GUARD_KEY);
    if (deviceKey) await meta.put(deviceKey, DEVICE_KEY);
  });
}

/** The stored device key, unchecked (vault.ts checks it is one), or undefined. */
export function readDeviceKey(): Promise<unknown> {
  return guard(async () => (await db()).get('meta', DEVICE_KEY));
}

/**
 * Can this browser store a CryptoKey in IndexedDB? Some private modes refuse to clone one
 * (DataCloneError, thrown by put() itself). Tries inside a transaction that is then aborted,
 * so nothing is ever written. False on any failure.
 */
export async function canStoreKey(key: CryptoKey): Promise<boolean> {
  try {
    const tx = (await db()).transaction(['meta'], 'readwrite');
    const done = tx.done.catch(() => undefined);
    try {
      void tx
        .objectStore('meta')
        .put(key, `${DEVICE_KEY}.probe`)
        .catch(() => undefined);
      return true;
    } catch {
      return false;
    } finally {
      try {
        tx.abort();
      } catch {
        // already finished
      }
      await done;
    }
  } catch {
    return false;
  }
}

/**
 * Change the PIN: replace the header by `next` and store `guard`, in ONE transaction, but only
 * (and the guard `updateGuard` returns; synchronous, as in updateGuard below)
 * if the stored header is still exactly `expected` (compare-and-swap), so a PIN changed in
 * another tab meanwhile is never overwritten: VAULT_CHANGED, nothing written. Slot records
 * are not touched (the store is not even in the transaction).
 */
export function replaceHeader(
  expected: unknown,
  next: StoredHeader,
  updateGuard: (stored: unknown) => StoredGuardV1,
  deviceKey?: CryptoKey,
): Promise<void> {
  return write(['meta'], async (tx) => {
    const meta = tx.objectStore('meta');
    const stored: unknown = await meta.get(HEADER_KEY);
    if (stored === undefined || JSON.stringify(stored) !== JSON.stringify(expected))
      throw new KeyslotError('VAULT_CHANGED');
    await meta.put(next, HEADER_KEY);
    await meta.put(updateGuard(await meta.get(GUARD_KEY)), GUARD_KEY);
    // A vault that gains its device binding now (PIN change, first unlock after the upgrade).
    if (deviceKey) await meta.put(deviceKey, DEVICE_KEY);
  });
}

/** The stored failed-attempt guard, unparsed, or undefined. */
export function readGuard(): Promise<unknown> {
  return guard(async () => (await db()).get('meta', GUARD_KEY));
}

/**
 * Read-modify-write the guard in ONE transaction, so two tabs failing at once both count.
 * `update` gets the stored value (unparsed) and returns the value to store, or throws (then
 * nothing is written). It must be synchronous: the transaction may await nothing else.
 */
export function updateGuard(update: (stored: unknown) => StoredGuardV1): Promise<StoredGuardV1> {
  return write(['meta'], async (tx) => {
    const meta = tx.objectStore('meta');
    const next = update(await meta.get(GUARD_KEY));
    await meta.put(next, GUARD_KEY);
    return next;
  });
}

/**
 * Erase the vault: header, every slot record and the guard, in one transaction (all or
 * nothing). Used when the "erase after 10 wrong PINs" setting fires.
 */
export function eraseVault(): Promise<void> {
  return write(['meta', 'slots'], async (tx) => {
    const meta = tx.objectStore('meta');
    await meta.delete(HEADER_KEY);
    await meta.delete(GUARD_KEY);
    await meta.delete(BACKUP_KEY);
    await meta.delete(BACKUP_FILE_KEY);
    await meta.delete(DEVICE_KEY);
    await meta.delete(FIRST_SCREEN_KEY);
    await meta.delete(containerKeyRange());
    await meta.delete(iconPackRange());
    await tx.objectStore('slots').clear();
  });
}

/** Add a new encrypted record; an existing id is SLOT_DUPLICATE (never overwritten). */
export function addRecord(record: StoredRecord): Promise<void> {
  return write(['slots'], async (tx) => {
    const store = tx.objectStore('slots');
    if ((await store.getKey(record.id)) !== undefined) throw new KeyslotError('SLOT_DUPLICATE');
    await store.add(record);
  });
}

/** Insert or replace an encrypted record. */
export function putRecord(record: StoredRecord): Promise<void> {
  return putRecords([record]);
}

/** Insert or replace several encrypted records atomically (all or none). */
export function putRecords(records: readonly StoredRecord[]): Promise<void> {
  return write(['slots'], async (tx) => {
    const store = tx.objectStore('slots');
    const pending: Promise<unknown>[] = [];
    for (const r of records) {
      const p = store.put(r); // may throw synchronously (DataError): write() aborts the rest
      p.catch(() => undefined); // reported through Promise.all below / tx.done
      pending.push(p);
    }
    await Promise.all(pending);
  });
}

/** Replace an existing encrypted record; SLOT_NOT_FOUND if it is gone (e.g. deleted in another tab). */
export function replaceRecord(record: StoredRecord): Promise<void> {
  return write(['slots'], async (tx) => {
    const store = tx.objectStore('slots');
    if ((await store.getKey(record.id)) === undefined) throw new KeyslotError('SLOT_NOT_FOUND');
    await store.put(record);
  });
}

/** Delete a record; SLOT_NOT_FOUND if there was none. */
export function deleteRecord(id: string): Promise<void> {
  return write(['slots'], async (tx) => {
    const store = tx.objectStore('slots');
    if ((await store.getKey(id)) === undefined) throw new KeyslotError('SLOT_NOT_FOUND');
    await store.delete(id);
  });
}

/**
 * Restore from a backup: add the already encrypted `records` (an existing id is
 * SLOT_DUPLICATE, never overwritten) and delete the `remove` ids (slots the person chose to
 * replace), all in ONE transaction: either the whole restore is stored or none of it.
 */
export function restoreRecords(records: readonly StoredRecord[], remove: readonly string[]): Promise<void> {
  return write(['slots'], async (tx) => {
    const store = tx.objectStore('slots');
    const pending: Promise<unknown>[] = [];
    for (const r of records) {
      const p = store.add(r); // ConstraintError for a taken id aborts the transaction
      p.catch(() => undefined);
      pending.push(p);
    }
    for (const id of remove) {
      const p = store.delete(id);
      p.catch(() => undefined);
      pending.push(p);
    }
    try {
      await Promise.all(pending);
    } catch {
      throw new KeyslotError('SLOT_DUPLICATE');
    }
  });
}

/** The note about the last backup (non-secret), unparsed, or undefined. */
export function readBackupNote(): Promise<unknown> {
  return guard(async () => (await db()).get('meta', BACKUP_KEY));
}

/** The file the last backup was saved to (a FileSystemFileHandle), or undefined. */
export function readBackupFile(): Promise<unknown> {
  return guard(async () => (await db()).get('meta', BACKUP_FILE_KEY));
}

/**
 * Store the note about a backup just made, and the file handle it went to (or forget the
 * handle: `null`, after a download). One transaction, so note and handle always agree.
 */
export function writeBackupNote(note: unknown, file: unknown): Promise<void> {
  return write(['meta'], async (tx) => {
    const meta = tx.objectStore('meta');
    await meta.put(note, BACKUP_KEY);
    if (file === null) await meta.delete(BACKUP_FILE_KEY);
    else await meta.put(file, BACKUP_FILE_KEY);
  });
}

/** Forget the kept backup file (it could not be written): the next backup asks for a file again. */
export function forgetBackupFile(): Promise<void> {
  return write(['meta'], async (tx) => {
    await tx.objectStore('meta').delete(BACKUP_FILE_KEY);
  });
}

/**
 * Replace several existing records in ONE transaction (a renumbered order, the trash purged):
 * all or none. SLOT_NOT_FOUND, and nothing written, if any of them is gone (deleted in
 * another tab): a slot deleted there must not come back from here.
 */
export function replaceRecords(records: readonly StoredRecord[]): Promise<void> {
  return write(['slots'], async (tx) => {
    const store = tx.objectStore('slots');
    const keys = await Promise.all(records.map((r) => store.getKey(r.id)));
    if (keys.some((k) => k === undefined)) throw new KeyslotError('SLOT_NOT_FOUND');
    await Promise.all(records.map((r) => store.put(r)));
  });
}

/** Delete several records in ONE transaction (empty the trash). Ids already gone are fine: the goal is their absence. */
export function deleteRecords(ids: readonly string[]): Promise<void> {
  return write(['slots'], async (tx) => {
    const store = tx.objectStore('slots');
    await Promise.all(ids.map((id) => store.delete(id)));
  });
}

/** Two stored records are the same write when id, version, IV and ciphertext all match (every seal draws a fresh IV). */
function sameRecord(a: unknown, b: unknown): boolean {
  const pick = (r: unknown) => {
    const o = (r ?? {}) as Record<string, unknown>;
    return JSON.stringify([o['id'], o['v'], o['iv'], o['ct']]);
  };
  return a !== undefined && b !== undefined && pick(a) === pick(b);
}

/** The id of a stored record (as readRecords returned it), or undefined. */
const idOf = (r: unknown): unknown => (r as { id?: unknown } | undefined)?.id;

/** True when the slot store holds exactly the records `expected` (as readRecords returned them), in any order. */
async function holdsExactly(store: { getAll(): Promise<unknown[]> }, expected: readonly unknown[]): Promise<boolean> {
  const stored = await store.getAll();
  const byId = new Map(expected.map((r) => [idOf(r), r]));
  return stored.length === expected.length && stored.every((r) => sameRecord(r, byId.get(idOf(r))));
}

/**
 * Compare-and-swap slot records in ONE transaction: store every `next[i]` only if the stored
 * record with its id is still exactly `expected[i]` (as readRecord returned it). False, and
 * nothing written, when another tab wrote any of them meanwhile (the caller reads them again
 * and retries); SLOT_NOT_FOUND, nothing written, when one is gone.
 */
export function swapRecords(expected: readonly unknown[], next: readonly StoredRecord[]): Promise<boolean> {
  return write(['slots'], async (tx) => {
    const store = tx.objectStore('slots');
    const stored: unknown[] = await Promise.all(next.map((r) => store.get(r.id)));
    if (stored.some((r) => r === undefined)) throw new KeyslotError('SLOT_NOT_FOUND');
    if (stored.some((r, i) => !sameRecord(r, expected[i]))) return false;
    await Promise.all(next.map((r) => store.put(r)));
    return true;
  });
}

/**
 * Add new records in ONE transaction only if the store still holds exactly the records
 * `expected` (as readRecords returned them, in any order): the caller checked the new slots against
 * those for duplicates, so a slot another tab added meanwhile is checked too. False, and nothing
 * written, when the store changed (read again and retry); an existing id is SLOT_DUPLICATE and
 * nothing is written. All of them or none: an import stores one batch per call.
 */
export function addRecordsIfUnchanged(
  records: readonly StoredRecord[],
  expected: readonly unknown[],
): Promise<boolean> {
  return write(['slots'], async (tx) => {
    const store = tx.objectStore('slots');
    if (!(await holdsExactly(store, expected))) return false;
    const ids = new Set(expected.map(idOf));
    if (records.some((record) => ids.has(record.id))) throw new KeyslotError('SLOT_DUPLICATE');
    await Promise.all(records.map((record) => store.add(record)));
    return true;
  });
}

// ---------------------------------------------------------------- privacyIDEA container keys
// Each registered container's P-384 signing key (a non-extractable CryptoKey) lives in 'meta'
// under `containerKey.<keyId>`, beside the device key. The keyId is random: which container it
// signs for is written only inside the encrypted slot records (core/privacyidea/managed.ts).

const CONTAINER_KEY_PREFIX = 'containerKey.';

/** The stored signing key for `keyId`, unchecked (the caller checks it is one), or undefined. */
export function readContainerKey(keyId: string): Promise<unknown> {
  return guard(async () => (await db()).get('meta', CONTAINER_KEY_PREFIX + keyId));
}

/**
 * What a registration or sync stores, in ONE transaction, and only if the store still holds
 * exactly the records `expected` (as readRecords returned them; the caller planned the changes
 * from those): the container's signing key (at registration only), new records (an existing id
 * is SLOT_DUPLICATE) and changed records (one that is gone is SLOT_NOT_FOUND: a slot deleted in
 * another tab does not come back). False, and nothing written, when another tab wrote meanwhile
 * (read again, plan again, retry). All or nothing: a failed registration leaves neither key nor
 * slots behind.
 */
export function storeContainerChanges(
  key: { keyId: string; key: CryptoKey } | null,
  added: readonly StoredRecord[],
  changed: readonly StoredRecord[],
  expected: readonly unknown[],
): Promise<boolean> {
  return write(['meta', 'slots'], async (tx) => {
    const store = tx.objectStore('slots');
    if (!(await holdsExactly(store, expected))) return false;
    const taken = await Promise.all(added.map((r) => store.getKey(r.id)));
    if (taken.some((k) => k !== undefined)) throw new KeyslotError('SLOT_DUPLICATE');
    const present = await Promise.all(changed.map((r) => store.getKey(r.id)));
    if (present.some((k) => k === undefined)) throw new KeyslotError('SLOT_NOT_FOUND');
    if (key) await tx.objectStore('meta').put(key.key, CONTAINER_KEY_PREFIX + key.keyId);
    await Promise.all([...added.map((r) => store.add(r)), ...changed.map((r) => store.put(r))]);
    return true;
  });
}

/** Delete slot records and, when no slot uses it any more, the container's signing key: one transaction. */
export function deleteContainerRecords(ids: readonly string[], keyId: string | null): Promise<void> {
  return write(['meta', 'slots'], async (tx) => {
    await Promise.all(ids.map((id) => tx.objectStore('slots').delete(id)));
    if (keyId) await tx.objectStore('meta').delete(CONTAINER_KEY_PREFIX + keyId);
  });
}

/** Every container signing key (erasing the vault erases them too). */
function containerKeyRange(): IDBKeyRange {
  return IDBKeyRange.bound(CONTAINER_KEY_PREFIX, `${CONTAINER_KEY_PREFIX}\uffff`);
}

/** One record: addRecordsIfUnchanged([record], expected). */
export function addRecordIfUnchanged(record: StoredRecord, expected: readonly unknown[]): Promise<boolean> {
  return addRecordsIfUnchanged([record], expected);
}

// ---------------------------------------------------------------- icon packs
// Each installed icon pack (core/icons/pack-store.ts), already encrypted, lives in 'meta' under
// `iconPack.<uuid>`: few and large, read all at once when suggestions are first needed.

const ICON_PACK_PREFIX = 'iconPack.';

function iconPackRange(): IDBKeyRange {
  return IDBKeyRange.bound(ICON_PACK_PREFIX, `${ICON_PACK_PREFIX}\uffff`);
}

/** Every stored icon pack, unparsed. */
export function readIconPacks(): Promise<unknown[]> {
  return guard(async () => (await db()).getAll('meta', iconPackRange()));
}

/**
 * Store an encrypted icon pack (replacing one with the same uuid), unless that would make more
 * than `max` packs: ICON_PACK_TOO_MANY, nothing written. Check and write in one transaction.
 */
export function putIconPack(pack: StoredIconPack, max: number): Promise<void> {
  return write(['meta'], async (tx) => {
    const meta = tx.objectStore('meta');
    const keys = await meta.getAllKeys(iconPackRange());
    const key = ICON_PACK_PREFIX + pack.uuid;
    if (!keys.includes(key) && keys.length >= max) throw new KeyslotError('ICON_PACK_TOO_MANY', { max });
    await meta.put(pack, key);
  });
}

/** Remove an installed icon pack (already gone is fine: the goal is its absence). */
export function deleteIconPack(uuid: string): Promise<void> {
  return write(['meta'], async (tx) => {
    await tx.objectStore('meta').delete(ICON_PACK_PREFIX + uuid);
  });
}
