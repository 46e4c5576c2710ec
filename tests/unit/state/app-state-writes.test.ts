// Every slot write goes through one serialised queue: Generate and Copy (and favourite, rename,
// delete) pressed together must leave the stored record as if they ran one after another.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SlotDraft } from '../../../src/core/slot';
import { ARGON2_FLOOR } from '../../../src/core/vault-format';
import { createVault, unlockVault } from '../../../src/platform/vault';
import { AppState } from '../../../src/ui/app-state.svelte.ts';
import { useFreshIndexedDb } from '../fixtures/fresh-db';

const PIN = '731946';

const hotpDraft: SlotDraft = {
  kind: 'hotp',
  issuer: 'Lab VPN',
  account: 'alice',
  secret: Uint8Array.from(Buffer.from('12345678901234567890')),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 5,
};

useFreshIndexedDb();

async function unlockedApp(): Promise<{ app: AppState; id: string }> {
  const vault = await createVault(PIN, { kdf: ARGON2_FLOOR });
  const { id } = await vault.addSlot(hotpDraft, '');
  vault.lock();
  const app = new AppState();
  await app.unlock(PIN);
  return { app, id };
}

async function stored(id: string) {
  const vault = await unlockVault(PIN);
  const slot = (await vault.listSlots()).find((s) => s.id === id);
  vault.lock();
  return slot;
}

describe('slot writes pressed together', () => {
  it('advances the HOTP counter once per Generate even when Copy runs at the same time', async () => {
    const { app, id } = await unlockedApp();
    await Promise.all([app.generateHotp(id), app.markUsed(id)]);
    expect(app.hotp.get(id)?.counter).toBe(5);
    expect((await stored(id))?.counter).toBe(6);
    await Promise.all([app.markUsed(id), app.generateHotp(id), app.markUsed(id)]);
    expect(app.hotp.get(id)?.counter).toBe(6);
    expect((await stored(id))?.counter).toBe(7);
    expect(app.slots.find((s) => s.id === id)?.counter).toBe(7);
  });

  it('keeps every change when Generate, Copy, favourite and rename run together', async () => {
    const { app, id } = await unlockedApp();
    await Promise.all([
      app.generateHotp(id),
      app.markUsed(id),
      app.toggleFavourite(id),
      app.edit(id, { name: 'VPN', issuer: 'Lab VPN', account: 'alice' }),
      app.generateHotp(id),
    ]);
    const slot = await stored(id);
    expect(slot?.counter).toBe(7);
    expect(slot?.favourite).toBe(true);
    expect(slot?.name).toBe('VPN');
    expect(app.hotp.get(id)?.counter).toBe(6);
  });

  it('moves the slot to the trash without losing the counter a Generate just used', async () => {
    const { app, id } = await unlockedApp();
    await Promise.all([app.generateHotp(id), app.remove(id)]);
    const slot = await stored(id);
    expect(slot?.counter).toBe(6);
    expect(slot?.deletedAt).toBeGreaterThan(0);
  });
});
