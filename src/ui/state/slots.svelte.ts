/**
 * What the person does with the slots of the unlocked vault. Every write goes through the one
 * queue of SlotStore (slot-store.svelte.ts): serialised, compare-and-swap, told to other tabs.
 */
import { KeyslotError, isKeyslotError } from '../../core/errors';
import { slotTitle, type Slot, type SlotDraft } from '../../core/slot';
import type { SortOrder } from '../../core/sort-order';
import { SlotIndex, matchExisting } from '../../core/slot-match';
import { normaliseName } from '../../core/names';
import { nameWarning } from '../../core/lookalike';
import type { BackupSlot } from '../../core/backup';
import type { ImportEntry } from '../../core/importers';
import { runImportInBatches, type ReportRow } from '../../core/importers/plan';
import type { StoredSlots, UnlockedVault } from '../../platform/vault';
import type { ContainerVault } from '../../platform/privacyidea';
import { slotGone } from './lock-hooks';
import { importedMetas } from './import-extras';
import type { Announcer } from './announcer.svelte.ts';
import { formatNumber } from '../i18n/i18n';
import type { Navigation } from './navigation.svelte.ts';

import { SlotStore } from './slot-store.svelte.ts';

export type { ShownHotp } from './slot-store.svelte.ts';

const byAge = (a: Slot, b: Slot) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What the person does with slots: add, import, restore, edit, trash, order, codes, exports. */
export class SlotsState extends SlotStore {
  readonly #nav: Navigation;
  readonly #announcer: Announcer;

  constructor(
    nav: Navigation,
    announcer: Announcer,
    now: () => number = Date.now,
    order: () => SortOrder = () => 'manual',
  ) {
    super(now, order);
    this.#nav = nav;
    this.#announcer = announcer;
  }

  /** How a draft relates to the slots already here: new, the same secret again, or a reissue. */
  match(draft: SlotDraft): ReturnType<typeof matchExisting> {
    // The trash is on its way out: a slot added again is a new slot, not a duplicate.
    return matchExisting(draft, this.activeSlots);
  }

  /** A warning for names that look like another slot's or mix alphabets (core/lookalike.ts), or null. */
  nameWarning(draft: SlotDraft): ReturnType<typeof nameWarning> {
    return nameWarning(draft, this.activeSlots);
  }

  /** Store a new slot unless the slots stored NOW (other tabs' too) hold its secret: SLOT_DUPLICATE. */
  #add(vault: UnlockedVault, draft: SlotDraft, name: string): Promise<Slot> {
    return vault.addSlotIfNew(
      draft,
      name,
      (stored) =>
        matchExisting(
          draft,
          stored.filter((s) => s.deletedAt === 0),
        ).kind === 'duplicate',
    );
  }

  /**
   * Adds a confirmed slot. The same secret twice is refused (SLOT_DUPLICATE). With
   * `replaceId` (the provider reissued the slot) the new slot is stored first and the
   * old one deleted after, so a failure in between leaves both, never neither.
   */
  async addSlot(draft: SlotDraft, name: string, replaceId?: string): Promise<Slot> {
    if (this.match(draft).kind === 'duplicate') throw new KeyslotError('SLOT_DUPLICATE');
    const started = this.#nav.addIntent; // a link arriving during the save keeps the add screen
    const slot = await this.serial(async (vault) => {
      const added = await this.#add(vault, draft, name.trim());
      this.slots = [...this.slots, added];
      if (replaceId) {
        await vault.deleteSlot(replaceId);
        this.slots = this.slots.filter((s) => s.id !== replaceId);
      }
      return added;
    });
    this.lastAddedId = slot.id;
    this.#nav.closeAdd(started);
    this.#announcer.announce('confirm.done');
    this.keepStorage();
    return slot;
  }

  /** Adds several slots (an export from another app); ones already here are skipped. */
  async addMany(drafts: readonly SlotDraft[]): Promise<{ added: number; skipped: number }> {
    const started = this.#nav.addIntent;
    const added = await this.serial(async (vault) => {
      let count = 0;
      for (const draft of drafts) {
        if (this.match(draft).kind === 'duplicate') continue;
        let slot: Slot;
        try {
          slot = await this.#add(vault, draft, '');
        } catch (e) {
          if (isKeyslotError(e, 'SLOT_DUPLICATE')) continue; // added in another tab
          throw e;
        }
        this.slots = [...this.slots, slot];
        this.lastAddedId = slot.id;
        count += 1;
      }
      return count;
    });
    this.#nav.closeAdd(started);
    this.#announcer.announce(added === 1 ? 'migration.done.one' : 'migration.done.other', { count: added });
    if (added > 0) this.keepStorage();
    return { added, skipped: drafts.length - added };
  }

  /**
   * Imports the readable entries of another app's export (src/core/importers) and reports
   * each entry: imported, a duplicate (of a slot here or of an earlier entry), unsupported,
   * or failed. An entry that cannot be saved is reported as failed and the rest go on.
   */
  async importEntries(
    entries: readonly ImportEntry[],
    progress?: (done: number, total: number) => void,
    include?: (index: number) => boolean,
  ): Promise<ReportRow[]> {
    const rows = await this.serial(async (vault) => {
      // Batches of IMPORT_BATCH: each encrypted, then stored in one transaction, all or nothing,
      // against the slots stored now (vault.addSlotsIfNew). The list takes the new slots once, at
      // the end: one update, not one per slot (each would copy the list and wake its readers).
      const added: Slot[] = [];
      let seen: StoredSlots | undefined;
      const fresh = (drafts: readonly SlotDraft[], stored: readonly Slot[]) => {
        const index = new SlotIndex(stored.filter((s) => s.deletedAt === 0));
        return drafts.map((draft) => !index.duplicateOf(draft));
      };
      try {
        return await runImportInBatches(
          entries,
          this.activeSlots,
          async (items) => {
            // Groups, favourite, note, icon (re-encoded) from the file: before the transaction.
            const now = Date.now();
            const metas = await importedMetas(items, now);
            const drafts = items.map((item) => item.draft);
            const result = await vault.addSlotsIfNew(drafts, fresh, seen, now, metas);
            seen = result.seen;
            return result.added.map((slot) => (slot ? (added.push(slot), 'imported') : 'duplicate'));
          },
          { progress, include },
        );
      } finally {
        this.lastImportedIds = added.map((s) => s.id);
        if (added.length > 0) {
          this.slots = [...this.slots, ...added];
          this.lastAddedId = added.at(-1)!.id;
        }
      }
    });
    const imported = rows.filter((r) => r.outcome === 'imported').length;
    const failed = rows.filter((r) => r.outcome === 'failed').length;
    const n = formatNumber; // "1,234" as on the report, in the active language
    this.#announcer.announce('import.done', {
      imported: n(imported),
      skipped: n(rows.length - imported - failed),
      failed: n(failed),
    });
    if (imported > 0) this.keepStorage();
    return rows;
  }

  /**
   * Settings → restore: add the backup's slots and delete the ones the person chose to replace,
   * in one transaction (vault.restoreSlots); the list follows only once it is stored.
   */
  async restoreSlots(add: readonly BackupSlot[], remove: readonly string[]): Promise<void> {
    const added = await this.serial(async (vault) => {
      const stored = await vault.restoreSlots(add, remove);
      const gone = new Set(remove);
      this.slots = [...this.slots.filter((s) => !gone.has(s.id)), ...stored].sort(byAge);
      if (gone.size > 0) this.hotp = new Map([...this.hotp].filter(([id]) => !gone.has(id)));
      return stored;
    });
    if (added.length > 0) this.keepStorage();
  }

  /** Edit dialog: name, provider and account (LABEL_EMPTY / NAME_TOO_LONG from the format's checks). */
  async edit(id: string, fields: { name: string; issuer: string; account: string }): Promise<void> {
    // The same name normaliser as every way in (core/names.ts).
    await this.change(id, {
      name: normaliseName(fields.name),
      issuer: normaliseName(fields.issuer),
      account: normaliseName(fields.account),
    });
    this.#announcer.announce('edit.done');
  }

  /** Delete moves to the trash: no codes, not in the list, back with Restore for 30 days. */
  async remove(id: string): Promise<void> {
    await this.change(id, { deletedAt: this.now() });
    slotGone(id);
    const hotp = new Map(this.hotp);
    hotp.delete(id);
    this.hotp = hotp;
    this.#announcer.announce('delete.done');
  }

  async restore(id: string): Promise<void> {
    await this.change(id, { deletedAt: 0 });
    this.#announcer.announce('trash.restored');
  }

  /** Trash → "Delete forever" for one slot. */
  async deleteForever(id: string): Promise<void> {
    await this.serial(async (vault) => {
      await vault.deleteSlot(id);
      this.slots = this.slots.filter((s) => s.id !== id);
    });
    this.#announcer.announce('trash.deleted');
  }

  /** Trash → "Empty trash" (after the confirmation): every trashed slot, in one transaction. */
  async emptyTrash(): Promise<void> {
    await this.serial(async (vault) => {
      const ids = this.slots.filter((s) => s.deletedAt > 0).map((s) => s.id);
      await vault.deleteSlots(ids);
      this.slots = this.slots.filter((s) => !ids.includes(s.id));
    });
    this.#announcer.announce('trash.emptied');
  }

  async toggleFavourite(id: string): Promise<void> {
    const { favourite } = await this.change(id, (slot) => ({ favourite: !slot.favourite }));
    this.#announcer.announce(favourite ? 'slot.favourited' : 'slot.unfavourited', { name: slotTitle(this.find(id)) });
  }

  /** A code was copied or generated: "recent use" order. Best effort: a failure changes nothing else. */
  async markUsed(id: string): Promise<void> {
    try {
      await this.change(id, { lastUsedAt: this.now() });
    } catch {
      // the code was still copied; only the order misses this use
    }
  }

  /**
   * Move a slot to `to` within `group` (the favourites or the others, as shown in manual order).
   * Usually one record is written; when the order needs new keys (slots from before ordering
   * existed, or keys grown too long) every slot is re-encrypted first and written in one
   * transaction.
   */
  async move(id: string, to: number, group: readonly Slot[]): Promise<void> {
    const { moveTo } = await import('../../core/organise'); // already loaded by the list
    const result = moveTo(this.slots, group, id, to);
    if (!result) return;
    if (result.kind === 'one') {
      await this.change(id, { position: result.position });
    } else {
      const { positions } = result;
      await this.serial(async (vault) => {
        const ids = this.slots
          .filter((s) => positions.has(s.id) && positions.get(s.id) !== s.position)
          .map((s) => s.id);
        this.apply(
          await vault.changeSlots(ids, (stored) => ({
            ...stored,
            position: positions.get(stored.id) ?? stored.position,
          })),
        );
      });
    }
    const moved = group.filter((s) => s.id !== id);
    moved.splice(Math.max(0, Math.min(group.length - 1, to)), 0, this.find(id));
    this.#announcer.announce('reorder.moved', {
      name: slotTitle(this.find(id)),
      position: moved.findIndex((s) => s.id === id) + 1,
      count: group.length,
    });
  }

  /**
   * HOTP (RFC 4226 § 7.2): the stored counter is the next one to use. It is advanced and saved
   * *before* the code is shown, so a crash can skip a code but never show the same code twice.
   * The counter used is the larger of the stored one (another tab may have moved it on) and this
   * tab's; the stored one becomes that plus one, in the same compare-and-swap, so it never goes back.
   */
  async generateHotp(id: string): Promise<void> {
    const used = await this.serial(async (vault) => {
      const here = this.find(id).counter;
      const now = this.now();
      const [next] = await vault.changeSlots([id], (stored) => ({
        ...stored,
        counter: Math.max(stored.counter, here) + 1,
        lastUsedAt: now,
      }));
      this.apply([next!]);
      return { ...next!, counter: next!.counter - 1 };
    });
    // The list already loaded the OTP engine; this import only shares it.
    const { codeAt } = await import('../../core/otp');
    const { code } = codeAt(used, 0);
    this.hotp = new Map(this.hotp).set(id, { code, counter: used.counter });
  }

  /**
   * Details → "Show secret" (after the PIN again, session.verifyPin): the secret in base32.
   * PIA_MANAGED for a slot a privacyIDEA container manages: it belongs to the server.
   */
  async secretOf(id: string): Promise<string> {
    const slot = this.#exportable(id);
    const { encodeBase32 } = await import('../../core/base32');
    return encodeBase32(slot.secret);
  }

  /** "Show as QR code" (after the PIN again): the slot's otpauth:// URI. PIA_MANAGED as secretOf. */
  async uriOf(id: string): Promise<string> {
    const slot = this.#exportable(id);
    const { toOtpauthUri } = await import('../../core/otpauth-uri');
    return toOtpauthUri(slot);
  }

  /** A slot whose secret may leave the vault: not one its privacyIDEA server manages. */
  #exportable(id: string): Slot {
    const slot = this.find(id);
    if (slot.managed) throw new KeyslotError('PIA_MANAGED');
    return slot;
  }

  /**
   * privacyIDEA (state/pia.svelte.ts): the vault as platform/privacyidea.ts needs it, with its
   * writes in this queue (each a compare-and-swap, vault.storeContainerChanges) and the list
   * following each one. Reads and the server's round trips stay outside the queue, so a slow
   * server never holds up a code. VAULT_LOCKED when locked.
   */
  containerVault(): ContainerVault {
    const vault = this.openVault();
    return {
      listSlots: () => vault.listSlots(),
      storeContainerChanges: (key, plan, createdAt) =>
        this.serial(async (v) => {
          const out = await v.storeContainerChanges(key, plan, createdAt);
          this.apply(out.changed);
          this.slots = [...this.slots, ...out.added];
          if (out.added.length > 0) this.keepStorage();
          return out;
        }),
      deleteContainerSlots: (ids, keyId) =>
        this.serial(async (v) => {
          await v.deleteContainerSlots(ids, keyId);
          for (const id of ids) slotGone(id);
          this.slots = this.slots.filter((s) => !ids.includes(s.id));
          this.hotp = new Map([...this.hotp].filter(([id]) => !ids.includes(id)));
        }),
    };
  }

  /**
   * Several slots changed from what is stored now, all in one compare-and-swap transaction
   * (groups: add, rename, delete; a note; an icon). Nothing to change: nothing written.
   */
  async update(ids: readonly string[], change: (stored: Slot) => Slot): Promise<void> {
    if (ids.length === 0) return;
    await this.serial(async (vault) => this.apply(await vault.changeSlots(ids, change)));
  }
}
