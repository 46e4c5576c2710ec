import { describe, expect, it } from 'vitest';
import { decodeBase32 } from '../../src/core/base32';
import { isKeyslotError } from '../../src/core/errors';
import { draftFromForm } from '../../src/core/manual-entry';
import { codeAt, isTimeBased, steamCode } from '../../src/core/otp';
import { parseOtpauthUri, toOtpauthUri } from '../../src/core/otpauth-uri';
import { STEAM_ALPHABET, STEAM_PARAMS, steamEncode } from '../../src/core/steam';

/**
 * Vectors computed once with an independent implementation (Python 3.11 standard library,
 * not Keyslot's code or its dependencies):
 *
 *   mac = hmac.new(secret, struct.pack(">Q", t // 30), hashlib.sha1).digest()
 *   o = mac[19] & 0xF; c = struct.unpack(">I", mac[o:o+4])[0] & 0x7FFFFFFF
 *   5 times: code += "23456789BCDFGHJKMNPQRTVWXY"[c % 26]; c //= 26
 *
 * Secrets: the RFC 4226 ASCII seed "12345678901234567890", and the Steam entry of Aegis's
 * importer tests (base32 JRZCL47CMXVOQMNPZR2F7J4RGI, a made-up account). Times in seconds.
 */
const RFC_SECRET = new TextEncoder().encode('12345678901234567890');
const AEGIS_SECRET = decodeBase32('JRZCL47CMXVOQMNPZR2F7J4RGI');
const VECTORS: [secret: Uint8Array, seconds: number, code: string][] = [
  [RFC_SECRET, 0, 'GG5F5'],
  [RFC_SECRET, 59, 'PV9M4'],
  [RFC_SECRET, 1111111109, 'PY4YB'],
  [RFC_SECRET, 1234567890, 'VHHQY'],
  [RFC_SECRET, 2000000000, '9N776'],
  [RFC_SECRET, 20000000000, 'R5DMB'],
  [AEGIS_SECRET, 0, 'C2F47'],
  [AEGIS_SECRET, 59, '9WW3X'],
  [AEGIS_SECRET, 1111111109, 'T73T6'],
  [AEGIS_SECRET, 1234567890, 'WR5P6'],
  [AEGIS_SECRET, 2000000000, 'G7879'],
  [AEGIS_SECRET, 20000000000, 'V4HTX'],
];

/** The parser reads Steam URIs only when asked (the add flow does not until the vault stores them). */
const STEAM = { steam: true };
const steamSlot = { kind: 'steam' as const, secret: AEGIS_SECRET, ...STEAM_PARAMS };

describe('Steam Guard codes', () => {
  it.each(VECTORS)('match the independent Python implementation (%#: t = %i s → %s)', (secret, seconds, code) => {
    expect(steamCode(secret, seconds * 1000)).toBe(code);
  });

  it('are five characters of Steam alphabet, which has no vowels, 0, 1 or look-alikes', () => {
    expect(STEAM_ALPHABET).toHaveLength(26);
    expect(STEAM_ALPHABET).not.toMatch(/[AEIOULSZ01]/);
    for (let t = 0; t < 200; t++) expect(steamCode(RFC_SECRET, t * 30_000)).toMatch(/^[2-9BCDFGHJKMNPQRTV-Y]{5}$/);
  });

  it('change with the 30-second step, and codeAt gives the time left like a TOTP', () => {
    const state = codeAt(steamSlot, 59_000);
    expect(state).toEqual({ code: '9WW3X', msLeft: 1_000, periodMs: 30_000, counter: 1 });
    expect(codeAt(steamSlot, 60_000).code).not.toBe(state.code);
    expect(isTimeBased('steam')).toBe(true);
    expect(isTimeBased('hotp')).toBe(false);
  });

  it('ignore digits, algorithm and period a slot may claim: Steam has only one kind of code', () => {
    expect(codeAt({ ...steamSlot, digits: 8, algorithm: 'SHA512', period: 60 }, 59_000).code).toBe('9WW3X');
  });

  it('refuse an empty secret and a negative time with the engine errors', () => {
    for (const run of [() => steamCode(new Uint8Array(0), 0), () => steamCode(RFC_SECRET, -1)]) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(isKeyslotError(error)).toBe(true);
    }
    expect(() => steamEncode(new Uint8Array(19))).toThrow(TypeError);
  });
});

describe('Steam Guard URIs and forms', () => {
  it('are refused by the parser unless Steam is asked for, as the add flow does today', () => {
    for (const uri of [
      'otpauth://steam/Steam:gamer?secret=JRZCL47CMXVOQMNPZR2F7J4RGI',
      'otpauth://totp/Steam:gamer?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&encoder=steam',
    ]) {
      expect(() => parseOtpauthUri(uri)).toThrow(/OTP_TYPE/);
    }
  });

  it('reads otpauth://steam/ as Aegis, 2FAS and Ente Auth write it', () => {
    const draft = parseOtpauthUri(
      'otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&algorithm=SHA1&digits=5&period=30',
      STEAM,
    );
    expect(draft).toEqual({
      kind: 'steam',
      issuer: 'Boeing',
      account: 'Sophia',
      secret: AEGIS_SECRET,
      ...STEAM_PARAMS,
    });
  });

  it('reads the encoder=steam convention of a TOTP URI as a Steam slot', () => {
    const draft = parseOtpauthUri(
      'otpauth://totp/Steam:gamer?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&encoder=Steam&digits=6',
      STEAM,
    );
    expect(draft).toMatchObject({ kind: 'steam', issuer: 'Steam', account: 'gamer', digits: 5 });
  });

  it('does not guess Steam from the issuer alone', () => {
    expect(parseOtpauthUri('otpauth://totp/Steam:gamer?secret=JRZCL47CMXVOQMNPZR2F7J4RGI', STEAM).kind).toBe('totp');
  });

  it('writes a Steam slot back as otpauth://steam/ and reads it again unchanged', () => {
    const draft = { kind: 'steam' as const, issuer: 'Steam', account: 'gamer', secret: AEGIS_SECRET, ...STEAM_PARAMS };
    const uri = toOtpauthUri(draft);
    expect(uri).toMatch(/^otpauth:\/\/steam\/Steam:gamer\?/);
    expect(parseOtpauthUri(uri, STEAM)).toEqual(draft);
  });

  it('takes kind "steam" in manual entry with the fixed parameters', () => {
    const draft = draftFromForm({
      kind: 'Steam',
      issuer: 'Steam',
      account: 'gamer',
      secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI',
      digits: '8',
    });
    expect(draft).toEqual({ kind: 'steam', issuer: 'Steam', account: 'gamer', secret: AEGIS_SECRET, ...STEAM_PARAMS });
  });
});
