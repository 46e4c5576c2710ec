// docs/deploying.md, dist/_headers and security-headers.ts must say exactly the same thing:
// one source (security-headers.ts), every server configuration in docs/deploying.md checked against it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  headersFile,
  immutableCacheControl,
  missingAssetCacheControl,
  revalidateCacheControl,
  securityHeaders,
  strictTransportSecurity,
} from '../../security-headers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const deploy = readFileSync(path.join(root, 'docs', 'deploying.md'), 'utf8');
const all: [string, string][] = [
  ...Object.entries(securityHeaders),
  ['Strict-Transport-Security', strictTransportSecurity],
];

function codeBlock(language: string): string {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(deploy);
  expect(match, `a \`\`\`${language} block in docs/deploying.md`).not.toBeNull();
  return match![1]!;
}

describe('the Content-Security-Policy', () => {
  it('is strict: no unsafe-inline or unsafe-eval, nothing framed, no base or objects, Trusted Types required', () => {
    expect(contentSecurityPolicy).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    for (const directive of [
      "default-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
      "require-trusted-types-for 'script'",
      'trusted-types svelte-trusted-html default',
    ]) {
      expect(contentSecurityPolicy.split('; ')).toContain(directive);
    }
  });

  it('allows the camera for Keyslot and nothing else', () => {
    const features = securityHeaders['Permissions-Policy']!.split(', ');
    expect(features.filter((f) => !f.endsWith('=()'))).toEqual(['camera=(self)']);
  });
});

describe('docs/deploying.md agrees with security-headers.ts', () => {
  it('lists every header with its exact value in the table', () => {
    for (const [name, value] of all) expect(deploy).toContain(`| \`${name}\` | \`${value}\``);
  });

  it('has the same headers in the nginx configuration', () => {
    const nginx = codeBlock('nginx');
    for (const [name, value] of all) expect(nginx).toContain(`add_header ${name} "${value}" always;`);
    // Hashed assets: a year when found (2xx/3xx), no-store for a 404 (tests/servers runs it for real).
    expect(nginx).toContain(`~^[23] "${immutableCacheControl}";`);
    expect(nginx).toContain(`default "${missingAssetCacheControl}";`);
    expect(nginx).toContain('add_header Cache-Control $keyslot_asset_cache always;');
    expect(nginx.match(/add_header Cache-Control "no-cache" always;/g)).toHaveLength(2);
    expect(nginx.match(/add_header/g)).toHaveLength(all.length + 3);
  });

  it('has the same headers in the Caddy configuration', () => {
    const caddy = codeBlock('caddy');
    for (const [name, value] of all) expect(caddy).toContain(`\t\t${name} "${value}"`);
    expect(caddy).toContain(`header @hashed Cache-Control "${immutableCacheControl}"`);
    expect(caddy).toContain(`\t\t?Cache-Control "${revalidateCacheControl}"`);
    expect(caddy).toContain(`handle_errors {\n\t\theader Cache-Control "${missingAssetCacheControl}"\n\t}`);
  });

  it('has the same headers in the Apache configuration', () => {
    const apache = codeBlock('apache');
    for (const [name, value] of all) expect(apache).toContain(`Header always set ${name} "${value}"`);
    expect(apache).toContain(`Header set Cache-Control "${immutableCacheControl}"`);
    expect(apache).toContain(`FallbackResource disabled\n    Header set Cache-Control "${immutableCacheControl}"`);
  });

  it('quotes the _headers file for Netlify and Cloudflare Pages exactly as the build writes it', () => {
    expect(codeBlock('text')).toBe(headersFile());
  });
});

describe('dist/_headers', () => {
  it('sends every security header, HSTS included, for every path, and caches hashed assets for a year', () => {
    const file = headersFile();
    const [everything, assets] = file.split('/assets/*\n');
    expect(everything!.startsWith('/*\n')).toBe(true);
    for (const [name, value] of all) expect(everything).toContain(`\n  ${name}: ${value}\n`);
    expect(assets).toBe(`  Cache-Control: ${immutableCacheControl}\n`);
  });
});
