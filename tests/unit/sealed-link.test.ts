import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { readActivation, readOpenedActivation } from '../../src/core/activation';
import { KeyslotError, isKeyslotError, type ErrorCode } from '../../src/core/errors';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  LINK_KDF_DEFAULT,
  LINK_KDF_MAX,
  LINK_KDF_MIN,
  base64UrlDecode,
  base64UrlEncode,
  codeFromRandom,
  formatCode,
  normaliseCode,
  openSealed,
  parseSealed,
  sealUri,
  sealedLink,
  type LinkCrypto,
  type LinkKdf,
} from '../../src/core/sealed-link';
import { linkCrypto, makeSealedLink, openSealedLink } from '../../src/platform/sealed-link';
import { catchKeyslotError, expectNoLeak } from './fixtures/errors';

const SECRET = 'MNQW4YLSPEWXGZLDOJSXILJUGI';
const URI = `otpauth://totp/Acme%20Lab:alice@example.org?secret=${SECRET}&issuer=Acme%20Lab`;
const APP = 'https://keyslot.example.org/';
const CODE = '7KQ2MXR9TD';
const SALT = Uint8Array.from({ length: 16 }, (_, i) => i);
const NONCE = Uint8Array.from({ length: 12 }, (_, i) => 100 + i);

/** Real AES-GCM (WebCrypto) with a fast stand-in for Argon2id, for tests that open thousands of links. */
const fastCrypto: LinkCrypto = {
  ...linkCrypto,
  argon2id: async (password, salt, kdf) =>
    Uint8Array.from(createHash('sha256').update(password).update(salt).update(JSON.stringify(kdf)).digest()),
};

async function rejection(p: Promise<unknown>): Promise<KeyslotError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isKeyslotError(e)) throw new Error(`expected a KeyslotError, got ${String(e)}`);
  return e;
}

async function expectRefused(p: Promise<unknown>, code: ErrorCode, input: string, field?: string): Promise<void> {
  const e = await rejection(p);
  expect(e.code).toBe(code);
  if (field) expect(e.field).toBe(field);
  expectNoLeak(e, input, [SECRET, CODE, URI]);
}

/** A payload whose bytes the test edits: decode, change, encode. */
function edit(payload: string, change: (bytes: Uint8Array) => Uint8Array | void): string {
  const bytes = base64UrlDecode(payload.slice(4))!;
  return `ks1.${base64UrlEncode(change(bytes) ?? bytes)}`;
}

const seal = (kdf: LinkKdf = LINK_KDF_MIN, c: LinkCrypto = fastCrypto) =>
  sealUri(URI, { code: CODE, salt: SALT, nonce: NONCE, kdf }, c);

describe('the sealed link format (ks1)', () => {
  it('matches a link made independently with pyca/cryptography (Argon2id, AES-GCM) from the spec', async () => {
    // docs/activation-links.md, computed with Python: Argon2id(salt=bytes(range(16)), length=32, iterations=2,
    // lanes=1, memory_cost=19456).derive(b"7KQ2MXR9TD"); AESGCM(key).encrypt(bytes(range(100,112)), uri,
    // b"keyslot/link/v1" + header + salt); "ks1." + base64url(header + salt + nonce + ct) without '='.
    const uri = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme';
    const expected =
      'ks1.AQEAAEwAAgEAAQIDBAUGBwgJCgsMDQ4PZGVmZ2hpamtsbW5v4t6g9ICyEao1pnM4_Z6GrSu2HZ7M2OSK36vC0M5CAjmOn_UMtptmOkm3Nri7QDa86yBoIdJGH7__69_e-0NSnznF7EWI4ic02DnfWz8';
    expect(await sealUri(uri, { code: CODE, salt: SALT, nonce: NONCE, kdf: LINK_KDF_MIN }, linkCrypto)).toBe(expected);
    expect(await openSealed(parseSealed(expected), '7kq2m-xr9td', linkCrypto)).toBe(uri);
  });

  it('seals a URI into a link that holds no trace of it and opens again with the code', async () => {
    const { link, code } = await makeSealedLink(APP, URI, LINK_KDF_MIN);
    expect(link.startsWith(`${APP}#add=ks1.`)).toBe(true);
    for (const trace of [SECRET, SECRET.toLowerCase(), 'otpauth', 'Acme', 'alice', code])
      expect(link).not.toContain(trace);
    const activation = readActivation(link);
    expect(activation.kind).toBe('sealed');
    if (activation.kind !== 'sealed') return;
    expect(activation.sealed.kdf).toEqual(LINK_KDF_MIN);
    const opened = readOpenedActivation(await openSealedLink(activation.sealed, formatCode(code)));
    expect(opened.kind === 'slot' && [opened.draft.issuer, opened.draft.account]).toEqual([
      'Acme Lab',
      'alice@example.org',
    ]);
  });

  it('writes the default cost (64 MiB, 3 passes) into the header when none is given', async () => {
    const payload = await sealUri(URI, { code: CODE, salt: SALT, nonce: NONCE }, fastCrypto);
    expect(parseSealed(payload).kdf).toEqual(LINK_KDF_DEFAULT);
  });

  it('reads the same link from a full address, a bare fragment and among other fragment parameters', async () => {
    const payload = await seal();
    for (const text of [
      `${APP}#add=${payload}`,
      `#add=${payload}`,
      `https://intra.example/ks/?v=2#lang=ja&add=${payload}`,
    ]) {
      expect(readActivation(text).kind).toBe('sealed');
    }
  });

  it('refuses a wrong code with LINK_CODE_WRONG and shows nothing of the link, code or URI', async () => {
    const payload = await seal(LINK_KDF_MIN, linkCrypto);
    await expectRefused(
      openSealed(parseSealed(payload), '7KQ2MXR9TE', linkCrypto),
      'LINK_CODE_WRONG',
      payload,
      'activationCode',
    );
  });

  it('refuses every edited byte of salt, nonce or ciphertext, and edited parameters, as a wrong code', async () => {
    const payload = await seal();
    const length = base64UrlDecode(payload.slice(4))!.length;
    for (let i = 8; i < length; i++) {
      const edited = edit(payload, (b) => void (b[i]! ^= 0x01));
      await expectRefused(openSealed(parseSealed(edited), CODE, fastCrypto), 'LINK_CODE_WRONG', edited);
    }
    // Parameters still within bounds but not the ones sealed: the AAD binds them.
    const spy = vi.fn(fastCrypto.argon2id);
    const bumped = edit(payload, (b) => void (b[6] = 3));
    await expectRefused(
      openSealed(parseSealed(bumped), CODE, { ...fastCrypto, argon2id: spy }),
      'LINK_CODE_WRONG',
      bumped,
    );
    expect(spy).toHaveBeenCalledWith(expect.anything(), expect.anything(), { ...LINK_KDF_MIN, iterations: 3 });
  });

  it('refuses a link cut short at every length without running anything it cannot check', async () => {
    const payload = await seal();
    for (let n = 4; n < payload.length; n++) {
      const cut = payload.slice(0, n);
      let parsed;
      try {
        parsed = parseSealed(cut);
      } catch (e) {
        expect((e as KeyslotError).code).toBe('LINK_DAMAGED');
        expectNoLeak(e as KeyslotError, cut, [SECRET, CODE]);
        continue;
      }
      // Long enough to parse, but the tag no longer matches.
      await expectRefused(openSealed(parsed, CODE, fastCrypto), 'LINK_CODE_WRONG', cut);
    }
  });

  it('refuses parameters a hostile link asks for, before any key derivation', async () => {
    const spy = vi.fn(fastCrypto.argon2id);
    const payload = await seal();
    const u32 = (n: number) => (b: Uint8Array) =>
      void b.set([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255], 2);
    const hostile: Array<[string, (b: Uint8Array) => void]> = [
      ['4 GiB of memory', u32(0xffff_ffff)],
      ['memory one above the cap', u32(LINK_KDF_MAX.memoryKiB + 1)],
      ['memory under the floor', u32(LINK_KDF_MIN.memoryKiB - 1)],
      ['255 passes', (b) => void (b[6] = 255)],
      ['one pass', (b) => void (b[6] = 1)],
      ['no lanes', (b) => void (b[7] = 0)],
      ['too many lanes', (b) => void (b[7] = LINK_KDF_MAX.parallelism + 1)],
      [
        'the largest memory with 5 passes (over the total work cap)',
        (b) => (u32(LINK_KDF_MAX.memoryKiB)(b), void (b[6] = 5)),
      ],
      ['an unknown key derivation', (b) => void (b[1] = 2)],
    ];
    for (const [, change] of hostile) {
      const link = edit(payload, change);
      const e = catchKeyslotError(() => parseSealed(link));
      expect([e.code, e.field]).toEqual(['LINK_DAMAGED', 'link.kdf']);
      expectNoLeak(e, link, [SECRET, CODE]);
    }
    // openSealed checks again: a SealedActivation made by hand gets no further.
    const good = parseSealed(payload);
    const forged = { ...good, kdf: { ...good.kdf, memoryKiB: 4_194_304 } };
    await expectRefused(
      openSealed(forged, CODE, { ...fastCrypto, argon2id: spy }),
      'LINK_DAMAGED',
      payload,
      'link.kdf',
    );
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses another version with LINK_VERSION, by its prefix or its first byte', async () => {
    const payload = await seal();
    for (const link of [`ks2.${payload.slice(4)}`, `ks10.${payload.slice(4)}`, edit(payload, (b) => void (b[0] = 2))]) {
      const e = catchKeyslotError(() => readActivation(`${APP}#add=${link}`));
      expect([e.code, e.field]).toEqual(['LINK_VERSION', 'link.version']);
      expectNoLeak(e, link, [SECRET, CODE]);
    }
  });

  it('refuses damaged base64url: padding, the standard alphabet, a lone symbol, non-canonical last bits', async () => {
    const payload = await seal();
    const body = payload.slice(4);
    const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // With 2 or 3 symbols in the last group, its lowest bit is unused: setting it is non-canonical.
    const last = B64URL.indexOf(body.at(-1)!);
    const lastBitSet = body.length % 4 === 0 ? null : `ks1.${body.slice(0, -1)}${B64URL[last | 1]}`;
    const damaged = [
      `${payload}=`,
      `ks1.${body.replace(/[-_]/, '+')}`,
      `ks1.${body.replace(/[-_]/, '/')}`,
      `ks1.${body.slice(0, Math.floor(body.length / 4) * 4 - 3)}`,
      'ks1.',
      `ks1.${body.slice(0, 10)}`,
    ];
    if (lastBitSet && last % 2 === 0) damaged.push(lastBitSet);
    expect(damaged.length).toBeGreaterThan(5);
    for (const link of damaged) {
      expect(catchKeyslotError(() => parseSealed(link)).code).toBe('LINK_DAMAGED');
    }
  });

  it('refuses a sealed text that is not an otpauth URI as damaged, and never reads a link inside', async () => {
    // Built by hand from the spec: a tool other than Keyslot's could seal anything.
    const payload = await seal();
    const sealed = parseSealed(payload);
    const key = await fastCrypto.argon2id(new TextEncoder().encode(CODE), sealed.salt, sealed.kdf);
    for (const inner of [
      'https://keyslot.example.org/#add=otpauth%3A%2F%2Ftotp%2Fx%3Fsecret%3DJBSWY3DPEHPK3PXP',
      'hello',
    ]) {
      const aad = new Uint8Array([...new TextEncoder().encode('keyslot/link/v1'), ...sealed.bound]);
      const ct = await fastCrypto.aesGcmEncrypt(key, sealed.nonce, new TextEncoder().encode(inner), aad);
      await expectRefused(openSealed({ ...sealed, ct }, CODE, fastCrypto), 'LINK_DAMAGED', payload, 'uri');
    }
  });

  it('refuses to seal anything but an otpauth URI, or to link to anything but an http(s) app address', async () => {
    await expectRefused(
      sealUri('https://example.org/', { code: CODE, salt: SALT, nonce: NONCE }, fastCrypto),
      'URI_SCHEME',
      'https://example.org/',
    );
    await expectRefused(makeSealedLink('javascript:alert(1)//', URI), 'URI_SCHEME', URI);
    expect(sealedLink(`${APP}#old`, 'ks1.AA')).toBe(`${APP}#add=ks1.AA`);
  });
});

describe('the one-time activation code', () => {
  it('is 10 symbols of Crockford base32 (50 bits) taken without bias from random bytes', () => {
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBe(50);
    const seen = new Set<string>();
    for (let b = 0; b < 256; b += 10) {
      const code = codeFromRandom(Uint8Array.from({ length: 10 }, (_, i) => b + i));
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      for (const c of code) seen.add(c);
    }
    expect(seen.size).toBe(32);
    expect(formatCode('7KQ2MXR9TD')).toBe('7KQ2M-XR9TD');
  });

  it('is read forgivingly: any case, spaces and dashes, full-width characters, O as 0 and I or L as 1', () => {
    for (const typed of ['7kq2m-xr9td', ' 7KQ2M XR9TD ', '７ＫＱ２Ｍ－ＸＲ９ＴＤ', '7kq2m ー xr9td'])
      expect(normaliseCode(typed)).toBe(CODE);
    expect(normaliseCode('O1IL0-oilo1')).toBe('0111001101');
  });

  it('refuses a mistyped code with LINK_CODE_INVALID before any key derivation', async () => {
    const spy = vi.fn(fastCrypto.argon2id);
    const payload = await seal();
    for (const typed of [
      '',
      '7KQ2MXR9T',
      '7KQ2MXR9TDD',
      '7KQ2U-XR9TD',
      '7KQ2M_XR9TD',
      '7KQ2M😀XR9TD',
      'x'.repeat(10_000),
    ]) {
      await expectRefused(
        openSealed(parseSealed(payload), typed, { ...fastCrypto, argon2id: spy }),
        'LINK_CODE_INVALID',
        typed,
        'activationCode',
      );
    }
    expect(spy).not.toHaveBeenCalled();
  });
});
