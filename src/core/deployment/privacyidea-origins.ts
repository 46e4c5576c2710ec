/**
 * The deploy-time allow-list of privacyIDEA servers this Keyslot may talk to
 * (docs/privacyidea.md "Deployment"). One setting, KEYSLOT_PRIVACYIDEA_ORIGINS, read at build
 * time, feeds both the CSP `connect-src` (security-headers.ts) and this check in the app
 * (the build constant __KEYSLOT_PRIVACYIDEA_ORIGINS__). An empty list means none: every
 * `pia://` registration is refused with a message for the administrator.
 *
 * Entries are origins (RFC 6454: scheme://host[:port], no path) or the word `self`, meaning
 * privacyIDEA is reverse-proxied under Keyslot's own origin (no CORS needed).
 */

/** The word for "Keyslot's own origin" in the list. */
export const SELF = 'self';

/** Most a list may hold: the setting names a handful of servers, never hundreds. */
const MAX_ENTRIES = 32;

/**
 * Parses the setting: origins separated by commas or white space. Throws an Error naming the
 * setting and the bad entry (a deploy-time mistake must stop the build, not ship a wrong CSP).
 */
export function parsePrivacyIdeaOrigins(text: string | undefined): string[] {
  const entries = (text ?? '').split(/[\s,]+/).filter((e) => e !== '');
  if (entries.length > MAX_ENTRIES) {
    throw new Error(`KEYSLOT_PRIVACYIDEA_ORIGINS: at most ${MAX_ENTRIES} entries`);
  }
  const out: string[] = [];
  for (const entry of entries) {
    const origin = entry.toLowerCase() === SELF || entry === `'self'` ? SELF : normaliseOrigin(entry);
    if (origin === null) {
      throw new Error(`KEYSLOT_PRIVACYIDEA_ORIGINS: "${entry}" is not an origin (https://host[:port], or "self")`);
    }
    if (!out.includes(origin)) out.push(origin);
  }
  return out;
}

/**
 * The origin of an http(s) URL (RFC 6454 §4: scheme, lower-case host, port without the
 * default), or null. Hand-written because src/core has no WHATWG URL; user info is refused.
 */
export function originOf(url: string): string | null {
  const m = /^(https?):\/\/([^/?#\s]+)([/?#].*)?$/i.exec(url);
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  const authority = m[2]!.toLowerCase();
  if (authority.includes('@')) return null;
  const hp = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(authority);
  if (!hp) return null;
  const port = hp[2] === undefined ? '' : String(Number(hp[2]));
  if (port !== '' && (Number(port) < 1 || Number(port) > 65535)) return null;
  const defaultPort = scheme === 'https' ? '443' : '80';
  return `${scheme}://${hp[1]}${port === '' || port === defaultPort ? '' : `:${port}`}`;
}

/** `https://Host:443/` -> `https://host`; null for anything but a bare http(s) origin. */
function normaliseOrigin(entry: string): string | null {
  const origin = originOf(entry);
  if (origin === null) return null;
  const rest = entry.slice(entry.indexOf('//') + 2).replace(/^[^/?#]*/, '');
  return rest === '' || rest === '/' ? origin : null;
}

/** The CSP `connect-src` sources the list adds ('self' is always there already). */
export function connectSources(origins: readonly string[]): string[] {
  return origins.filter((o) => o !== SELF);
}

/**
 * May Keyslot, served from `appOrigin`, send a registration to `serverUrl` (the `url` of a
 * `pia://` QR)? Compares origins exactly; anything unparsable is refused.
 */
export function isPrivacyIdeaServerAllowed(
  serverUrl: string,
  allowList: readonly string[],
  appOrigin: string,
): boolean {
  const origin = originOf(serverUrl);
  if (origin === null) return false;
  const own = originOf(appOrigin);
  return allowList.some((entry) => (entry === SELF ? origin === own : origin === entry));
}
