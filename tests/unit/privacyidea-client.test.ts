// The privacyIDEA client (src/platform/privacyidea.ts) against a small stand-in server
// (fixtures/fake-privacyidea.ts, Node's crypto doing what privacyIDEA's code does), and then
// against hostile variants of it. The live test (privacyidea-live.test.ts) checks the same
// client against the real server.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { ErrorCode } from '../../src/core/errors';
import { parseRegistrationUri } from '../../src/core/privacyidea/registration';
import { ARGON2_FLOOR } from '../../src/core/vault';
import { registerContainer, removeContainer, requestRollover, syncContainer } from '../../src/platform/privacyidea';
import { readContainerKey } from '../../src/platform/storage';
import { createVault, type UnlockedVault } from '../../src/platform/vault';
import { useFreshIndexedDb } from './fixtures/fresh-db';
import { expectCode } from './fixtures/errors';
import { FakePi, HOTP, NOW, OPTS, QR, TOTP, URL_, fail, ok, type Hook } from './fixtures/fake-privacyidea';

/** The shared expectCode, plus the field, and never privacyIDEA's own error text. */
async function expectPiaCode(p: Promise<unknown>, code: ErrorCode, field?: string): Promise<void> {
  const e = await expectCode(p, code);
  if (field) expect(e.field).toBe(field);
  expect(e.message).not.toContain('secret text');
}

/**
 * Changes the first character of a string field in the sync answer to a different one.
 * (Writing a fixed letter left the answer intact whenever the random value began with it,
 * one run in 64.)
 */
const breakSyncField =
  (field: string): Hook =>
  (p, _b, a) =>
    p.endsWith('synchronize')
      ? {
          ...a,
          text: a.text.replace(new RegExp(`("${field}":")(.)`), (_m, head: string, c: string) =>
            head.concat(c === 'A' ? 'B' : 'A'),
          ),
        }
      : a;
const breakSyncTag = breakSyncField('tag');

describe('registering with a privacyIDEA container', () => {
  useFreshIndexedDb();
  const vault = (): Promise<UnlockedVault> => createVault('731946', { kdf: ARGON2_FLOOR });

  it('signs what the server checks, syncs once, and stores both tokens as managed slots', async () => {
    const pi = new FakePi();
    const v = await vault();
    const out = await registerContainer(v, parseRegistrationUri(QR()), { ...OPTS, transport: pi });
    expect(pi.calls).toEqual(['container/register/finalize', 'container/challenge', 'container/synchronize']);
    const slots = (await v.listSlots()).sort((a, b) => a.kind.localeCompare(b.kind));
    expect(slots.map((s) => [s.kind, s.managed?.token, s.managed?.container, s.managed?.withdrawn])).toEqual([
      ['hotp', 'HOTP0002', 'SMPH01', ''],
      ['totp', 'TOTP0001', 'SMPH01', ''],
    ]);
    expect(out.added).toHaveLength(2);
    expect(slots[0]!.managed).toMatchObject({
      issuer: 'privacyIDEA',
      server: URL_,
      rollover: true,
      noUnregister: false,
      hash: 'SHA256',
    });
    const key = (await readContainerKey(slots[0]!.managed!.keyId)) as CryptoKey;
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-384' });
  });

  it('works in a browser without X25519 in WebCrypto, through @noble/curves', async () => {
    const subtle = globalThis.crypto.subtle;
    const real = subtle.generateKey.bind(subtle);
    const spy = vi
      .spyOn(subtle, 'generateKey')
      .mockImplementation(((alg: AlgorithmIdentifier, ...rest: unknown[]) =>
        (alg as Algorithm).name === 'X25519'
          ? Promise.reject(new DOMException('no', 'NotSupportedError'))
          : (real as (...a: unknown[]) => unknown)(alg, ...rest)) as typeof subtle.generateKey);
    const v = await vault();
    const out = await registerContainer(v, parseRegistrationUri(QR()), { ...OPTS, transport: new FakePi() });
    expect(spy.mock.calls.some(([alg]) => (alg as Algorithm).name === 'X25519')).toBe(true);
    expect(out.added).toHaveLength(2);
  });

  it('refuses a low-order server key in the fallback too', async () => {
    const { x25519Shared } = await import('../../src/platform/x25519-fallback');
    expect(() => x25519Shared(new Uint8Array(32).fill(7), new Uint8Array(32))).toThrow();
  });

  const hostile: [string, Hook, ErrorCode, string?][] = [
    [
      'the server says already registered',
      (p, _b, a) => (p.endsWith('finalize') ? fail(3000) : a),
      'PIA_ALREADY_REGISTERED',
    ],
    [
      'the server cannot be reached',
      () => Promise.reject(Object.assign(new Error('x'), { code: 'PIA_UNREACHABLE' })),
      'PIA_UNREACHABLE',
    ],
    ['the answer is an HTML error page', () => ({ status: 502, text: '<html>bad gateway</html>' }), 'PIA_SERVER'],
    ['the answer is not JSON', () => ({ status: 200, text: '{"result": ' }), 'PIA_ANSWER', 'json'],
    ['the answer is huge', () => ({ status: 200, text: ' '.repeat(1_048_577) }), 'PIA_ANSWER', 'size'],
    [
      'the challenge nonce is not hex',
      (p, _b, a) => (p.endsWith('challenge') ? ok({ nonce: 'zz', time_stamp: '2026-12-03T09:26:00+00:00' }) : a),
      'PIA_ANSWER',
      'nonce',
    ],
    ['the GCM tag is wrong', breakSyncTag, 'PIA_ANSWER', 'tag'],
    ['the ciphertext is changed', breakSyncField('container_dict_server'), 'PIA_ANSWER', 'tag'],
    [
      'the server key is malformed base64',
      (p, _b, a) =>
        p.endsWith('synchronize')
          ? { ...a, text: a.text.replace(/"public_server_key":"/, '"public_server_key":"*') }
          : a,
      'PIA_ANSWER',
      'public_server_key',
    ],
    [
      'the encryption is not AES-GCM',
      (p, _b, a) => (p.endsWith('synchronize') ? { ...a, text: a.text.replace('"mode":"GCM"', '"mode":"CBC"') } : a),
      'PIA_ANSWER',
      'encryption_params',
    ],
    [
      'the algorithm is unknown',
      (p, _b, a) =>
        p.endsWith('synchronize')
          ? { ...a, text: a.text.replace('"encryption_algorithm":"AES"', '"encryption_algorithm":"ChaCha20"') }
          : a,
      'PIA_ANSWER',
      'encryption_algorithm',
    ],
  ];
  for (const [what, hook, code, field] of hostile) {
    it(`stores nothing when ${what} (${code})`, async () => {
      const pi = new FakePi(async (p, b, a) => {
        try {
          return await hook(p, b, a);
        } catch (e) {
          const { KeyslotError } = await import('../../src/core/errors');
          throw new KeyslotError('PIA_UNREACHABLE');
        }
      });
      const v = await vault();
      await expectPiaCode(registerContainer(v, parseRegistrationUri(QR()), { ...OPTS, transport: pi }), code, field);
      expect(await v.listSlots()).toEqual([]);
    });
  }

  it('unregisters again when the first sync fails, so the container is not left bound to a lost key', async () => {
    const pi = new FakePi(breakSyncTag);
    await expectPiaCode(
      registerContainer(await vault(), parseRegistrationUri(QR()), { ...OPTS, transport: pi }),
      'PIA_ANSWER',
      'tag',
    );
    expect(pi.calls.slice(-2)).toEqual(['container/challenge', 'container/register/terminate/client']);
    expect(pi.registered).toBe(false);
  });

  it('registering again on the same device (a reissue) renews its slots in place, with the new key', async () => {
    const v = await vault();
    await registerContainer(v, parseRegistrationUri(QR()), { ...OPTS, transport: new FakePi() });
    const [first] = await v.listSlots();
    await v.updateSlot({ ...first!, name: 'My VPN' });
    const oldKey = first!.managed!.keyId;
    const again = new FakePi();
    again.add = [TOTP.replace('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'), HOTP];
    const out = await registerContainer(v, parseRegistrationUri(QR()), { ...OPTS, transport: again });
    expect(out).toMatchObject({ added: [], changed: 2 });
    const slots = await v.listSlots();
    expect(slots).toHaveLength(2);
    expect(new Set(slots.map((s) => s.managed!.keyId)).size).toBe(1);
    expect(slots[0]!.managed!.keyId).not.toBe(oldKey);
    expect(slots.find((s) => s.id === first!.id)!.name).toBe('My VPN');
    expect(await readContainerKey(oldKey)).toBeUndefined();
  });

  it('refuses a container with no token Keyslot can show, and says so', async () => {
    const pi = new FakePi();
    pi.add = ['otpauth://pipush/PIPU0001?url=https%3A//pi.example.org/ttype/push&serial=PIPU0001'];
    await expectPiaCode(
      registerContainer(await vault(), parseRegistrationUri(QR()), { ...OPTS, transport: pi }),
      'PIA_EMPTY',
    );
  });

  it('checks expiry and the allow-list before sending anything', async () => {
    const pi = new FakePi();
    const v = await vault();
    await expectPiaCode(
      registerContainer(v, parseRegistrationUri(QR()), { ...OPTS, nowMs: NOW + 3_600_000, transport: pi }),
      'PIA_EXPIRED',
    );
    await expectPiaCode(
      registerContainer(v, parseRegistrationUri(QR()), { ...OPTS, allowedOrigins: [], transport: pi }),
      'PIA_NOT_CONFIGURED',
    );
    expect(pi.calls).toEqual([]);
  });
});

describe('synchronising a registered container', () => {
  useFreshIndexedDb();

  async function registered(pi = new FakePi()) {
    const v = await createVault('731946', { kdf: ARGON2_FLOOR });
    await registerContainer(v, parseRegistrationUri(QR()), { ...OPTS, transport: pi });
    return { v, pi };
  }

  it('lists the tokens it holds, and moves an HOTP counter forward to the server’s', async () => {
    const { v, pi } = await registered();
    pi.add = [];
    pi.update = [
      { serial: 'TOTP0001', tokentype: 'totp' },
      { serial: 'HOTP0002', tokentype: 'hotp', counter: 7 },
    ];
    let sent = '';
    pi.hook = (p, b, a) => ((sent = p.endsWith('synchronize') ? b['container_dict_client']! : sent), a);
    const out = await syncContainer(v, 'SMPH01', pi);
    expect(JSON.parse(sent)).toEqual({
      serial: 'SMPH01',
      type: 'smartphone',
      tokens: [
        { serial: 'HOTP0002', tokentype: 'hotp' },
        { serial: 'TOTP0001', tokentype: 'totp' },
      ],
    });
    expect(out).toMatchObject({ added: [], changed: 1, withdrawn: 0 });
    expect((await v.listSlots()).find((s) => s.kind === 'hotp')!.counter).toBe(7);
  });

  it('withdraws a token that left the container, and deletes nothing', async () => {
    const { v, pi } = await registered();
    pi.add = [];
    pi.update = [{ serial: 'TOTP0001', tokentype: 'totp' }];
    expect(await syncContainer(v, 'SMPH01', pi)).toMatchObject({ withdrawn: 1, reason: 'removed' });
    const slots = await v.listSlots();
    expect(slots.map((s) => [s.managed?.token, s.managed?.withdrawn]).sort()).toEqual([
      ['HOTP0002', 'removed'],
      ['TOTP0001', ''],
    ]);
  });

  it('withdraws every slot when the container was unregistered on the server', async () => {
    const { v, pi } = await registered();
    pi.registered = false;
    expect(await syncContainer(v, 'SMPH01', pi)).toMatchObject({ withdrawn: 2, reason: 'unregistered' });
    expect((await v.listSlots()).every((s) => s.managed?.withdrawn === 'unregistered')).toBe(true);
  });

  it('withdraws every slot as moved when its signature no longer verifies (another device took over)', async () => {
    const { v, pi } = await registered();
    pi.publicKey = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey;
    expect(await syncContainer(v, 'SMPH01', pi)).toMatchObject({ withdrawn: 2, reason: 'moved' });
  });

  it('changes nothing when the answer is hostile', async () => {
    const { v, pi } = await registered();
    const before = await v.listSlots();
    pi.hook = breakSyncTag;
    await expectPiaCode(syncContainer(v, 'SMPH01', pi), 'PIA_ANSWER', 'tag');
    expect(await v.listSlots()).toEqual(before);
  });

  it('asks for a rollover QR, signed like every other action', async () => {
    const { v, pi } = await registered();
    expect(await requestRollover(v, 'SMPH01', pi)).toMatch(/^pia:\/\/container\/SMPH01\?/);
  });

  it('removing unregisters on the server and deletes the slots and the key; unreachable deletes locally and says so', async () => {
    const { v, pi } = await registered();
    const keyId = (await v.listSlots())[0]!.managed!.keyId;
    expect(await removeContainer(v, 'SMPH01', pi)).toBe('unregistered');
    expect(pi.registered).toBe(false);
    expect(await v.listSlots()).toEqual([]);
    expect(await readContainerKey(keyId)).toBeUndefined();

    const again = new FakePi();
    await registerContainer(v, parseRegistrationUri(QR()), { ...OPTS, transport: again });
    again.hook = async () => {
      const { KeyslotError } = await import('../../src/core/errors');
      throw new KeyslotError('PIA_UNREACHABLE');
    };
    expect(await removeContainer(v, 'SMPH01', again)).toBe('unreachable');
    expect(await v.listSlots()).toEqual([]);
  });
});
