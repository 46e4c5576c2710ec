/**
 * What a slot managed by a privacyIDEA container remembers (stored encrypted inside the slot's
 * record, record version 3: src/core/vault/slot-codec.ts), and how a sync answer changes the
 * container's slots. Pure: the caller stores the result.
 */
import { KeyslotError } from '../errors';
import { parseOtpauthUri } from '../otpauth-uri';
import { TEXT_MAX, type Slot, type SlotDraft } from '../slot';
import type { ClientToken } from './messages';
import type { ServerContainer } from './answers';
import type { PiaHash } from './registration';

/**
 * Why a managed slot no longer gives codes: the container was unregistered (or deleted) on
 * the server; another device took it over (our signature no longer verifies after a
 * rollover); the token left the container.
 */
export type Withdrawn = '' | 'unregistered' | 'moved' | 'removed';

export interface ManagedInfo {
  /** Who manages it: the registration QR's issuer, e.g. "privacyIDEA". */
  issuer: string;
  /** The privacyIDEA base URL from the registration QR (endpoints are built from it). */
  server: string;
  /** Container serial, e.g. SMPH0001. */
  container: string;
  /** Token serial, e.g. TOTP0001. */
  token: string;
  tokentype: 'totp' | 'hotp';
  /** Id of the container's non-extractable P-384 signing key in IndexedDB (storage.ts). */
  keyId: string;
  hash: PiaHash;
  /** Server policy: the user may move the container to a new device from here. */
  rollover: boolean;
  /** Server policy: this app must not unregister the container. */
  noUnregister: boolean;
  withdrawn: Withdrawn;
}

export type ManagedSlot = Slot & { managed: ManagedInfo };

const KEYS = [
  'issuer',
  'server',
  'container',
  'token',
  'tokentype',
  'keyId',
  'hash',
  'rollover',
  'noUnregister',
  'withdrawn',
] as const;
const SERIAL_RE = /^[A-Za-z0-9_.-]{1,64}$/;
const KEY_ID_RE = /^[0-9a-f]{32}$/;

/**
 * Validates a stored `managed` value (null: an ordinary slot). Anything else wrong is
 * VAULT_CORRUPT with the field, as for every other slot field. Returns a fresh object.
 */
export function readManaged(raw: unknown): ManagedInfo | null {
  if (raw === null) return null;
  const fail = (f: string): never => {
    throw new KeyslotError('VAULT_CORRUPT', { field: `managed.${f}` });
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) return fail('type');
  const o = raw as Record<string, unknown>;
  if (Object.keys(o).length !== KEYS.length || !KEYS.every((k) => Object.prototype.hasOwnProperty.call(o, k)))
    fail('keys');
  const text = (k: 'issuer' | 'server', max: number): string => {
    const v = o[k];
    return typeof v === 'string' && v !== '' && [...v].length <= max ? v : fail(k);
  };
  const serial = (k: 'container' | 'token'): string => {
    const v = o[k];
    return typeof v === 'string' && SERIAL_RE.test(v) ? v : fail(k);
  };
  const bool = (k: 'rollover' | 'noUnregister'): boolean => (typeof o[k] === 'boolean' ? (o[k] as boolean) : fail(k));
  const tokentype = o['tokentype'] === 'totp' || o['tokentype'] === 'hotp' ? o['tokentype'] : fail('tokentype');
  const hash = o['hash'] === 'SHA256' || o['hash'] === 'SHA384' || o['hash'] === 'SHA512' ? o['hash'] : fail('hash');
  const withdrawn = ['', 'unregistered', 'moved', 'removed'].includes(o['withdrawn'] as string)
    ? (o['withdrawn'] as Withdrawn)
    : fail('withdrawn');
  const keyId = typeof o['keyId'] === 'string' && KEY_ID_RE.test(o['keyId']) ? o['keyId'] : fail('keyId');
  return {
    issuer: text('issuer', TEXT_MAX),
    server: text('server', 2048),
    container: serial('container'),
    token: serial('token'),
    tokentype,
    keyId,
    hash,
    rollover: bool('rollover'),
    noUnregister: bool('noUnregister'),
    withdrawn,
  };
}

export function isManaged(slot: Slot): slot is ManagedSlot {
  return slot.managed !== undefined && slot.managed !== null;
}

/** The managed slots of one container (trash included: a sync must not re-add a trashed token). */
export function containerSlots(slots: readonly Slot[], container: string): ManagedSlot[] {
  return slots.filter((s): s is ManagedSlot => isManaged(s) && s.managed.container === container);
}

/** The token list a sync sends: every token of the container this device still holds, by serial. */
export function clientTokens(slots: readonly ManagedSlot[]): ClientToken[] {
  return slots
    .filter((s) => s.managed.withdrawn === '')
    .map((s) => ({ serial: s.managed.token, tokentype: s.managed.tokentype }))
    .sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0));
}

/** The `serial=` parameter privacyIDEA puts on its enrollment URIs (lib/apps.py); null if none. */
export function tokenSerialOf(uri: string): string | null {
  const q = uri.indexOf('?');
  if (q < 0) return null;
  for (const part of uri.slice(q + 1).split('&')) {
    if (!part.startsWith('serial=')) continue;
    try {
      const v = decodeURIComponent(part.slice(7));
      return SERIAL_RE.test(v) ? v : null;
    } catch {
      return null;
    }
  }
  return null;
}

export interface SyncPlan {
  /** New tokens: a draft and its managed info (the caller gives it an id and stores it). */
  add: { draft: SlotDraft; managed: ManagedInfo }[];
  /** Existing slots changed: new secret (the server rolled the token over), higher HOTP counter, withdrawn. */
  change: ManagedSlot[];
  /** How many handed-out tokens Keyslot cannot show (push, day password, damaged URIs). */
  skipped: number;
}

/**
 * What a decrypted sync answer does to the container's slots. `base` is the managed info
 * shared by the container (its token fields are replaced per token). Never deletes: a token
 * gone from the container is marked withdrawn ('removed'), for the user to delete.
 */
export function planSync(
  existing: readonly ManagedSlot[],
  answer: ServerContainer,
  base: Omit<ManagedInfo, 'token' | 'tokentype'>,
): SyncPlan {
  const bySerial = new Map(existing.map((s) => [s.managed.token, s]));
  const plan: SyncPlan = { add: [], change: [], skipped: 0 };
  const kept = new Set<string>();
  const policy = { rollover: base.rollover, noUnregister: base.noUnregister };
  for (const uri of answer.add) {
    const serial = tokenSerialOf(uri);
    let draft: SlotDraft;
    try {
      draft = parseOtpauthUri(uri);
    } catch {
      plan.skipped++;
      continue;
    }
    if (!serial || kept.has(serial) || (draft.kind !== 'totp' && draft.kind !== 'hotp')) {
      plan.skipped++;
      continue;
    }
    kept.add(serial);
    const tokentype = draft.kind;
    const managed: ManagedInfo = { ...base, token: serial, tokentype, withdrawn: '' };
    const old = bySerial.get(serial);
    if (old) {
      // Rolled over by the server: new secret and parameters; the user's name, place and favourite stay.
      plan.change.push({
        ...old,
        ...draft,
        issuer: old.issuer,
        account: old.account,
        managed: { ...old.managed, ...policy, tokentype, withdrawn: '' },
      });
    } else {
      plan.add.push({ draft, managed });
    }
  }
  for (const t of answer.update) {
    const old = bySerial.get(t.serial);
    if (!old || kept.has(t.serial)) continue;
    kept.add(t.serial);
    const counter = old.kind === 'hotp' && t.counter !== null ? Math.max(old.counter, t.counter) : old.counter;
    const managed = { ...old.managed, ...policy };
    if (
      counter !== old.counter ||
      managed.rollover !== old.managed.rollover ||
      managed.noUnregister !== old.managed.noUnregister
    ) {
      plan.change.push({ ...old, counter, managed });
    }
  }
  for (const s of existing) {
    if (!kept.has(s.managed.token) && s.managed.withdrawn === '') plan.change.push(withdraw(s, 'removed'));
  }
  return plan;
}

/** The slot, withdrawn for `why` (kept as it is otherwise: nothing is deleted). */
export function withdraw(slot: ManagedSlot, why: Exclude<Withdrawn, ''>): ManagedSlot {
  return { ...slot, managed: { ...slot.managed, withdrawn: why } };
}
