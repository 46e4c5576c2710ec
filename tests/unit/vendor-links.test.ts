import { describe, expect, it } from 'vitest';
import { readActivation } from '../../src/core/activation';
import { isKeyslotError } from '../../src/core/errors';
import { vendorOf } from '../../src/core/vendor-links';

const duoHost = Buffer.from('api-1234abcd.duosecurity.com').toString('base64').replace(/=+$/, '');

describe("other vendors' enrollment codes", () => {
  it.each([
    [
      'otpauth://pipush/PIPU0001?url=https%3A//pi.example.org/ttype/push&ttl=10&issuer=privacyIDEA&enrollment_credential=abc&serial=PIPU0001&sslverify=1',
      'privacyidea-push',
    ],
    ['otpauth://daypassword/DAYP0001?secret=JBSWY3DPEHPK3PXP', 'privacyidea-other'],
    ['motp://privacyidea:mylabel?secret=1234567890abcdef', 'motp'],
    [
      'phonefactor://activate_account?code=123456789&url=https://mobileappcommunicator.auth.microsoft.com/activate/123/WEU',
      'microsoft',
    ],
    ['oktaverify://alice@example.org/?t=abc&f=def&s=https://example.okta.com', 'okta'],
    ['tiqrenroll://https://tiqr.example.org/enroll?key=abc', 'tiqr'],
    [`ABCDEFGHIJ0123456789-${duoHost}`, 'duo'],
    ['FIDO:/1234567890123456789012345678901234567890', 'passkey'],
  ])("%s is named as %s, needing that vendor's app", (text, vendor) => {
    expect(vendorOf(text)).toBe(vendor);
    try {
      readActivation(text);
      expect.unreachable();
    } catch (e) {
      expect(isKeyslotError(e, 'VENDOR_APP')).toBe(true);
      expect((e as Error).message).toBe(`VENDOR_APP (${vendor})`);
    }
  });

  it('leaves codes Keyslot reads, and unrelated text, alone', () => {
    expect(vendorOf('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP')).toBeNull();
    expect(vendorOf('https://example.org/#add=x')).toBeNull();
    expect(vendorOf('ABCDEFGHIJ0123456789-' + Buffer.from('evil.example.org').toString('base64'))).toBeNull();
    expect(vendorOf('FIDO:/not-digits')).toBeNull();
    expect(vendorOf('hello world')).toBeNull();
    expect(() => readActivation('WIFI:S:x;;')).toThrow(/NOT_ACTIVATION/);
  });
});
