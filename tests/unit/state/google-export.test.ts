// Export to Google Authenticator: the state behind the dialog. Every slot that may leave is
// chosen by default; what the format cannot carry is shown and never chosen; a slot privacyIDEA
// manages is not even offered; nothing is drawn before the PIN; the QR codes read back (by
// core/migration.ts, Keyslot's own importer) as exactly the chosen slots.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ARGON2_FLOOR } from '../../../src/core/vault';
import { MigrationBatches, parseMigrationUri } from '../../../src/core/migration';
import { createVault } from '../../../src/platform/vault';
import type { ManagedInfo } from '../../../src/core/privacyidea/managed';
import { createAppState, type AppState } from '../../../src/ui/state/context';
import { GoogleExport } from '../../../src/ui/state/google-export.svelte.ts';
import type { SortOrder } from '../../../src/core/organise';
import { useFreshIndexedDb } from '../fixtures/fresh-db';
import { draft, textBytes } from '../fixtures/slots';
import { expectCode } from '../fixtures/errors';

const PIN = '731946';

useFreshIndexedDb();

/** The QR texts the dialog would draw: the drawing itself is platform/qr-encode's (tested there). */
function drawn() {
  const texts: string[] = [];
  const draw = (text: string) => {
    texts.push(text);
    return Promise.resolve({ size: 21, path: `M0 0h${texts.length}` });
  };
  return { texts, draw };
}

async function start(accounts: readonly string[] = ['alice', 'bob', 'carol'], order: () => SortOrder = () => 'manual') {
  const vault = await createVault(PIN, { kdf: ARGON2_FLOOR });
  for (const account of accounts) {
    const over = account === 'carol' ? { period: 60 } : {};
    await vault.addSlot(
      draft({ account, issuer: 'Lab', secret: textBytes(`${account}-secret-0123456789`), ...over }),
      '',
    );
  }
  vault.lock();
  const app: AppState = createAppState();
  await app.session.unlock(PIN);
  const out = drawn();
  return { app, exporter: new GoogleExport(app.slots, app.session, out.draw, order), texts: out.texts };
}

const accountsIn = (texts: readonly string[]) => {
  const batches = new MigrationBatches();
  for (const t of texts) batches.add(parseMigrationUri(t));
  return batches.entries().flatMap((e) => (e.ok ? [e.draft.account] : []));
};

describe('Export to Google Authenticator', () => {
  it('chooses every slot that can go by default, and says why the others cannot', async () => {
    const { exporter } = await start();
    // (Slots added within one millisecond may list in either order: compare by account.)
    const byAccount = (rows: string[][]) => rows.sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(byAccount(exporter.candidates.map((c) => [c.slot.account, String(c.reason)]))).toEqual([
      ['alice', 'null'],
      ['bob', 'null'],
      ['carol', 'period'],
    ]);
    expect(exporter.chosen.map((s) => s.account).sort()).toEqual(['alice', 'bob']);
    exporter.choose(exporter.chosen.find((s) => s.account === 'alice')!.id, false);
    expect(exporter.chosen.map((s) => s.account)).toEqual(['bob']);
    exporter.chooseAll(false);
    expect(exporter.chosen).toEqual([]);
    exporter.chooseAll(true);
    expect(exporter.chosen.map((s) => s.account).sort()).toEqual(['alice', 'bob']);
    const carol = exporter.candidates.find((c) => c.slot.account === 'carol')!.slot.id;
    exporter.choose(carol, true); // cannot be chosen, whatever is asked
    expect(exporter.isChosen(carol)).toBe(false);
  });

  it('draws nothing for a wrong PIN, then the chosen slots as QR codes that import as the same slots', async () => {
    const { exporter, texts } = await start();
    await expectCode(exporter.show('000000'), 'PIN_WRONG');
    expect(texts).toEqual([]);
    expect(exporter.pages).toEqual([]);
    exporter.choose(exporter.chosen.find((s) => s.account === 'alice')!.id, false);
    await exporter.show(PIN);
    expect(exporter.pages).toHaveLength(1);
    expect(accountsIn(texts)).toEqual(['bob']);
    exporter.close();
    expect(exporter.pages).toEqual([]);
    expect(exporter.chosen.map((s) => s.account)).toEqual(['bob']); // the choice stays for another export
  });

  it('pages through several QR codes, sharing one batch, and never past either end', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `user${i}@example.org`);
    const { exporter, texts } = await start(many);
    await exporter.show(PIN);
    const count = exporter.pages.length;
    expect(count).toBeGreaterThan(1);
    expect(new Set(texts.map((t) => parseMigrationUri(t).batchId)).size).toBe(1);
    expect(accountsIn(texts).sort()).toEqual([...many].sort());
    exporter.previous();
    expect(exporter.page).toBe(0);
    for (let i = 0; i < count + 2; i++) exporter.next();
    expect(exporter.page).toBe(count - 1);
  });

  it('never offers a slot its privacyIDEA server manages, or one in the trash', async () => {
    const { app, exporter } = await start();
    const alice = app.slots.slots.find((s) => s.account === 'alice');
    await app.slots.remove(alice!.id);
    app.slots.slots = [
      ...app.slots.slots,
      { ...alice!, id: 'f'.repeat(32), deletedAt: 0, managed: { token: 'TOTP0001' } as unknown as ManagedInfo },
    ];
    expect(exporter.managed).toBe(1);
    expect(exporter.candidates.map((c) => c.slot.account).sort()).toEqual(['bob', 'carol']);
  });

  it('lists and exports the slots in the list’s order: favourites first, then the chosen sort', async () => {
    let order: SortOrder = 'name';
    const { app, exporter, texts } = await start(['dora', 'carl', 'bea', 'ann'], () => order);
    await app.slots.toggleFavourite(app.slots.slots.find((s) => s.account === 'carl')!.id);
    expect(exporter.candidates.map((c) => c.slot.account)).toEqual(['carl', 'ann', 'bea', 'dora']);
    await exporter.show(PIN);
    expect(accountsIn(texts)).toEqual(['carl', 'ann', 'bea', 'dora']);
    order = 'recent';
    await app.slots.markUsed(app.slots.slots.find((s) => s.account === 'dora')!.id);
    expect(exporter.candidates.map((c) => c.slot.account).slice(0, 2)).toEqual(['carl', 'dora']);
  });
});
