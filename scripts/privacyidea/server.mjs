// Starts a throw-away privacyIDEA on 127.0.0.1 for Keyslot's live tests, and stops it.
//
//   node scripts/privacyidea/server.mjs install            # only make the venv
//   node scripts/privacyidea/server.mjs [--port N] [--public-url URL] [--state FILE]
//                                                         # start; Ctrl-C / SIGTERM stops
//
// Fresh every time: a temp folder with pi.cfg (SQLite database, encryption key, audit keys),
// tables, an admin, a realm with users, and the container policies. Nothing is shared with
// another run but the venv (scripts/privacyidea/venv.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PiAdmin } from './admin-client.mjs';
import { ensurePrivacyIDEA, venvBin, PRIVACYIDEA_VERSION } from './venv.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

export const ADMIN = { username: 'admin', password: 'keyslot-test-admin' };
export const RESOLVER = 'keyslot_users';
export const REALM = 'keyslot';
export const USERS = [
  { username: 'alice', password: 'alice-pass-1', givenname: 'Alice' },
  { username: 'bob', password: 'bob-pass-2', givenname: 'Bob' },
  { username: 'carol', password: 'carol-pass-3', givenname: 'Carol' },
];

/** A port the OS says is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const pyString = (s) => JSON.stringify(s); // a JSON string is a valid Python string literal

function writeConfig(dir) {
  const cfg = [
    `SQLALCHEMY_DATABASE_URI = ${pyString(`sqlite:///${join(dir, 'pi.sqlite')}`)}`,
    `SECRET_KEY = ${pyString(randomBytes(24).toString('hex'))}`,
    `PI_PEPPER = ${pyString(randomBytes(24).toString('hex'))}`,
    `PI_ENCFILE = ${pyString(join(dir, 'enckey'))}`,
    `PI_AUDIT_KEY_PRIVATE = ${pyString(join(dir, 'audit-private.pem'))}`,
    `PI_AUDIT_KEY_PUBLIC = ${pyString(join(dir, 'audit-public.pem'))}`,
    `PI_LOGFILE = ${pyString(join(dir, 'privacyidea.log'))}`,
    'PI_LOGLEVEL = 20',
    '',
  ].join('\n');
  const file = join(dir, 'pi.cfg');
  writeFileSync(file, cfg, { mode: 0o600 });
  return file;
}

/** The container policies of privacyIDEA's doc/policies/container.rst, for a loopback server. */
export function containerPolicy(publicUrl) {
  return {
    privacyIDEA_server_url: publicUrl,
    container_registration_ttl: 10,
    container_challenge_ttl: 2,
    // Only because the test server is plain http on loopback; a real deployment keeps True.
    container_ssl_verify: 'False',
    container_client_rollover: true,
  };
}

/** Sets up users and policies over the REST API, as an administrator would. */
async function configure(admin, publicUrl) {
  for (const u of USERS) await admin.createUser(RESOLVER, u);
  await admin.setPolicy('keyslot-container', { scope: 'container', action: containerPolicy(publicUrl) });
  // The token PIN is empty: /validate/check takes the code alone (as with PassLogic's VPN login).
  await admin.setPolicy('keyslot-otppin', { scope: 'authentication', action: { otppin: 'tokenpin' } });
  // Any admin policy turns on admin rights checking, so grant every boolean admin action, plus
  // 2step enrollment (doc/workflows_and_tools/2step) which is off unless a policy allows it.
  const defs = await admin.policyDefs('admin');
  const all = Object.fromEntries(
    Object.entries(defs)
      .filter(([, d]) => d.type === 'bool')
      .map(([name]) => [name, true]),
  );
  await admin.setPolicy('keyslot-admin', {
    scope: 'admin',
    action: { ...all, hotp_2step: 'allow', totp_2step: 'allow' },
  });
}

/**
 * Installs (once) and starts privacyIDEA. `publicUrl` is what the registration QR tells the
 * client to talk to (privacyIDEA_server_url): the server itself by default, or a reverse proxy
 * such as Keyslot's own origin.
 */
export async function startPrivacyIDEA({ port, publicUrl, log = console.error } = {}) {
  const t0 = Date.now();
  ensurePrivacyIDEA({ log });
  const installed = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-pi-'));
  const env = { ...process.env, PRIVACYIDEA_CONFIGFILE: writeConfig(dir) };
  const boot = spawnSync(
    venvBin('python'),
    [join(here, 'bootstrap.py'), ADMIN.username, ADMIN.password, RESOLVER, REALM],
    { env, encoding: 'utf8' },
  );
  if (boot.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`privacyIDEA setup failed:\n${boot.stdout}\n${boot.stderr}`);
  }
  const bootstrapped = Date.now();
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    venvBin('pi-manage'),
    ['run', '--host', '127.0.0.1', '--port', String(port), '--no-reload', '--no-debugger', '--with-threads'],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (b) => {
    output = (output + b.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.once('exit', (code) => (exited = code ?? -1));

  const stop = async () => {
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 50 && exited === null; i++) await wait(100);
      if (exited === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (let i = 0; ; i++) {
      if (exited !== null) throw new Error(`privacyIDEA exited (${exited}) while starting:\n${output}`);
      if (i > 600) throw new Error(`privacyIDEA did not answer on ${url} within 60 s:\n${output}`);
      try {
        if ((await fetch(`${url}/healthz/`)).ok) break;
      } catch {
        /* not up yet */
      }
      await wait(100);
    }
    const started = Date.now();
    const admin = await PiAdmin.login(url, ADMIN.username, ADMIN.password);
    await configure(admin, publicUrl ?? `${url}/`);
    const timings = {
      installMs: installed - t0,
      setupMs: bootstrapped - installed,
      startMs: started - bootstrapped,
      configureMs: Date.now() - started,
    };
    log(`privacyIDEA ${PRIVACYIDEA_VERSION} on ${url} (${JSON.stringify(timings)})`);
    return {
      url,
      port,
      publicUrl: publicUrl ?? `${url}/`,
      admin: ADMIN,
      realm: REALM,
      resolver: RESOLVER,
      users: USERS,
      dir,
      timings,
      logFile: join(dir, 'privacyidea.log'),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function cli(argv) {
  if (argv[0] === 'install') {
    ensurePrivacyIDEA();
    console.log(venvBin('python'));
    return;
  }
  const opt = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const server = await startPrivacyIDEA({
    port: opt('--port') ? Number(opt('--port')) : undefined,
    publicUrl: opt('--public-url'),
  });
  const { stop, ...info } = server;
  const text = JSON.stringify(info, null, 2);
  if (opt('--state')) writeFileSync(resolve(opt('--state')), text);
  console.log(text);
  let stopping = false;
  const done = async () => {
    if (stopping) return;
    stopping = true;
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', done);
  process.on('SIGTERM', done);
  setInterval(() => {}, 1 << 30);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}
