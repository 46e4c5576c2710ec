import { describe, expect, it } from 'vitest';
import { SLOT_META_DEFAULTS, type Slot, type SlotDraft } from '../../src/core/slot';
import { addChoices, matchExisting, nameKey } from '../../src/core/slot-match';

const bytes = (fill: number, length = 20) => new Uint8Array(length).fill(fill);

const draft = (over: Partial<SlotDraft> = {}): SlotDraft => ({
  kind: 'totp',
  issuer: 'PassLogic',
  account: 'alice',
  secret: bytes(1),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

let n = 0;
const slot = (over: Partial<Slot> = {}): Slot => ({
  ...draft(),
  ...SLOT_META_DEFAULTS,
  id: `id${n++}`,
  name: '',
  createdAt: 1_700_000_000_000 + n,
  ...over,
});

describe('matchExisting', () => {
  it('calls a draft new when no slot shares its secret or its names', () => {
    expect(matchExisting(draft(), [])).toEqual({ kind: 'new' });
    expect(
      matchExisting(draft(), [slot({ secret: bytes(2), issuer: 'Other' }), slot({ secret: bytes(3), account: 'bob' })]),
    ).toEqual({ kind: 'new' });
  });

  it('calls the same secret and kind a duplicate, whatever the names, algorithm or digits', () => {
    const old = slot({ issuer: 'Renamed', account: 'someone', name: 'My VPN', algorithm: 'SHA256', digits: 8 });
    expect(matchExisting(draft(), [slot({ secret: bytes(9) }), old])).toEqual({ kind: 'duplicate', slot: old });
  });

  it('compares secrets byte by byte, not by length or prefix', () => {
    const secret = bytes(1);
    const longer = Uint8Array.from([...secret, 1]);
    const changedLast = Uint8Array.from(secret);
    changedLast[19] = 2;
    const others = [
      slot({ secret: longer, issuer: 'x' }),
      slot({ secret: changedLast, issuer: 'y' }),
      slot({ secret: secret.subarray(0, 19), issuer: 'z' }),
    ];
    expect(matchExisting(draft({ secret }), others)).toEqual({ kind: 'new' });
  });

  it('prefers a duplicate over a reissue when both exist', () => {
    const reissued = slot({ secret: bytes(5) });
    const same = slot({ issuer: 'Elsewhere' });
    expect(matchExisting(draft(), [reissued, same])).toEqual({ kind: 'duplicate', slot: same });
  });

  it('calls the same issuer and account with a different secret a reissue', () => {
    const old = slot({ secret: bytes(7) });
    expect(matchExisting(draft(), [slot({ secret: bytes(8), account: 'bob' }), old])).toEqual({
      kind: 'reissue',
      slot: old,
    });
  });

  it('compares names after trimming, NFC normalisation and lower-casing', () => {
    const old = slot({ secret: bytes(7), issuer: '  ÉCOLE Lab ', account: 'ALICE@Example.org' });
    // "é" written as "e" + combining acute accent.
    expect(matchExisting(draft({ issuer: 'e\u0301cole lab', account: 'alice@example.org ' }), [old])).toEqual({
      kind: 'reissue',
      slot: old,
    });
    expect(nameKey(' E\u0301COLE ')).toBe('école');
  });

  it('ignores the user’s own slot name', () => {
    const old = slot({ secret: bytes(7), name: 'PassLogic', issuer: 'KEK', account: 'alice' });
    expect(matchExisting(draft(), [old])).toEqual({ kind: 'new' });
  });

  it('does not call a different issuer or account a reissue', () => {
    expect(
      matchExisting(draft(), [
        slot({ secret: bytes(7), issuer: 'PassLogic2' }),
        slot({ secret: bytes(8), account: 'alice2' }),
      ]),
    ).toEqual({ kind: 'new' });
  });

  it('matches an empty issuer only with an empty issuer', () => {
    const noIssuer = slot({ secret: bytes(7), issuer: '' });
    expect(matchExisting(draft({ issuer: '' }), [noIssuer])).toEqual({ kind: 'reissue', slot: noIssuer });
    expect(matchExisting(draft(), [noIssuer])).toEqual({ kind: 'new' });
  });

  it('calls the same secret as another kind a reissue when the names match, and new otherwise', () => {
    const hotp = slot({ kind: 'hotp', counter: 3 });
    expect(matchExisting(draft(), [hotp])).toEqual({ kind: 'reissue', slot: hotp });
    expect(matchExisting(draft({ account: 'bob' }), [hotp])).toEqual({ kind: 'new' });
  });

  it('returns the first matching slot in list order', () => {
    const [a, b] = [slot({ secret: bytes(7) }), slot({ secret: bytes(8) })];
    expect(matchExisting(draft(), [a, b])).toEqual({ kind: 'reissue', slot: a });
    const [c, d] = [slot(), slot()];
    expect(matchExisting(draft(), [c, d])).toEqual({ kind: 'duplicate', slot: c });
  });
});

describe('addChoices', () => {
  it('offers one add for a new slot, whatever its source', () => {
    expect(addChoices('new', 'person')).toEqual(['add']);
    expect(addChoices('new', 'share')).toEqual(['add']);
  });

  it('offers to replace a reissued slot in one tap only for what the person brought', () => {
    expect(addChoices('reissue', 'person')).toEqual(['replace', 'keep']);
  });

  it('never offers a one-tap replace for a shared slot: keep both first, replace only after a confirmation', () => {
    const choices = addChoices('reissue', 'share');
    expect(choices).not.toContain('replace');
    expect(choices).toEqual(['keep', 'replace-after-confirm']);
  });
});
