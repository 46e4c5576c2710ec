/**
 * The HTTP headers Keyslot must be served with (the `npm start` preview server
 * sends them; README "Deploy" lists them for other servers). One place, so the
 * README, the server and the tests agree.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  // hash-wasm compiles Argon2id from bytes: WebAssembly needs 'wasm-unsafe-eval', never 'unsafe-eval'.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
};
