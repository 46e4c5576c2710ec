/**
 * What a scanned QR code or a pasted text means. Every way in (camera, image,
 * screen, paste, activation link, share) goes through readActivation, so they all
 * accept and refuse the same things with the same error codes.
 *
 * Accepted (after trimming surrounding whitespace):
 *  - `otpauth://totp|hotp/…`: one slot (otpauth-uri.ts); `otpauth://steam/…`, `encoder=steam`
 *    and Bitwarden's `steam://SECRET`: one Steam Guard slot (steam.ts).
 *  - `otpauth-migration://offline?data=…`: a Google Authenticator export (migration.ts).
 *  - `pia://container/…`: a privacyIDEA container registration (privacyidea/registration.ts);
 *    the caller checks it (expiry, allowed server) and asks the user before anything is sent.
 *  - A Keyslot activation link: ANY http(s) URL (administrators host their own
 *    Keyslot, so no origin is special) whose fragment has `add=<otpauth:// or
 *    otpauth-migration:// URI>`, percent-encoded (what activationLink writes), alone
 *    or among other `&`-separated fragment parameters. The fragment never reaches a
 *    server. One level only: a link inside a link is NOT_ACTIVATION.
 *  - The bare fragment `#add=…` (what location.hash holds), read the same way.
 *  - A sealed link: `add=ks1.…` (sealed-link.ts). Parsed and checked here, not decrypted:
 *    kind 'sealed'; the add flow asks for the activation code, opens it, and reads the URI
 *    inside with readOpenedActivation. `add=ks<n>.…` of another version is LINK_VERSION.
 *  - an otpauth:// URI with privacyIDEA's `2step_*` parameters: kind 'two-step'
 *    (two-step.ts), never a plain slot (its secret is only the server's part).
 *
 * Refused:
 *  - other vendors' enrollment codes (`otpauth://pipush/`, `phonefactor://`, Duo, …):
 *    VENDOR_APP with the vendor as field (vendor-links.ts);
 *  - any other http(s) URL: WEB_LINK (a web page, not a code; a `?add=` query does not
 *    count: a query is sent to the server, and an activation must not be);
 *  - everything else (text, `WIFI:`, `BEGIN:VCARD`, `mailto:`, `add=…` without '#',
 *    a scanner app's `QR-Code:` prefix, text longer than ACTIVATION_TEXT_MAX):
 *    NOT_ACTIVATION;
 *  - and the parsers' own errors for damaged otpauth:// and otpauth-migration:// URIs.
 *
 * The `QR-Code:` prefix: scito/extract_otp_secrets warns and decodes anyway; the
 * corpus case expects a refusal, and so does Keyslot. The in-app scanner never adds
 * one, and guessing where the real code starts in arbitrary text is how wrong things
 * get imported.
 *
 * Fragment details: encodeURIComponent (what activationLink uses) escapes every one
 * of `: / ? =`, so an `add` value containing any of them was written raw. A raw value
 * is taken as is up to the end of the fragment, so the URI's own '&'s
 * (secret=…&issuer=…&digits=8) are not cut off as if they were fragment parameters,
 * and it is not decoded (the inner parser decodes its own escapes). A value without
 * them is percent-decoded once ('+' stays '+'). A half-encoded value
 * (`otpauth%3A//…`) thus stays unreadable and is refused, rather than silently losing
 * the parameters after its first '&'. Decoding is lenient (an invalid escape is left as
 * it is) and never throws; the inner parser then reports the damage (URI_MALFORMED,
 * MIGRATION_DATA). With several encoded `add` parameters the last one wins, as with
 * otpauth:// parameters.
 *
 * Errors carry only a code and the field 'uri' (or the inner parser's field); never
 * the text.
 */
import { KeyslotError } from './errors';
import { MIGRATION_TEXT_MAX, parseMigrationUri, type MigrationBatch } from './migration';
import { parseOtpauthUri, parseSteamUri } from './otpauth-uri';
import { isSealedPayload, parseSealed, type SealedActivation } from './sealed-link';
import type { SlotDraft } from './slot';
import { parseRegistrationUri, type PiaRegistration } from './privacyidea/registration';
import { readTwoStepParams, type TwoStepParams } from './two-step';
import { refuseVendorLink } from './vendor-links';

export type Activation =
  | { kind: 'slot'; draft: SlotDraft }
  | { kind: 'migration'; batch: MigrationBatch }
  | { kind: 'pia'; registration: PiaRegistration }
  /** privacyIDEA 2step (two-step.ts): `draft.secret` is only the server's part. */
  | { kind: 'two-step'; draft: SlotDraft; twoStep: TwoStepParams }
  | { kind: 'sealed'; sealed: SealedActivation };

/** What a sealed link holds once opened: never another link. */
export type OpenedActivation = Exclude<Activation, { kind: 'sealed' }>;

/**
 * Longest text even looked at: room for an activation link around the longest export
 * text, percent-encoded. Anything longer cannot be an activation code.
 */
export const ACTIVATION_TEXT_MAX = 4 * MIGRATION_TEXT_MAX;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** Characters encodeURIComponent always escapes: a value holding one was not encoded. */
const RAW_VALUE = /[:/?=]/;

const refuse = (code: 'NOT_ACTIVATION' | 'WEB_LINK' | 'URI_MALFORMED' | 'INPUT_EMPTY'): KeyslotError =>
  new KeyslotError(code, { field: 'uri' });

/** Percent-decodes every valid run of escapes; leaves invalid ones (`%ZZ`, broken UTF-8) as they are. */
function lenientDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** The `add` value of a fragment (without '#'), decoded; null when there is none. */
function addValue(fragment: string): string | null {
  let found: string | null = null;
  let start = 0;
  for (;;) {
    const amp = fragment.indexOf('&', start);
    const part = amp < 0 ? fragment.slice(start) : fragment.slice(start, amp);
    const eq = part.indexOf('=');
    if ((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase() === 'add') {
      const value = eq < 0 ? '' : part.slice(eq + 1);
      // A raw URI keeps its own '&'s: it runs to the end of the fragment.
      if (RAW_VALUE.test(value)) return fragment.slice(start + eq + 1);
      found = lenientDecode(value);
    }
    if (amp < 0) return found;
    start = amp + 1;
  }
}

/**
 * The activation text in a location.hash such as `#add=otpauth%3A%2F%2F…` (the '#' is
 * optional): the decoded inner URI, '' for an empty `add=`, null when there is no
 * `add` parameter. Never throws; pass the result to readActivation.
 */
export function addParamFromHash(hash: string): string | null {
  if (typeof hash !== 'string') return null;
  return addValue(hash.startsWith('#') ? hash.slice(1) : hash);
}

/**
 * `<appUrl>#add=<percent-encoded uri>`: a Keyslot activation link, for administrators
 * (docs/activation-links.md) and tests. Any fragment already on appUrl is replaced. Throws URI_SCHEME
 * unless appUrl is http(s) and uri is an otpauth:// or otpauth-migration:// URI.
 */
export function activationLink(appUrl: string, uri: string): string {
  const inner = uri.trim();
  const innerScheme = SCHEME.exec(inner)?.[1]?.toLowerCase();
  if (
    !/^https?:\/\//i.test(appUrl) ||
    (innerScheme !== 'otpauth' && innerScheme !== 'otpauth-migration' && innerScheme !== 'pia')
  ) {
    throw new KeyslotError('URI_SCHEME', { field: 'uri' });
  }
  const hash = appUrl.indexOf('#');
  return `${hash < 0 ? appUrl : appUrl.slice(0, hash)}#add=${encodeURIComponent(inner)}`;
}

/** The activation a fragment carries (link or bare `#…`); `ifNone` when it has no `add`. */
function fromFragment(fragment: string, ifNone: 'WEB_LINK' | 'NOT_ACTIVATION'): Activation {
  const value = addValue(fragment);
  if (value === null) throw refuse(ifNone);
  const inner = value.trim();
  if (inner === '') throw refuse('URI_MALFORMED'); // `#add=` and nothing: a link cut short
  if (isSealedPayload(inner)) return { kind: 'sealed', sealed: parseSealed(inner) };
  return read(inner, false);
}

/** `outer` is false for the URI inside a link: links and fragments are not read there. */
function read(input: string, outer: true): Activation;
function read(input: string, outer: false): OpenedActivation;
function read(input: string, outer: boolean): Activation {
  if (input.startsWith('#')) {
    if (!outer) throw refuse('NOT_ACTIVATION');
    return fromFragment(input.slice(1), 'NOT_ACTIVATION');
  }
  // Another vendor's enrollment (vendor-links.ts): say whose app it needs.
  refuseVendorLink(input);
  switch (SCHEME.exec(input)?.[1]?.toLowerCase()) {
    case 'otpauth': {
      const twoStep = readTwoStepParams(input);
      const draft = parseOtpauthUri(input, { steam: true });
      // privacyIDEA's 2step is HOTP/TOTP only: a Steam type with its parameters is not one.
      if (twoStep && draft.kind === 'steam') throw new KeyslotError('OTP_TYPE', { field: 'type' });
      return twoStep ? { kind: 'two-step', draft, twoStep } : { kind: 'slot', draft };
    }
    case 'otpauth-migration':
      return { kind: 'migration', batch: parseMigrationUri(input) };
    case 'pia':
      return { kind: 'pia', registration: parseRegistrationUri(input) };
    case 'steam': // Bitwarden's steam://SECRET: a Steam Guard slot named "Steam"
      return { kind: 'slot', draft: parseSteamUri(input) };
    case 'http':
    case 'https': {
      if (!outer) throw refuse('NOT_ACTIVATION');
      const hash = input.indexOf('#');
      if (hash < 0) throw refuse('WEB_LINK');
      return fromFragment(input.slice(hash + 1), 'WEB_LINK');
    }
    default:
      throw refuse('NOT_ACTIVATION');
  }
}

/**
 * What a scanned or pasted text means: one slot or a Google Authenticator export.
 * Throws KeyslotError for anything else (see the top of this file).
 */
export function readActivation(text: string): Activation {
  if (typeof text !== 'string') throw refuse('INPUT_EMPTY');
  if (text.length > ACTIVATION_TEXT_MAX) throw refuse('NOT_ACTIVATION');
  const input = text.trim();
  if (input === '') throw refuse('INPUT_EMPTY');
  return read(input, true);
}

/**
 * The URI a sealed link held (openSealed): an otpauth:// or otpauth-migration:// URI only,
 * read exactly as inside a plain link. Throws as readActivation does.
 */
export function readOpenedActivation(uri: string): OpenedActivation {
  if (typeof uri !== 'string' || uri.length > ACTIVATION_TEXT_MAX) throw refuse('NOT_ACTIVATION');
  const input = uri.trim();
  if (input === '') throw refuse('INPUT_EMPTY');
  return read(input, false);
}
