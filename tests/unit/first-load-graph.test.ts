// What the unlock screen fetches before anyone types must stay small (issue 16: ≤ 50 KiB gzip;
// issue 15: the first load must not grow). The bench measures the bytes; this test keeps the
// import graph behind the two early chunks from quietly pulling in the heavy modules again.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Relative paths (from src/) of the modules `from` imports statically, type-only imports left out. */
function staticImports(from: string): { local: string[]; packages: string[] } {
  const code = readFileSync(path.join(srcDir, from), 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1');
  const local: string[] = [];
  const packages: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)) {
    const spec = m[1];
    if (!spec.startsWith('.')) {
      packages.push(spec);
      continue;
    }
    const base = path.join(path.dirname(from), spec);
    const file = ['.ts', '/index.ts', ''].map((ext) => base + ext).find((f) => existsSync(path.join(srcDir, f)));
    if (file) local.push(file.replaceAll(path.sep, '/'));
  }
  return { local, packages };
}

/** Every module reachable from `entry` through static imports, and the packages they import. */
function reachable(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const next = todo.pop()!;
    if (modules.has(next)) continue;
    modules.add(next);
    const found = staticImports(next);
    found.packages.forEach((p) => packages.add(p));
    todo.push(...found.local);
  }
  return { modules, packages };
}

describe('what loads before the first digit', () => {
  it('finds the modules behind the unlock screen’s questions (the walker sees real imports)', () => {
    const { modules, packages } = reachable('ui/state/session-probe.ts');
    expect(modules).toContain('platform/storage.ts');
    expect(modules).toContain('core/vault/header.ts');
    expect(packages).toContain('idb');
  });

  it('keeps WebCrypto, the record format and the key derivation out of the unlock screen’s probe', () => {
    const { modules } = reachable('ui/state/session-probe.ts');
    for (const heavy of ['platform/webcrypto.ts', 'core/vault/record.ts', 'platform/kdf.ts', 'core/otp.ts'])
      expect([...modules]).not.toContain(heavy);
  });

  it('registers the service worker without any package (workbox-window was 2.1 KiB before the PIN field)', () => {
    expect([...reachable('platform/pwa.ts').packages]).toEqual([]);
  });
});
