// Architecture rules that keep Keyslot reviewable: each outside dependency enters
// through exactly one module, and src/core stays pure (no DOM, browser storage or UI).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|js|svelte)$/.test(name) ? [full] : [];
  });
}

const files = sourceFiles(srcDir).map((f) => ({
  name: path.relative(srcDir, f).replaceAll(path.sep, '/'),
  // Comments may mention anything; only code counts.
  code: readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1'),
}));

function users(pattern: RegExp): string[] {
  return files.filter((f) => pattern.test(f.code)).map((f) => f.name).sort();
}

const importOf = (mod: string) => new RegExp(`(?:from\\s*|import\\s*\\(\\s*|import\\s+)['"]${mod}(?:/[^'"]*)?['"]`);

describe('one entry point per dependency', () => {
  it('has src/core/otp.ts as the only module that imports otpauth or its HMAC library', () => {
    expect(users(importOf('otpauth'))).toEqual(['core/otp.ts']);
    expect(users(importOf('@noble/hashes'))).toEqual(['core/otp.ts']);
  });

  it('has src/platform/storage.ts as the only module that imports idb or touches indexedDB', () => {
    expect(users(importOf('idb'))).toEqual(['platform/storage.ts']);
    expect(users(/\bindexedDB\b/)).toEqual([]);
  });

  it('has src/platform/argon2.ts as the only module that imports hash-wasm', () => {
    expect(users(importOf('hash-wasm'))).toEqual(['platform/argon2.ts']);
  });

  it('has src/platform/webcrypto.ts as the only module that uses WebCrypto', () => {
    expect(users(/\bcrypto\.(subtle|getRandomValues|randomUUID)\b|\bsubtle\.\w+\(/)).toEqual(['platform/webcrypto.ts']);
  });
});

describe('src/core', () => {
  const core = files.filter((f) => f.name.startsWith('core/'));

  it('has modules to check', () => {
    expect(core.length).toBeGreaterThan(5);
  });

  it('imports nothing from the platform or UI layers', () => {
    const offenders = core.filter((f) => /from\s*['"]\.\.\/(platform|ui)\//.test(f.code)).map((f) => f.name);
    expect(offenders).toEqual([]);
  });

  it('never reads the clock, randomness, the DOM or browser storage itself', () => {
    const forbidden = /\bDate\.now\(|\bnew Date\(\)|\bperformance\.now\(|\bMath\.random\(|\b(window|document|localStorage|navigator|indexedDB)\b/;
    const offenders = core.filter((f) => forbidden.test(f.code)).map((f) => f.name);
    expect(offenders).toEqual([]);
  });
});
