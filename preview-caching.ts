/**
 * `npm start` (vite preview) caches exactly as the deployment recipes do (security-headers.ts):
 * hashed files under /assets/ for a year, a missing one a 404 that is never stored (not
 * index.html), everything else revalidated. tests/servers checks it beside nginx and Caddy.
 */
import { statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { Plugin } from 'vite';
import {
  immutableCacheControl,
  missingAssetCacheControl,
  revalidateCacheControl,
  securityHeaders,
} from './security-headers.ts';

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The Cache-Control for `pathname` in `outDir`: null when it is a hashed asset that is not there. */
export function cacheControlFor(outDir: string, pathname: string): string | null {
  if (!pathname.startsWith('/assets/')) return revalidateCacheControl;
  const file = path.resolve(outDir, `.${pathname}`);
  const inside = file.startsWith(path.resolve(outDir, 'assets') + path.sep);
  return inside && isFile(file) ? immutableCacheControl : null;
}

/** Makes every later writeHead send `value` as Cache-Control (vite's static server sets its own). */
function forceCacheControl(res: ServerResponse, value: string): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    for (const arg of args.slice(1)) {
      if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
        for (const name of Object.keys(arg))
          if (name.toLowerCase() === 'cache-control') delete (arg as Record<string, unknown>)[name];
      }
    }
    res.setHeader('Cache-Control', value);
    return writeHead(...args);
  }) as ServerResponse['writeHead'];
}

export function previewCaching(): Plugin {
  return {
    name: 'keyslot-preview-caching',
    configurePreviewServer(server) {
      const outDir = path.resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((req, res, next) => {
        let pathname: string;
        try {
          pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
        } catch {
          pathname = '/';
        }
        const cacheControl = cacheControlFor(outDir, pathname);
        if (cacheControl) {
          forceCacheControl(res, cacheControl);
          return next();
        }
        res.statusCode = 404;
        for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
        res.setHeader('Cache-Control', missingAssetCacheControl);
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('Not found\n');
      });
    },
  };
}
