// Icon packs through the app state, against a real vault in fake-indexeddb: a pack installs
// encrypted, comes back after the next unlock, suggests icons by issuer, and a suggestion becomes
// a slot's icon only when accepted. Hostile packs change nothing.
import 'fake-indexeddb/auto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ARGON2_FLOOR } from '../../../src/core/vault';
import type { IconSource, SlotIcon } from '../../../src/core/slot-extras';
import type { StoredIconPack } from '../../../src/core/icons/pack-store';
import { createVault, unlockVault } from '../../../src/platform/vault';
import { readIconPacks } from '../../../src/platform/storage';
import { createAppState, type AppState } from '../../../src/ui/state/context';
import { IconPacksState } from '../../../src/ui/state/icon-packs.svelte.ts';
import { useFreshIndexedDb } from '../fixtures/fresh-db';
import { draft, textBytes } from '../fixtures/slots';
import { expectCode } from '../fixtures/errors';

const PIN = '731946';
const UUID = 'c553f06f-2a17-46ca-87f5-56af90dd0500';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#c00"/></svg>';
const EVIL_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="8" height="8"/></svg>';

useFreshIndexedDb();

function packZip(over: Record<string, unknown> = {}, files: Zippable = {}): File {
  const json = {
    uuid: UUID,
    name: 'Test pack',
    version: 2,
    icons: [
      { name: 'GitLab', filename: 'GitLab.svg', category: 'Code', issuer: ['gitlab'] },
      { name: 'Acme', filename: 'Acme.svg', category: 'Other', issuer: ['acme corp', 'acme'] },
      { name: 'Evil', filename: 'Evil.svg', category: 'Other', issuer: ['evil'] },
    ],
    ...over,
  };
  const zip = zipSync({
    'pack.json': strToU8(JSON.stringify(json)),
    'GitLab.svg': strToU8(SVG),
    'Acme.svg': strToU8(SVG),
    'Evil.svg': strToU8(EVIL_SVG),
    ...files,
  });
  return new File([zip], 'pack.zip', { type: 'application/zip' });
}

/** Stands in for the browser's canvas (platform/icon-image.ts): a PNG that says what it was drawn from. */
const drawn: { type: string; source: IconSource }[] = [];
async function rasterise(picture: Blob, source: IconSource): Promise<SlotIcon> {
  drawn.push({ type: picture.type, source });
  return { mime: 'image/png', bytes: PNG, source };
}

async function unlockedApp(
  issuers = ['GitLab', 'Acme Corp', 'Unknown Bank'],
): Promise<{ app: AppState; ids: string[] }> {
  const vault = await createVault(PIN, { kdf: ARGON2_FLOOR });
  const ids: string[] = [];
  for (const issuer of issuers) {
    ids.push(
      (await vault.addSlot(draft({ issuer, account: 'me', secret: textBytes(`${issuer}-secret-012345`) }), '')).id,
    );
  }
  vault.lock();
  const app = createAppState();
  await app.session.unlock(PIN);
  return { app, ids };
}

/** A state like the app's, with the stand-in rasteriser. */
const packsOf = (app: AppState) =>
  new IconPacksState(app.slots, app.extras, app.announcer, { store: () => app.slots.iconPacks(), rasterise });

async function storedIcons(): Promise<Map<string, SlotIcon | null>> {
  const vault = await unlockVault(PIN);
  const slots = await vault.listSlots();
  vault.lock();
  return new Map(slots.map((s) => [s.issuer, s.icon]));
}

describe('icon packs', () => {
  it('installs a pack encrypted, leaving out an SVG with a script, and reads it back after the next unlock', async () => {
    const { app } = await unlockedApp();
    const packs = packsOf(app);
    const summary = await packs.install(packZip());
    expect(summary).toEqual({ uuid: UUID, name: 'Test pack', version: 2, count: 2, skipped: 1 });
    expect(packs.installed).toEqual([summary]);
    // Encrypted at rest: no issuer, icon name or SVG text in what IndexedDB holds.
    const raw = JSON.stringify(await readIconPacks());
    for (const word of ['gitlab', 'GitLab', 'acme', 'svg', 'Test pack']) expect(raw).not.toContain(word);

    await app.session.lock();
    expect(packs.installed).toEqual([]); // forgotten at lock
    await app.session.unlock(PIN);
    const again = packsOf(app);
    await again.load();
    expect(again.installed).toEqual([summary]);
    expect(again.suggestion('gitlab')?.name).toBe('GitLab');
  });

  it('suggests by issuer only for slots without an icon, and a suggestion is stored only when accepted', async () => {
    const { app, ids } = await unlockedApp();
    const packs = packsOf(app);
    await packs.install(packZip());
    expect(packs.candidates.map((s) => s.issuer).sort()).toEqual(['Acme Corp', 'GitLab']);
    expect(packs.suggestionFor({ issuer: 'Unknown Bank', icon: null })).toBeNull();
    expect((await storedIcons()).get('GitLab')).toBeNull(); // nothing stored by suggesting

    await packs.accept(ids[0]!, packs.suggestion('GitLab')!);
    expect((await storedIcons()).get('GitLab')).toMatchObject({ mime: 'image/png', source: 'pack' });
    expect(drawn.at(-1)).toEqual({ type: 'image/svg+xml', source: 'pack' }); // rasterised, never stored as SVG
    expect(packs.candidates.map((s) => s.issuer)).toEqual(['Acme Corp']);
    expect(packs.suggestionFor(app.slots.slots.find((s) => s.id === ids[0])!)).toBeNull(); // it has its own icon now
  });

  it('gives every candidate its suggestion in one write, keeping an icon set meanwhile', async () => {
    const { app, ids } = await unlockedApp();
    const own: SlotIcon = { mime: 'image/png', bytes: Uint8Array.from([...PNG, 1]), source: 'custom' };
    let first = true;
    // While the suggestions are drawn, another write gives Acme an icon of its own.
    const racing = async (picture: Blob, source: IconSource): Promise<SlotIcon> => {
      if (first) await app.extras.setIcon(ids[1]!, own);
      first = false;
      return rasterise(picture, source);
    };
    const packs = new IconPacksState(app.slots, app.extras, app.announcer, {
      store: () => app.slots.iconPacks(),
      rasterise: racing,
    });
    await packs.install(packZip());
    expect(packs.candidates).toHaveLength(2);
    expect(await packs.acceptAll()).toBe(1);
    const icons = await storedIcons();
    expect(icons.get('GitLab')?.source).toBe('pack');
    expect(icons.get('Acme Corp')?.bytes).toEqual(own.bytes);
    expect(icons.get('Unknown Bank')).toBeNull();
    expect(packs.candidates).toEqual([]);
  });

  it('offers and gives suggestions only to the slots an import just stored, not to older ones', async () => {
    const { app } = await unlockedApp(['GitLab']);
    const packs = packsOf(app);
    await packs.install(packZip());
    const imported = (issuer: string) => {
      const d = draft({ issuer, account: 'me', secret: textBytes(`${issuer}-imported-0123`) });
      return { status: 'ok' as const, draft: d, issuer, account: 'me' };
    };
    await app.slots.importEntries([imported('Acme Corp'), imported('Unknown Bank')]);
    const ids = new Set(app.slots.lastImportedIds);
    expect(ids.size).toBe(2);
    expect(packs.candidates.map((s) => s.issuer).sort()).toEqual(['Acme Corp', 'GitLab']);
    expect(packs.candidatesAmong(ids).map((s) => s.issuer)).toEqual(['Acme Corp']);
    expect(await packs.acceptAll(ids)).toBe(1);
    const icons = await storedIcons();
    expect(icons.get('Acme Corp')?.source).toBe('pack');
    expect(icons.get('GitLab')).toBeNull();
    expect(icons.get('Unknown Bank')).toBeNull();
    expect(packs.candidatesAmong(ids)).toEqual([]);
  });

  it('replaces a pack with the same uuid, removes one, and keeps icons already given', async () => {
    const { app, ids } = await unlockedApp();
    const packs = packsOf(app);
    await packs.install(packZip());
    await packs.accept(ids[0]!, packs.suggestion('gitlab')!);
    await packs.install(packZip({ version: 3, name: 'Test pack 3' }));
    expect(packs.installed.map((p) => [p.name, p.version])).toEqual([['Test pack 3', 3]]);
    expect(await readIconPacks()).toHaveLength(1);
    await packs.remove(UUID);
    expect(packs.installed).toEqual([]);
    expect(await readIconPacks()).toHaveLength(0);
    expect(packs.suggestion('gitlab')).toBeNull();
    expect((await storedIcons()).get('GitLab')?.source).toBe('pack');
  });

  it('refuses hostile and useless packs and stores nothing', async () => {
    const { app } = await unlockedApp();
    const packs = packsOf(app);
    const notZip = new File([strToU8('PK not really a zip')], 'x.zip');
    await expectCode(packs.install(notZip), 'ICON_PACK_INVALID');
    await expectCode(packs.install(new File([], 'empty.zip')), 'ICON_PACK_INVALID');
    const onlyEvil = packZip({ icons: [{ filename: 'Evil.svg', issuer: ['evil'] }] });
    const e = await expectCode(packs.install(onlyEvil), 'ICON_PACK_INVALID');
    expect(e.field).toBe('icons');
    const traversal = packZip({}, { '../escape.png': PNG });
    await expectCode(packs.install(traversal), 'ICON_PACK_INVALID');
    const huge = {
      size: 33 * 1024 * 1024,
      arrayBuffer: () => Promise.reject(new Error('never read')),
    } as unknown as Blob;
    await expectCode(packs.install(huge), 'ICON_PACK_TOO_LARGE');
    expect(await readIconPacks()).toHaveLength(0);
    expect(packs.installed).toEqual([]);
  });

  it('installs at most eight packs', async () => {
    const { app } = await unlockedApp();
    const packs = packsOf(app);
    for (let i = 0; i < 8; i++) await packs.install(packZip({ uuid: `c553f06f-2a17-46ca-87f5-56af90dd050${i}` }));
    await expectCode(packs.install(packZip({ uuid: 'c553f06f-2a17-46ca-87f5-56af90dd0509' })), 'ICON_PACK_TOO_MANY');
    expect(await readIconPacks()).toHaveLength(8);
  });

  it('says a tampered stored pack is damaged instead of suggesting from it', async () => {
    const { app } = await unlockedApp();
    await packsOf(app).install(packZip());
    const { putIconPack } = await import('../../../src/platform/storage');
    const [stored] = (await readIconPacks()) as StoredIconPack[];
    const ct = stored!.ct;
    await putIconPack({ ...stored!, ct: (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1) }, 8);
    const packs = packsOf(app);
    await packs.load();
    expect(packs.status).toBe('ready');
    expect(packs.error).toMatchObject({ code: 'VAULT_CORRUPT' });
    expect(packs.suggestion('gitlab')).toBeNull();
  });

  it('goes with the vault when the vault is erased (erase after 10 wrong PINs)', async () => {
    const { app } = await unlockedApp();
    await packsOf(app).install(packZip());
    const { eraseVault } = await import('../../../src/platform/storage');
    await eraseVault();
    expect(await readIconPacks()).toEqual([]);
  });

  it('is part of the app state once unlocked, and refuses to work locked', async () => {
    const { app } = await unlockedApp();
    expect(app.iconPacks).toBeInstanceOf(IconPacksState);
    await app.session.lock();
    expect(() => app.slots.iconPacks()).toThrow();
  });
});
