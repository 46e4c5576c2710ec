/**
 * otpauth:// URIs (Google's "Key URI Format", the de-facto standard every
 * authenticator QR code uses):
 *
 *   otpauth://TYPE/LABEL?PARAMETERS
 *   LABEL = accountname / issuer (":" / "%3A") *"%20" accountname
 *
 * A small hand-written parser rather than `new URL()`: WHATWG URL would treat a raw
 * '#' in the label as a fragment and silently drop the query (secret included),
 * and it normalises paths in ways the format never asked for.
 *
 * Choices where public implementations disagree (docs/adding-codes.md has the table):
 *  - "%3A" separates issuer and account like ":" (Key URI Format ABNF; Google,
 *    hectorm/otpauth, totp-rs). pyotp keeps it in the name; we do not.
 *  - The `issuer` parameter wins over the label prefix; a mismatch is accepted
 *    (Google, 2FAuth, hectorm). pyotp and totp-rs refuse it, but Microsoft/Azure
 *    codes carry a tenant name in the label and "Microsoft" as issuer.
 *  - '#' is ordinary text, never a fragment: the format defines no fragment, and
 *    Azure AD guest accounts have labels like "account#EXT#@tenant" (2FAuth keeps
 *    the '#' in the account name; so do we).
 *  - Duplicate parameters: the last one wins (pyotp; same as URLSearchParams.get on
 *    a Map built in order). Parameter names are case-insensitive (hectorm).
 *  - An empty parameter value counts as absent (`issuer=` falls back to the label
 *    prefix, as hectorm does; `digits=` means the default).
 *  - `counter` is REQUIRED for hotp (as the format says). Google Authenticator
 *    silently assumes 0; guessing could desynchronise a hardware-style counter.
 *  - Unknown parameters are ignored; `image` is ignored and never fetched.
 *  - Steam Guard, when the caller asks for it (`{ steam: true }`: the add flow and the
 *    importers do; a privacyIDEA enrollment does not, its server issues no Steam tokens):
 *    type `steam` (what Aegis, 2FAS and Ente Auth write) and
 *    `otpauth://totp/…&encoder=steam` (KeePassXC, pyotp-style) both give a 'steam' slot
 *    with its fixed parameters (steam.ts); their algorithm/digits/period parameters are
 *    not consulted (Aegis writes digits=5, which no RFC code allows). Any other `encoder`
 *    is refused (OTP_TYPE): showing 6 digits instead would be silently wrong. An issuer
 *    of "Steam" alone does not make a Steam slot (a site may call itself that).
 *  - The label needs an account or an issuer: `otpauth://totp/?secret=…&issuer=X`
 *    is accepted (account empty), `otpauth://totp/?secret=…` is LABEL_EMPTY.
 *
 * Errors never contain the input (KeyslotError has code, field, limits only); the
 * only exceptions thrown from here are KeyslotErrors.
 */
import { encodeBase32 } from './base32';
import { KeyslotError } from './errors';
import { wellFormed } from './names';
import type { SlotDraft } from './slot';
import { STEAM_PARAMS } from './steam';
import {
  checkDraft,
  DEFAULT_PERIOD_S,
  parseAlgorithm,
  parseCounter,
  parseDigits,
  parseKind,
  parseName,
  parsePeriod,
  parseSecret,
  requireLabel,
} from './validate';

/**
 * Longest URI read, checked before any parsing. The longest one toOtpauthUri writes (three
 * 256-code-point names of 4-byte characters, percent-encoded, issuer twice, a 512-byte secret)
 * is ~10,100 characters, and a plain export must read back: 16 Ki leaves room, and the parser
 * is linear. (A QR code holds at most ~2.3 KB of bytes at level M: the QR dialog says so.)
 */
export const URI_MAX_LENGTH = 16_384;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** RFC 3986 percent-decoding ('+' stays '+', as in a URI path). */
function decodePath(text: string, field: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // URIError for "%ZZ" or invalid UTF-8; its message is not forwarded.
    throw new KeyslotError('URI_MALFORMED', { field });
  }
}

/** application/x-www-form-urlencoded value decoding: '+' is a space (Aegis: issuer=Air+Canada). */
function decodeQueryValue(text: string, field: string): string {
  return decodePath(text.replace(/\+/g, ' '), field);
}

/**
 * Query string -> map of lower-cased name -> raw (still encoded) value; later
 * duplicates replace earlier ones. Values are decoded only when read, so a badly
 * encoded parameter we ignore anyway (say `image`) cannot make the URI fail.
 */
function splitQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' ')).trim().toLowerCase();
    } catch {
      continue; // a name we cannot read is a parameter we do not know
    }
    params.set(name, rawValue);
  }
  return params;
}

function readParam(params: Map<string, string>, name: string): string | undefined {
  const raw = params.get(name);
  return raw === undefined ? undefined : decodeQueryValue(raw, name);
}

/**
 * LABEL -> [label prefix, account]. When the issuer parameter itself contains a
 * colon ("Text: More Text"), a label starting with "<issuer>:" is split after it, so
 * the account is not cut in the middle of the issuer. Otherwise: first colon.
 * Further colons stay in the account (Google keeps them too). Also used for the
 * names in Google Authenticator exports (migration.ts), which are such labels.
 */
export function splitLabel(label: string, issuerParam: string): [string, string] {
  if (issuerParam !== '' && label.startsWith(`${issuerParam}:`)) {
    return [issuerParam, label.slice(issuerParam.length + 1)];
  }
  const colon = label.indexOf(':');
  return colon < 0 ? ['', label] : [label.slice(0, colon), label.slice(colon + 1)];
}

/**
 * A `steam://SECRET` link (Bitwarden's form for a Steam Guard secret: no names, base32 secret)
 * as a Steam slot named "Steam". Errors name the field, never the secret.
 */
export function parseSteamUri(text: string): SlotDraft {
  if (typeof text !== 'string') throw new KeyslotError('INPUT_EMPTY', { field: 'uri' });
  if (text.length > URI_MAX_LENGTH) throw new KeyslotError('INPUT_TOO_LONG', { field: 'uri', max: URI_MAX_LENGTH });
  const input = text.trim();
  if (!/^steam:\/\//i.test(input)) throw new KeyslotError('URI_SCHEME', { field: 'uri' });
  const secret = parseSecret(input.slice('steam://'.length));
  return checkDraft({ kind: 'steam', issuer: 'Steam', account: '', secret, ...STEAM_PARAMS });
}

/**
 * Parses an otpauth://totp|hotp/ URI (Key URI Format) into a validated slot draft; with
 * `{ steam: true }` also Steam Guard URIs (see the header).
 */
export function parseOtpauthUri(text: string, options: { steam?: boolean } = {}): SlotDraft {
  if (typeof text !== 'string') throw new KeyslotError('INPUT_EMPTY', { field: 'uri' });
  if (text.length > URI_MAX_LENGTH) throw new KeyslotError('INPUT_TOO_LONG', { field: 'uri', max: URI_MAX_LENGTH });
  const input = text.trim();
  if (input === '') throw new KeyslotError('INPUT_EMPTY', { field: 'uri' });

  // Scheme names are case-insensitive (RFC 3986 §3.1): OTPAUTH:// is fine.
  const scheme = SCHEME.exec(input);
  if (!scheme || scheme[1]!.toLowerCase() !== 'otpauth') throw new KeyslotError('URI_SCHEME', { field: 'uri' });
  const rest = input.slice(scheme[0].length);
  if (!rest.startsWith('//')) throw new KeyslotError('URI_MALFORMED', { field: 'uri' });

  // "TYPE/LABEL?QUERY". The first '?' ends the label; '#' is plain text (see header).
  const afterSlashes = rest.slice(2);
  const q = afterSlashes.indexOf('?');
  const path = q < 0 ? afterSlashes : afterSlashes.slice(0, q);
  const query = q < 0 ? '' : afterSlashes.slice(q + 1);
  const slash = path.indexOf('/');
  let kind = parseKind(slash < 0 ? path : path.slice(0, slash), 'type');
  if (kind === 'steam' && !options.steam) throw new KeyslotError('OTP_TYPE', { field: 'type' });
  const label = decodePath(slash < 0 ? '' : path.slice(slash + 1), 'label');

  const params = splitQuery(query);
  const encoder = readParam(params, 'encoder');
  if (encoder !== undefined && encoder.trim() !== '') {
    if (!options.steam || (kind !== 'totp' && kind !== 'steam'))
      throw new KeyslotError('OTP_TYPE', { field: 'encoder' });
    if (encoder.trim().toLowerCase() !== 'steam') throw new KeyslotError('OTP_TYPE', { field: 'encoder' });
    kind = 'steam';
  }

  const secret = parseSecret(readParam(params, 'secret'));
  if (kind === 'steam') return checkDraft({ kind, ...labelNames(label, params), secret, ...STEAM_PARAMS });
  const algorithm = parseAlgorithm(readParam(params, 'algorithm'));
  const digits = parseDigits(readParam(params, 'digits'));
  // RFC 4226 has no time step and RFC 6238 no counter: each type ignores the other's parameter
  // (Ente Auth exports period=30 on HOTP entries).
  const period = kind === 'totp' ? parsePeriod(readParam(params, 'period')) : DEFAULT_PERIOD_S;
  const counter = kind === 'hotp' ? parseCounter(readParam(params, 'counter')) : 0;

  // The one validator every way in ends with (validate.ts): names normalised, all in range.
  return checkDraft({ kind, ...labelNames(label, params), secret, algorithm, digits, period, counter });
}

/** Issuer and account from the label and the `issuer` parameter (which wins). */
function labelNames(label: string, params: Map<string, string>): { issuer: string; account: string } {
  const issuerParam = (readParam(params, 'issuer') ?? '').trim();
  const [prefix, accountText] = splitLabel(label, issuerParam);
  const issuer = parseName(issuerParam !== '' ? issuerParam : prefix, 'issuer');
  const account = parseName(accountText, 'account');
  requireLabel(issuer, account);
  return { issuer, account };
}

/**
 * encodeURIComponent, but '@' stays readable (it is legal in both path and query). Never throws:
 * a lone surrogate (which encodeURIComponent refuses with URIError) is written as U+FFFD.
 */
function encode(text: string): string {
  return encodeURIComponent(wellFormed(text)).replace(/%40/g, '@');
}

/**
 * Canonical URI for a draft: `otpauth://TYPE/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=…&digits=…&period=…`
 * (`counter` instead of `period` for hotp). Every parameter is written, base32 unpadded.
 * parseOtpauthUri(toOtpauthUri(d)) gives back d for every valid draft.
 */
export function toOtpauthUri(draft: SlotDraft): string {
  const { kind, issuer, account } = draft;
  let label: string;
  if (issuer !== '') label = `${encode(issuer)}:${encode(account)}`;
  // An account with a colon and no issuer gets an empty prefix, or its first part would be read as the issuer.
  else label = account.includes(':') ? `:${encode(account)}` : encode(account);

  const params = [`secret=${encodeBase32(draft.secret)}`];
  if (issuer !== '') params.push(`issuer=${encode(issuer)}`);
  params.push(`algorithm=${draft.algorithm}`, `digits=${draft.digits}`);
  // Steam: Aegis's otpauth://steam/ form with its fixed digits=5, period=30 (what Aegis, 2FAS and Ente write).
  params.push(kind === 'hotp' ? `counter=${draft.counter}` : `period=${draft.period}`);
  return `otpauth://${kind}/${label}?${params.join('&')}`;
}
