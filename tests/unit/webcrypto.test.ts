import { describe, expect, it } from 'vitest';
import {
  generateExtractableDataKey,
  importKek,
  openRecord,
  pbkdf2Sha256,
  randomBytes,
  randomId,
  sealRecord,
  unwrapDataKey,
  wrapDataKey,
} from '../../src/platform/webcrypto';
import { recordAad } from '../../src/core/vault';
import { expectCode } from './fixtures/errors';

const ID = '00112233445566778899aabbccddeeff';
const OTHER_ID = 'ffeeddccbbaa99887766554433221100';
const AAD = new TextEncoder().encode('["keyslot-vault",1,0,"x","pin"]');
const flip = (bytes: Uint8Array, i: number) => {
  const out = Uint8Array.from(bytes);
  out[i < 0 ? out.length + i : i]! ^= 0x01;
  return out;
};

async function kek(fill = 5): Promise<CryptoKey> {
  return importKek(new Uint8Array(32).fill(fill));
}

describe('randomness', () => {
  it('returns the requested number of random bytes, including more than one getRandomValues call holds', () => {
    expect(randomBytes(12).length).toBe(12);
    const big = randomBytes(70_000);
    expect(big.length).toBe(70_000);
    expect(big.subarray(65_536).some((b) => b !== 0)).toBe(true);
    expect(randomBytes(16)).not.toEqual(randomBytes(16));
  });

  it('makes 128-bit lower-case hex ids that do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, randomId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('key wrapping', () => {
  it('imports the KEK as a non-extractable wrapping key', async () => {
    const k = await kek();
    expect(k.extractable).toBe(false);
    expect([...k.usages].sort()).toEqual(['unwrapKey', 'wrapKey']);
    await expect(crypto.subtle.exportKey('raw', k)).rejects.toThrow();
  });

  it('refuses a KEK that is not 32 bytes', () => {
    expect(() => importKek(new Uint8Array(16))).toThrow(/KDF_FAILED/);
  });

  it('unwraps the data key as non-extractable, and it decrypts what the original encrypted', async () => {
    const original = await generateExtractableDataKey();
    expect(original.extractable).toBe(true);
    const k = await kek();
    const { iv, wrappedKey } = await wrapDataKey(k, original, AAD);
    expect(iv.length).toBe(12);
    expect(wrappedKey.length).toBe(48);

    const unwrapped = await unwrapDataKey(k, iv, wrappedKey, AAD);
    expect(unwrapped.extractable).toBe(false);
    expect([...unwrapped.usages].sort()).toEqual(['decrypt', 'encrypt']);
    await expect(crypto.subtle.exportKey('raw', unwrapped)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', unwrapped)).rejects.toThrow();

    const pt = new TextEncoder().encode('hello slot');
    const sealed = await sealRecord(original, pt, recordAad(ID));
    expect(await openRecord(unwrapped, sealed.iv, sealed.ct, recordAad(ID))).toEqual(pt);
  });

  it('uses a fresh IV for every wrap', async () => {
    const original = await generateExtractableDataKey();
    const k = await kek();
    const a = await wrapDataKey(k, original, AAD);
    const b = await wrapDataKey(k, original, AAD);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.wrappedKey).not.toEqual(b.wrappedKey);
  });

  it('fails with PIN_WRONG for a wrong KEK, other AAD, or a flipped IV, ciphertext or tag byte', async () => {
    const k = await kek();
    const { iv, wrappedKey } = await wrapDataKey(k, await generateExtractableDataKey(), AAD);
    await expectCode(unwrapDataKey(await kek(6), iv, wrappedKey, AAD), 'PIN_WRONG');
    await expectCode(unwrapDataKey(k, iv, wrappedKey, flip(AAD, 3)), 'PIN_WRONG');
    await expectCode(unwrapDataKey(k, iv, wrappedKey, new Uint8Array(0)), 'PIN_WRONG');
    await expectCode(unwrapDataKey(k, flip(iv, 0), wrappedKey, AAD), 'PIN_WRONG');
    await expectCode(unwrapDataKey(k, iv, flip(wrappedKey, 0), AAD), 'PIN_WRONG');
    await expectCode(unwrapDataKey(k, iv, flip(wrappedKey, -1), AAD), 'PIN_WRONG');
  });

  it('refuses a wrapped key or IV of the wrong length with VAULT_CORRUPT', async () => {
    const k = await kek();
    await expectCode(unwrapDataKey(k, new Uint8Array(12), new Uint8Array(40), AAD), 'VAULT_CORRUPT');
    await expectCode(unwrapDataKey(k, new Uint8Array(16), new Uint8Array(48), AAD), 'VAULT_CORRUPT');
  });
});

describe('slot record sealing', () => {
  it('round-trips a record, with a 12-byte IV and a 16-byte tag', async () => {
    const key = await generateExtractableDataKey();
    const pt = new TextEncoder().encode('{"id":"x"}');
    const { iv, ct } = await sealRecord(key, pt, recordAad(ID));
    expect(iv.length).toBe(12);
    expect(ct.length).toBe(pt.length + 16);
    expect(await openRecord(key, iv, ct, recordAad(ID))).toEqual(pt);
  });

  it('gives two encryptions of the same plaintext different IVs and ciphertexts', async () => {
    const key = await generateExtractableDataKey();
    const pt = new TextEncoder().encode('same');
    const a = await sealRecord(key, pt, recordAad(ID));
    const b = await sealRecord(key, pt, recordAad(ID));
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ct).not.toEqual(b.ct);
  });

  it('fails with VAULT_CORRUPT when the record is read under another id (AAD binds the id)', async () => {
    const key = await generateExtractableDataKey();
    const { iv, ct } = await sealRecord(key, new TextEncoder().encode('x'), recordAad(ID));
    await expectCode(openRecord(key, iv, ct, recordAad(OTHER_ID)), 'VAULT_CORRUPT');
  });

  it('fails with VAULT_CORRUPT for a flipped IV, ciphertext or tag byte, or another key', async () => {
    const key = await generateExtractableDataKey();
    const { iv, ct } = await sealRecord(key, new TextEncoder().encode('some plaintext'), recordAad(ID));
    await expectCode(openRecord(key, flip(iv, 11), ct, recordAad(ID)), 'VAULT_CORRUPT');
    await expectCode(openRecord(key, iv, flip(ct, 0), recordAad(ID)), 'VAULT_CORRUPT');
    await expectCode(openRecord(key, iv, flip(ct, -1), recordAad(ID)), 'VAULT_CORRUPT');
    await expectCode(openRecord(key, iv, ct.subarray(0, ct.length - 1), recordAad(ID)), 'VAULT_CORRUPT');
    await expectCode(openRecord(await generateExtractableDataKey(), iv, ct, recordAad(ID)), 'VAULT_CORRUPT');
  });
});

describe('PBKDF2-HMAC-SHA256', () => {
  // RFC 7914 §11 (PBKDF2-HMAC-SHA256 test vectors), dkLen = 64.
  it('matches RFC 7914 §11 for P="passwd", S="salt", c=1', async () => {
    const out = await pbkdf2Sha256('passwd', new TextEncoder().encode('salt'), 1, 64);
    expect(Buffer.from(out).toString('hex')).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc' +
        '49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    );
  });

  it('matches RFC 7914 §11 for P="Password", S="NaCl", c=80000', async () => {
    const out = await pbkdf2Sha256('Password', new TextEncoder().encode('NaCl'), 80_000, 64);
    expect(Buffer.from(out).toString('hex')).toBe(
      '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56' +
        'a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d',
    );
  });

  it("returns 32 bytes by default and leaves the caller's password buffer as it was", async () => {
    const pw = new TextEncoder().encode('123456');
    const out = await pbkdf2Sha256(pw, new Uint8Array(16), 1);
    expect(out.length).toBe(32);
    expect(pw).toEqual(new TextEncoder().encode('123456')); // we wipe our own copy only
  });

  it('rejects zero iterations (the primitive refuses, it does not return weak output)', async () => {
    await expect(pbkdf2Sha256('x', new Uint8Array(16), 0)).rejects.toThrow();
  });
});
