// Starts what the live journeys need and returns the teardown that stops it:
//  1. privacyIDEA (scripts/privacyidea/server.mjs: pinned venv, fresh temp instance, policies),
//     whose registration QR codes point at Keyslot's own origin (privacyIDEA_server_url);
//  2. a Keyslot build allowed to talk to its own origin (KEYSLOT_PRIVACYIDEA_ORIGINS=self);
//  3. `vite preview` of that build, proxying privacyIDEA's container endpoints (KEYSLOT_PI_PROXY):
//     the same-origin deployment of docs/privacyidea.md, so no CORS anywhere.
// Fails loudly: if privacyIDEA does not start, no test runs.
import { spawn, type ChildProcess } from 'node:child_process';
import type { FullConfig } from '@playwright/test';
import { startPrivacyIDEA } from '../../scripts/privacyidea/server.mjs';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

async function startPreview(outDir: string, port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'], {
    env,
    detached: true,
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await wait(100);
  }
  process.kill(-child.pid!);
  throw new Error(`vite preview did not start on port ${port}`);
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const baseURL = String(config.projects[0]!.use.baseURL);
  const port = Number(new URL(baseURL).port);
  const outDir = process.env.E2E_OUT_DIR ? `${process.env.E2E_OUT_DIR}-issuer` : 'dist-issuer';
  const buildEnv = { ...process.env, KEYSLOT_PRIVACYIDEA_ORIGINS: 'self' };

  const t0 = Date.now();
  const [started, built] = await Promise.allSettled([
    startPrivacyIDEA({ publicUrl: `${baseURL}/` }),
    run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir], buildEnv),
  ]);
  if (started.status === 'rejected') throw started.reason;
  const pi = started.value;
  if (built.status === 'rejected') {
    // Never leave privacyIDEA running behind a failed build.
    await pi.stop();
    throw built.reason;
  }
  let preview: ChildProcess | undefined;
  try {
    preview = await startPreview(outDir, port, { ...buildEnv, KEYSLOT_PI_PROXY: pi.url });
  } catch (e) {
    await pi.stop();
    throw e;
  }
  const { stop, ...info } = pi;
  // Workers inherit this environment (tests/issuer/fixtures.ts reads it).
  process.env.KEYSLOT_PI_STATE = JSON.stringify(info);
  console.log(
    `privacyIDEA + Keyslot ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${JSON.stringify(pi.timings)})`,
  );

  return async () => {
    try {
      process.kill(-preview!.pid!);
    } catch {
      /* already gone */
    }
    await stop();
  };
}
