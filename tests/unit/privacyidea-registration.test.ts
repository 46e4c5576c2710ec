import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/core/errors';
import {
  checkRegistration,
  isLoopback,
  isRegistrationUri,
  parseIsoTime,
  parseRegistrationUri,
} from '../../src/core/privacyidea/registration';
import { readActivation } from '../../src/core/activation';
import { catchKeyslotError, expectNoLeak } from './fixtures/errors';
import { isPrivacyIdeaServerAllowed } from '../../src/core/deployment/privacyidea-origins';

// What privacyIDEA 3.14 writes (create_container_registration_url), seen live.
const QR =
  'pia://container/SMPH0000AB5C?issuer=privacyIDEA&ttl=10&nonce=ff10e1c3a3b7c0d1e2f30415263748596a7b8c9d' +
  '&time=2026-12-03T09%3A25%3A08.521899%2B00%3A00&url=https%3A//pi.example.org/&serial=SMPH0000AB5C' +
  '&key_algorithm=secp384r1&hash_algorithm=SHA256&ssl_verify=True&passphrase=Your%20employee%20number%3F&send_passphrase=False';
const T = Date.UTC(2026, 11, 3, 9, 25, 8, 521);
const ALLOW = ['https://pi.example.org'];

function code(f: () => unknown): { code: ErrorCode; field: string | undefined } {
  const e = catchKeyslotError(f);
  return { code: e.code, field: e.field };
}

const withParam = (name: string, value: string | null) => {
  const re = new RegExp(`([?&])${name}=[^&]*`);
  return value === null
    ? QR.replace(re, '$1').replace('?&', '?').replace('&&', '&')
    : QR.replace(re, `$1${name}=${value}`);
};

describe('a privacyIDEA registration QR', () => {
  it('is read field by field, the time kept byte for byte for the signature', () => {
    const r = parseRegistrationUri(QR);
    expect(r).toEqual({
      containerSerial: 'SMPH0000AB5C',
      issuer: 'privacyIDEA',
      ttlMinutes: 10,
      nonce: 'ff10e1c3a3b7c0d1e2f30415263748596a7b8c9d',
      time: '2026-12-03T09:25:08.521899+00:00',
      timeMs: T,
      serverUrl: 'https://pi.example.org/',
      origin: 'https://pi.example.org',
      hash: 'SHA256',
      sslVerify: true,
      passphrasePrompt: 'Your employee number?',
      sendPassphrase: false,
    });
  });

  it('arrives through the same activation parsing as every other code', () => {
    expect(isRegistrationUri(`  ${QR}`)).toBe(true);
    const a = readActivation(QR);
    expect(a.kind).toBe('pia');
  });

  it('ignores extra data privacyIDEA may append, and a missing passphrase means none', () => {
    const r = parseRegistrationUri(`${withParam('passphrase', null)}&department=lab`);
    expect(r.passphrasePrompt).toBe('');
  });

  it('refuses damage with the name of the parameter, never its value', () => {
    expect(code(() => parseRegistrationUri('pia://container/X'))).toEqual({ code: 'PIA_URI', field: 'uri' });
    expect(code(() => parseRegistrationUri(QR.replace('container/SMPH0000AB5C', 'container/OTHER1')))).toEqual({
      code: 'PIA_URI',
      field: 'serial',
    });
    expect(code(() => parseRegistrationUri(withParam('ttl', '0')))).toEqual({ code: 'PIA_URI', field: 'ttl' });
    expect(code(() => parseRegistrationUri(withParam('ttl', '1e3')))).toEqual({ code: 'PIA_URI', field: 'ttl' });
    expect(code(() => parseRegistrationUri(withParam('nonce', 'not-hex')))).toEqual({
      code: 'PIA_URI',
      field: 'nonce',
    });
    expect(code(() => parseRegistrationUri(withParam('time', '2026-02-30T00%3A00%3A00%2B00%3A00')))).toEqual({
      code: 'PIA_URI',
      field: 'time',
    });
    expect(code(() => parseRegistrationUri(withParam('url', 'javascript%3Aalert(1)')))).toEqual({
      code: 'PIA_URI',
      field: 'url',
    });
    expect(code(() => parseRegistrationUri(withParam('url', 'https%3A//user%3Apw%40pi.example.org/')))).toEqual({
      code: 'PIA_URI',
      field: 'url',
    });
    expect(code(() => parseRegistrationUri(withParam('ssl_verify', 'maybe')))).toEqual({
      code: 'PIA_URI',
      field: 'ssl_verify',
    });
    expect(code(() => parseRegistrationUri(withParam('issuer', '%E0%A4%A')))).toEqual({
      code: 'PIA_URI',
      field: 'issuer',
    });
    expect(code(() => parseRegistrationUri(`${QR}&nonce=00112233445566778899`))).toEqual({
      code: 'PIA_URI',
      field: 'nonce',
    });
    expect(code(() => parseRegistrationUri(QR + 'x'.repeat(5000)))).toEqual({ code: 'PIA_URI', field: 'uri' });
    const e = code(() => parseRegistrationUri(withParam('issuer', '')));
    expect(JSON.stringify(e)).not.toContain('employee');
  });

  it('never puts the QR, its nonce or its passphrase question into an error', () => {
    const secretPrompt = 'Your mother’s maiden name, Okonkwo-Watanabe?';
    for (const bad of [
      withParam('ttl', 'x'),
      withParam('nonce', 'zz'),
      withParam('url', 'ftp%3A//x'),
      withParam('hash_algorithm', 'MD5'),
      `${QR}&passphrase=x`,
    ]) {
      const text = bad.replace('Your%20employee%20number%3F', encodeURIComponent(secretPrompt));
      expectNoLeak(
        catchKeyslotError(() => parseRegistrationUri(text)),
        text,
        ['ff10e1c3a3b7c0d1', 'Okonkwo'],
      );
    }
    const expired = parseRegistrationUri(QR);
    expectNoLeak(
      catchKeyslotError(() => checkRegistration(expired, T + 3_600_000, ALLOW, 'https://k.example')),
      QR,
      ['SMPH0000AB5C', 'pi.example.org'],
    );
  });

  it('refuses a key or hash algorithm Keyslot does not speak', () => {
    expect(code(() => parseRegistrationUri(withParam('key_algorithm', 'secp256r1')))).toEqual({
      code: 'PIA_ALGORITHM',
      field: 'key_algorithm',
    });
    expect(code(() => parseRegistrationUri(withParam('hash_algorithm', 'MD5')))).toEqual({
      code: 'PIA_ALGORITHM',
      field: 'hash_algorithm',
    });
    expect(parseRegistrationUri(withParam('hash_algorithm', 'sha384')).hash).toBe('SHA384');
  });
});

describe('checking a registration before anything is sent', () => {
  const r = parseRegistrationUri(QR);

  it('passes within the time to live, on an allowed origin', () => {
    expect(() => checkRegistration(r, T + 9 * 60_000, ALLOW, 'https://keyslot.example.org')).not.toThrow();
  });

  it('refuses an expired QR (time + ttl minutes)', () => {
    expect(code(() => checkRegistration(r, T + 10 * 60_000 + 1, ALLOW, 'https://k.example'))).toEqual({
      code: 'PIA_EXPIRED',
      field: 'time',
    });
  });

  it('refuses every server when the deployment allows none, and servers not on the list', () => {
    expect(code(() => checkRegistration(r, T, [], 'https://k.example')).code).toBe('PIA_NOT_CONFIGURED');
    expect(code(() => checkRegistration(r, T, ['https://pi.example.org:8443'], 'https://k.example')).code).toBe(
      'PIA_ORIGIN',
    );
  });

  it('allows exactly the servers isPrivacyIdeaServerAllowed allows, with any spelling of the app origin', () => {
    const lists = [
      ['self'],
      ['https://pi.example.org'],
      ['https://pi.example.org:8443'],
      ['self', 'https://other.example'],
    ];
    const apps = [
      'https://pi.example.org',
      'https://PI.example.org:443',
      'https://pi.example.org:8443',
      'https://keyslot.example.org',
    ];
    for (const list of lists) {
      for (const app of apps) {
        const allowed = isPrivacyIdeaServerAllowed(r.serverUrl, list, app);
        let refused = false;
        try {
          checkRegistration(r, T, list, app);
        } catch (e) {
          refused =
            catchKeyslotError(() => {
              throw e;
            }).code === 'PIA_ORIGIN';
        }
        expect(refused, `${list.join(',')} from ${app}`).toBe(!allowed);
      }
    }
    // The default port and upper case are the same origin for 'self' too.
    expect(() => checkRegistration(r, T, ['self'], 'https://PI.example.org:443')).not.toThrow();
  });

  it("takes 'self' as Keyslot's own origin (privacyIDEA behind the same reverse proxy)", () => {
    expect(() => checkRegistration(r, T, ['self'], 'https://pi.example.org')).not.toThrow();
    expect(code(() => checkRegistration(r, T, ['self'], 'https://keyslot.example.org')).code).toBe('PIA_ORIGIN');
  });

  it('refuses to skip TLS or its certificate check for a server that is not loopback', () => {
    const off = parseRegistrationUri(withParam('ssl_verify', 'False'));
    expect(code(() => checkRegistration(off, T, ALLOW, 'https://k.example'))).toEqual({
      code: 'PIA_INSECURE',
      field: 'ssl_verify',
    });
    const http = parseRegistrationUri(withParam('url', 'http%3A//pi.example.org/'));
    expect(code(() => checkRegistration(http, T, ['http://pi.example.org'], 'https://k.example'))).toEqual({
      code: 'PIA_INSECURE',
      field: 'url',
    });
    const local = parseRegistrationUri(
      withParam('url', 'http%3A//127.0.0.1%3A41565/').replace('ssl_verify=True', 'ssl_verify=False'),
    );
    expect(local.origin).toBe('http://127.0.0.1:41565');
    expect(() => checkRegistration(local, T, ['http://127.0.0.1:41565'], 'https://k.example')).not.toThrow();
  });

  it('knows loopback when it sees it', () => {
    expect(['http://localhost:5000', 'http://127.0.0.1', 'http://[::1]:80'].map(isLoopback)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['https://localhost.example.org', 'http://128.0.0.1', 'http://10.0.0.1'].map(isLoopback)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('reads ISO 8601 times with any offset, and nothing else', () => {
    expect(parseIsoTime('2026-12-03T10:25:08+01:00')).toBe(Date.UTC(2026, 11, 3, 9, 25, 8));
    expect(parseIsoTime('2026-12-03T09:25:08Z')).toBe(Date.UTC(2026, 11, 3, 9, 25, 8));
    expect(parseIsoTime('2026-12-03 09:25:08')).toBeNull();
    expect(parseIsoTime('2026-13-03T09:25:08Z')).toBeNull();
  });
});
