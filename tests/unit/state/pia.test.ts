// The privacyIDEA state (src/ui/state/pia.svelte.ts) with the real client and vault against the
// stand-in server: what the UI sees and says, and that its writes go through the slots state's
// one write path (so another tab's change made during a sync is kept).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { parseRegistrationUri } from '../../../src/core/privacyidea/registration';
import { ARGON2_FLOOR } from '../../../src/core/vault';
import * as realClient from '../../../src/platform/privacyidea';
import { createVault, unlockVault } from '../../../src/platform/vault';
import { PiaState, syncMessage, type PiaClient } from '../../../src/ui/state/pia.svelte.ts';
import { createAppState, type AppState } from '../../../src/ui/state/context';
import { useFreshIndexedDb } from '../fixtures/fresh-db';
import { expectCode } from '../fixtures/errors';
import { FakePi, NOW, OPTS, QR } from '../fixtures/fake-privacyidea';

const PIN = '731946';

useFreshIndexedDb();

/** The real client, talking to `pi` instead of the network. */
function clientFor(pi: FakePi): PiaClient {
  return {
    ...realClient,
    registerContainer: (v, reg, o) => realClient.registerContainer(v, reg, { ...o, transport: pi }),
    syncContainer: (v, serial) => realClient.syncContainer(v, serial, pi),
    requestRollover: (v, serial) => realClient.requestRollover(v, serial, pi),
    removeContainer: (v, serial) => realClient.removeContainer(v, serial, pi),
  };
}

async function unlocked(pi: FakePi, online: () => boolean = () => true): Promise<{ app: AppState; pia: PiaState }> {
  (await createVault(PIN, { kdf: ARGON2_FLOOR })).lock();
  const app = createAppState();
  await app.session.unlock(PIN);
  const pia = new PiaState(app.slots, app.nav, app.announcer, {
    client: async () => clientFor(pi),
    allowedOrigins: OPTS.allowedOrigins,
    appOrigin: () => OPTS.appOrigin,
    now: () => NOW,
    online,
  });
  return { app, pia };
}

async function storedSlots() {
  const vault = await unlockVault(PIN);
  const slots = await vault.listSlots();
  vault.lock();
  return slots;
}

/** The announcer sets its words in a microtask. */
async function announced(app: AppState) {
  await Promise.resolve();
  return app.announcer.announcement;
}

describe('the privacyIDEA state', () => {
  it('registers through the slots write path: the list, the store and the announcement agree', async () => {
    const { app, pia } = await unlocked(new FakePi());
    app.nav.screen = 'add';
    const out = await pia.register(parseRegistrationUri(QR()), '');
    expect(out.added).toHaveLength(2);
    expect(app.slots.slots.map((s) => s.managed?.token).sort()).toEqual(['HOTP0002', 'TOTP0001']);
    expect((await storedSlots()).map((s) => s.id).sort()).toEqual(app.slots.slots.map((s) => s.id).sort());
    expect(app.slots.lastAddedId).toBe(out.added[0]!.id);
    expect(app.nav.screen).toBe('slots');
    expect(await announced(app)).toMatchObject({ key: 'pia.added.other', params: { count: 2, issuer: 'privacyIDEA' } });
    expect(pia.busy).toBeNull();
    expect(pia.registered).toBe(true);
  });

  it('keeps a rename made in another tab while a sync was on the network', async () => {
    const pi = new FakePi();
    const { app, pia } = await unlocked(pi);
    await pia.register(parseRegistrationUri(QR()), '');
    const hotp = app.slots.slots.find((s) => s.kind === 'hotp')!;
    pi.add = [];
    pi.update = [
      { serial: 'TOTP0001', tokentype: 'totp' },
      { serial: 'HOTP0002', tokentype: 'hotp', counter: 9 },
    ];
    pi.hook = async (path, _body, answer) => {
      if (path === 'container/synchronize') {
        // Another tab renames the slot while this tab waits for the server.
        const other = await unlockVault(PIN);
        await other.changeSlots([hotp.id], (s) => ({ ...s, name: 'VPN token' }));
        other.lock();
      }
      return answer;
    };
    await pia.sync('SMPH01');
    const stored = (await storedSlots()).find((s) => s.id === hotp.id)!;
    expect(stored.name).toBe('VPN token');
    expect(stored.counter).toBe(9);
    expect(app.slots.slots.find((s) => s.id === hotp.id)?.counter).toBe(9);
  });

  it('says a sync withdrew slots, in the slot menu and for Settings → Sync now alike', async () => {
    const pi = new FakePi();
    const { app, pia } = await unlocked(pi);
    await pia.register(parseRegistrationUri(QR()), '');
    pi.add = [];
    pi.update = [{ serial: 'TOTP0001', tokentype: 'totp' }];
    const outcomes = await pia.syncAll();
    expect(syncMessage(outcomes, 'privacyIDEA')).toEqual({ key: 'pia.withdrawn', params: { issuer: 'privacyIDEA' } });
    expect(app.slots.slots.find((s) => s.managed?.token === 'HOTP0002')?.managed?.withdrawn).toBe('removed');
    await pia.syncAndSay('SMPH01', 'privacyIDEA');
    expect((await announced(app))?.key).toBe('pia.synced');
  });

  it('words a sync that added one, several or nothing', () => {
    const none = { added: [], changed: 0, withdrawn: 0, reason: '' as const, skipped: 0 };
    const one = { ...none, added: [{}] } as unknown as typeof none;
    expect(syncMessage([none], 'Lab').key).toBe('pia.synced');
    expect(syncMessage([one], 'Lab')).toEqual({ key: 'pia.syncedAdded.one', params: { count: 1, issuer: 'Lab' } });
    expect(syncMessage([one, one], 'Lab').key).toBe('pia.syncedAdded.other');
  });

  it('never hands out a managed slot’s secret or QR text, but does for a slot of its own', async () => {
    const { app, pia } = await unlocked(new FakePi());
    await pia.register(parseRegistrationUri(QR()), '');
    const managed = app.slots.slots[0]!;
    await expectCode(app.slots.secretOf(managed.id), 'PIA_MANAGED');
    await expectCode(app.slots.uriOf(managed.id), 'PIA_MANAGED');
    expect(app.slots.backupSlots).toEqual([]);
    const own = await app.slots.addSlot({ ...managed, issuer: 'Mine', secret: new Uint8Array(20).fill(7) }, '');
    expect(await app.slots.secretOf(own.id)).toMatch(/^[A-Z2-7]+$/);
    expect(await app.slots.uriOf(own.id)).toMatch(/^otpauth:\/\/totp\/Mine/);
    expect(app.slots.backupSlots.map((s) => s.id)).toEqual([own.id]);
  });

  it('syncs at unlock only when asked to, online, and with a registered container', async () => {
    const pi = new FakePi();
    let online = false;
    const { pia } = await unlocked(pi, () => online);
    const settle = () => new Promise((r) => setTimeout(r, 50));
    online = true;
    pia.syncAtUnlock(true); // nothing registered yet
    await settle();
    expect(pi.calls).toEqual([]);
    await pia.register(parseRegistrationUri(QR()), '');
    const calls = pi.calls.length;
    pia.syncAtUnlock(false);
    online = false;
    pia.syncAtUnlock(true);
    await settle();
    expect(pi.calls.length).toBe(calls);
    online = true;
    pia.syncAtUnlock(true);
    await expect.poll(() => pi.calls.slice(calls)).toEqual(['container/challenge', 'container/synchronize']);
  });

  it('refuses to write once locked', async () => {
    const { app, pia } = await unlocked(new FakePi());
    app.session.lock();
    await expectCode(pia.sync('SMPH01'), 'VAULT_LOCKED');
    expect(pia.busy).toBeNull();
  });
});
