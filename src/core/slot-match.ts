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
  const duplicate = slots.find((s) => s.kind === draft.kind && sameBytes(s.secret, draft.secret));
  if (duplicate) return { kind: 'duplicate', slot: duplicate };
  const issuer = nameKey(draft.issuer);
  const account = nameKey(draft.account);
  const reissued = slots.find((s) => nameKey(s.issuer) === issuer && nameKey(s.account) === account);
  return reissued ? { kind: 'reissue', slot: reissued } : { kind: 'new' };
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
