// Starts real web servers on loopback for tests/servers: nginx and Caddy with the documented
// recipes, and `vite preview` (what `npm start` runs). Each gets a free port and a private
// folder for its configuration, temporary files and log; stop() ends the process and waits.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { caddyfile, nginxConfig, root } from './recipes';

export interface RunningServer {
  name: string;
  base: string;
  /** What the server printed (for failure messages). */
  log: () => string;
  stop: () => Promise<void>;
}

/** Asks the kernel for a port nobody is listening on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The program's path, or a loud error saying how to install it: never a silent skip. */
export function requireProgram(program: string, versionArgs: string[]): string {
  const found = spawnSync(program, versionArgs, { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error(
      `${program} is not installed, so its recipe cannot be tested. Install it (Debian/Ubuntu: apt-get install -y nginx caddy openssl; ` +
        `.ci/run does this) and run npm run test:servers again.`,
    );
  }
  return `${found.stdout}${found.stderr}`.trim().split('\n')[0]!;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function started(name: string, child: ChildProcess, base: string, output: () => string): Promise<RunningServer> {
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    for (let i = 0; i < 100 && !exited; i++) await wait(50);
    if (!exited) child.kill('SIGKILL');
  };
  for (let i = 0; i < 200 && !exited; i++) {
    try {
      await fetch(base);
      return { name, base, log: output, stop };
    } catch {
      await wait(50);
    }
  }
  await stop();
  throw new Error(`${name} did not start on ${base}:\n${output()}`);
}

function collect(child: ChildProcess): () => string {
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return () => out;
}

/** Writes nginx.conf and the recipe's snippets into `prefix`; returns nginx's arguments for them. */
function writeNginx(prefix: string, { conf, snippets }: ReturnType<typeof nginxConfig>): string[] {
  for (const [name, text] of Object.entries(snippets)) {
    mkdirSync(path.dirname(path.join(prefix, name)), { recursive: true });
    writeFileSync(path.join(prefix, name), text);
  }
  const confFile = path.join(prefix, 'nginx.conf');
  writeFileSync(confFile, conf);
  // -p: relative includes (snippets/...) resolve in the prefix; -e: no write to /var/log.
  return ['-p', `${prefix}/`, '-e', path.join(prefix, 'error.log'), '-c', confFile];
}

/**
 * `nginx -t` on the recipe as printed, TLS and HTTP/2 included, with a self-signed certificate
 * made here by openssl. Returns nginx's verdict; throws if openssl fails.
 */
export async function testNginxTls(dist: string, workDir: string): Promise<{ ok: boolean; output: string }> {
  const prefix = path.join(workDir, 'nginx-tls');
  mkdirSync(prefix, { recursive: true });
  const cert = path.join(prefix, 'cert.pem');
  const key = path.join(prefix, 'key.pem');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr}`);
  const args = writeNginx(prefix, nginxConfig(await freePort(), dist, prefix, { cert, key }));
  const run = spawnSync('nginx', [...args, '-t'], { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

/** nginx in the foreground, one process, with the recipe from the docs. */
export async function startNginx(dist: string, workDir: string): Promise<RunningServer> {
  const port = await freePort();
  const prefix = path.join(workDir, 'nginx');
  mkdirSync(prefix, { recursive: true });
  const args = writeNginx(prefix, nginxConfig(port, dist, prefix));
  const child = spawn('nginx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(child);
  const log = () => `${output()}${safeRead(path.join(prefix, 'error.log'))}`;
  return started('nginx', child, `http://127.0.0.1:${port}`, log);
}

/** Caddy in the foreground with the recipe from the docs; its state stays in `workDir`. */
export async function startCaddy(dist: string, workDir: string): Promise<RunningServer> {
  const port = await freePort();
  const dir = path.join(workDir, 'caddy');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'Caddyfile');
  writeFileSync(file, caddyfile(port, dist));
  const env = {
    ...process.env,
    HOME: dir,
    XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
  };
  const child = spawn('caddy', ['run', '--config', file, '--adapter', 'caddyfile'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return started('Caddy', child, `http://127.0.0.1:${port}`, collect(child));
}

/** `vite preview`, as `npm start` runs it, in its own process group (npx would leave vite running). */
export async function startPreview(dist: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(
    'npx',
    ['vite', 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = collect(child);
  const server = await started('vite preview', child, `http://127.0.0.1:${port}`, output);
  return {
    ...server,
    stop: async () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await server.stop();
    },
  };
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
