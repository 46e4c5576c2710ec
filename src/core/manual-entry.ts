/**
 * "Enter a setup key" form -> slot draft. Same rules and error codes as the
 * otpauth:// parser (both use validate.ts); the error's `field` names the form field.
 * Fields arrive as the inputs give them: text, or numbers from type=number inputs.
 * Blank optional fields take the Key URI Format defaults (SHA1, 6 digits, 30 s).
 */
import type { SlotDraft } from './slot';
import { STEAM_PARAMS } from './steam';
import {
  checkDraft,
  DEFAULT_PERIOD_S,
  parseAlgorithm,
  parseCounter,
  parseDigits,
  parseKind,
  parseName,
  parsePeriod,
  parseSecret,
  requireLabel,
  type FieldValue,
} from './validate';

export interface ManualEntryFields {
  /** 'totp' | 'hotp' | 'steam' (case-insensitive). Steam ignores algorithm, digits and period (steam.ts). */
  kind: FieldValue;
  issuer?: FieldValue;
  account?: FieldValue;
  /** Base32 text; spaces, dashes, lower case and '=' padding are fine. */
  secret: FieldValue;
  algorithm?: FieldValue;
  digits?: FieldValue;
  /** TOTP only; ignored for HOTP. */
  period?: FieldValue;
  /** HOTP only (required there); ignored for TOTP. */
  counter?: FieldValue;
}

/** Validates the form in field order and returns the draft; throws the first KeyslotError. */
export function draftFromForm(fields: ManualEntryFields): SlotDraft {
  const kind = parseKind(fields.kind, 'kind');
  const issuer = parseName(fields.issuer, 'issuer');
  const account = parseName(fields.account, 'account');
  requireLabel(issuer, account);
  const secret = parseSecret(fields.secret);
  if (kind === 'steam') return checkDraft({ kind, issuer, account, secret, ...STEAM_PARAMS });
  const algorithm = parseAlgorithm(fields.algorithm);
  const digits = parseDigits(fields.digits);
  const period = kind === 'totp' ? parsePeriod(fields.period) : DEFAULT_PERIOD_S;
  const counter = kind === 'hotp' ? parseCounter(fields.counter) : 0;
  return checkDraft({ kind, issuer, account, secret, algorithm, digits, period, counter });
}
