/**
 * Trusted Types. With `require-trusted-types-for 'script'` in the CSP (security-headers.ts), the
 * browser refuses a plain string at every DOM sink that can run code: innerHTML, script URLs
 * for workers and service workers, eval-like calls. Two policies exist, and the CSP's
 * `trusted-types` directive allows only these two names:
 *
 *  - `svelte-trusted-html`, Svelte's own: it turns the compiler's static templates into HTML.
 *  - `default`, created here when this module is first evaluated (it is imported by
 *    platform/pwa.ts, which the app shell loads before anything creates a worker). It only
 *    vouches for script URLs of THIS origin (the KDF worker, the service worker, the scanner's
 *    worker if any). It has no createHTML and no createScript, so any other string that reaches
 *    an HTML or script sink is refused and reported as a CSP violation.
 *
 * Browsers without Trusted Types (Firefox, Safari today) ignore all of this.
 */

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
  defaultPolicy?: ScriptUrlPolicy | null;
}

function sameOriginScriptUrl(url: string): string {
  const parsed = new URL(url, globalThis.location.href);
  if (parsed.origin !== globalThis.location.origin)
    throw new TypeError('Keyslot loads scripts from its own origin only');
  return parsed.href;
}

function installDefaultPolicy(): ScriptUrlPolicy | null {
  const tt = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!tt || typeof window === 'undefined') return null;
  if (tt.defaultPolicy) return tt.defaultPolicy;
  try {
    return tt.createPolicy('default', { createScriptURL: sameOriginScriptUrl });
  } catch {
    return null; // a CSP without 'default' in trusted-types: the browser then refuses all sinks itself
  }
}

const policy = installDefaultPolicy();

/** A script URL as the sink wants it: a TrustedScriptURL where Trusted Types exist, else the string. */
export function trustedScriptUrl(url: string): string {
  return policy ? (policy.createScriptURL(url) as string) : url;
}
