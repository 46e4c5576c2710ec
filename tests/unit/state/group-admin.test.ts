// Settings → Groups: the state behind the screen. Renames are checked before anything is
// written, a rename onto another group's name waits for the person's yes, and a delete takes
// the group off every slot (trash included) without deleting one. All of it is stored.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isKeyslotError } from '../../../src/core/errors';
import { unlockVault } from '../../../src/platform/vault';
import type { AppState } from '../../../src/ui/state/context';
import { GroupAdmin } from '../../../src/ui/state/group-admin.svelte.ts';
import { useFreshIndexedDb } from '../fixtures/fresh-db';
import { appWithThreeSlots } from '../fixtures/app';

const PIN = '731946';

useFreshIndexedDb();

async function start(): Promise<{ app: AppState; admin: GroupAdmin; ids: string[] }> {
  const { app, ids } = await appWithThreeSlots(PIN);
  await app.extras.setGroups(ids[0]!, ['Work']);
  await app.extras.setGroups(ids[1]!, ['work', 'Home']);
  await app.extras.setGroups(ids[2]!, ['Bank']);
  return { app, admin: new GroupAdmin(app.extras, app.slots), ids };
}

async function storedGroups(): Promise<Record<string, readonly string[]>> {
  const vault = await unlockVault(PIN);
  const slots = await vault.listSlots();
  vault.lock();
  return Object.fromEntries(slots.map((s) => [s.account, s.groups]));
}

describe('Settings → Groups', () => {
  it('lists every group once with how many slots are in it', async () => {
    const { admin } = await start();
    expect(admin.rows).toEqual([
      { name: 'Bank', count: 1 },
      { name: 'Home', count: 1 },
      { name: 'Work', count: 2 },
    ]);
    expect(admin.count('Work')).toBe(2);
    expect(admin.count('Nothing')).toBe(0);
  });

  it('renames a group on every slot in it and settles on the new name', async () => {
    const { admin } = await start();
    admin.startRename('Work');
    expect(admin.draft).toBe('Work');
    admin.draft = '  Office ';
    await admin.submitRename();
    expect(admin.renaming).toBeNull();
    expect(admin.settled).toBe('Office');
    expect(await storedGroups()).toEqual({ alice: ['Office'], bob: ['Office', 'Home'], carol: ['Bank'] });
    expect(admin.rows.map((r) => r.name)).toEqual(['Bank', 'Home', 'Office']);
  });

  it('refuses an empty name and writes nothing, keeping the field open', async () => {
    const { admin } = await start();
    const before = await storedGroups();
    admin.startRename('Work');
    admin.draft = ' \u200B ';
    await admin.submitRename();
    expect(isKeyslotError(admin.error, 'GROUP_INVALID')).toBe(true);
    expect(admin.renaming).toBe('Work');
    admin.draft = 'x'.repeat(65);
    await admin.submitRename();
    expect(isKeyslotError(admin.error, 'NAME_TOO_LONG')).toBe(true);
    expect(await storedGroups()).toEqual(before);
  });

  it('asks before merging into a group that exists; No writes nothing, Yes merges', async () => {
    const { admin } = await start();
    const before = await storedGroups();
    admin.startRename('Work');
    admin.draft = 'HOME';
    await admin.submitRename();
    expect(admin.merge).toEqual({ from: 'Work', into: 'Home' });
    admin.cancelMerge();
    expect(admin.merge).toBeNull();
    expect(admin.renaming).toBe('Work'); // back to the field
    expect(await storedGroups()).toEqual(before);

    await admin.submitRename();
    await admin.confirmMerge();
    // bob was in both: in Home once. The existing spelling wins.
    expect(await storedGroups()).toEqual({ alice: ['Home'], bob: ['Home'], carol: ['Bank'] });
    expect(admin.rows).toEqual([
      { name: 'Bank', count: 1 },
      { name: 'Home', count: 2 },
    ]);
  });

  it('writes nothing for the same name, and Cancel leaves everything as it was', async () => {
    const { admin } = await start();
    const before = await storedGroups();
    admin.startRename('Bank');
    await admin.submitRename();
    expect(admin.renaming).toBeNull();
    expect(admin.settled).toBe('Bank');
    admin.startRename('Home');
    admin.draft = 'Elsewhere';
    admin.cancelRename();
    expect(admin.renaming).toBeNull();
    expect(await storedGroups()).toEqual(before);
  });

  it('deletes a group only when confirmed, from every slot in it, trash included, keeping the slots', async () => {
    const { app, admin, ids } = await start();
    await app.slots.remove(ids[1]!); // bob is in the trash, still in "work"
    admin.askDelete('Work');
    admin.cancelDelete();
    expect((await storedGroups()).alice).toEqual(['Work']);
    admin.askDelete('Work');
    await admin.confirmDelete();
    expect(admin.deleting).toBeNull();
    expect(await storedGroups()).toEqual({ alice: [], bob: ['Home'], carol: ['Bank'] });
    expect(app.slots.slots).toHaveLength(3);
  });

  it('creates a group on the ticked slots only, and settles on it', async () => {
    const { app, admin, ids } = await start();
    admin.startCreate();
    expect(admin.candidates.map((s) => s.account)).toEqual(['alice', 'bob', 'carol']);
    admin.newName = ' Lab ';
    admin.pick(ids[0]!, true);
    admin.pick(ids[2]!, true);
    admin.pick(ids[2]!, false);
    admin.pick(ids[1]!, true);
    await admin.submitCreate();
    expect(admin.createError).toBeNull();
    expect(admin.creating).toBe(false);
    expect(admin.settled).toBe('Lab');
    expect(await storedGroups()).toEqual({ alice: ['Work', 'Lab'], bob: ['work', 'Home', 'Lab'], carol: ['Bank'] });
    expect(admin.count('Lab')).toBe(2);
    expect(app.extras.groups).toContain('Lab');
  });

  it('refuses a name in use, an empty name and no slot, writing nothing and keeping what was typed', async () => {
    const { admin, ids } = await start();
    const before = await storedGroups();
    admin.startCreate();
    admin.newName = 'HOME';
    admin.pick(ids[2]!, true);
    await admin.submitCreate();
    expect(isKeyslotError(admin.createError) && admin.createError.code).toBe('GROUP_EXISTS');
    admin.newName = '   ';
    await admin.submitCreate();
    expect(isKeyslotError(admin.createError) && admin.createError.code).toBe('GROUP_INVALID');
    admin.newName = 'Lab';
    admin.pick(ids[2]!, false);
    await admin.submitCreate();
    expect(isKeyslotError(admin.createError) && admin.createError.field).toBe('slots');
    expect(admin.creating).toBe(true);
    expect(admin.newName).toBe('Lab');
    admin.cancelCreate();
    expect(admin.creating).toBe(false);
    expect(await storedGroups()).toEqual(before);
  });
});
