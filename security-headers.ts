import { connectSources, parsePrivacyIdeaOrigins } from './src/core/deployment/privacyidea-origins.ts';

/**
 * The HTTP headers Keyslot must be served with (the `npm start` preview server
 * sends them; docs/deploying.md lists them for other servers). One place, so the
 * docs, the server and the tests agree.
 */
/**
 * KEYSLOT_PRIVACYIDEA_ORIGINS (read at build time): the privacyIDEA servers this deployment may
 * talk to, also the app's allow-list (__KEYSLOT_PRIVACYIDEA_ORIGINS__). docs/privacyidea.md.
 */
export const privacyIdeaOrigins: readonly string[] = parsePrivacyIdeaOrigins(process.env.KEYSLOT_PRIVACYIDEA_ORIGINS);

export const contentSecurityPolicy = [
  "default-src 'self'",
  // hash-wasm compiles Argon2id from bytes: WebAssembly needs 'wasm-unsafe-eval', never 'unsafe-eval'.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // privacyIDEA servers of the deployment, if any (same-origin ones are covered by 'self').
  ["connect-src 'self'", ...connectSources(privacyIdeaOrigins)].join(' '),
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  // Trusted Types (src/platform/trusted-types.ts): strings never reach a DOM sink that runs
  // code. Only Svelte's template policy and our same-origin script-URL policy may exist.
  "require-trusted-types-for 'script'",
  'trusted-types svelte-trusted-html default',
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
};

/** HSTS: sent by the HTTPS host only (never by the `npm start` server on http://localhost). */
export const strictTransportSecurity = 'max-age=63072000; includeSubDomains';

/** Hashed build files never change: cache them for a year. */
export const immutableCacheControl = 'public, max-age=31536000, immutable';

/** Everything else (index.html, sw.js, the manifest, icons, deep links) revalidates: an update must be seen. */
export const revalidateCacheControl = 'no-cache';

/**
 * A missing hashed file (`/assets/<name>-<hash>.js` of another build) is a 404 that no cache
 * keeps: a browser holding it for a year, or index.html in its place, could break the next update.
 */
export const missingAssetCacheControl = 'no-store';

/**
 * The `_headers` file for Netlify and Cloudflare Pages (emitted into dist/ by the build, and
 * quoted in docs/deploying.md; tests/unit/deploy-headers.test.ts keeps the three in step).
 */
export function headersFile(): string {
  const all = { ...securityHeaders, 'Strict-Transport-Security': strictTransportSecurity };
  return [
    '/*',
    ...Object.entries(all).map(([name, value]) => `  ${name}: ${value}`),
    '/assets/*',
    `  Cache-Control: ${immutableCacheControl}`,
    '',
  ].join('\n');
}
