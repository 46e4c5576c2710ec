import { KeyObject, verify, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import {
  b64urlDecode,
  b64urlEncode,
  ecdsaDerToRaw,
  ecdsaRawToDer,
  spkiToPem,
} from '../../src/core/privacyidea/encoding';
import {
  actionRequest,
  challengeRequest,
  clientContainerJson,
  endpointUrl,
  finalizeRequest,
  signedMessage,
  syncRequest,
} from '../../src/core/privacyidea/messages';
import { parseRegistrationUri } from '../../src/core/privacyidea/registration';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const QR = (extra = '') =>
  'pia://container/SMPH01?issuer=privacyIDEA&ttl=10&nonce=00112233445566778899aabbccddeeff00112233' +
  '&time=2026-12-03T09%3A25%3A08.521899%2B00%3A00&url=https%3A//pi.example.org/&serial=SMPH01' +
  `&key_algorithm=secp384r1&hash_algorithm=SHA256&ssl_verify=True${extra}`;

describe("privacyIDEA's endpoint URLs (its create_endpoint_url, quirks included)", () => {
  it('appends the endpoint with exactly one slash', () => {
    expect(endpointUrl('https://pi.example.org/', 'container/synchronize')).toBe(
      'https://pi.example.org/container/synchronize',
    );
    expect(endpointUrl('https://pi.example.org/pi', 'container/challenge')).toBe(
      'https://pi.example.org/pi/container/challenge',
    );
  });
  it('leaves a URL that already holds the endpoint alone, as the server does', () => {
    expect(endpointUrl('https://pi.example.org/container/synchronize', 'container/synchronize')).toBe(
      'https://pi.example.org/container/synchronize',
    );
  });
});

describe('the messages Keyslot signs', () => {
  it('registration: nonce|time|serial|scope|brand|model, no public key (the server does not sign one)', () => {
    const req = finalizeRequest(parseRegistrationUri(QR()), 'ignored: no prompt');
    expect(text(req.message)).toBe(
      '00112233445566778899aabbccddeeff00112233|2026-12-03T09:25:08.521899+00:00|SMPH01|https://pi.example.org/container/register/finalize|Keyslot|Web app',
    );
    expect(req.url).toBe('https://pi.example.org/container/register/finalize');
    expect(req.body('SIG', 'PEM')).toEqual({
      container_serial: 'SMPH01',
      signature: 'SIG',
      public_client_key: 'PEM',
      device_brand: 'Keyslot',
      device_model: 'Web app',
    });
  });

  it('registration with a passphrase: the answer is signed, and sent only when the QR says send_passphrase', () => {
    const signedOnly = finalizeRequest(parseRegistrationUri(QR('&passphrase=PIN%3F&send_passphrase=False')), '4711');
    expect(text(signedOnly.message).endsWith('|Keyslot|Web app|4711')).toBe(true);
    expect(signedOnly.body('S', 'P')).not.toHaveProperty('passphrase');
    const sent = finalizeRequest(parseRegistrationUri(QR('&passphrase=PIN%3F&send_passphrase=True')), 'pw|x');
    expect(sent.body('S', 'P')['passphrase']).toBe('pw|x');
  });

  it('challenge: asks for a nonce bound to the scope of the action that follows', () => {
    expect(challengeRequest('https://pi.example.org/', 'SMPH01', 'container/synchronize')).toEqual({
      url: 'https://pi.example.org/container/challenge',
      scope: 'https://pi.example.org/container/synchronize',
      body: { container_serial: 'SMPH01', scope: 'https://pi.example.org/container/synchronize' },
    });
  });

  it('sync: nonce|time|serial|scope|X25519 key|client container JSON, the JSON sent as signed', () => {
    const ch = { nonce: 'aa'.repeat(20), timeStamp: '2026-12-03T09:30:00.000001+00:00' };
    const req = syncRequest('https://pi.example.org/', 'SMPH01', ch, 'KEY=', [{ serial: 'TOTP1', tokentype: 'totp' }]);
    const json = '{"serial":"SMPH01","type":"smartphone","tokens":[{"serial":"TOTP1","tokentype":"totp"}]}';
    expect(clientContainerJson('SMPH01', [{ serial: 'TOTP1', tokentype: 'totp' }])).toBe(json);
    expect(text(req.message)).toBe(
      `${ch.nonce}|${ch.timeStamp}|SMPH01|https://pi.example.org/container/synchronize|KEY=|${json}`,
    );
    expect(req.body('SIG')).toEqual({
      container_serial: 'SMPH01',
      signature: 'SIG',
      public_enc_key_client: 'KEY=',
      container_dict_client: json,
    });
  });

  it('rollover and terminate: the four challenge fields only', () => {
    const ch = { nonce: 'bb'.repeat(20), timeStamp: '2026-12-03T09:30:00+00:00' };
    for (const action of ['container/rollover', 'container/register/terminate/client'] as const) {
      const req = actionRequest('https://pi.example.org', 'SMPH01', ch, action);
      expect(text(req.message)).toBe(`${ch.nonce}|${ch.timeStamp}|SMPH01|https://pi.example.org/${action}`);
      expect(req.body('S')).toEqual({
        container_serial: 'SMPH01',
        signature: 'S',
        scope: `https://pi.example.org/${action}`,
      });
    }
  });

  it('leaves out empty optional parts, as the server does', () => {
    expect(
      text(
        signedMessage({ nonce: 'n', time: 't', containerSerial: 's', scope: 'u', passphrase: '', encryptionKey: 'k' }),
      ),
    ).toBe('n|t|s|u|k');
  });
});

describe('wire encodings', () => {
  it('base64url with padding, read with or without it, refusing anything else', () => {
    const bytes = Uint8Array.from([251, 255, 191, 0]);
    expect(b64urlEncode(bytes)).toBe('-_-_AA==');
    expect(b64urlDecode('-_-_AA==')).toEqual(bytes);
    expect(b64urlDecode('-_-_AA')).toEqual(bytes);
    expect(b64urlDecode('+/+/AA==')).toEqual(bytes);
    for (const bad of ['-_-_A', '-_ -_AA==', '-_-_AB==', 'é']) expect(b64urlDecode(bad)).toBeNull();
  });

  it('turns WebCrypto signatures into DER that verifies, and back', async () => {
    const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign', 'verify']);
    const msg = new TextEncoder().encode('nonce|time|serial|scope');
    const raw = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, msg));
    const der = ecdsaRawToDer(raw);
    expect(der[0]).toBe(0x30);
    // What Python's cryptography does: verify DER with the public key.
    expect(verify('sha256', msg, { key: KeyObject.from(pair.publicKey), dsaEncoding: 'der' }, der)).toBe(true);
    expect(ecdsaDerToRaw(der, 48)).toEqual(raw);
    // Small values: leading zeros dropped, a 0x00 put before a high bit.
    const small = new Uint8Array(96);
    small[47] = 1;
    small[48] = 0x80;
    expect([...ecdsaRawToDer(small)]).toEqual([
      0x30,
      0x36,
      0x02,
      0x01,
      0x01,
      0x02,
      0x31,
      0x00,
      0x80,
      ...new Array(47).fill(0),
    ]);
  });

  it('refuses damaged DER signatures with a clear error', () => {
    const good = ecdsaRawToDer(Uint8Array.from({ length: 96 }, (_, i) => i + 1));
    const cases = [
      good.subarray(0, good.length - 1),
      Uint8Array.from([...good, 0]),
      Uint8Array.from([0x31, ...good.subarray(1)]),
      Uint8Array.from([0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01]),
      Uint8Array.from([0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]),
    ];
    for (const der of cases) {
      let err: unknown;
      try {
        ecdsaDerToRaw(der, 48);
      } catch (e) {
        err = e;
      }
      expect(isKeyslotError(err, 'PIA_ANSWER')).toBe(true);
    }
  });

  it('writes the public key as PEM that the platform can read back', async () => {
    const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
    const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', pair.publicKey));
    const pem = spkiToPem(spki);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END PUBLIC KEY-----\n$/);
    const body = pem.split('\n').slice(1, -2).join('');
    expect(new Uint8Array(Buffer.from(body, 'base64'))).toEqual(spki);
  });
});
