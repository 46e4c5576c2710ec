import { describe, expect, it } from 'vitest';
import {
  connectSources,
  isPrivacyIdeaServerAllowed,
  originOf,
  parsePrivacyIdeaOrigins,
} from '../../src/core/deployment/privacyidea-origins';

describe('the KEYSLOT_PRIVACYIDEA_ORIGINS setting', () => {
  it('is empty when not set, so every privacyIDEA registration is refused', () => {
    expect(parsePrivacyIdeaOrigins(undefined)).toEqual([]);
    expect(parsePrivacyIdeaOrigins(' ')).toEqual([]);
    expect(isPrivacyIdeaServerAllowed('https://pi.example.org/', [], 'https://keyslot.example.org')).toBe(false);
  });

  it('reads origins separated by commas or spaces, normalised and without repeats', () => {
    expect(
      parsePrivacyIdeaOrigins('https://PI.example.org:443/, self  http://127.0.0.1:5000,https://pi.example.org'),
    ).toEqual(['https://pi.example.org', 'self', 'http://127.0.0.1:5000']);
  });

  it('refuses a path, a query, user info, another scheme or a bad port, naming the setting', () => {
    for (const bad of [
      'https://pi.example.org/pi',
      'https://pi.example.org?x=1',
      'https://u:p@pi.example.org',
      'ftp://pi.example.org',
      'pi.example.org',
      'https://pi.example.org:99999',
      '*',
    ]) {
      expect(() => parsePrivacyIdeaOrigins(bad), bad).toThrow(/KEYSLOT_PRIVACYIDEA_ORIGINS/);
    }
  });

  it('refuses an absurdly long list', () => {
    const many = Array.from({ length: 40 }, (_, i) => `https://pi${i}.example.org`).join(',');
    expect(() => parsePrivacyIdeaOrigins(many)).toThrow(/at most/);
  });

  it('adds only the foreign origins to connect-src', () => {
    expect(connectSources(['self', 'https://pi.example.org'])).toEqual(['https://pi.example.org']);
  });
});

describe('whether a registration may go to a server', () => {
  const list = ['self', 'https://pi.example.org'];
  it('allows a listed origin, whatever the path of the QR url', () => {
    expect(isPrivacyIdeaServerAllowed('https://pi.example.org/', list, 'https://k.example.org')).toBe(true);
    expect(isPrivacyIdeaServerAllowed('https://pi.example.org:443/privacyidea/', list, 'https://k.example.org')).toBe(
      true,
    );
  });

  it("allows Keyslot's own origin when the list says self (reverse proxy)", () => {
    expect(isPrivacyIdeaServerAllowed('http://localhost:4184/', ['self'], 'http://localhost:4184')).toBe(true);
    expect(isPrivacyIdeaServerAllowed('http://localhost:4185/', ['self'], 'http://localhost:4184')).toBe(false);
  });

  it('refuses look-alikes: another port, scheme, subdomain, user info or garbage', () => {
    for (const url of [
      'http://pi.example.org/',
      'https://pi.example.org:8443/',
      'https://evil.pi.example.org/',
      'https://pi.example.org.evil.com/',
      'https://pi.example.org@evil.com/',
      'javascript:alert(1)',
      '',
      '//pi.example.org',
    ]) {
      expect(isPrivacyIdeaServerAllowed(url, list, 'https://k.example.org'), url).toBe(false);
    }
  });

  it('computes origins as RFC 6454 does', () => {
    expect(originOf('HTTPS://Pi.Example.org:443/x?y#z')).toBe('https://pi.example.org');
    expect(originOf('http://[::1]:8080/')).toBe('http://[::1]:8080');
    expect(originOf('http://127.0.0.1:80')).toBe('http://127.0.0.1');
    expect(originOf('pia://container/X')).toBeNull();
  });
});
