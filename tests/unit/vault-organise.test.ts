// The vault's side of organising (record version 2): positions for new slots, several slots
// rewritten or deleted in one transaction, and the PIN checked again to show a secret.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { compareManual } from '../../src/core/organise';
import { ARGON2_FLOOR, RECORD_VERSION, type StoredRecord } from '../../src/core/vault';
import { readGuard } from '../../src/core/attempt-guard';
import * as storage from '../../src/platform/storage';
import { createVault, unlockVault } from '../../src/platform/vault';
import { useFreshIndexedDb } from './fixtures/fresh-db';
import { expectCode } from './fixtures/errors';
import { draft, textBytes } from './fixtures/slots';

/** A draft of Acme's with a secret of its own per account. */
const acme = (account: string) => draft({ issuer: 'Acme', account, secret: textBytes(`secret-of-${account}-0000`) });

const PIN = '731946';
const NOW = 1_600_000_000_000;
const KDF = ARGON2_FLOOR;

const records = async () => (await storage.readRecords()) as StoredRecord[];

useFreshIndexedDb();

describe('organising in the vault', () => {
  it('places each new slot after the last one, also after a reload', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const a = await vault.addSlot(acme('a'), '', NOW);
    const b = await vault.addSlot(acme('b'), '', NOW + 1);
    expect(a.position < b.position).toBe(true);
    vault.lock();
    const again = await unlockVault(PIN, NOW);
    await again.listSlots(); // learns the largest key
    const c = await again.addSlot(acme('c'), '', NOW - 5); // an older clock must not put it first
    expect((await again.listSlots()).sort(compareManual).map((s) => s.account)).toEqual(['a', 'b', 'c']);
    expect(c.favourite).toBe(false);
    expect(c.deletedAt).toBe(0);
    expect((await records()).every((r) => r.v === RECORD_VERSION)).toBe(true);
  });

  it('rewrites several slots in one transaction, and none when one of them is gone', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const a = await vault.addSlot(acme('a'), '', NOW);
    const b = await vault.addSlot(acme('b'), '', NOW);
    await vault.updateSlots([
      { ...a, position: 'k' },
      { ...b, position: 'F' },
    ]);
    expect((await vault.listSlots()).sort(compareManual).map((s) => s.account)).toEqual(['b', 'a']);

    const before = JSON.stringify(await records());
    await vault.deleteSlot(b.id); // as another tab would
    const after = JSON.stringify(await records());
    await expectCode(
      vault.updateSlots([
        { ...a, position: '1' },
        { ...b, position: '2' },
      ]),
      'SLOT_NOT_FOUND',
    );
    expect(JSON.stringify(await records())).toBe(after);
    expect(after).not.toBe(before);
  });

  it('deletes several slots at once (empty trash), ignoring ones already gone', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const a = await vault.addSlot(acme('a'), '', NOW);
    const b = await vault.addSlot(acme('b'), '', NOW);
    const c = await vault.addSlot(acme('c'), '', NOW);
    await vault.deleteSlots([a.id, b.id, 'f'.repeat(32)]);
    expect((await vault.listSlots()).map((s) => s.id)).toEqual([c.id]);
    await vault.deleteSlots([]);
    vault.lock();
    await expectCode(vault.deleteSlots([c.id]), 'VAULT_LOCKED');
  });

  it('keeps organise state encrypted: nothing of it is readable in storage', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    const a = await vault.addSlot(acme('findme'), 'Work VPN', NOW);
    await vault.updateSlot({ ...a, favourite: true, deletedAt: NOW + 1, lastUsedAt: NOW + 2 });
    const text = JSON.stringify(await records());
    for (const word of ['favourite', 'deletedAt', 'lastUsedAt', 'position', 'findme', 'Work VPN', String(NOW + 1)]) {
      expect(text).not.toContain(word);
    }
  });

  it('checks the PIN again as a counted attempt: a right PIN resets the count, a wrong one counts', async () => {
    const vault = await createVault(PIN, { kdf: KDF, now: NOW });
    await expectCode(vault.verifyPin('000000', NOW), 'PIN_WRONG');
    expect(readGuard(await storage.readGuard()).failures).toBe(1);
    await vault.verifyPin(PIN, NOW);
    expect(readGuard(await storage.readGuard()).failures).toBe(0);
    for (let i = 0; i < 5; i++) await expectCode(vault.verifyPin('000000', NOW), 'PIN_WRONG');
    await expectCode(vault.verifyPin(PIN, NOW), 'PIN_WAIT');
    vault.lock();
    await expectCode(vault.verifyPin(PIN, NOW + 3_600_000), 'VAULT_LOCKED');
  });
});
