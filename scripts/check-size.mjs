// Fails when the entry index.html loads is over its budget (issue 16): the JS of its module script
// and the modules it preloads, gzip -9. Reads a build (default dist/, as `npm test` leaves it; or
// the directory given); builds first when there is none. `npm run bench` prints the same figure.
//   node scripts/check-size.mjs [outDir]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

export const ENTRY_BUDGET_GZ = 40 * 1024;

/** The entry index.html loads: its module script, the modules it preloads, its stylesheets (gzip -9 bytes). */
export function entrySize(dir = 'dist') {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const refs = [
    ...new Set(
      [...html.matchAll(/<(?:script[^>]+src|link[^>]+href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]),
    ),
  ];
  const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
  const js = refs.filter((r) => r.endsWith('.js'));
  const css = refs.filter((r) => r.endsWith('.css'));
  return { jsGz: js.reduce((n, f) => n + gz(f), 0), cssGz: css.reduce((n, f) => n + gz(f), 0), js, css };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist';
  if (!existsSync(join(dir, 'index.html')))
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dir], { stdio: 'inherit' });
  const size = entrySize(dir);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const line = `Entry JS (${size.js.join(', ')}): ${kib(size.jsGz)} gzip -9, budget ${kib(ENTRY_BUDGET_GZ)}`;
  if (size.js.length === 0 || size.jsGz > ENTRY_BUDGET_GZ) {
    console.error(`${line}: OVER. Load what the unlock screen does not need with import() (docs/testing.md).`);
    process.exit(1);
  }
  console.log(`${line}: ok.`);
}
