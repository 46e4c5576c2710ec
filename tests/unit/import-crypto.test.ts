// The crypto behind encrypted imports (src/platform/import-crypto.ts): WebCrypto's PBKDF2,
// AES-GCM, AES-CBC and SHA-256 with raw keys, and scrypt / Argon2id from hash-wasm through the
// KDF worker's request handler. Published vectors where they exist; node:crypto as the
// independent implementation otherwise; hostile requests must be refused, never run.
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runImportKdfRequest } from '../../src/platform/argon2';
import { importCrypto } from '../../src/platform/import-crypto';
import { pbkdf2Raw } from '../../src/platform/webcrypto';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('key derivation for imports', () => {
  it('derives PBKDF2-HMAC-SHA1 as RFC 6070 says (test 2) and SHA-256 as RFC 7914 §11 says', async () => {
    expect(hex(await importCrypto.pbkdf2('SHA-1', utf8('password'), utf8('salt'), 2, 20))).toBe(
      'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957',
    );
    expect(hex(await importCrypto.pbkdf2('SHA-256', utf8('passwd'), utf8('salt'), 1, 64))).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    );
  });

  it('refuses a hash it does not know', async () => {
    await expect(pbkdf2Raw('MD5', utf8('a'), utf8('b'), 1, 16)).rejects.toMatchObject({ code: 'KDF_FAILED' });
  });

  it('derives scrypt as RFC 7914 §12 says', async () => {
    const key = await importCrypto.scrypt(utf8('password'), utf8('NaCl'), { N: 1024, r: 8, p: 16 }, 64);
    expect(hex(key)).toBe(
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
    );
  });

  it('derives Argon2id keys that depend on the password and the salt', async () => {
    const params = { iterations: 1, memoryKiB: 64, parallelism: 1 };
    const a = await importCrypto.argon2id(utf8('pw'), utf8('saltsalt'), params, 32);
    expect(a).toHaveLength(32);
    expect(hex(await importCrypto.argon2id(utf8('pw'), utf8('saltsalt'), params, 32))).toBe(hex(a));
    expect(hex(await importCrypto.argon2id(utf8('pw'), utf8('saltsalT'), params, 32))).not.toBe(hex(a));
  });

  it('refuses worker requests with costs beyond the caps or wrong types, and wipes the password', async () => {
    const hostile: Record<string, unknown>[] = [
      { importKdf: 'scrypt', N: 2 ** 21, r: 8, p: 1, length: 32 },
      { importKdf: 'scrypt', N: 1024, r: 8, p: 99, length: 32 },
      { importKdf: 'scrypt', N: 1024, r: 1024, p: 1, length: 32 },
      { importKdf: 'scrypt', N: 2 ** 18, r: 8, p: 16, length: 32 },
      { importKdf: 'scrypt', N: 1024, r: 8, p: 1, length: 4096 },
      { importKdf: 'argon2id', iterations: 1, memoryKiB: 2 ** 20, parallelism: 1, length: 32 },
      { importKdf: 'argon2id', iterations: 1000, memoryKiB: 64, parallelism: 1, length: 32 },
      { importKdf: 'pbkdf2', length: 32 },
    ];
    for (const req of hostile) {
      const password = utf8('secret');
      expect(await runImportKdfRequest({ ...req, password, salt: utf8('salt') })).toEqual({ ok: false });
      expect([...password].every((b) => b === 0)).toBe(true);
    }
    expect(await runImportKdfRequest(null)).toEqual({ ok: false });
    expect(
      await runImportKdfRequest({
        importKdf: 'scrypt',
        password: 'text',
        salt: utf8('s'),
        N: 16,
        r: 1,
        p: 1,
        length: 32,
      }),
    ).toEqual({ ok: false });
  });
});

describe('decryption for imports', () => {
  const key = Uint8Array.from(randomBytes(32));
  const iv = Uint8Array.from(randomBytes(12));
  const plain = utf8('{"entries":[]}');

  function gcm(aad?: Uint8Array) {
    const c = createCipheriv('aes-256-gcm', key, iv);
    if (aad) c.setAAD(aad);
    return Uint8Array.from(Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]));
  }

  it('opens AES-GCM made by node:crypto, with and without associated data', async () => {
    expect(await importCrypto.aesGcmDecrypt(key, iv, gcm())).toEqual(plain);
    expect(await importCrypto.aesGcmDecrypt(key, iv, gcm(utf8('ad')), utf8('ad'))).toEqual(plain);
  });

  it('rejects AES-GCM with a wrong key, a flipped byte or other associated data', async () => {
    const wrongKey = Uint8Array.from(key);
    wrongKey[0]! ^= 1;
    await expect(importCrypto.aesGcmDecrypt(wrongKey, iv, gcm())).rejects.toThrow();
    const flipped = gcm();
    flipped[3]! ^= 0x80;
    await expect(importCrypto.aesGcmDecrypt(key, iv, flipped)).rejects.toThrow();
    await expect(importCrypto.aesGcmDecrypt(key, iv, gcm(utf8('ad')), utf8('AD'))).rejects.toThrow();
  });

  it('opens AES-CBC with PKCS#7 padding and rejects bad padding', async () => {
    const cbcIv = new Uint8Array(16);
    const c = createCipheriv('aes-256-cbc', key, cbcIv);
    const ct = Uint8Array.from(Buffer.concat([c.update(plain), c.final()]));
    expect(await importCrypto.aesCbcDecrypt(key, cbcIv, ct)).toEqual(plain);
    const raw = createCipheriv('aes-256-cbc', key, cbcIv).setAutoPadding(false);
    const badPadding = Uint8Array.from(Buffer.concat([raw.update(new Uint8Array(16).fill(0x20)), raw.final()]));
    await expect(importCrypto.aesCbcDecrypt(key, cbcIv, badPadding)).rejects.toThrow();
  });

  it('hashes SHA-256 as FIPS 180-4 says for "abc"', async () => {
    expect(hex(await importCrypto.sha256(utf8('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
