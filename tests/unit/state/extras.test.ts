// Groups, notes and icons are written through the slots state's one write path: stored in one
// transaction, kept when another write runs at the same time, refused when malformed.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { unlockVault } from '../../../src/platform/vault';
import type { AppState } from '../../../src/ui/state/context';
import { useFreshIndexedDb } from '../fixtures/fresh-db';
import { appWithThreeSlots } from '../fixtures/app';
import { expectCode } from '../fixtures/errors';

const PIN = '731946';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

useFreshIndexedDb();

async function unlockedApp(): Promise<{ app: AppState; ids: string[] }> {
  const { app, ids } = await appWithThreeSlots(PIN);
  return { app, ids };
}

async function stored() {
  const vault = await unlockVault(PIN);
  const slots = await vault.listSlots();
  vault.lock();
  return new Map(slots.map((s) => [s.account, s]));
}

describe('groups, notes and icons', () => {
  it('stores a slot’s groups cleaned, lists them and filters the list by one', async () => {
    const { app, ids } = await unlockedApp();
    await app.extras.setGroups(ids[0]!, [' Work', 'VPN', 'work']);
    await app.extras.setGroups(ids[1]!, ['Home']);
    expect((await stored()).get('alice')?.groups).toEqual(['Work', 'VPN']);
    expect(app.extras.groups).toEqual(['Home', 'VPN', 'Work']);
    app.extras.choose('work');
    expect(app.extras.filter).toBe('Work');
    expect(app.slots.slots.filter((s) => app.extras.shows(s)).map((s) => s.account)).toEqual(['alice']);
  });

  it('renames and deletes a group on every slot in it, and the filter follows', async () => {
    const { app, ids } = await unlockedApp();
    await app.extras.setGroups(ids[0]!, ['Work']);
    await app.extras.setGroups(ids[1]!, ['work', 'Home']);
    app.extras.choose('Work');
    await app.extras.rename('WORK', 'Office');
    let now = await stored();
    expect(now.get('alice')?.groups).toEqual(['Office']);
    expect(now.get('bob')?.groups).toEqual(['Office', 'Home']);
    expect(app.extras.filter).toBe('Office');
    await app.extras.remove('office');
    now = await stored();
    expect(now.get('alice')?.groups).toEqual([]);
    expect(now.get('bob')?.groups).toEqual(['Home']);
    expect(app.extras.filter).toBe(''); // the group is gone: every slot shows
    expect(app.slots.slots).toHaveLength(3); // deleting a group never deletes a slot
  });

  it('keeps a group, a note, an icon and a favourite set at the same moment', async () => {
    const { app, ids } = await unlockedApp();
    const id = ids[2]!;
    await Promise.all([
      app.extras.setGroups(id, ['Bank']),
      app.extras.setNote(id, 'Recovery codes in the safe.\r\nRoom 3'),
      app.extras.setIcon(id, { mime: 'image/png', bytes: PNG, source: 'custom' }),
      app.slots.toggleFavourite(id),
    ]);
    const carol = (await stored()).get('carol');
    expect(carol).toMatchObject({ groups: ['Bank'], note: 'Recovery codes in the safe.\nRoom 3', favourite: true });
    expect(carol?.icon?.bytes).toEqual(PNG);
    await app.extras.setIcon(id, null);
    await app.extras.setNote(id, '   ');
    expect((await stored()).get('carol')).toMatchObject({ icon: null, note: '' });
  });

  it('refuses an empty group name, too many groups, a note too long and a fake icon, storing nothing', async () => {
    const { app, ids } = await unlockedApp();
    const before = await stored();
    await expectCode(app.extras.setGroups(ids[0]!, ['  ']), 'GROUP_INVALID');
    await expectCode(
      app.extras.setGroups(
        ids[0]!,
        Array.from({ length: 33 }, (_, i) => `g${i}`),
      ),
      'GROUPS_TOO_MANY',
    );
    await expectCode(app.extras.setNote(ids[0]!, 'x'.repeat(4097)), 'NOTE_TOO_LONG');
    await expectCode(app.extras.setIcon(ids[0]!, { mime: 'image/webp', bytes: PNG, source: 'custom' }), 'ICON_INVALID');
    await expectCode(app.extras.rename('nothing', ' '), 'GROUP_INVALID');
    expect(await stored()).toEqual(before);
  });
});
