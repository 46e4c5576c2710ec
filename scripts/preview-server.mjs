// Serves a build with `vite preview` (the real security headers) for the benchmarks and
// screenshot scripts. Detached, so stopping kills the whole process group: killing only
// npx would leave the port taken.
import { spawn } from 'node:child_process';

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts `vite preview` of `outDir` on `port`; resolves once it answers. */
export async function startPreview({ outDir = 'dist', port }) {
  const base = `http://localhost:${port}`;
  const child = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'], {
    detached: true,
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(base)).ok) return { base, stop: () => stopPreview(child, base) };
    } catch {
      /* not up yet */
    }
    await wait(100);
  }
  await stopPreview(child, base);
  throw new Error(`vite preview did not start on port ${port}`);
}

/** Stops the server and waits until the port no longer answers. */
async function stopPreview(child, base) {
  try {
    process.kill(-child.pid);
  } catch {
    /* already gone */
  }
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(base);
    } catch {
      return;
    }
    await wait(100);
  }
}
