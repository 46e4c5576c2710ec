// Every slot write goes through one serialised queue: Generate and Copy (and favourite, rename,
// delete) pressed together must leave the stored record as if they ran one after another.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SlotDraft } from '../../../src/core/slot';
import { ARGON2_FLOOR } from '../../../src/core/vault';
import { createVault, unlockVault } from '../../../src/platform/vault';
import { createAppState, type AppState } from '../../../src/ui/state/context';
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
  const app = createAppState();
  await app.session.unlock(PIN);
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
    await Promise.all([app.slots.generateHotp(id), app.slots.markUsed(id)]);
    expect(app.slots.hotp.get(id)?.counter).toBe(5);
    expect((await stored(id))?.counter).toBe(6);
    await Promise.all([app.slots.markUsed(id), app.slots.generateHotp(id), app.slots.markUsed(id)]);
    expect(app.slots.hotp.get(id)?.counter).toBe(6);
    expect((await stored(id))?.counter).toBe(7);
    expect(app.slots.slots.find((s) => s.id === id)?.counter).toBe(7);
  });

  it('keeps every change when Generate, Copy, favourite and rename run together', async () => {
    const { app, id } = await unlockedApp();
    await Promise.all([
      app.slots.generateHotp(id),
      app.slots.markUsed(id),
      app.slots.toggleFavourite(id),
      app.slots.edit(id, { name: 'VPN', issuer: 'Lab VPN', account: 'alice' }),
      app.slots.generateHotp(id),
    ]);
    const slot = await stored(id);
    expect(slot?.counter).toBe(7);
    expect(slot?.favourite).toBe(true);
    expect(slot?.name).toBe('VPN');
    expect(app.slots.hotp.get(id)?.counter).toBe(6);
  });

  it('moves the slot to the trash without losing the counter a Generate just used', async () => {
    const { app, id } = await unlockedApp();
    await Promise.all([app.slots.generateHotp(id), app.slots.remove(id)]);
    const slot = await stored(id);
    expect(slot?.counter).toBe(6);
    expect(slot?.deletedAt).toBeGreaterThan(0);
  });
});

describe('slot writes from two tabs', () => {
  it('never lowers a counter another tab advanced, and shows the next code instead of one already shown', async () => {
    const a = await unlockedApp();
    const b = createAppState();
    await b.session.unlock(PIN);
    await a.app.slots.generateHotp(a.id); // tab A shows counter 5, stores 6
    await a.app.slots.generateHotp(a.id); // tab A shows counter 6, stores 7
    await b.slots.generateHotp(a.id); // tab B still holds counter 5 in memory
    expect(b.slots.hotp.get(a.id)?.counter).toBe(7);
    expect((await stored(a.id))?.counter).toBe(8);
  });

  it('keeps a favourite set in another tab when this tab renames the slot', async () => {
    const a = await unlockedApp();
    const b = createAppState();
    await b.session.unlock(PIN);
    await a.app.slots.toggleFavourite(a.id);
    await b.slots.edit(a.id, { name: 'VPN', issuer: 'Lab VPN', account: 'alice' });
    const slot = await stored(a.id);
    expect(slot?.favourite).toBe(true);
    expect(slot?.name).toBe('VPN');
  });

  it('refuses a secret another tab has just added', async () => {
    const a = await unlockedApp();
    const b = createAppState();
    await b.session.unlock(PIN);
    const totp: SlotDraft = {
      ...hotpDraft,
      kind: 'totp',
      counter: 0,
      secret: Uint8Array.from(Buffer.from('a fresh secret 00000')),
    };
    await a.app.slots.addSlot(totp, '');
    await expect(b.slots.addSlot(totp, '')).rejects.toMatchObject({ code: 'SLOT_DUPLICATE' });
    const vault = await unlockVault(PIN);
    expect((await vault.listSlots()).length).toBe(2);
  });
});
