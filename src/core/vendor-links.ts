/**
 * Enrollment codes of other vendors' authenticators that Keyslot cannot speak. Instead of a
 * generic "not an activation code", the user learns what the code is and that it needs the
 * vendor's own app (issue 13, item 7). Recognised by their published URI schemes and token
 * types, as other authenticator apps and QR readers recognise them:
 *
 *  - `otpauth://pipush/…`: privacyIDEA push token (privacyIDEA Authenticator; privacyIDEA's
 *    lib/tokens/pushtoken.py builds it); `otpauth://daypassword/`: privacyIDEA's day password;
 *    `motp://` (what privacyIDEA writes for mOTP tokens): an mOTP app.
 *  - `phonefactor://activate_account?…`: Microsoft Authenticator (Entra ID / Azure MFA).
 *  - `oktaverify://…`: Okta Verify.
 *  - `tiqrenroll://…`, `tiqrauth://…`: tiqr.
 *  - `<20 letters>-<base64 of an *.duosecurity.com host>`: Duo Mobile's activation code.
 *  - `FIDO:/…`: a passkey sign-in code (CTAP 2.2 hybrid transport), for the phone's own camera.
 *
 * Pure; never includes the text in an error.
 */
import { base64Decode, utf8Decode } from './bytes';
import { KeyslotError } from './errors';

export const VENDORS = [
  'privacyidea-push',
  'privacyidea-other',
  'motp',
  'microsoft',
  'okta',
  'tiqr',
  'duo',
  'passkey',
] as const;
export type Vendor = (typeof VENDORS)[number];

const SCHEMES: Record<string, Vendor> = {
  phonefactor: 'microsoft',
  oktaverify: 'okta',
  'com-okta-authenticator': 'okta',
  tiqrenroll: 'tiqr',
  tiqrauth: 'tiqr',
  motp: 'motp',
};

/** otpauth:// token types that are not TOTP/HOTP but name a vendor's app. */
const OTPAUTH_TYPES: Record<string, Vendor> = {
  pipush: 'privacyidea-push',
  push: 'privacyidea-push',
  daypassword: 'privacyidea-other',
};

/** Duo's QR: 20 letters/digits, '-', then a base64 (no padding) host name. */
function isDuoActivation(text: string): boolean {
  const m = /^[A-Za-z0-9]{20}-([A-Za-z0-9+/_-]{8,200})$/.exec(text);
  if (!m) return false;
  let b64 = m[1]!.replace(/-/g, '+').replace(/_/g, '/');
  while (b64.length % 4 !== 0) b64 += '=';
  const bytes = base64Decode(b64);
  const host = bytes ? utf8Decode(bytes) : null;
  return host !== null && /^[a-z0-9-]+\.duosecurity\.com$/i.test(host);
}

/** The vendor whose app a scanned text belongs to, or null. `text` is already trimmed. */
export function vendorOf(text: string): Vendor | null {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'otpauth') {
    const type = /^otpauth:\/\/([^/?#]*)/i.exec(text)?.[1]?.toLowerCase() ?? '';
    return OTPAUTH_TYPES[type] ?? null;
  }
  if (scheme === 'fido' && /^fido:\/\d+$/i.test(text)) return 'passkey';
  if (scheme !== undefined) return SCHEMES[scheme] ?? null;
  return isDuoActivation(text) ? 'duo' : null;
}

/** Throws KeyslotError('VENDOR_APP', field = the vendor) when `text` is another vendor's code. */
export function refuseVendorLink(text: string): void {
  const vendor = vendorOf(text);
  if (vendor !== null) throw new KeyslotError('VENDOR_APP', { field: vendor });
}
