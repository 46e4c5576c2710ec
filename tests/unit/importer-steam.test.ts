// Steam Guard entries in other apps' exports are planned and imported as Steam slots (issue 15),
// never "not supported": one happy and one hostile case per importer that has them, from files
// written in each app's layout (fixtures/importers/make.ts).
import { describe, expect, it } from 'vitest';
import { importFile, type ImportEntry } from '../../src/core/importers';
import { countPlan, planImport, runImport } from '../../src/core/importers/plan';
import type { SlotDraft } from '../../src/core/slot';
import { importCrypto } from '../../src/platform/import-crypto';
import * as make from './fixtures/importers/make';

const { STEAM } = make;
const A = make.ACCOUNTS[0]!;
const text = (s: string) => new TextEncoder().encode(s);
const json = (v: unknown) => text(JSON.stringify(v));
/** A Steam entry whose file claims other parameters: Steam's own always win. */
const CLAIMS_MORE: make.Account = { ...STEAM, algorithm: 'SHA512', digits: 8, period: 60 };
/** A Steam entry whose secret is not base32. */
const BAD_SECRET = (file: Uint8Array) => text(new TextDecoder().decode(file).replaceAll(make.b32(STEAM), '!!!!'));

async function plan(name: string, bytes: Uint8Array) {
  const { entries } = await importFile(name, bytes, { crypto: importCrypto });
  return { entries, plan: planImport(entries, []) };
}

function steamDraftOf(entry: ImportEntry | undefined): SlotDraft {
  if (entry?.status !== 'ok') throw new Error(`not read: ${JSON.stringify(entry)}`);
  return entry.draft;
}

const FORMATS: readonly (readonly [string, (accounts: make.Account[]) => Uint8Array])[] = [
  ['aegis.json', make.aegisPlain],
  ['backup.2fas', make.twoFasPlain],
  ['ente.txt', (a) => make.uriList(a, '&codeDisplay=%7B%22pinned%22%3Atrue%7D')],
  ['andotp.json', make.andOtpPlain],
  ['bitwarden.json', (a) => make.bitwardenJson(a)],
  ['bitwarden.csv', make.bitwardenCsv],
  ['proton.json', make.proton],
  ['stratum.json', make.stratum],
];

describe('Steam entries of every importer that has them', () => {
  for (const [name, write] of FORMATS) {
    it(`${name}: plans the Steam entry as an import of a 5-character Steam slot, beside the others`, async () => {
      const { entries, plan: planned } = await plan(name, write([STEAM, A]));
      expect(planned.map((p) => p.action)).toEqual(['import', 'import']);
      expect(countPlan(planned).unsupported).toBe(0);
      expect(steamDraftOf(entries[0])).toMatchObject({ kind: 'steam', algorithm: 'SHA1', digits: 5, period: 30 });
      expect(steamDraftOf(entries[0]).secret).toEqual(STEAM.secret);
    });

    it(`${name}: keeps Steam's parameters whatever the file claims, and fails only a Steam entry with a bad secret`, async () => {
      const claimed = await plan(name, write([CLAIMS_MORE, A]));
      expect(steamDraftOf(claimed.entries[0])).toMatchObject({
        kind: 'steam',
        algorithm: 'SHA1',
        digits: 5,
        period: 30,
      });
      const broken = await plan(name, BAD_SECRET(write([STEAM, A])));
      expect(broken.plan.map((p) => p.action)).toEqual(['failed', 'import']);
    });
  }

  it('Steam maFile: plans the account as an import; a file without a secret fails, not "unsupported"', async () => {
    expect((await plan('a.maFile', make.steamMaFile('gamer'))).plan.map((p) => p.action)).toEqual(['import']);
    const bad = json({ account_name: 'gamer', shared_secret: '' });
    expect((await plan('b.maFile', bad)).plan.map((p) => p.action)).toEqual(['failed']);
  });

  it('a URI list reads otpauth://steam/, encoder=steam and bare steam:// lines as Steam slots', async () => {
    const secret = make.b32(STEAM);
    const file = text(
      [
        `otpauth://steam/Steam:gamer?secret=${secret}&issuer=Steam`,
        `otpauth://totp/Steam:other?secret=${make.b32(A)}&encoder=steam`,
        `steam://${secret}`,
      ].join('\n'),
    );
    const { entries, plan: planned } = await plan('list.txt', file);
    expect(entries.map((e) => steamDraftOf(e).kind)).toEqual(['steam', 'steam', 'steam']);
    expect(entries[2]).toMatchObject({ issuer: 'Steam', account: '' });
    // The bare line has the first one's secret: a duplicate within the file, not a second slot.
    expect(planned.map((p) => p.action)).toEqual(['import', 'import', 'duplicate']);
  });

  it('a URI list refuses encoder=steam on an HOTP and a steam:// line without a base32 secret', async () => {
    const file = text(
      [`otpauth://hotp/X:y?secret=${make.b32(A)}&counter=1&encoder=steam`, 'steam://not base32!'].join('\n'),
    );
    const { plan: planned } = await plan('list.txt', file);
    expect(planned.map((p) => (p.action === 'failed' ? p.entry.code : p.action))).toEqual([
      'OTP_TYPE',
      'SECRET_INVALID',
    ]);
  });

  it('runImport stores the Steam entry as a Steam draft', async () => {
    const { entries } = await importFile('aegis.json', make.aegisPlain([STEAM]), { crypto: importCrypto });
    const saved: SlotDraft[] = [];
    const rows = await runImport(entries, [], async (draft) => saved.push(draft));
    expect(rows.map((r) => r.outcome)).toEqual(['imported']);
    expect(saved).toMatchObject([{ kind: 'steam', digits: 5, issuer: 'Steam', account: 'gamer' }]);
  });
});
