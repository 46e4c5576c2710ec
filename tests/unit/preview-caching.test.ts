// `npm start` caches as the deployment recipes do (the real server is checked in tests/servers).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheControlFor } from '../../preview-caching';
import { immutableCacheControl, revalidateCacheControl } from '../../security-headers';

const outDir = mkdtempSync(path.join(tmpdir(), 'keyslot-preview-'));
mkdirSync(path.join(outDir, 'assets/nested'), { recursive: true });
writeFileSync(path.join(outDir, 'assets/index-abc123.js'), '');
writeFileSync(path.join(outDir, 'index.html'), '');

describe('the preview server’s Cache-Control', () => {
  it('caches a hashed file that exists for a year and revalidates everything else', () => {
    expect(cacheControlFor(outDir, '/assets/index-abc123.js')).toBe(immutableCacheControl);
    for (const pathname of ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/deep/link']) {
      expect(cacheControlFor(outDir, pathname)).toBe(revalidateCacheControl);
    }
  });

  it('has no cache for a missing asset, a folder, or a path that climbs out of assets/', () => {
    for (const pathname of [
      '/assets/index-0000dead.js',
      '/assets/',
      '/assets/nested',
      '/assets/../index.html',
      '/assets/../../etc/passwd',
    ]) {
      expect(cacheControlFor(outDir, pathname), pathname).toBeNull();
    }
  });
});
