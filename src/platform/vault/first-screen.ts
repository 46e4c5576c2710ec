/**
 * The first-screen hint of an open vault (core/vault/first-screen.ts, docs/vault.md
 * "First-screen hint"): which slots the list shows first, encrypted under the data key. At unlock
 * `read(order, count)` reads and decrypts only those records, so the first codes do not wait for every
 * record; `save` writes a new hint (encrypt first, then one IndexedDB transaction). A hint is
 * never trusted with anything: it only names ids, each record is still opened under its own AAD,
 * and whatever goes wrong with it means "no hint" (the whole list loads as before, and reports a
 * damaged record there).
 */
import type { Slot } from '../../core/slot';
import type { SortOrder } from '../../core/sort-order';
import {
  decodeFirstScreen,
  encodeFirstScreen,
  firstScreenAad,
  parseStoredFirstScreen,
  serializeStoredFirstScreen,
  type FirstScreenHint,
} from '../../core/vault';
import * as storage from '../storage';
import { openRecord, sealRecord } from '../webcrypto';

export interface FirstScreenStore {
  /**
   * The first `count` slots the stored hint names for `order`, decrypted, in its order, and the
   * whole hint; no slots and a null hint when there is no usable hint.
   */
  read(order: SortOrder, count: number): Promise<{ slots: Slot[]; hint: FirstScreenHint | null }>;
  /** Store `hint`, replacing the last one. */
  save(hint: FirstScreenHint): Promise<void>;
}

/**
 * The hint of the vault whose data key `key()` gives (VAULT_LOCKED once locked); `open` decrypts
 * one stored slot record with it (UnlockedVault's, so a record is read exactly one way).
 */
export function firstScreenStore(
  key: () => CryptoKey,
  open: (key: CryptoKey, raw: unknown) => Promise<Slot>,
): FirstScreenStore {
  return {
    async read(order, count) {
      try {
        const raw = await storage.readFirstScreen();
        if (raw === undefined) return { slots: [], hint: null };
        const { iv, ct } = parseStoredFirstScreen(raw);
        const hint = decodeFirstScreen(await openRecord(key(), iv, ct, firstScreenAad()));
        const raws = (await storage.readRecordsById(hint[order].slice(0, count))).filter((r) => r !== undefined);
        const dataKey = key();
        const slots = await Promise.all(raws.map((r) => open(dataKey, r)));
        key(); // locked while we were decrypting: hand nothing out
        return { slots, hint };
      } catch {
        return { slots: [], hint: null };
      }
    },
    async save(hint) {
      const plain = encodeFirstScreen(hint);
      const { iv, ct } = await sealRecord(key(), plain, firstScreenAad());
      key(); // locked during encryption: write nothing
      await storage.putFirstScreen(serializeStoredFirstScreen(iv, ct));
    },
  };
}
