/**
 * Keyslot as a privacyIDEA smartphone-container client: register, synchronise, move to a new
 * device (rollover), unregister. Protocol and message layouts: docs/privacyidea-protocol.md and
 * src/core/privacyidea/. This module only strings the steps together: crypto through
 * webcrypto.ts, the network through privacyidea-net.ts, storage through the vault.
 *
 * Nothing is stored unless the whole registration (finalize + first sync) succeeds; a sync
 * stores its changes in one transaction; slots are never deleted by the server's say-so, only
 * marked withdrawn.
 */
import { KeyslotError, isKeyslotError } from '../core/errors';
import { utf8Decode } from '../core/bytes';
import { b64urlEncode, ecdsaRawToDer, spkiToPem } from '../core/privacyidea/encoding';
import {
  readChallengeAnswer,
  readEnvelope,
  readFinalizeAnswer,
  readRolloverAnswer,
  readServerContainer,
  readSyncAnswer,
  readTerminateAnswer,
  type PiaPolicies,
} from '../core/privacyidea/answers';
import {
  actionRequest,
  challengeRequest,
  finalizeRequest,
  syncRequest,
  type FormBody,
  type PiaEndpoint,
} from '../core/privacyidea/messages';
import { checkRegistration, type PiaRegistration } from '../core/privacyidea/registration';
import {
  clientTokens,
  containerSlots,
  planSync,
  withdraw,
  type ManagedInfo,
  type ManagedSlot,
  type Withdrawn,
} from '../core/privacyidea/managed';
import type { Slot } from '../core/slot';
import type { Bytes } from '../core/bytes';
import {
  exportPublicSpki,
  generateSigningKeyPair,
  generateX25519,
  isSigningKey,
  openSyncAnswer,
  randomId,
  signEcdsa,
} from './webcrypto';
import { fetchTransport, type PiaTransport } from './privacyidea-net';
import { readContainerKey } from './storage';
import type { UnlockedVault } from './vault';

/**
 * What these functions need of the unlocked vault. The UI hands in one whose writes go through
 * its one serialised write path (ui/state/slots.svelte.ts); tests hand in the vault itself.
 */
export type ContainerVault = Pick<UnlockedVault, 'listSlots' | 'storeContainerChanges' | 'deleteContainerSlots'>;

const isActive = (s: Slot): boolean => !!s.managed && s.managed.withdrawn === '';

/** What a sync did, for the message the user sees. */
export interface SyncOutcome {
  added: Slot[];
  changed: number;
  /** Slots newly marked withdrawn, and why ('' when none). */
  withdrawn: number;
  reason: Withdrawn;
  /** Tokens handed out that Keyslot cannot show (push, day password). */
  skipped: number;
}

export interface RegisterOptions {
  passphrase?: string;
  nowMs?: number;
  /** The deployment's allow-list (origins, or 'self'), and this app's origin for 'self'. */
  allowedOrigins: readonly string[];
  appOrigin: string;
  transport?: PiaTransport;
}

async function sign(key: CryptoKey, hash: string, message: Bytes): Promise<string> {
  return b64urlEncode(ecdsaRawToDer(await signEcdsa(key, hash, message)));
}

async function call(
  transport: PiaTransport,
  url: string,
  body: FormBody,
  action: PiaEndpoint,
  hadPassphrase = false,
): Promise<unknown> {
  const answer = await transport.post(url, body);
  return readEnvelope(answer.text, answer.status, action, hadPassphrase);
}

interface Container {
  serial: string;
  server: string;
  hash: string;
  key: CryptoKey;
}

async function challenge(transport: PiaTransport, c: Container, action: PiaEndpoint) {
  const req = challengeRequest(c.server, c.serial, action);
  return readChallengeAnswer(await call(transport, req.url, req.body, 'container/challenge'));
}

/** One sync round trip: challenge, signed token list with a fresh X25519 key, decrypted answer. */
async function syncRound(transport: PiaTransport, c: Container, existing: readonly ManagedSlot[]) {
  const ch = await challenge(transport, c, 'container/synchronize');
  const x = await generateX25519();
  const req = syncRequest(c.server, c.serial, ch, b64urlEncode(x.publicRaw), clientTokens(existing));
  const value = await call(
    transport,
    req.url,
    req.body(await sign(c.key, c.hash, req.message)),
    'container/synchronize',
  );
  const sealed = readSyncAnswer(value);
  const plain = await openSyncAnswer(x.privateKey, sealed.serverKey, sealed.iv, sealed.sealed);
  const text = utf8Decode(plain);
  plain.fill(0);
  if (text === null) throw new KeyslotError('PIA_ANSWER', { field: 'container_dict_server' });
  return { container: readServerContainer(text, c.serial), policies: sealed.policies };
}

async function terminate(transport: PiaTransport, c: Container): Promise<void> {
  const ch = await challenge(transport, c, 'container/register/terminate/client');
  const req = actionRequest(c.server, c.serial, ch, 'container/register/terminate/client');
  readTerminateAnswer(
    await call(
      transport,
      req.url,
      req.body(await sign(c.key, c.hash, req.message)),
      'container/register/terminate/client',
    ),
  );
}

function baseInfo(
  reg: Pick<ManagedInfo, 'issuer' | 'server' | 'container' | 'keyId' | 'hash'>,
  policies: PiaPolicies,
): Omit<ManagedInfo, 'token' | 'tokentype'> {
  return { ...reg, rollover: policies.rollover, noUnregister: policies.noUnregister, withdrawn: '' };
}

/**
 * Register with the container in `reg` (a parsed registration QR the user confirmed), then
 * synchronise once and store the tokens it hands out. One call: new P-384 key (non-extractable),
 * signed finalize, first sync, then ONE transaction stores key and slots. On any failure nothing
 * is stored (and a registration that succeeded but whose sync failed is terminated again, best
 * effort, so the QR's container is not left bound to a key nobody holds).
 */
export async function registerContainer(
  vault: ContainerVault,
  reg: PiaRegistration,
  options: RegisterOptions,
): Promise<SyncOutcome> {
  const transport = options.transport ?? fetchTransport;
  const now = options.nowMs ?? Date.now();
  checkRegistration(reg, now, options.allowedOrigins, options.appOrigin);
  if (reg.passphrasePrompt && !options.passphrase)
    throw new KeyslotError('PIA_PASSPHRASE_WRONG', { field: 'passphrase' });

  const pair = await generateSigningKeyPair();
  const pem = spkiToPem(await exportPublicSpki(pair.publicKey));
  const req = finalizeRequest(reg, options.passphrase ?? '');
  const signature = await sign(pair.privateKey, reg.hash, req.message);
  const policies = readFinalizeAnswer(
    await call(
      transport,
      req.url,
      req.body(signature, pem),
      'container/register/finalize',
      reg.passphrasePrompt !== '',
    ),
  );

  const c: Container = { serial: reg.containerSerial, server: reg.serverUrl, hash: reg.hash, key: pair.privateKey };
  const keyId = randomId();
  try {
    const round = await syncRound(transport, c, []);
    const info = { issuer: reg.issuer, server: reg.serverUrl, container: reg.containerSerial, keyId, hash: reg.hash };
    const base = baseInfo(info, { ...policies, ...round.policies });
    let skipped = 0;
    let oldKeys = new Set<string>();
    const { added, changed } = await vault.storeContainerChanges(
      { keyId, key: pair.privateKey },
      (stored) => {
        // This device may already hold the container (an administrator's "reissue" scanned here
        // again): its slots get the new secrets and the new key, the user's names and places stay.
        const existing = containerSlots(stored, reg.containerSerial);
        oldKeys = new Set(existing.map((s) => s.managed.keyId));
        const plan = planSync(existing, round.container, base);
        skipped = plan.skipped;
        const change = plan.change.map((s) => ({ ...s, managed: { ...s.managed, ...info } }));
        if (plan.add.length + change.filter(isActive).length === 0) throw new KeyslotError('PIA_EMPTY');
        return { add: plan.add, change };
      },
      now,
    );
    for (const old of oldKeys) await vault.deleteContainerSlots([], old).catch(() => undefined);
    const kept = changed.filter(isActive).length;
    return {
      added,
      changed: kept,
      withdrawn: changed.length - kept,
      reason: changed.length > kept ? 'removed' : '',
      skipped,
    };
  } catch (e) {
    await terminate(transport, c).catch(() => undefined);
    throw e;
  }
}

async function containerOf(slots: readonly ManagedSlot[]): Promise<Container> {
  const first = slots[0];
  if (!first) throw new KeyslotError('SLOT_NOT_FOUND');
  const key = await readContainerKey(first.managed.keyId);
  if (!isSigningKey(key)) throw new KeyslotError('DEVICE_KEY_MISSING', { field: 'containerKey' });
  return { serial: first.managed.container, server: first.managed.server, hash: first.managed.hash, key };
}

/** What a refusal of the server means for the container's slots, or null if it means nothing lasting. */
function withdrawalFor(e: unknown): Exclude<Withdrawn, ''> | null {
  if (isKeyslotError(e, 'PIA_NOT_REGISTERED') || isKeyslotError(e, 'PIA_NOT_FOUND')) return 'unregistered';
  if (isKeyslotError(e, 'PIA_REJECTED')) return 'moved';
  return null;
}

/**
 * Synchronise one container (by serial): new tokens become slots, rolled-over tokens get their
 * new secrets, HOTP counters move forward, tokens gone from the container are withdrawn. When
 * the server says the container is not registered (or gone), or no longer accepts this
 * device's signature (moved to another device), every slot of it is withdrawn and the call
 * still succeeds with that outcome. Network and damaged answers throw, changing nothing.
 */
export async function syncContainer(
  vault: ContainerVault,
  containerSerial: string,
  transport: PiaTransport = fetchTransport,
): Promise<SyncOutcome> {
  const mine = containerSlots(await vault.listSlots(), containerSerial);
  const active = mine.filter(isActive);
  const none: SyncOutcome = { added: [], changed: 0, withdrawn: 0, reason: '', skipped: 0 };
  if (active.length === 0) return none;
  const c = await containerOf(active);
  let round;
  try {
    round = await syncRound(transport, c, mine);
  } catch (e) {
    const why = withdrawalFor(e);
    if (!why) throw e;
    const { changed } = await vault.storeContainerChanges(null, (stored) => ({
      add: [],
      change: containerSlots(stored, containerSerial)
        .filter(isActive)
        .map((s) => withdraw(s, why)),
    }));
    return { ...none, withdrawn: changed.length, reason: why };
  }
  const base = baseInfo(active[0]!.managed, round.policies);
  let skipped = 0;
  const { added, changed } = await vault.storeContainerChanges(null, (stored) => {
    const plan = planSync(containerSlots(stored, containerSerial), round.container, base);
    skipped = plan.skipped;
    return plan;
  });
  const withdrawn = changed.filter((s) => !isActive(s)).length;
  return {
    added,
    changed: changed.length - withdrawn,
    withdrawn,
    reason: withdrawn ? 'removed' : '',
    skipped,
  };
}

/** Every registered container in the vault (serials), for "sync all" (Settings, unlock). */
export function containerSerials(slots: readonly Slot[]): string[] {
  const serials = new Set<string>();
  for (const s of slots) if (s.managed && s.managed.withdrawn === '') serials.add(s.managed.container);
  return [...serials];
}

/**
 * Ask the server for a rollover QR (POST /container/rollover): the new device scans it and
 * registers; this device's slots are withdrawn at its next sync. PIA_POLICY when the server's
 * container_client_rollover policy does not allow it.
 */
export async function requestRollover(
  vault: ContainerVault,
  containerSerial: string,
  transport: PiaTransport = fetchTransport,
): Promise<string> {
  const active = containerSlots(await vault.listSlots(), containerSerial).filter(isActive);
  const c = await containerOf(active);
  const ch = await challenge(transport, c, 'container/rollover');
  const req = actionRequest(c.server, c.serial, ch, 'container/rollover');
  return readRolloverAnswer(
    await call(transport, req.url, req.body(await sign(c.key, c.hash, req.message)), 'container/rollover'),
  );
}

/** How removing a container went on the server's side. */
export type RemoveOutcome = 'unregistered' | 'unreachable' | 'forbidden' | 'local';

/**
 * Remove a container from Keyslot: unregister it on the server (terminate, as privacyIDEA's
 * own app does when a container is deleted), then delete its slots and signing key. When the
 * server cannot be reached, or its policy forbids unregistering, the slots are deleted locally
 * anyway and the outcome says so; a container that is already withdrawn is deleted locally only.
 */
export async function removeContainer(
  vault: ContainerVault,
  containerSerial: string,
  transport: PiaTransport = fetchTransport,
): Promise<RemoveOutcome> {
  const mine = containerSlots(await vault.listSlots(), containerSerial);
  if (mine.length === 0) throw new KeyslotError('SLOT_NOT_FOUND');
  const active = mine.filter(isActive);
  let outcome: RemoveOutcome = 'local';
  if (active.length > 0 && active[0]!.managed.noUnregister) outcome = 'forbidden';
  else if (active.length > 0) {
    try {
      await terminate(transport, await containerOf(active));
      outcome = 'unregistered';
    } catch (e) {
      if (isKeyslotError(e, 'PIA_UNREACHABLE')) outcome = 'unreachable';
      else if (isKeyslotError(e, 'PIA_POLICY')) outcome = 'forbidden';
      else if (!withdrawalFor(e)) throw e;
    }
  }
  await vault.deleteContainerSlots(
    mine.map((s) => s.id),
    mine[0]!.managed.keyId,
  );
  return outcome;
}

/**
 * Delete some slots of a container locally (withdrawn ones: the server no longer has them).
 * The signing key goes too when no slot of the container is left.
 */
export async function deleteManagedSlots(vault: ContainerVault, ids: readonly string[]): Promise<void> {
  const slots = await vault.listSlots();
  const gone = slots.filter((s): s is ManagedSlot => ids.includes(s.id) && !!s.managed);
  const keyIds = new Set(gone.map((s) => s.managed.keyId));
  const stillUsed = new Set(slots.filter((s) => s.managed && !ids.includes(s.id)).map((s) => s.managed!.keyId));
  const freeKey = [...keyIds].find((k) => !stillUsed.has(k)) ?? null;
  await vault.deleteContainerSlots(ids, keyIds.size === 1 ? freeKey : null);
}
