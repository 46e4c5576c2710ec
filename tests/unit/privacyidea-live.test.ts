// Keyslot's privacyIDEA client (src/platform/privacyidea.ts + src/core/privacyidea/) against a
// LIVE privacyIDEA. Runs only when KEYSLOT_PI_STATE names the state file of a running server
// (scripts/privacyidea/server.mjs writes it; `npm run test:issuer` starts one); `npm test`
// alone skips it, as it needs Python. Node's fetch and WebCrypto, fake IndexedDB.
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { codeAt } from '../../src/core/otp';
import { parseRegistrationUri } from '../../src/core/privacyidea/registration';
import { ARGON2_FLOOR } from '../../src/core/vault';
import { isKeyslotError } from '../../src/core/errors';
import { closeStorage } from '../../src/platform/storage';
import { createVault } from '../../src/platform/vault';
import { registerContainer, removeContainer, requestRollover, syncContainer } from '../../src/platform/privacyidea';
import { useFreshIndexedDb } from './fixtures/fresh-db';

const statePath = process.env['KEYSLOT_PI_STATE'];
const state = statePath
  ? (JSON.parse(readFileSync(statePath, 'utf8')) as {
      url: string;
      admin: { username: string; password: string };
      realm: string;
    })
  : null;

async function admin(
  method: string,
  path: string,
  body: Record<string, unknown> | null,
  token: string | null,
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = body ? { 'Content-Type': 'application/json' } : {};
  if (token) headers['Authorization'] = token;
  const res = await fetch(state!.url + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const json = (await res.json()) as { result: { status: boolean; value: unknown }; detail?: Record<string, unknown> };
  if (!json.result.status) throw new Error(`${path}: ${JSON.stringify(json.result)}`);
  return { value: json.result.value, detail: json.detail };
}

async function setup(passphrase?: { prompt: string; response: string }) {
  const auth = (
    await admin('POST', '/auth', { username: state!.admin.username, password: state!.admin.password }, null)
  ).value as { token: string };
  const t = auth.token;
  const c = (await admin('POST', '/container/init', { type: 'smartphone', user: 'alice', realm: state!.realm }, t))
    .value as { container_serial: string };
  const serial = c.container_serial;
  for (const type of ['totp', 'hotp'])
    await admin(
      'POST',
      '/token/init',
      { type, genkey: 1, user: 'alice', realm: state!.realm, container_serial: serial },
      t,
    );
  const qr = async (extra: Record<string, unknown> = {}) =>
    (
      (await admin('POST', '/container/register/initialize', { container_serial: serial, ...extra }, t)).value as {
        container_url: { value: string };
      }
    ).container_url.value;
  const uri = await qr(
    passphrase ? { passphrase_prompt: passphrase.prompt, passphrase_response: passphrase.response } : {},
  );
  const validate = async (tokenSerial: string, pass: string) =>
    ((await admin('POST', '/validate/check', { serial: tokenSerial, pass }, null)).value as boolean) === true;
  const info = async () =>
    (
      (await admin('GET', `/container/?container_serial=${serial}`, null, t)).value as {
        containers: { info: Record<string, string> }[];
      }
    ).containers[0]!.info;
  const call = (method: string, path: string, body: Record<string, unknown> | null = null) =>
    admin(method, path, body, t);
  return { serial, uri, qr, validate, info, call };
}

/** Two browsers: each device has its own IndexedDB; switch before using one. */
function device() {
  const db = new IDBFactory();
  return async () => {
    await closeStorage();
    globalThis.indexedDB = db;
  };
}

const opts = (origin: string) => ({ allowedOrigins: [origin], appOrigin: 'http://keyslot.invalid' });

describe.skipIf(!state)('Keyslot against a live privacyIDEA', { timeout: 90_000 }, () => {
  useFreshIndexedDb();
  const vault = () => createVault('731946', { kdf: ARGON2_FLOOR });

  it('registers, synchronises, and the server accepts the codes of both slots; a second sync changes nothing', async () => {
    const pi = await setup();
    const reg = parseRegistrationUri(pi.uri);
    const v = await vault();
    const t0 = performance.now();
    const out = await registerContainer(v, reg, opts(reg.origin));
    const ms = performance.now() - t0;
    console.log(`registration + first sync on loopback: ${ms.toFixed(0)} ms`);
    expect(out.added.map((s) => s.kind).sort()).toEqual(['hotp', 'totp']);
    expect((await pi.info())['registration_state']).toBe('registered');
    for (const slot of out.added) {
      expect(slot.managed?.container).toBe(pi.serial);
      expect(await pi.validate(slot.managed!.token, codeAt(slot, Date.now()).code)).toBe(true);
    }
    const again = await syncContainer(v, pi.serial);
    expect(again).toMatchObject({ added: [], withdrawn: 0 });
    expect(await v.listSlots()).toHaveLength(2);
  });

  it('refuses the same QR a second time, and stores nothing', async () => {
    const pi = await setup();
    const reg = parseRegistrationUri(pi.uri);
    const [a, b] = [device(), device()];
    await a();
    await registerContainer(await vault(), reg, opts(reg.origin));
    await b();
    const other = await vault();
    const e = await registerContainer(other, reg, opts(reg.origin)).catch((x: unknown) => x);
    expect(isKeyslotError(e, 'PIA_ALREADY_REGISTERED')).toBe(true);
    expect(await other.listSlots()).toEqual([]);
  });

  it('refuses a wrong passphrase answer and registers with the right one', async () => {
    const pi = await setup({ prompt: 'Your employee number?', response: '4711' });
    const reg = parseRegistrationUri(pi.uri);
    expect(reg.passphrasePrompt).toBe('Your employee number?');
    const v = await vault();
    const e = await registerContainer(v, reg, { ...opts(reg.origin), passphrase: '1234' }).catch((x: unknown) => x);
    expect(isKeyslotError(e, 'PIA_PASSPHRASE_WRONG')).toBe(true);
    expect(await v.listSlots()).toEqual([]);
    // A failed finalize does not use up the registration challenge.
    const out = await registerContainer(v, reg, { ...opts(reg.origin), passphrase: '4711' });
    expect(out.added).toHaveLength(2);
  });

  it('moves to a new device: the new one validates, the old one is withdrawn as moved and its codes fail', async () => {
    const pi = await setup();
    const reg = parseRegistrationUri(pi.uri);
    const [a, b] = [device(), device()];
    await a();
    const oldV = await vault();
    const old = await registerContainer(oldV, reg, opts(reg.origin));
    const rolloverUri = await requestRollover(oldV, pi.serial);
    const next = parseRegistrationUri(rolloverUri);
    await b();
    const newV = await vault();
    const moved = await registerContainer(newV, next, opts(next.origin));
    for (const slot of moved.added)
      expect(await pi.validate(slot.managed!.token, codeAt(slot, Date.now()).code)).toBe(true);
    const totpOld = old.added.find((s) => s.kind === 'totp')!;
    expect(await pi.validate(totpOld.managed!.token, codeAt(totpOld, Date.now() + 60_000).code)).toBe(false);
    await a();
    const sync = await syncContainer(oldV, pi.serial);
    expect(sync).toMatchObject({ withdrawn: 2, reason: 'moved' });
    expect((await oldV.listSlots()).every((s) => s.managed?.withdrawn === 'moved')).toBe(true);
  });

  it('withdraws a token taken out of the container, and every slot when the server unregisters it', async () => {
    const pi = await setup();
    const reg = parseRegistrationUri(pi.uri);
    const v = await vault();
    const out = await registerContainer(v, reg, opts(reg.origin));
    const hotp = out.added.find((s) => s.kind === 'hotp')!;
    await pi.call('POST', `/container/${pi.serial}/remove`, { serial: hotp.managed!.token });
    expect(await syncContainer(v, pi.serial)).toMatchObject({ withdrawn: 1, reason: 'removed' });
    expect((await v.listSlots()).map((s) => [s.kind, s.managed?.withdrawn]).sort()).toEqual([
      ['hotp', 'removed'],
      ['totp', ''],
    ]);
    await pi.call('POST', `/container/register/${pi.serial}/terminate`);
    expect(await syncContainer(v, pi.serial)).toMatchObject({ withdrawn: 1, reason: 'unregistered' });
    expect((await v.listSlots()).map((s) => s.managed?.withdrawn).sort()).toEqual(['removed', 'unregistered']);
  });

  it('removing the container unregisters it on the server', async () => {
    const pi = await setup();
    const reg = parseRegistrationUri(pi.uri);
    const v = await vault();
    await registerContainer(v, reg, opts(reg.origin));
    expect(await removeContainer(v, pi.serial)).toBe('unregistered');
    expect(await v.listSlots()).toEqual([]);
    expect((await pi.info())['registration_state']).toBeUndefined();
  });
});
