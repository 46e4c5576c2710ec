/**
 * Look-alike names (issue 14): "PаyPal" with a Cyrillic "а" (U+0430) reads as "PayPal" but is
 * another name. A careful authenticator must not FOLD such names together: the "reissued" check
 * would then offer to replace the real PayPal slot with a hostile link's. It must not hide them
 * either. So Keyslot keeps them apart and flags them on the confirm screen (docs/threat-model.md,
 * "Names"):
 *
 *  - `lookAlikeOf`: an existing slot whose provider and account look the same once letters are
 *    reduced to a skeleton, but are not the same (`nameKey` differs): "looks like PayPal".
 *  - `mixesScripts`: a name that mixes Latin letters with Cyrillic or Greek ones in one word,
 *    which no real name needs (UTS #39 §5.1, mixed-script detection, restricted to these three).
 *
 * The skeleton is a small subset of Unicode's confusables.txt (UTS #39 §4): the Cyrillic and
 * Greek letters that are drawn like a Latin letter in common fonts, after `nameKey` (NFKC, lower
 * case). Pure; one character class per regex, linear in the input.
 */
import { nameKey } from './names';
import type { Slot, SlotDraft } from './slot';

/**
 * Cyrillic and Greek letters (lower case, as nameKey leaves them) and, at the same index, the
 * Latin letter each is drawn like.
 */
const LOOK_FROM = 'авеёһніїјкморсԁѕтухԛԝүӏ' + 'αβεηικμνορτυχγζ';
const LOOK_TO = 'abeëhhiïjkmopcdstyxqwyl' + 'abenikuvoptuxyz';
const LATIN_LOOK = new Map([...LOOK_FROM].map((c, i) => [c, [...LOOK_TO][i]!]));

/** The form in which two names LOOK the same: nameKey, then look-alike letters as Latin ones. */
export function skeleton(name: string): string {
  let out = '';
  for (const c of nameKey(name)) out += LATIN_LOOK.get(c) ?? c;
  return out;
}

const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const WORDS = /[\p{L}\p{M}]+/gu;

/** True when one word of the name mixes Latin letters with Cyrillic or Greek ones ("PаyPal"). */
export function mixesScripts(name: string): boolean {
  for (const [word] of nameKey(name).matchAll(WORDS)) {
    if (LATIN.test(word) && CYRILLIC_OR_GREEK.test(word)) return true;
  }
  return false;
}

/**
 * The first of `slots` whose provider and account look like the draft's but are other names
 * (skeletons equal, nameKeys not), or null. A slot with the very same names is the reissue
 * check's business (slot-match.ts), not this one's.
 */
export function lookAlikeOf(draft: Pick<SlotDraft, 'issuer' | 'account'>, slots: readonly Slot[]): Slot | null {
  const issuer = skeleton(draft.issuer);
  const account = skeleton(draft.account);
  const same = `${nameKey(draft.issuer)}\u0000${nameKey(draft.account)}`;
  return (
    slots.find(
      (s) =>
        skeleton(s.issuer) === issuer &&
        skeleton(s.account) === account &&
        `${nameKey(s.issuer)}\u0000${nameKey(s.account)}` !== same,
    ) ?? null
  );
}

/** Whether the confirm screen should warn about this draft's names, and about which slot. */
export function nameWarning(
  draft: Pick<SlotDraft, 'issuer' | 'account'>,
  slots: readonly Slot[],
): { kind: 'looks-like'; slot: Slot } | { kind: 'mixed-scripts' } | null {
  const slot = lookAlikeOf(draft, slots);
  if (slot) return { kind: 'looks-like', slot };
  return mixesScripts(draft.issuer) || mixesScripts(draft.account) ? { kind: 'mixed-scripts' } : null;
}
