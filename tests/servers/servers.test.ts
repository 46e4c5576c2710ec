// `npm run test:servers`: the deployment recipes on real servers. nginx and Caddy (Debian's
// packages) are started on 127.0.0.1 with the recipes as the docs print them, beside
// `vite preview` (what `npm start` runs), all serving one fresh build; each is asked what a
// browser asks and must answer with the same headers and caching.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  immutableCacheControl,
  missingAssetCacheControl,
  revalidateCacheControl,
  securityHeaders,
  strictTransportSecurity,
} from '../../security-headers';
import { requireProgram, startCaddy, startNginx, startPreview, testNginxTls, type RunningServer } from './launch';
import { root } from './recipes';

const work = mkdtempSync(path.join(tmpdir(), 'keyslot-servers-'));
const dist = process.env.SERVERS_DIST ? path.resolve(process.env.SERVERS_DIST) : path.join(work, 'dist');

beforeAll(() => {
  if (!process.env.SERVERS_DIST) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist, '--emptyOutDir'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const indexHtml = () => readFileSync(path.join(dist, 'index.html'), 'utf8');
const assets = () => readdirSync(path.join(dist, 'assets')).sort();
/** A name the build could have given a file, but did not (another build's chunk). */
const MISSING_ASSET = '/assets/index-0000dead.js';

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

/** A GET as a browser sends it: navigations accept HTML, scripts and styles accept anything. */
async function get(base: string, pathname: string, accept = '*/*'): Promise<Answer> {
  const res = await fetch(base + pathname, { redirect: 'manual', headers: { accept } });
  return { status: res.status, headers: res.headers, body: await res.text() };
}
const navigate = (base: string, pathname: string) => get(base, pathname, 'text/html,application/xhtml+xml,*/*;q=0.8');

const servers: { name: string; hsts: boolean; start: () => Promise<RunningServer> }[] = [
  { name: 'nginx', hsts: true, start: () => startNginx(dist, work) },
  { name: 'Caddy', hsts: true, start: () => startCaddy(dist, work) },
  // npm start is http://localhost: HSTS belongs to the HTTPS host only.
  { name: 'vite preview (npm start)', hsts: false, start: () => startPreview(dist) },
];

it('nginx accepts the recipe as printed, with TLS and HTTP/2 (nginx -t, a self-signed certificate)', async () => {
  requireProgram('nginx', ['-v']);
  const verdict = await testNginxTls(dist, work);
  expect(verdict.ok, verdict.output).toBe(true);
});

describe.each(servers)('$name with the documented configuration', ({ name, hsts, start }) => {
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    if (name === 'nginx') console.log(requireProgram('nginx', ['-v']));
    if (name === 'Caddy') console.log(`caddy ${requireProgram('caddy', ['version'])}`);
    server = await start();
    base = server.base;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  function expectSecurityHeaders(answer: Answer, what: string): void {
    for (const [header, value] of Object.entries(securityHeaders)) {
      expect(answer.headers.get(header), `${header} on ${what}`).toBe(value);
    }
    expect(answer.headers.get('Strict-Transport-Security'), `HSTS on ${what}`).toBe(
      hsts ? strictTransportSecurity : null,
    );
  }

  it('sends every security header on pages, the service worker, assets, the manifest and a 404', async () => {
    const paths = [
      '/',
      '/index.html',
      '/sw.js',
      '/manifest.webmanifest',
      `/assets/${assets()[0]}`,
      '/slots/deep/link',
      MISSING_ASSET,
    ];
    for (const pathname of paths) expectSecurityHeaders(await get(base, pathname), pathname);
  });

  it('serves index.html so that every visit revalidates it', async () => {
    for (const pathname of ['/', '/index.html']) {
      const answer = await navigate(base, pathname);
      expect(answer.status, pathname).toBe(200);
      expect(answer.headers.get('Content-Type'), pathname).toMatch(/^text\/html/);
      expect(answer.headers.get('Cache-Control'), pathname).toBe(revalidateCacheControl);
      expect(answer.body, pathname).toBe(indexHtml());
    }
  });

  it('serves the service worker as JavaScript that every check revalidates', async () => {
    const answer = await get(base, '/sw.js');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toMatch(/^(text|application)\/javascript/);
    expect(answer.headers.get('Cache-Control')).toBe(revalidateCacheControl);
    expect(answer.body).toBe(readFileSync(path.join(dist, 'sw.js'), 'utf8'));
  });

  it('serves the manifest as application/manifest+json, revalidated', async () => {
    const answer = await get(base, '/manifest.webmanifest');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toMatch(/^application\/manifest\+json/);
    expect(answer.headers.get('Cache-Control')).toBe(revalidateCacheControl);
  });

  it('caches every hashed asset for a year as immutable, with its type', async () => {
    const types: Record<string, RegExp> = {
      js: /^(text|application)\/javascript/,
      css: /^text\/css/,
      wasm: /^application\/wasm$/,
    };
    expect(assets().some((file) => file.endsWith('.wasm'))).toBe(true);
    for (const file of assets()) {
      const answer = await get(base, `/assets/${file}`);
      expect(answer.status, file).toBe(200);
      expect(answer.headers.get('Cache-Control'), file).toBe(immutableCacheControl);
      const type = types[file.split('.').pop()!];
      if (type) expect(answer.headers.get('Content-Type'), file).toMatch(type);
    }
  });

  it('answers a missing hashed asset with a 404 that no cache keeps, not with index.html', async () => {
    for (const accept of ['*/*', 'text/html']) {
      const answer = await get(base, MISSING_ASSET, accept);
      expect(answer.status, `Accept: ${accept}`).toBe(404);
      expect(answer.headers.get('Cache-Control'), `Accept: ${accept}`).toBe(missingAssetCacheControl);
      expect(answer.body, `Accept: ${accept}`).not.toBe(indexHtml());
    }
  });

  it('opens a deep link with index.html, revalidated', async () => {
    for (const pathname of ['/slots/deep/link', '/share-target?text=x', '/no-such-page.html']) {
      const answer = await navigate(base, pathname);
      expect(answer.status, pathname).toBe(200);
      expect(answer.headers.get('Cache-Control'), pathname).toBe(revalidateCacheControl);
      expect(answer.body, pathname).toBe(indexHtml());
    }
  });
});
