import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isKeyslotError } from '../../../src/core/errors';
import { bestIcon, readIconPack, suggestIcons, type IconPack } from '../../../src/core/icons/icon-pack';
import { ICON_PACK_LIMITS, ZipGuard } from '../../../src/core/icons/zip-guard';
import { unzipIconPack } from '../../../src/platform/unzip';

const UUID = 'c553f06f-2a17-46ca-87f5-56af90dd0500';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const SVG = strToU8(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/><use xlink:href="#g"/></svg>',
);

interface IconDef {
  filename: string;
  issuer: string[];
  name?: string;
  category?: string;
}

const packJson = (icons: IconDef[], over: Record<string, unknown> = {}) =>
  strToU8(JSON.stringify({ uuid: UUID, name: 'Test pack', version: 3, icons, ...over }));

function makePack(icons: IconDef[], files: Zippable = {}): Uint8Array {
  return zipSync({ 'pack.json': packJson(icons), ...files });
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (isKeyslotError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

const open = (zip: Uint8Array): IconPack => readIconPack(unzipIconPack(zip));

/** Replaces every occurrence of one byte string with another of the same length (names in local and central headers). */
function patchBytes(zip: Uint8Array, from: string, to: string): Uint8Array {
  const [a, b] = [strToU8(from), strToU8(to)];
  const out = zip.slice();
  for (let i = 0; i + a.length <= out.length; i++) if (a.every((x, j) => out[i + j] === x)) out.set(b, i);
  return out;
}

/** Sets the declared inflated size of every entry (local header offset 22, central directory offset 24). */
function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

describe('reading an Aegis icon pack', () => {
  it('reads pack.json and every icon it names, with checked types, ignoring other files', () => {
    const zip = makePack(
      [
        { filename: 'services/Google.svg', issuer: ['google'], category: 'Services' },
        { filename: 'services/Blizzard.png', issuer: ['blizzard', 'battle.net'], name: 'Blizzard', category: 'Gaming' },
      ],
      { services: { 'Google.svg': SVG, 'Blizzard.png': PNG }, 'README.md': strToU8('hello'), 'extra.png': PNG },
    );
    const pack = open(zip);
    expect(pack).toMatchObject({ uuid: UUID, name: 'Test pack', version: 3, skipped: [] });
    expect(pack.icons.map((i) => [i.name, i.category, i.mime, i.issuers])).toEqual([
      ['Google', 'Services', 'image/svg+xml', ['google']],
      ['Blizzard', 'Gaming', 'image/png', ['blizzard', 'battle.net']],
    ]);
    expect(pack.icons[1]!.bytes).toEqual(PNG);
  });

  it('leaves out, with the reason, icons that are missing, unsafe, mislabelled or listed twice', () => {
    const evil = strToU8('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const zip = makePack(
      [
        { filename: 'a.svg', issuer: ['a'] },
        { filename: 'gone.png', issuer: ['gone'] },
        { filename: 'evil.svg', issuer: ['evil'] },
        { filename: 'fake.png', issuer: ['fake'] },
        { filename: 'a.svg', issuer: ['again'] },
        { filename: '../up.png', issuer: ['up'] },
        { filename: 'notes.txt', issuer: ['txt'] },
      ],
      { 'a.svg': SVG, 'evil.svg': evil, 'fake.png': strToU8('<svg></svg>') },
    );
    const pack = open(zip);
    expect(pack.icons.map((i) => i.filename)).toEqual(['a.svg']);
    expect(pack.skipped).toEqual([
      { filename: 'gone.png', reason: 'missing' },
      { filename: 'evil.svg', reason: 'unsafe-svg' },
      { filename: 'fake.png', reason: 'not-image' },
      { filename: 'a.svg', reason: 'duplicate' },
      { filename: '../up.png', reason: 'bad-entry' },
      { filename: 'notes.txt', reason: 'bad-entry' },
    ]);
  });

  it.each([
    ['no pack.json', zipSync({ 'a.png': PNG })],
    ['pack.json that is not JSON', zipSync({ 'pack.json': strToU8('{"uuid": ') })],
    ['pack.json that is an array', zipSync({ 'pack.json': strToU8('[]') })],
    ['a bad uuid', zipSync({ 'pack.json': packJson([], { uuid: 'not-a-uuid' }) })],
    ['a missing name', zipSync({ 'pack.json': packJson([], { name: 42 }) })],
    ['a negative version', zipSync({ 'pack.json': packJson([], { version: -1 }) })],
    ['icons that are not a list', zipSync({ 'pack.json': packJson([], { icons: { a: 1 } }) })],
    ['pack.json that is not UTF-8', zipSync({ 'pack.json': Uint8Array.from([0xff, 0xfe, 0x7b]) })],
  ])('refuses a pack with %s as ICON_PACK_INVALID', (_name, zip) => {
    expect(errorOf(() => open(zip))).toBe('ICON_PACK_INVALID');
  });
});

describe('unzipping a hostile icon pack', () => {
  it.each([
    ['a path that climbs out (../)', '../evil.png'],
    ['an absolute path', '/etc/evil.png'],
    ['a Windows path', 'a\\..\\evil.png'],
    ['a drive letter', 'C:/evil.png'],
    ['a "." segment', 'a/./evil.png'],
    ['an empty segment', 'a//evil.png'],
    ['a control character', 'a\u0001.png'],
  ])('refuses %s before inflating anything', (_name, path) => {
    expect(errorOf(() => unzipIconPack(makePack([], { [path]: PNG })))).toBe('ICON_PACK_INVALID');
  });

  it('refuses two entries with the same name (or the same name in another case)', () => {
    const zip = makePack([], { 'a.png': PNG, 'b.png': PNG });
    expect(errorOf(() => unzipIconPack(patchBytes(zip, 'b.png', 'a.png')))).toBe('ICON_PACK_INVALID');
    expect(errorOf(() => unzipIconPack(patchBytes(zip, 'b.png', 'A.png')))).toBe('ICON_PACK_INVALID');
  });

  it('refuses an icon that says it inflates beyond the icon limit, or far beyond its compressed size', () => {
    const big = new Uint8Array(ICON_PACK_LIMITS.iconBytesMax + 1);
    expect(errorOf(() => unzipIconPack(makePack([], { 'big.png': big })))).toBe('ICON_PACK_TOO_LARGE');
    const zeros = new Uint8Array(900 * 1024); // deflates ~1000×: a bomb's ratio, though under the size limit
    expect(errorOf(() => unzipIconPack(makePack([], { 'zeros.svg': zeros })))).toBe('ICON_PACK_TOO_LARGE');
  });

  it('stops a bomb whose headers lie about its size within one small chunk', () => {
    const bomb = zipSync({ 'bomb.png': new Uint8Array(16 * 1024 * 1024) }, { level: 9 });
    const lying = lieAboutSizes(bomb, 1000);
    expect(errorOf(() => unzipIconPack(lying))).toBe('ICON_PACK_TOO_LARGE');
  });

  it('refuses an entry that inflates to less than its header says', () => {
    expect(errorOf(() => unzipIconPack(lieAboutSizes(makePack([], { 'a.svg': SVG }), 100_000)))).toMatch(/ICON_PACK_/);
  });

  it('refuses a pack with too many files, too large a ZIP, or something that is not a ZIP', () => {
    const many: Zippable = {};
    for (let i = 0; i <= ICON_PACK_LIMITS.entriesMax; i++) many[`i${i}.txt`] = new Uint8Array(0);
    expect(errorOf(() => unzipIconPack(zipSync(many, { level: 0 })))).toBe('ICON_PACK_TOO_LARGE');
    expect(errorOf(() => unzipIconPack(new Uint8Array(ICON_PACK_LIMITS.zipBytesMax + 1)))).toBe('ICON_PACK_TOO_LARGE');
    expect(errorOf(() => unzipIconPack(strToU8('not a zip at all, just text')))).toBe('ICON_PACK_INVALID');
    expect(errorOf(() => unzipIconPack(new Uint8Array(0)))).toBe('ICON_PACK_INVALID');
  });

  it('caps the total inflated size over all icons, and refuses unknown compression methods', () => {
    const guard = new ZipGuard(1000);
    const icon = (i: number) => ({
      name: `i${i}.png`,
      size: 900_000,
      originalSize: ICON_PACK_LIMITS.iconBytesMax,
      compression: 8,
    });
    let i = 0;
    expect(
      errorOf(() => {
        for (; i < 200; i++) guard.admit(icon(i));
      }),
    ).toBe('ICON_PACK_TOO_LARGE');
    expect(i).toBe(ICON_PACK_LIMITS.totalBytesMax / ICON_PACK_LIMITS.iconBytesMax);
    expect(errorOf(() => new ZipGuard(10).admit({ name: 'a.png', size: 1, originalSize: 1, compression: 12 }))).toBe(
      'ICON_PACK_INVALID',
    );
  });
});

describe('matching an issuer to a pack icon', () => {
  const icon = (filename: string, issuer: string[]) => ({ filename, issuer });
  const pack = open(
    makePack(
      [
        icon('Google.png', ['google']),
        icon('Google.svg', ['google']),
        icon('GoogleCloud.svg', ['google cloud', 'gcp']),
        icon('Blizzard.svg', ['blizzard', 'battle.net']),
        icon('KEK.svg', ['kek vpn', 'kek']),
        icon('X.svg', ['x']),
      ],
      {
        'Google.png': PNG,
        'Google.svg': SVG,
        'GoogleCloud.svg': SVG,
        'Blizzard.svg': SVG,
        'KEK.svg': SVG,
        'X.svg': SVG,
      },
    ),
  );
  const best = (issuer: string) => bestIcon([pack], issuer)?.filename ?? null;

  it.each([
    ['Google', 'Google.svg'],
    ['  GOOGLE ', 'Google.svg'],
    ['Google Cloud', 'GoogleCloud.svg'],
    ['googlecloud', 'GoogleCloud.svg'],
    ['Battle.net', 'Blizzard.svg'],
    ['KEK VPN', 'KEK.svg'],
    ['PassLogic (KEK VPN)', 'KEK.svg'],
    ['ｇｏｏｇｌｅ', 'Google.svg'],
    ['Bliz', 'Blizzard.svg'],
    ['X', 'X.svg'],
    ['Unknown Bank', null],
    ['', null],
    ['go', null],
  ])('proposes for %j: %s', (issuer, filename) => {
    expect(best(issuer)).toBe(filename);
  });

  it('lists every match best first: exact, then longer contained patterns, SVG before PNG', () => {
    expect(suggestIcons([pack], 'google').map((i) => i.filename)).toEqual([
      'Google.svg',
      'Google.png',
      'GoogleCloud.svg',
    ]);
    expect(suggestIcons([pack], 'google', 1)).toHaveLength(1);
  });
});

describe('matching hostile issuers and patterns', () => {
  const pack = open(
    makePack(
      [
        { filename: 'Regex.svg', issuer: ['.*', 'a+b'] },
        { filename: 'Blank.svg', issuer: ['   ', ''] },
        { filename: 'Proto.svg', issuer: ['__proto__'] },
      ],
      { 'Regex.svg': SVG, 'Blank.svg': SVG, 'Proto.svg': SVG },
    ),
  );
  const best = (issuer: string) => bestIcon([pack], issuer)?.filename ?? null;

  it('treats patterns as plain text, never as regular expressions', () => {
    expect(best('anything')).toBeNull();
    expect(best('aab')).toBeNull();
    expect(best('A+B Bank')).toBe('Regex.svg');
  });

  it('ignores blank patterns, and names like __proto__ or constructor are only text', () => {
    expect(best('   ')).toBeNull();
    expect(best('constructor')).toBeNull();
    expect(best('__PROTO__')).toBe('Proto.svg');
  });

  it('answers for a huge issuer, or one that is not a string at all, without throwing', () => {
    expect(best('x'.repeat(200_000))).toBeNull();
    expect(bestIcon([pack], undefined as unknown as string)).toBeNull();
    expect(bestIcon([], 'google')).toBeNull();
  });
});
