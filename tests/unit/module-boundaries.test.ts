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
  return files
    .filter((f) => pattern.test(f.code))
    .map((f) => f.name)
    .sort();
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

  it('has src/platform/x25519-fallback.ts as the only module that imports @noble/curves, loaded only lazily', () => {
    expect(users(importOf('@noble/curves'))).toEqual(['platform/x25519-fallback.ts']);
    const staticImport = /import\s+(?!type\b)[^;]*?from\s*['"]\.{1,2}\/(?:platform\/)?x25519-fallback(?:\.ts)?['"]/;
    expect(users(staticImport)).toEqual([]);
  });

  it('has src/platform/argon2.ts as the only module that imports hash-wasm', () => {
    expect(users(importOf('hash-wasm'))).toEqual(['platform/argon2.ts']);
  });

  it('has src/platform/qr-decode.ts as the only module that imports zxing-wasm, and never loads a CDN copy', () => {
    expect(users(importOf('zxing-wasm'))).toEqual(['platform/qr-decode.ts']);
    // zxing-wasm fetches its .wasm from jsDelivr unless told otherwise: we serve our own copy.
    expect(users(/jsdelivr|unpkg|cdn\./i)).toEqual([]);
    // @zxing/library is a dev dependency for comparison only; it must not ship.
  });

  it('has src/platform/qr-decode-js.ts as the only module that imports @zxing/browser or @zxing/library, loaded only lazily', () => {
    expect(users(importOf('@zxing/(?:library|browser)'))).toEqual(['platform/qr-decode-js.ts']);
    const staticImport = /import\s+(?!type\b)[^;]*?from\s*['"]\.{1,2}\/(?:platform\/)?qr-decode-js(?:\.ts)?['"]/;
    expect(users(staticImport)).toEqual([]);
  });

  it('loads the QR decoder only lazily: statically only from its worker, elsewhere by import() or for types', () => {
    const staticImport = /import\s+(?!type\b)[^;]*?from\s*['"](?:\.{1,2}\/)+(?:platform\/)?qr-decode(?:\.ts)?['"]/;
    expect(users(staticImport)).toEqual(['workers/qr-worker.ts']);
  });

  it('has src/platform/qr-encode.ts as the only module that imports qrcode, loaded only lazily', () => {
    expect(users(importOf('qrcode'))).toEqual(['platform/qr-encode.ts']);
    const staticImport = /import\s+(?!type\b)[^;]*?from\s*['"]\.{1,2}\/(?:platform\/)?qr-encode(?:\.ts)?['"]/;
    expect(users(staticImport)).toEqual([]);
  });

  it('has src/platform/unzip.ts as the only module that imports fflate, loaded only lazily', () => {
    expect(users(importOf('fflate'))).toEqual(['platform/unzip.ts']);
    const staticImport = /import\s+(?!type\b)[^;]*?from\s*['"]\.{1,2}\/(?:platform\/)?unzip(?:\.ts)?['"]/;
    expect(users(staticImport)).toEqual([]);
  });

  it('has src/platform/backup-file.ts as the only module that saves files (File System Access, blob downloads)', () => {
    expect(users(/\bshowSaveFilePicker\b|\bcreateObjectURL\b/)).toEqual(['platform/backup-file.ts']);
  });

  it('has src/platform/camera.ts as the only module that opens the camera or captures the screen', () => {
    // Calls only: feature detection (typeof ...getDisplayMedia === 'function') is fine anywhere.
    expect(users(/\b(?:getUserMedia|getDisplayMedia)\s*(?:\?\.)?\s*\(/)).toEqual(['platform/camera.ts']);
  });

  it('has src/platform/scanner.ts as the only module that uses BarcodeDetector', () => {
    expect(users(/\bBarcodeDetector\b/)).toEqual(['platform/scanner.ts']);
  });

  it('has src/platform/pip.ts as the only module that opens a Keep-on-top window', () => {
    expect(users(/\bdocumentPictureInPicture\b/)).toEqual(['platform/pip.ts']);
  });

  it('has src/platform/clock-check.ts (its own origin) and privacyidea-net.ts (a confirmed privacyIDEA server) as the only modules that ask the network for anything', () => {
    expect(
      users(/\bfetch\s*\(|\bfetchImpl\s*\(|\bXMLHttpRequest\b|\bsendBeacon\b|\bWebSocket\b|\bEventSource\b/),
    ).toEqual(['platform/clock-check.ts', 'platform/privacyidea-net.ts']);
  });

  it('has src/platform/passkey.ts as the only module that uses WebAuthn', () => {
    expect(users(/\bnavigator\.credentials\b|\bPublicKeyCredential\b/)).toEqual(['platform/passkey.ts']);
  });

  it('has src/platform/webcrypto.ts as the only module that uses WebCrypto', () => {
    expect(users(/\bcrypto\.(subtle|getRandomValues|randomUUID)\b|\bsubtle\.\w+\(/)).toEqual(['platform/webcrypto.ts']);
  });

  it('imports Workbox only in the service worker (the page registers it with the browser API)', () => {
    expect(users(/(?:from\s*|import\s*\(\s*|import\s+)['"]workbox-/)).toEqual(['sw/sw.ts']);
  });

  it('talks to the service worker only from src/platform/pwa.ts and share-target.ts', () => {
    expect(users(/\bserviceWorker\b/)).toEqual(['platform/pwa.ts', 'platform/share-target.ts']);
  });

  it('has src/platform/storage-health.ts as the only module that uses navigator.storage, and it and preferences.ts the only localStorage users', () => {
    expect(users(/\bnavigator\.storage\b/)).toEqual(['platform/storage-health.ts']);
    expect(users(/\blocalStorage\b/)).toEqual(['platform/preferences.ts', 'platform/storage-health.ts']);
  });

  it('creates Trusted Types policies only in src/platform/trusted-types.ts', () => {
    expect(users(/\bcreatePolicy\s*\(/)).toEqual(['platform/trusted-types.ts']);
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
    const forbidden =
      /\bDate\.now\(|\bnew Date\(\)|\bperformance\.now\(|\bMath\.random\(|\b(window|document|localStorage|navigator|indexedDB)\b/;
    const offenders = core.filter((f) => forbidden.test(f.code)).map((f) => f.name);
    expect(offenders).toEqual([]);
  });
});

describe('src/ui', () => {
  const components = files.filter((f) => f.name.startsWith('ui/') && f.name.endsWith('.svelte'));
  const platformImport = /(?:from\s*|import\s*\(\s*|import\s+)['"](?:\.{1,2}\/)+platform\//;

  it('has components to check', () => {
    expect(components.length).toBeGreaterThan(20);
  });

  it('has components talk to state (src/ui/state), not to src/platform', () => {
    const offenders = components.filter((f) => platformImport.test(f.code)).map((f) => f.name);
    expect(offenders).toEqual([]);
  });

  it('finds a component that imports platform/ (the check itself works)', () => {
    expect(platformImport.test("import { copyCode } from '../../platform/clipboard';")).toBe(true);
    expect(platformImport.test("const m = await import('../../platform/camera');")).toBe(true);
    expect(platformImport.test("import { useBrowser } from '../state/context';")).toBe(false);
  });

  it('shares state by context, not as module singletons', () => {
    const singleton = /^export\s+const\s+\w+\s*=\s*new\s+[A-Z]/m;
    const offenders = files.filter((f) => f.name.startsWith('ui/state/') && singleton.test(f.code)).map((f) => f.name);
    expect(offenders).toEqual([]);
  });

  it('shares state by context, not through an app prop', () => {
    const offenders = components.filter((f) => /\{\s*app\s*\}|\bapp:\s*AppState\b/.test(f.code)).map((f) => f.name);
    expect(offenders).toEqual([]);
  });
});

describe('src/workers', () => {
  it('holds the worker entry points, and nothing imports them (they start from new URL(...))', () => {
    const workers = files.filter((f) => f.name.startsWith('workers/')).map((f) => f.name);
    expect(workers).toEqual([
      'workers/backup-parse-worker.ts',
      'workers/import-parse-worker.ts',
      'workers/kdf-worker.ts',
      'workers/qr-worker.ts',
    ]);
    expect(users(/from\s*['"][^'"]*workers\//)).toEqual([]);
  });
});
