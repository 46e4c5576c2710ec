/**
 * privacyIDEA's smartphone container registration QR (privacyIDEA 3.11+,
 * doc/container/synchronization.rst "Registration"; built by
 * lib/containers/smartphone.py create_container_registration_url):
 *
 *   pia://container/<serial>?issuer=…&ttl=<minutes>&nonce=<hex>&time=<ISO 8601>&url=<server>
 *     &serial=<serial>&key_algorithm=secp384r1&hash_algorithm=SHA256&ssl_verify=True|False
 *     [&passphrase=<prompt>&send_passphrase=True|False][&<extra data>…]
 *
 * parseRegistrationUri is strict about what Keyslot uses (every listed parameter once, the
 * path's serial equal to `serial`, known algorithms, a http(s) server URL without credentials)
 * and ignores extra parameters (privacyIDEA may append `extra_data`). It needs neither the
 * clock nor the deployment: checkRegistration then refuses an expired QR, a server this
 * deployment does not allow, and one reached without TLS verification.
 *
 * Values are percent-decoded as privacyIDEA encodes them (Python's urllib.parse.quote, so a
 * literal '+' never appears and is NOT read as a space). Errors carry only a code and the
 * parameter's name: never a value.
 */
import { isPrivacyIdeaServerAllowed } from '../deployment/privacyidea-origins';
import { KeyslotError } from '../errors';
import { TEXT_MAX } from '../slot';

/** Hash algorithms for the ECDSA signatures privacyIDEA verifies (lib/crypto.py verify_ecc). */
export type PiaHash = 'SHA256' | 'SHA384' | 'SHA512';

export interface PiaRegistration {
  /** Container serial, e.g. SMPH000588A4. */
  containerSerial: string;
  /** Who asks, e.g. "privacyIDEA" (shown, never trusted for anything). */
  issuer: string;
  /** How long the QR is valid, minutes after `time`. */
  ttlMinutes: number;
  /** The registration challenge's nonce (hex), signed back. */
  nonce: string;
  /** The challenge's time exactly as the QR wrote it: it is signed back byte for byte. */
  time: string;
  /** `time` in ms since the epoch. */
  timeMs: number;
  /** The privacyIDEA base URL exactly as given (endpoint URLs are built from it, as the server does). */
  serverUrl: string;
  /** Its origin, e.g. https://pi.example.org (what the allow-list and the user see). */
  origin: string;
  hash: PiaHash;
  sslVerify: boolean;
  /** The passphrase prompt to show; '' when the QR asks for none. */
  passphrasePrompt: string;
  /** privacyIDEA 3.12+: the answer is also sent (checked against the user store). */
  sendPassphrase: boolean;
}

/** Longest registration text looked at (privacyIDEA's are ~300 characters). */
export const PIA_URI_MAX = 4096;
/** A registration valid for more than a week is not one privacyIDEA's policies make. */
export const PIA_TTL_MAX_MINUTES = 7 * 24 * 60;
const SERIAL_RE = /^[A-Za-z0-9_.-]{1,64}$/;
const NONCE_RE = /^[0-9a-fA-F]{16,256}$/;
/** ISO 8601 as Python's datetime.isoformat() writes it (with an offset or Z). */
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/;
const HASHES: Readonly<Record<string, PiaHash>> = { SHA256: 'SHA256', SHA384: 'SHA384', SHA512: 'SHA512' };
const KNOWN = [
  'issuer',
  'ttl',
  'nonce',
  'time',
  'url',
  'serial',
  'key_algorithm',
  'hash_algorithm',
  'ssl_verify',
  'passphrase',
  'send_passphrase',
];

const bad = (field: string): KeyslotError => new KeyslotError('PIA_URI', { field });

/** True for text that is (meant to be) a privacyIDEA registration QR. */
export function isRegistrationUri(text: string): boolean {
  return /^\s*pia:/i.test(text);
}

function decode(raw: string, field: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw bad(field);
  }
}

function splitQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (!KNOWN.includes(name)) continue; // extra data privacyIDEA may add: not ours to read
    if (params.has(name)) throw bad(name); // two answers to one question: refuse rather than pick
    params.set(name, decode(eq < 0 ? '' : part.slice(eq + 1), name));
  }
  return params;
}

function required(params: Map<string, string>, name: string): string {
  const v = params.get(name);
  if (v === undefined || v === '') throw bad(name);
  return v;
}

/** Python's str(bool): "True" / "False" (any case accepted); absent = `absent`. */
function readBool(params: Map<string, string>, name: string, absent: boolean): boolean {
  const v = params.get(name);
  if (v === undefined || v === '') return absent;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw bad(name);
}

/** ms since the epoch of an ISO 8601 time with an offset; null if it is not one. */
export function parseIsoTime(text: string): number | null {
  const m = TIME_RE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (local.getUTCMonth() !== mo - 1 || local.getUTCDate() !== d) return null; // 2024-02-30
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const zone = m[8]!;
  const offsetMin =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return local.getTime() + ms - offsetMin * 60_000;
}

/**
 * The server URL: http(s)://host[:port][/path], no credentials, query or fragment (src/core has
 * no URL class: a strict pattern instead). The origin is lower-cased, without a default port.
 */
const SERVER_RE = /^(https?):\/\/((?:[a-z0-9-]+\.)*[a-z0-9-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(\/[^?#\s]*)?$/i;

function readServer(raw: string): { serverUrl: string; origin: string } {
  const m = SERVER_RE.exec(raw);
  if (!m) throw bad('url');
  const scheme = m[1]!.toLowerCase();
  const port = m[3] === undefined ? '' : String(Number(m[3]));
  if (port !== '' && (Number(port) < 1 || Number(port) > 65535)) throw bad('url');
  const defaultPort = scheme === 'https' ? '443' : '80';
  const origin = `${scheme}://${m[2]!.toLowerCase()}${port === '' || port === defaultPort ? '' : `:${port}`}`;
  return { serverUrl: raw, origin };
}

/** Parses a `pia://container/…` registration QR. Throws PIA_URI (field = parameter) or PIA_ALGORITHM. */
export function parseRegistrationUri(text: string): PiaRegistration {
  if (typeof text !== 'string' || text.length > PIA_URI_MAX) throw bad('uri');
  const input = text.trim();
  const m = /^pia:\/\/container\/([^?#]*)\?([^#]*)$/i.exec(input);
  if (!m) throw bad('uri');
  const params = splitQuery(m[2]!);
  const containerSerial = required(params, 'serial');
  if (!SERIAL_RE.test(containerSerial) || decode(m[1]!, 'serial') !== containerSerial) throw bad('serial');

  const keyAlgorithm = required(params, 'key_algorithm');
  if (keyAlgorithm.toLowerCase() !== 'secp384r1') throw new KeyslotError('PIA_ALGORITHM', { field: 'key_algorithm' });
  const hash = HASHES[required(params, 'hash_algorithm').toUpperCase().replace('-', '')];
  if (!hash) throw new KeyslotError('PIA_ALGORITHM', { field: 'hash_algorithm' });

  const issuer = required(params, 'issuer').trim();
  if ([...issuer].length > TEXT_MAX || issuer === '') throw bad('issuer');
  const ttlText = required(params, 'ttl');
  const ttlMinutes = Number(ttlText);
  if (!/^\d{1,6}$/.test(ttlText) || ttlMinutes < 1 || ttlMinutes > PIA_TTL_MAX_MINUTES) throw bad('ttl');
  const nonce = required(params, 'nonce');
  if (!NONCE_RE.test(nonce)) throw bad('nonce');
  const time = required(params, 'time');
  const timeMs = parseIsoTime(time);
  if (timeMs === null) throw bad('time');
  const passphrasePrompt = params.get('passphrase') ?? '';
  if ([...passphrasePrompt].length > TEXT_MAX * 4) throw bad('passphrase');

  return {
    containerSerial,
    issuer,
    ttlMinutes,
    nonce,
    time,
    timeMs,
    ...readServer(required(params, 'url')),
    hash,
    sslVerify: readBool(params, 'ssl_verify', true),
    passphrasePrompt,
    sendPassphrase: readBool(params, 'send_passphrase', false),
  };
}

/** 127.0.0.0/8, ::1 and localhost: the only servers Keyslot reaches without a verified TLS certificate. */
export function isLoopback(origin: string): boolean {
  const host = origin.replace(/^https?:\/\//, '').replace(/:\d+$/, '');
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The checks that need the clock and the deployment's allow-list of privacyIDEA origins
 * (exact origins, e.g. "https://pi.example.org", or 'self': the origin Keyslot is served from,
 * with privacyIDEA's container endpoints reverse-proxied under it). In this order, each a clear reason:
 * PIA_NOT_CONFIGURED (the allow-list is empty: a message for the administrator),
 * PIA_ORIGIN (not on it), PIA_INSECURE (plain http, or ssl_verify=False, to a server that is
 * not loopback: a browser cannot skip certificate checks, and Keyslot would not want to),
 * PIA_EXPIRED (now is past time + ttl).
 */
export function checkRegistration(
  reg: PiaRegistration,
  nowMs: number,
  allowedOrigins: readonly string[],
  appOrigin: string,
): void {
  if (allowedOrigins.length === 0) throw new KeyslotError('PIA_NOT_CONFIGURED', { field: 'url' });
  // The one allow-list check (the same function the deployment docs and tests use).
  if (!isPrivacyIdeaServerAllowed(reg.origin, allowedOrigins, appOrigin))
    throw new KeyslotError('PIA_ORIGIN', { field: 'url' });
  if (!isLoopback(reg.origin) && (!reg.sslVerify || !reg.origin.startsWith('https:'))) {
    throw new KeyslotError('PIA_INSECURE', { field: reg.sslVerify ? 'url' : 'ssl_verify' });
  }
  if (nowMs > reg.timeMs + reg.ttlMinutes * 60_000) throw new KeyslotError('PIA_EXPIRED', { field: 'time' });
}
