// Helpers for the install / offline / update journeys (issue 5).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { expect, type BrowserContext, type Page } from '@playwright/test';

/** The port playwright.config.ts serves the build on; our own servers use ports above it. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4174);
export const E2E_OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist';

/** Builds the app into `outDir`; `buildId` goes into the version string (KEYSLOT_BUILD_ID). */
export function buildApp(outDir: string, buildId: string): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--emptyOutDir', '--outDir', outDir], {
    env: { ...process.env, KEYSLOT_BUILD_ID: buildId },
    stdio: ['ignore', 'ignore', 'pipe'], // build warnings stay quiet; a failure throws with them
  });
}

export interface Server {
  url: string;
  stop(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * `vite preview` of `outDir` on `port`, with the real security headers (vite.config.ts), started
 * detached so stop() can kill its whole process group (killing npx alone leaves the port taken).
 */
export async function startPreview(outDir: string, port: number): Promise<Server> {
  const url = `http://localhost:${port}`;
  if (await reachable(url)) throw new Error(`port ${port} is already taken`);
  const child: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 200 && !(await reachable(url)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await reachable(url))) throw new Error(`vite preview did not start on ${port}`);
  return {
    url,
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 100 && (await reachable(url)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await reachable(url), `server on ${port} stopped`).toBe(false);
    },
  };
}

/** Waits until the service worker is active (everything precached) and controls the page. */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
      );
    }
  });
}

/**
 * Collects every Content-Security-Policy (and Trusted Types) violation: securitypolicyviolation
 * events in the page, and the browser's "Refused to ..." console reports from the page, its
 * workers and the service worker.
 */
export function watchCsp(context: BrowserContext): { violations: string[] } {
  const violations: string[] = [];
  const record = (where: string) => (text: string) => {
    if (/content security policy|trusted type|refused to/i.test(text)) violations.push(`${where}: ${text}`);
  };
  void context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // Reported through the console so the test sees it even after a navigation.
      console.error(
        `Content Security Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  const watchPage = (page: Page) => {
    page.on('console', (m) => record('page')(m.text()));
    page.on('worker', (w) => w.on('console', (m) => record('worker')(m.text())));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  context.on('serviceworker', (w) => w.on('console', (m) => record('service worker')(m.text())));
  return { violations };
}
