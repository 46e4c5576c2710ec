/**
 * How a new draft relates to the slots already in Keyslot, before anything is saved:
 *
 *  - `duplicate`: a slot has the same secret bytes and the same kind (totp/hotp). It
 *    makes the same codes, so nothing is added, whatever the names, algorithm or
 *    digits say (the first such slot is returned).
 *  - `reissue`: no duplicate, but a slot has the same issuer AND the same account: the
 *    provider has reissued the credential ("reactivation"), usually with a new secret.
 *    The user chooses "Replace the old slot" or "Keep both"; never silently. Names are
 *    compared by names.ts nameKey (normalised, NFKC, lower-cased, invisible characters and
 *    runs of spaces folded), so "ACME ", "acme", "ＡＣＭＥ" and "ac\u200Dme" are the same name. The
 *    user's own slot name (rename) plays no part. The first such slot is returned.
 *  - `new`: anything else.
 *
 * Slots are compared in list order; secrets are compared byte by byte and never turned
 * into text.
 */
import { nameKey } from './names';
import type { Slot, SlotDraft } from './slot';

export type SlotMatch = { kind: 'new' } | { kind: 'duplicate'; slot: Slot } | { kind: 'reissue'; slot: Slot };

/** The form in which issuer and account names are compared (names.ts: look-alikes fold together). */
export { nameKey };

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function matchExisting(draft: SlotDraft, slots: readonly Slot[]): SlotMatch {
  return new SlotIndex(slots).match(draft);
}

/**
 * The same rules as matchExisting over many drafts (an import, a restore): each slot is read
 * once, into a table by kind and a hash of the secret bytes (a bucket is then compared byte by
 * byte, so no secret becomes text) and, only when a reissue is asked about, by name key. So
 * n drafts against m slots cost O(n + m), not O(n × m) comparisons and name normalisations.
 * `add` makes a slot count for the drafts that follow (earlier entries of the same file).
 */
export class SlotIndex {
  readonly #bySecret = new Map<string, Slot[]>();
  #byName: Map<string, Slot> | null = null;
  readonly #slots: Slot[] = [];

  constructor(slots: readonly Slot[] = []) {
    for (const s of slots) this.add(s);
  }

  add(slot: Slot): void {
    this.#slots.push(slot);
    const key = secretBucket(slot.kind, slot.secret);
    const bucket = this.#bySecret.get(key);
    if (bucket) bucket.push(slot);
    else this.#bySecret.set(key, [slot]);
    if (this.#byName) addName(this.#byName, slot);
  }

  /** The first slot (in the order added) with the draft's kind and secret bytes. */
  duplicateOf(draft: SlotDraft): Slot | undefined {
    return this.#bySecret
      .get(secretBucket(draft.kind, draft.secret))
      ?.find((s) => s.kind === draft.kind && sameBytes(s.secret, draft.secret));
  }

  match(draft: SlotDraft): SlotMatch {
    const duplicate = this.duplicateOf(draft);
    if (duplicate) return { kind: 'duplicate', slot: duplicate };
    if (!this.#byName) {
      this.#byName = new Map();
      for (const s of this.#slots) addName(this.#byName, s);
    }
    const reissued = this.#byName.get(namesKey(draft.issuer, draft.account));
    return reissued ? { kind: 'reissue', slot: reissued } : { kind: 'new' };
  }
}

function namesKey(issuer: string, account: string): string {
  return JSON.stringify([nameKey(issuer), nameKey(account)]); // unambiguous, whatever the names hold
}

function addName(byName: Map<string, Slot>, slot: Slot): void {
  const key = namesKey(slot.issuer, slot.account);
  if (!byName.has(key)) byName.set(key, slot); // the first such slot wins, as in list order
}

/** Kind, length and a 32-bit FNV-1a hash of the secret: a bucket label, not the secret. */
function secretBucket(kind: string, secret: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of secret) h = Math.imul(h ^ b, 0x01000193);
  return `${kind}:${secret.length}:${h >>> 0}`;
}

/**
 * Where a draft came from. A share (the manifest's share_target: POST /share-target) can be sent
 * by any app or website, so it is untrusted: Keyslot says so, and never offers to replace an
 * existing slot with it in one tap (docs/threat-model.md, "Share target").
 */
export type DraftSource = 'person' | 'share';

/** The buttons of the confirm screen: one "add", or the reissue choices in the order shown. */
export type AddChoice = 'add' | 'replace' | 'keep' | 'replace-after-confirm';

export function addChoices(match: SlotMatch['kind'], source: DraftSource): AddChoice[] {
  if (match !== 'reissue') return ['add'];
  return source === 'share' ? ['keep', 'replace-after-confirm'] : ['replace', 'keep'];
}
