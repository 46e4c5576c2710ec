// Imports keep what people had: groups/tags, favourites, notes and icons (src/core/importers/extras.ts),
// from files we write ourselves in each app's layout (fixtures/importers/make.ts for the accounts).
import { describe, expect, it } from 'vitest';
import { importFile, type ImportEntry } from '../../src/core/importers';
import { cleanGroups, cleanIcon, cleanNote, GROUPS_PER_ENTRY_MAX, NOTE_MAX } from '../../src/core/importers/extras';
import { runImport } from '../../src/core/importers/plan';
import { importCrypto } from '../../src/platform/import-crypto';
import * as make from './fixtures/importers/make';

const { ACCOUNTS } = make;
const [A, B, C] = [ACCOUNTS[0]!, ACCOUNTS[1]!, ACCOUNTS[2]!];
const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function extrasOf(name: string, bytes: Uint8Array): Promise<(ImportEntry & { status: 'ok' })['extras'][]> {
  const { entries } = await importFile(name, bytes, { crypto: importCrypto });
  return entries.map((e) => (e.status === 'ok' ? e.extras : undefined));
}

function aegisEntry(a: make.Account, over: Record<string, unknown>): Record<string, unknown> {
  return {
    type: a.kind,
    uuid: a.issuer,
    name: a.account,
    issuer: a.issuer,
    note: '',
    favorite: false,
    icon: null,
    icon_mime: null,
    info: { secret: make.b32(a), algo: a.algorithm, digits: a.digits, period: a.period, counter: a.counter },
    groups: [],
    ...over,
  };
}

describe('imports keep groups, favourites, notes and icons', () => {
  it('from Aegis: group uuids named by db.groups, favourite, note and a checked icon', async () => {
    const file = json({
      version: 1,
      header: { slots: null, params: null },
      db: {
        version: 3,
        groups: [
          { uuid: 'g1', name: 'Work' },
          { uuid: 'g2', name: 'Lab' },
        ],
        entries: [
          aegisEntry(A, {
            groups: ['g1', 'g2', 'nope'],
            favorite: true,
            note: 'VPN for\r\nthe lab',
            icon: b64(PNG),
            icon_mime: 'image/png',
          }),
          aegisEntry(B, { icon: b64(new TextEncoder().encode('<svg><script/></svg>')), icon_mime: 'image/svg+xml' }),
          aegisEntry(C, {}),
        ],
      },
    });
    expect(await extrasOf('a.json', file)).toEqual([
      {
        groups: ['Work', 'Lab'],
        favourite: true,
        note: 'VPN for\nthe lab',
        icon: { mime: 'image/png', bytes: PNG },
        trashed: false,
      },
      undefined, // its only extra was an SVG with a script: left out, the entry still imports
      undefined,
    ]);
  });

  it('from Aegis vaults before v3, whose entries name their one group', async () => {
    const file = json({
      version: 1,
      header: { slots: null, params: null },
      db: {
        version: 2,
        entries: [aegisEntry(A, { group: 'group1', groups: undefined }), aegisEntry(B, { group: null })],
      },
    });
    expect((await extrasOf('a.json', file)).map((x) => x?.groups)).toEqual([['group1'], undefined]);
  });

  it('from 2FAS: each service group by its id', async () => {
    const service = (a: make.Account, groupId: string | null) => ({
      name: a.issuer,
      secret: make.b32(a),
      otp: {
        account: a.account,
        issuer: a.issuer,
        digits: a.digits,
        period: a.period,
        algorithm: a.algorithm,
        tokenType: 'TOTP',
      },
      order: { position: 0 },
      groupId,
    });
    const file = json({
      services: [service(A, 'x'), service(B, null)],
      groups: [{ id: 'x', name: 'Personal', isExpanded: true }],
      schemaVersion: 4,
    });
    expect((await extrasOf('t.2fas', file)).map((x) => x?.groups)).toEqual([['Personal'], undefined]);
  });

  it('from Ente Auth: tags, pin, note and trash in the codeDisplay parameter', async () => {
    const display = (v: unknown) => `&codeDisplay=${encodeURIComponent(JSON.stringify(v))}`;
    const lines = [
      make.uri(A) + display({ pinned: true, trashed: false, tags: ['Work', ' work ', 'Home'], note: 'n' }),
      make.uri(B) + display({ pinned: false, trashed: true, tags: [] }),
      make.uri(C) + '&codeDisplay=%7Bnot json',
    ];
    expect(await extrasOf('ente.txt', new TextEncoder().encode(lines.join('\n')))).toEqual([
      { groups: ['Work', 'Home'], favourite: true, note: 'n', icon: null, trashed: false },
      { groups: [], favourite: false, note: '', icon: null, trashed: true },
      undefined,
    ]);
  });

  it('from Bitwarden JSON and CSV: folder, favourite and notes', async () => {
    const item = (a: make.Account, over: Record<string, unknown>) => ({
      type: 1,
      name: a.issuer,
      login: { username: a.account, totp: make.uri(a) },
      ...over,
    });
    const file = json({
      encrypted: false,
      folders: [{ id: 'f', name: 'VPNs' }],
      items: [
        item(A, { folderId: 'f', favorite: true, notes: 'hi' }),
        item(B, { folderId: null, favorite: false, notes: null }),
      ],
    });
    expect(await extrasOf('b.json', file)).toEqual([
      { groups: ['VPNs'], favourite: true, note: 'hi', icon: null, trashed: false },
      undefined,
    ]);
    const csv = `folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp\nVPNs,1,login,Lab,"two\nlines",,,ada,,${make.uri(A)}\n,,login,Mail,,,,grace,,${make.uri(B)}\n`;
    expect(await extrasOf('b.csv', new TextEncoder().encode(csv))).toEqual([
      { groups: ['VPNs'], favourite: true, note: 'two\nlines', icon: null, trashed: false },
      undefined,
    ]);
  });

  it('from andOTP tags and Proton notes', async () => {
    const andOtp = json([
      {
        secret: make.b32(A),
        issuer: A.issuer,
        label: A.account,
        digits: 6,
        type: 'TOTP',
        algorithm: 'SHA1',
        period: 30,
        tags: ['Uni', 3, ''],
      },
    ]);
    expect((await extrasOf('a.json', andOtp))[0]?.groups).toEqual(['Uni']);
    const proton = json({
      version: 1,
      entries: [{ id: '1', content: { uri: make.uri(A), entry_type: 'Totp', name: A.account }, note: 'desk' }],
    });
    expect((await extrasOf('p.json', proton))[0]?.note).toBe('desk');
  });

  it('hand the extras to save, and import only the entries the preview kept', async () => {
    const { entries } = await importFile(
      'b.json',
      json({
        encrypted: false,
        folders: [],
        items: [A, B, C].map((a) => ({
          type: 1,
          name: a.issuer,
          favorite: a === B,
          login: { username: a.account, totp: make.uri(a) },
        })),
      }),
      { crypto: importCrypto },
    );
    const saved: [string, boolean | undefined][] = [];
    const rows = await runImport(
      entries,
      [],
      async (draft, extras) => void saved.push([draft.issuer, extras?.favourite]),
      { include: (i) => i !== 0 },
    );
    expect(saved).toEqual([
      ['Mail', true],
      ['Door', undefined],
    ]);
    expect(rows.map((r) => r.issuer)).toEqual(['Mail', 'Door']);
  });
});

describe('cleaning extras from untrusted files', () => {
  it('keeps group names that are text, trimmed, cut, without repeats, and at most a few dozen', () => {
    expect(cleanGroups(['  a  b ', 'A B', 7, null, '', 'x'.repeat(100)])).toEqual(['a b', 'x'.repeat(64)]);
    expect(cleanGroups(Array.from({ length: 100 }, (_, i) => `g${i}`))).toHaveLength(GROUPS_PER_ENTRY_MAX);
  });

  it('cuts a long note and ignores one that is not text', () => {
    expect(Array.from(cleanNote('é'.repeat(NOTE_MAX + 10)))).toHaveLength(NOTE_MAX);
    expect(cleanNote({ toString: () => 'x' })).toBe('');
  });

  it('keeps an icon only when its bytes are the image they claim, and not too big', () => {
    expect(cleanIcon(PNG, 'image/png')).toEqual({ mime: 'image/png', bytes: PNG });
    expect(cleanIcon(PNG, 'image/jpeg')).toBeNull();
    expect(cleanIcon(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), null)).toMatchObject({ mime: 'image/jpeg' });
    expect(cleanIcon(new TextEncoder().encode('<svg onload="x()"></svg>'), 'image/svg+xml')).toBeNull();
    expect(cleanIcon(new Uint8Array(600 * 1024), 'image/png')).toBeNull();
    expect(cleanIcon(null, 'image/png')).toBeNull();
  });
});

describe('the meta an imported slot starts with', () => {
  it('carries groups, favourite and note as stored, and puts a trashed entry in the trash', async () => {
    const { extrasMeta, NO_EXTRAS } = await import('../../src/core/importers/extras');
    expect(extrasMeta({ ...NO_EXTRAS, groups: ['Work', 'Lab'], favourite: true, note: 'a\nb' }, 5)).toEqual({
      groups: ['Work', 'Lab'],
      favourite: true,
      note: 'a\nb',
      deletedAt: 0,
    });
    expect(extrasMeta({ ...NO_EXTRAS, trashed: true }, 5).deletedAt).toBe(5);
    expect(extrasMeta(undefined, 5)).toEqual({ groups: [], favourite: false, note: '', deletedAt: 0 });
  });

  it('leaves out hand-made extras the vault would refuse, rather than failing the slot', async () => {
    const { extrasMeta, NO_EXTRAS } = await import('../../src/core/importers/extras');
    const hostile = {
      ...NO_EXTRAS,
      groups: ['', 7, 'x'.repeat(999)] as unknown as string[],
      favourite: 'yes' as unknown as boolean,
      note: 'n'.repeat(NOTE_MAX + 1),
    };
    expect(extrasMeta(hostile, 1)).toEqual({ groups: [], favourite: false, note: '', deletedAt: 0 });
  });
});
