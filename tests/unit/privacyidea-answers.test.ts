import { describe, expect, it } from 'vitest';
import { isKeyslotError, type ErrorCode } from '../../src/core/errors';
import { catchKeyslotError } from './fixtures/errors';
import {
  readChallengeAnswer,
  readEnvelope,
  readFinalizeAnswer,
  readPolicies,
  readRolloverAnswer,
  readServerContainer,
  readServerError,
  readSyncAnswer,
} from '../../src/core/privacyidea/answers';
import {
  clientTokens,
  planSync,
  readManaged,
  tokenSerialOf,
  withdraw,
  type ManagedInfo,
  type ManagedSlot,
} from '../../src/core/privacyidea/managed';
import { SLOT_META_DEFAULTS } from '../../src/core/slot';
import { decodeSlot, encodeSlot } from '../../src/core/vault';

/** The error's code and field as one string, for compact tables of cases. */
function codeOf(f: () => unknown): string {
  const e = catchKeyslotError(f);
  return e.field ? `${e.code}:${e.field}` : e.code;
}
const envelope = (value: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', result: { status: true, value }, version: 'privacyIDEA 3.14' });
const failure = (code: number) =>
  JSON.stringify({ result: { status: false, error: { code, message: '<script>x</script>' } } });

describe("privacyIDEA's answers", () => {
  it('give the value of a successful envelope', () => {
    expect(readEnvelope(envelope({ success: true }), 200, 'container/register/finalize')).toEqual({ success: true });
  });

  it('map each refusal to what it means for the action, never keeping the server’s words', () => {
    const cases: [number, number, Parameters<typeof readServerError>[2], boolean, ErrorCode][] = [
      [400, 3000, 'container/register/finalize', false, 'PIA_ALREADY_REGISTERED'],
      [400, 3002, 'container/register/finalize', true, 'PIA_PASSPHRASE_WRONG'],
      [400, 3002, 'container/register/finalize', false, 'PIA_REJECTED'],
      [400, 3002, 'container/synchronize', false, 'PIA_REJECTED'],
      [400, 3001, 'container/challenge', false, 'PIA_NOT_REGISTERED'],
      [404, 601, 'container/challenge', false, 'PIA_NOT_FOUND'],
      [403, 303, 'container/rollover', false, 'PIA_POLICY'],
      [500, 903, 'container/synchronize', false, 'PIA_SERVER'],
    ];
    for (const [status, code, action, pass, expected] of cases) {
      let e: unknown;
      try {
        readEnvelope(failure(code), status, action, pass);
      } catch (x) {
        e = x;
      }
      expect(isKeyslotError(e) && e.code).toBe(expected);
      expect(String((e as Error).message)).not.toContain('script');
    }
    expect(readServerError(500, 903, 'container/synchronize').min).toBe(903);
  });

  it('refuse what is not an envelope: malformed, huge, or an HTML page', () => {
    expect(codeOf(() => readEnvelope('{"result":', 200, 'container/challenge'))).toBe('PIA_ANSWER:json');
    expect(codeOf(() => readEnvelope('[1,2]', 200, 'container/challenge'))).toBe('PIA_ANSWER:result');
    expect(codeOf(() => readEnvelope('x'.repeat(1_048_577), 200, 'container/challenge'))).toBe('PIA_ANSWER:size');
    expect(codeOf(() => readEnvelope('<html>502</html>', 502, 'container/challenge'))).toBe('PIA_SERVER');
    expect(codeOf(() => readEnvelope('<html>404</html>', 404, 'container/challenge'))).toBe('PIA_NOT_FOUND');
  });

  it('read a challenge, and refuse one that is not hex and ISO time', () => {
    expect(readChallengeAnswer({ nonce: 'ab'.repeat(20), time_stamp: '2026-12-03T09:26:00.1+00:00' })).toEqual({
      nonce: 'ab'.repeat(20),
      timeStamp: '2026-12-03T09:26:00.1+00:00',
    });
    expect(
      codeOf(() => readChallengeAnswer({ nonce: 'ab|cd'.repeat(8), time_stamp: '2026-12-03T09:26:00+00:00' })),
    ).toBe('PIA_ANSWER:nonce');
    expect(codeOf(() => readChallengeAnswer({ nonce: 'ab'.repeat(20), time_stamp: 'yesterday' }))).toBe(
      'PIA_ANSWER:time_stamp',
    );
  });

  it('read the finalize answer and the policies, absent ones off', () => {
    expect(
      readFinalizeAnswer({
        success: true,
        policies: { container_client_rollover: true, disable_client_container_unregister: 'True' },
      }),
    ).toEqual({
      rollover: true,
      noUnregister: true,
      noTokenDeletion: false,
    });
    expect(readPolicies(undefined)).toEqual({ rollover: false, noUnregister: false, noTokenDeletion: false });
    expect(codeOf(() => readFinalizeAnswer({ success: 'yes' }))).toBe('PIA_ANSWER:success');
  });

  it('read the sealed sync answer, refusing bad base64, sizes and algorithms', () => {
    const good = {
      encryption_algorithm: 'AES',
      encryption_params: {
        algorithm: 'AES',
        mode: 'GCM',
        init_vector: 'AAAAAAAAAAAAAAAAAAAAAA==',
        tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
      },
      container_dict_server: 'AQID',
      public_server_key: 'A'.repeat(43) + '=',
    };
    const sealed = readSyncAnswer(good);
    expect(sealed.iv).toHaveLength(16);
    expect(sealed.sealed).toHaveLength(3 + 16);
    expect(codeOf(() => readSyncAnswer({ ...good, public_server_key: 'AAAA' }))).toBe('PIA_ANSWER:public_server_key');
    expect(codeOf(() => readSyncAnswer({ ...good, container_dict_server: 'not base64!' }))).toBe(
      'PIA_ANSWER:container_dict_server',
    );
    expect(
      codeOf(() => readSyncAnswer({ ...good, encryption_params: { ...good.encryption_params, tag: 'AAAA' } })),
    ).toBe('PIA_ANSWER:tag');
    expect(codeOf(() => readSyncAnswer({ ...good, encryption_algorithm: 'DES' }))).toBe(
      'PIA_ANSWER:encryption_algorithm',
    );
  });

  it('read the decrypted container, only for this container', () => {
    const text = JSON.stringify({
      container: { serial: 'SMPH01' },
      tokens: {
        add: ['otpauth://x'],
        update: [
          { serial: 'HOTP1', tokentype: 'HOTP', counter: 4 },
          { serial: 'TOTP1', tokentype: 'totp', counter: -1 },
        ],
      },
    });
    expect(readServerContainer(text, 'SMPH01')).toEqual({
      add: ['otpauth://x'],
      update: [
        { serial: 'HOTP1', tokentype: 'hotp', counter: 4 },
        { serial: 'TOTP1', tokentype: 'totp', counter: null },
      ],
    });
    expect(codeOf(() => readServerContainer(text, 'SMPH02'))).toBe('PIA_ANSWER:container');
    expect(codeOf(() => readServerContainer('{"container":{"serial":"SMPH01"},"tokens":{"add":[1]}}', 'SMPH01'))).toBe(
      'PIA_ANSWER:add',
    );
    expect(
      codeOf(() =>
        readServerContainer('{"container":{"serial":"SMPH01"},"tokens":{"update":[{"serial":"a|b"}]}}', 'SMPH01'),
      ),
    ).toBe('PIA_ANSWER:update');
  });

  it('read the rollover QR, and nothing but a pia:// one', () => {
    expect(readRolloverAnswer({ container_url: { value: 'pia://container/S?x=1' } })).toBe('pia://container/S?x=1');
    expect(codeOf(() => readRolloverAnswer({ container_url: { value: 'https://evil.example' } }))).toBe(
      'PIA_ANSWER:container_url',
    );
  });
});

const MANAGED: ManagedInfo = {
  issuer: 'privacyIDEA',
  server: 'https://pi.example.org/',
  container: 'SMPH01',
  token: 'TOTP0001',
  tokentype: 'totp',
  keyId: '0123456789abcdef0123456789abcdef',
  hash: 'SHA256',
  rollover: true,
  noUnregister: false,
  withdrawn: '',
};
const SECRET = new Uint8Array(20).fill(7);
function slot(over: Partial<ManagedSlot> = {}, managed: Partial<ManagedInfo> = {}): ManagedSlot {
  return {
    id: 'aa'.repeat(16),
    kind: 'totp',
    issuer: 'privacyIDEA',
    account: 'TOTP0001',
    name: 'VPN',
    secret: SECRET,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    createdAt: 1,
    ...SLOT_META_DEFAULTS,
    favourite: true,
    ...over,
    managed: { ...MANAGED, ...managed },
  };
}
const URI = (serial: string, secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ') =>
  `otpauth://totp/${serial}?secret=${secret}&period=30&digits=6&issuer=privacyIDEA&serial=${serial}`;

describe('managed slots', () => {
  it('keep their container and token through the vault, and an ordinary slot has none', () => {
    const s = slot();
    expect(decodeSlot(encodeSlot(s), s.id, 3)).toEqual(s);
    const { managed: _m, ...plain } = s;
    expect(decodeSlot(encodeSlot(plain), s.id, 3)).not.toHaveProperty('managed');
  });

  it('refuse damaged managed data as a damaged vault', () => {
    for (const bad of [
      { ...MANAGED, extra: 1 },
      { ...MANAGED, token: 'a|b' },
      { ...MANAGED, withdrawn: 'gone' },
      { ...MANAGED, keyId: 'x' },
      { ...MANAGED, hash: 'MD5' },
      'x',
      [],
    ]) {
      expect(codeOf(() => readManaged(bad)).startsWith('VAULT_CORRUPT:managed')).toBe(true);
    }
  });

  it('read the token serial privacyIDEA puts on its enrollment URIs', () => {
    expect(tokenSerialOf(URI('TOTP0001'))).toBe('TOTP0001');
    expect(tokenSerialOf('otpauth://totp/x?secret=A')).toBeNull();
    expect(tokenSerialOf('otpauth://totp/x?serial=%E0')).toBeNull();
  });

  it('list only the tokens this device still holds', () => {
    expect(clientTokens([slot(), slot({}, { token: 'HOTP2', tokentype: 'hotp', withdrawn: 'removed' })])).toEqual([
      { serial: 'TOTP0001', tokentype: 'totp' },
    ]);
  });
});

describe('planning a sync', () => {
  const base = { ...MANAGED, rollover: false };

  it('adds new tokens, skips what Keyslot cannot show, and never adds one twice', () => {
    const plan = planSync(
      [],
      {
        add: [URI('TOTP0001'), URI('TOTP0001'), 'otpauth://pipush/P?serial=P', URI('T2').replace('&serial=T2', '')],
        update: [],
      },
      base,
    );
    expect(plan.add.map((a) => a.managed.token)).toEqual(['TOTP0001']);
    expect(plan.add[0]!.managed).toMatchObject({
      container: 'SMPH01',
      tokentype: 'totp',
      withdrawn: '',
      rollover: false,
    });
    expect(plan.skipped).toBe(3);
  });

  it('gives a rolled-over token its new secret and keeps the user’s name, place and favourite', () => {
    const old = slot();
    const plan = planSync([old], { add: [URI('TOTP0001', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U')], update: [] }, base);
    expect(plan.add).toEqual([]);
    const changed = plan.change[0]!;
    expect(changed.secret).not.toEqual(old.secret);
    expect(changed).toMatchObject({ id: old.id, name: 'VPN', favourite: true, issuer: 'privacyIDEA' });
  });

  it('moves an HOTP counter only forward, and withdraws tokens no longer in the container', () => {
    const hotp = slot({ id: 'bb'.repeat(16), kind: 'hotp', counter: 9 }, { token: 'HOTP2', tokentype: 'hotp' });
    const gone = slot({ id: 'cc'.repeat(16) }, { token: 'GONE' });
    const plan = planSync(
      [hotp, gone],
      { add: [], update: [{ serial: 'HOTP2', tokentype: 'hotp', counter: 12 }] },
      { ...base, rollover: true },
    );
    expect(plan.change.map((c) => [c.managed.token, c.counter, c.managed.withdrawn])).toEqual([
      ['HOTP2', 12, ''],
      ['GONE', 0, 'removed'],
    ]);
    const back = planSync(
      [hotp],
      { add: [], update: [{ serial: 'HOTP2', tokentype: 'hotp', counter: 3 }] },
      { ...base, rollover: true },
    );
    expect(back.change).toEqual([]); // the server's lower counter changes nothing
  });

  it('withdraws without deleting', () => {
    expect(withdraw(slot(), 'moved')).toMatchObject({ name: 'VPN', secret: SECRET, managed: { withdrawn: 'moved' } });
  });
});
