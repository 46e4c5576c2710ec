/**
 * Settings → Backups → "Export to Google Authenticator" (issue 15; docs/backup.md, "Google
 * Authenticator QR codes"): choose slots (all by default), type the PIN again (a counted
 * attempt, as for a slot's QR code), then the `otpauth-migration` QR codes one at a time
 * ("1 of 3"), written by core/migration-writer.ts.
 *
 * What may leave is what a slot's own QR code may show: not a slot in the trash, not one a
 * privacyIDEA server manages (its QR code is refused with PIA_MANAGED; the server gives it to
 * one device). Slots the format cannot carry (Steam, a period other than 30 s, 7 digits) are
 * listed with the reason and cannot be chosen; one too large for a QR code is named afterwards.
 * Slots are listed, and exported, in the list's order (favourites first, then the sort order
 * the person chose), so the other app receives them as they were seen here.
 * The QR texts never leave this object's drawings: not kept as text, not logged, not in an
 * error; `close()` (and the dialog going, on lock or leaving) drops the drawings.
 */
import { slotTitle, type Slot } from '../../core/slot';
import { arrange, type SortOrder } from '../../core/organise';
import { migrationUnsupported, writeMigrationUris, type MigrationSkipReason } from '../../core/migration-writer';
import { randomBytes } from '../../platform/webcrypto';
import type { QrDrawing } from './qr-code';
import type { Session } from './session.svelte.ts';
import type { SlotsState } from './slots.svelte.ts';

export interface ExportCandidate {
  slot: Slot;
  /** Why Google's format cannot carry this slot, or null. */
  reason: MigrationSkipReason | null;
}

export class GoogleExport {
  /** Every slot that may leave the vault, in the list's displayed order, each with why it cannot go (or null). */
  readonly candidates: ExportCandidate[] = $derived.by(() =>
    arrange(this.#slots.backupSlots, { order: this.#order() }).map((slot) => ({
      slot,
      reason: migrationUnsupported(slot),
    })),
  );
  /** How many slots a privacyIDEA server manages: never exported, and said so. */
  readonly managed: number = $derived.by(() => this.#slots.activeSlots.filter((s) => s.managed).length);
  /** The slots that can go and were not unticked. */
  readonly chosen: Slot[] = $derived.by(() =>
    this.candidates.filter((c) => c.reason === null && !this.#left.has(c.slot.id)).map((c) => c.slot),
  );
  /** The QR codes, in batch order (empty until the PIN was right). */
  pages = $state.raw<QrDrawing[]>([]);
  /** The QR code on screen (0-based). */
  page = $state(0);
  /** Chosen slots that went into no QR code (too large for one), by name. */
  left = $state.raw<{ name: string; reason: MigrationSkipReason }[]>([]);

  /** Ids the person unticked: everything is chosen by default, and a slot added meanwhile too. */
  #left = $state.raw<ReadonlySet<string>>(new Set());
  readonly #slots: SlotsState;
  readonly #session: Session;
  readonly #draw: (text: string) => Promise<QrDrawing>;
  /** The list's sort order now (read reactively: the preference may change while open). */
  readonly #order: () => SortOrder;

  constructor(
    slots: SlotsState,
    session: Session,
    draw: (text: string) => Promise<QrDrawing>,
    order: () => SortOrder = () => 'manual',
  ) {
    this.#slots = slots;
    this.#session = session;
    this.#draw = draw;
    this.#order = order;
  }

  isChosen(id: string): boolean {
    return this.chosen.some((s) => s.id === id);
  }

  /** Tick or untick one slot. */
  choose(id: string, on: boolean): void {
    const left = new Set(this.#left);
    if (on) left.delete(id);
    else left.add(id);
    this.#left = left;
  }

  /** Tick every slot that can go (`true`), or none. */
  chooseAll(on: boolean): void {
    this.#left = on ? new Set() : new Set(this.candidates.map((c) => c.slot.id));
  }

  /**
   * The PIN again (a counted attempt; errors as session.verifyPin's), then the chosen slots as
   * QR codes. MIGRATION_TOO_LARGE (field 'slots') when they need more codes than a reader takes.
   */
  async show(pin: string): Promise<void> {
    const slots = this.chosen;
    if (slots.length === 0) return;
    if (!(await this.#session.verifyPin(pin))) return;
    // batch_id: one random int32 shared by this export's codes (core takes randomness as an argument).
    const batchId = new DataView(randomBytes(4).buffer).getInt32(0);
    const { uris, skipped } = writeMigrationUris(slots, { batchId });
    const pages = await Promise.all(uris.map((uri) => this.#draw(uri)));
    this.left = skipped.map(({ index, reason }) => ({ name: slotTitle(slots[index]!), reason }));
    this.page = 0;
    this.pages = pages;
  }

  next(): void {
    this.page = Math.min(this.page + 1, this.pages.length - 1);
  }

  previous(): void {
    this.page = Math.max(this.page - 1, 0);
  }

  /** Done: the QR codes are dropped (the choice stays for another export). */
  close(): void {
    this.pages = [];
    this.page = 0;
    this.left = [];
  }
}
