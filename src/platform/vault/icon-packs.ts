/**
 * Installed icon packs, encrypted under the vault's data key (core/icons/pack-store.ts for the
 * plaintext, docs/vault.md "Icon packs"). Encrypt first, then one IndexedDB transaction
 * (storage.putIconPack), as for slots. An open vault hands out a store bound to its key
 * (UnlockedVault.iconPacks()); after lock() every call throws VAULT_LOCKED.
 */
import {
  decodePack,
  encodePack,
  ICON_PACKS_MAX,
  parseStoredPack,
  serializeStoredPack,
} from '../../core/icons/pack-store';
import type { IconPack } from '../../core/icons/icon-pack';
import { iconPackAad } from '../../core/vault';
import * as storage from '../storage';
import { openRecord, sealRecord } from '../webcrypto';

export interface IconPackStore {
  /** Every installed pack, decrypted and checked again (VAULT_CORRUPT for a damaged one). */
  list(): Promise<IconPack[]>;
  /** Install a pack, replacing one with the same uuid (ICON_PACK_TOO_MANY past ICON_PACKS_MAX). */
  save(pack: IconPack): Promise<void>;
  remove(uuid: string): Promise<void>;
}

/** The store of the vault whose data key `key()` gives (it throws VAULT_LOCKED once locked). */
export function iconPackStore(key: () => CryptoKey): IconPackStore {
  return {
    async list() {
      const raws = await storage.readIconPacks();
      return Promise.all(
        raws.map(async (raw) => {
          const { uuid, iv, ct } = parseStoredPack(raw);
          const plain = await openRecord(key(), iv, ct, iconPackAad(uuid));
          return decodePack(plain, uuid);
        }),
      );
    },
    async save(pack) {
      const plain = encodePack(pack);
      const { iv, ct } = await sealRecord(key(), plain, iconPackAad(pack.uuid));
      plain.fill(0);
      key(); // locked during encryption: write nothing
      await storage.putIconPack(serializeStoredPack(pack.uuid, iv, ct), ICON_PACKS_MAX);
    },
    async remove(uuid) {
      key();
      await storage.deleteIconPack(uuid);
    },
  };
}
