// Unlocking with a first-screen hint (slot-store.svelte.ts, docs/vault.md "First-screen hint"):
// the first screen's slots show before the rest is read, the whole list then replaces them, and
// nothing that needs every slot (writes, duplicate checks, backups) ever sees only part of them.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ARGON2_FLOOR, type StoredFirstScreen, type StoredRecord } from '../../../src/core/vault';
import { createVault, unlockVault } from '../../../src/platform/vault';
import * as storage from '../../../src/platform/storage';
import { createAppState, type AppState } from '../../../src/ui/state/context';
import { HINT_DELAY_MS } from '../../../src/ui/state/slot-store.svelte.ts';
import { FIRST_SCREEN } from '../../../src/ui/state/render-limit.svelte.ts';
import { FIRST_SCREEN_MAX_IDS } from '../../../src/core/vault';
import { useFreshIndexedDb } from '../fixtures/fresh-db';
import { nthDraft } from '../fixtures/slots';

const PIN = '731946';
const COUNT = FIRST_SCREEN_MAX_IDS + 5; // a vault with fewer is read whole at once
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

useFreshIndexedDb();

/** A vault of COUNT slots, unlocked once so its hint is written, then locked again. */
async function vaultWithHint(): Promise<string[]> {
  const vault = await createVault(PIN, { kdf: ARGON2_FLOOR });
  const ids: string[] = [];
  for (let i = 0; i < COUNT; i++) ids.push((await vault.addSlot(nthDraft(i), '', 1_700_000_000_000 + i)).id);
  vault.lock();
  const app = createAppState();
  await app.session.unlock(PIN);
  await sleep(HINT_DELAY_MS + 200);
  expect(await storage.readFirstScreen()).toBeDefined();
  app.session.lock();
  return ids;
}

async function unlocked(launch?: string): Promise<AppState> {
  const app = createAppState(launch ? { kind: 'text', text: launch } : null);
  await app.session.unlock(PIN);
  return app;
}

describe('unlocking with the first-screen hint', () => {
  it('shows the first screen at once, then every slot, and never a part of them as the slots', async () => {
    const ids = await vaultWithHint();
    const app = await unlocked();
    expect(app.slots.preview?.map((s) => s.id)).toEqual(ids.slice(0, FIRST_SCREEN));
    expect(app.slots.listed).toBe(app.slots.preview);
    expect(app.slots.slots).toEqual([]); // counts, backups and exports never see a part
    expect(app.slots.backupSlots).toEqual([]);
    app.slots.firstScreenShown();
    await sleep(400);
    expect(app.slots.preview).toBeNull();
    expect(app.slots.slots.map((s) => s.id)).toEqual(ids);
    expect(app.slots.listed).toBe(app.slots.slots);
  });

  it('loads the rest by itself when no list says it painted (another screen, a hidden tab)', async () => {
    await vaultWithHint();
    const app = await unlocked();
    expect(app.slots.preview).not.toBeNull();
    await sleep(1_300);
    expect(app.slots.preview).toBeNull();
    expect(app.slots.slots).toHaveLength(COUNT);
  });

  it('lets a write made while the first screen shows wait for every slot, then store it', async () => {
    const ids = await vaultWithHint();
    const app = await unlocked();
    expect(app.slots.slots).toEqual([]);
    await app.slots.toggleFavourite(ids[3]!);
    expect(app.slots.preview).toBeNull();
    expect(app.slots.slots).toHaveLength(COUNT);
    expect(app.slots.slots.find((s) => s.id === ids[3])?.favourite).toBe(true);
  });

  it('writes the hint again after a change, in the new order', async () => {
    const ids = await vaultWithHint();
    const app = await unlocked();
    app.slots.firstScreenShown();
    await app.slots.toggleFavourite(ids[COUNT - 1]!); // favourites come first
    await sleep(HINT_DELAY_MS + 200);
    app.session.lock();
    const again = await unlocked();
    expect(again.slots.preview?.[0]?.id).toBe(ids[COUNT - 1]);
  });

  it('waits for every slot before an activation link compares its slot with them', async () => {
    await vaultWithHint();
    const app = await unlocked('otpauth://totp/Example:bob?secret=JBSWY3DPEHPK3PXP&issuer=Example');
    expect(app.slots.preview).toBeNull();
    expect(app.slots.slots).toHaveLength(COUNT);
  });

  it('goes back to the PIN with VAULT_CORRUPT when a record past the first screen is damaged', async () => {
    const ids = await vaultWithHint();
    const last = (await storage.readRecord(ids[COUNT - 1]!)) as { ct: string };
    const ct = last.ct.startsWith('A') ? `B${last.ct.slice(1)}` : `A${last.ct.slice(1)}`;
    await storage.putRecord({ ...(last as StoredRecord), ct });
    const app = await unlocked();
    expect(app.slots.preview).toHaveLength(FIRST_SCREEN); // the first screen was fine
    app.slots.firstScreenShown();
    await sleep(400);
    expect(app.nav.screen).toBe('locked');
    expect(app.session.openError).toMatchObject({ code: 'VAULT_CORRUPT' });
    expect(app.slots.slots).toEqual([]);
  });

  it('reads a vault with fewer slots than a hint keeps whole at once, with no preview', async () => {
    const vault = await createVault(PIN, { kdf: ARGON2_FLOOR });
    for (let i = 0; i < 5; i++) await vault.addSlot(nthDraft(i), '');
    vault.lock();
    const first = await unlocked();
    await sleep(HINT_DELAY_MS + 200);
    expect(await storage.readFirstScreen()).toBeDefined();
    first.session.lock();
    const app = await unlocked();
    expect(app.slots.preview).toBeNull();
    expect(app.slots.slots).toHaveLength(5);
  });

  it('falls back to reading every slot when the hint was written under another key', async () => {
    const ids = await vaultWithHint();
    const hint = await storage.readFirstScreen();
    await storage.eraseVault(); // the hint goes with the vault
    expect(await storage.readFirstScreen()).toBeUndefined();
    const vault = await createVault(PIN, { kdf: ARGON2_FLOOR });
    await vault.addSlot(nthDraft(0), '');
    vault.lock();
    await storage.putFirstScreen(hint as StoredFirstScreen); // an old vault's hint, put back
    const app = await unlocked();
    expect(app.slots.preview).toBeNull();
    expect(app.slots.slots).toHaveLength(1);
    expect(ids).toHaveLength(COUNT);
  });
});

describe('the hint as stored', () => {
  it('holds only ciphertext: no issuer, account or secret', async () => {
    await vaultWithHint();
    const stored = JSON.stringify(await storage.readFirstScreen());
    expect(Object.keys(JSON.parse(stored) as object)).toEqual(['v', 'iv', 'ct']);
    expect(stored).not.toMatch(/Provider|user|[0-9a-f]{32}/);
    const vault = await unlockVault(PIN);
    const { slots } = await vault.firstScreen().read('manual', 3);
    expect(slots.map((s) => s.account)).toEqual(['user0', 'user1', 'user2']);
    vault.lock();
  });
});
