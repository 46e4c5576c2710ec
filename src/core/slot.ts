/**
 * A slot is one OTP credential the user sees in the list, as in the app Keyslot
 * replaces ("PassLogic (KEK VPN)"). Secrets are raw bytes; base32 is only an
 * input/output encoding.
 *
 * Kinds: 'totp' (RFC 6238), 'hotp' (RFC 4226), and 'steam' (Steam Guard, steam.ts: a TOTP
 * with fixed SHA-1 / 30 s / 5 characters of Steam's alphabet; its draft carries
 * STEAM_PARAMS). 'steam' is new in the slot model: a stored record may hold it only from
 * the record version that adds it (docs/icons-and-groups.md "Record fields"); older
 * versions never had it, so they read unchanged.
 */
import type { ManagedInfo } from './privacyidea/managed';
import type { SlotIcon } from './slot-extras';

export type OtpKind = 'totp' | 'hotp' | 'steam';

/** HMAC hashes Keyslot accepts (RFC 6238 allows SHA-1, SHA-256, SHA-512). */
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export const DIGITS_MIN = 6;
export const DIGITS_MAX = 8;
export const PERIOD_MIN_S = 1;
/** One day: anything longer is not a time-based code anyone ships. */
export const PERIOD_MAX_S = 86_400;
/** RFC 4226 §4 asks for 128 bits; 80 bits is the common real-world minimum (Google Authenticator). */
export const SECRET_MIN_BYTES = 10;
/** Generous upper bound (SHA-512 block size is 128 bytes; 4× that is plenty). */
export const SECRET_MAX_BYTES = 512;
/** Largest integer a JS number holds exactly. */
export const COUNTER_MAX = Number.MAX_SAFE_INTEGER;
export const TEXT_MAX = 256;

/** What parsing or manual entry produces: everything needed to make a slot, no id yet. */
export interface SlotDraft {
  kind: OtpKind;
  /** Provider name, e.g. "PassLogic". May be empty. */
  issuer: string;
  /** Account name, e.g. "alice@example.org". May be empty only when issuer is not. */
  account: string;
  secret: Uint8Array;
  algorithm: HashAlgorithm;
  digits: number;
  /** TOTP step in seconds (RFC 6238 "X"). Present for TOTP; 30 by default. */
  period: number;
  /** HOTP: the counter value the next generated code will use. 0 for TOTP. */
  counter: number;
}

/** A stored slot. */
export interface Slot extends SlotDraft, SlotMeta {
  /**
   * Set when a privacyIDEA container hands this slot out (record version 3): its container,
   * token and state. Absent (or null) for every other slot.
   */
  managed?: ManagedInfo | null;
  /** Random id (hex), also bound into the record's AES-GCM associated data. */
  id: string;
  /** The user's own name for the slot; empty means "issuer (account)" is shown. */
  name: string;
  /** ms since epoch when added, for ordering. */
  createdAt: number;
}

/**
 * How the user organises a slot (record version 2). Stored encrypted with the rest of the
 * slot: the order, favourites and the trash say which accounts matter to someone.
 */
export interface SlotMeta {
  /** Pinned to the top of the list. */
  favourite: boolean;
  /**
   * Manual order: a fractional position key (organise.ts), compared as a plain string.
   * Empty for slots from record version 1 (never placed): they sort first, oldest first.
   */
  position: string;
  /** ms since epoch of the last copy or generated code; 0 = never used. */
  lastUsedAt: number;
  /** ms since epoch when moved to the trash; 0 = not in the trash. */
  deletedAt: number;
  /** Record version 4: the groups it belongs to, like tags (slot-extras.ts groupList). */
  groups: readonly string[];
  /** Record version 4: the user's note, shown in Details ('' = none). */
  note: string;
  /** Record version 4: a stored picture, or null for the generated icon (issuer initials). */
  icon: SlotIcon | null;
}

/** What a slot from record version 1, or a new slot, starts with. */
export const SLOT_META_DEFAULTS: Readonly<SlotMeta> = Object.freeze({
  favourite: false,
  position: '',
  lastUsedAt: 0,
  deletedAt: 0,
  groups: Object.freeze([]) as readonly string[],
  note: '',
  icon: null,
});

/** A position key: base-62 digits in ASCII order, no trailing "0" (organise.ts). */
export const POSITION_RE = /^[0-9A-Za-z]*[1-9A-Za-z]$/;
/** Longest position key stored; a move that would need a longer one renumbers instead. */
export const POSITION_MAX = 64;

/** What the list shows as the slot's title: the user's name, else the issuer, else the account. */
export function slotTitle(slot: Pick<Slot, 'name' | 'issuer' | 'account'>): string {
  return slot.name.trim() || slot.issuer || slot.account;
}

/**
 * The second line: the account, unless the title already is the account. When the user's own
 * name is the title, the provider goes first ("Acme · ivy"), so the list still says (and the
 * list item's accessible name still holds) both provider and account.
 */
export function slotSubtitle(slot: Pick<Slot, 'name' | 'issuer' | 'account'>): string {
  return slotSubtitleParts(slot).join(' · ');
}

/**
 * The subtitle's names one by one, so the list can isolate each (`<bdi>`): a right-to-left
 * provider name then cannot reorder the account beside it.
 */
export function slotSubtitleParts(slot: Pick<Slot, 'name' | 'issuer' | 'account'>): string[] {
  const title = slotTitle(slot);
  const account = title === slot.account ? '' : slot.account;
  if (slot.name.trim() === '' || slot.issuer === '' || title === slot.issuer) return account ? [account] : [];
  return account ? [slot.issuer, account] : [slot.issuer];
}
