/**
 * Keyslot's OTP engine (src/core/otp.ts) against every OTP vector in the corpus:
 *   otp-vectors/rfc                          RFC 4226 App. D, RFC 6238 App. B
 *   otp-vectors/hectorm-otpauth              generate + validate, SHA1/256/512 (others: unsupported by choice)
 *   otp-vectors/google-authenticator-android base32 and HOTP passcodes
 *   otp-vectors/pyotp                        5-byte secrets (below our 80-bit input floor, so the
 *                                            engine is called directly); Steam Guard (encoder=steam)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from '../../src/core/base32';
import { parseOtpauthUri } from '../../src/core/otpauth-uri';
import { codeAt, hotpCode, totpCode, totpCounter } from '../../src/core/otp';
import type { HashAlgorithm } from '../../src/core/slot';
import { readCorpusJson, Tally } from './corpus';
import { expectThrowsCode } from '../unit/fixtures/errors';

const tally = new Tally();
afterAll(() =>
  tally.print('OTP vectors: Keyslot engine vs corpus', ['agreed', 'deliberate difference', 'unsupported by choice']),
);

const fromHex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const ascii = (t: string) => new TextEncoder().encode(t);
const SUPPORTED: Record<string, HashAlgorithm> = {
  SHA1: 'SHA1',
  'SHA-1': 'SHA1',
  SHA256: 'SHA256',
  'SHA-256': 'SHA256',
  SHA512: 'SHA512',
  'SHA-512': 'SHA512',
};

// ---------------------------------------------------------------- RFC
interface Rfc4226 {
  secret_ascii: string;
  digits: number;
  vectors: { count: number; truncated_dec: number; hotp_6: string }[];
}
interface Rfc6238 {
  T0: number;
  X_period: number;
  digits: number;
  seeds: Record<HashAlgorithm, { ascii: string; hex: string; base32: string }>;
  vectors: { time: number; T_hex: string; totp_8: string; mode: HashAlgorithm }[];
}

describe('RFC 4226 Appendix D (rfc/rfc4226-hotp.json)', () => {
  const rfc = readCorpusJson<Rfc4226>('otp-vectors', 'rfc', 'rfc4226-hotp.json');
  for (const v of rfc.vectors) {
    it(`HOTP counter ${v.count} gives ${v.hotp_6}`, () => {
      const secret = ascii(rfc.secret_ascii);
      expect(hotpCode(secret, 'SHA1', rfc.digits, v.count)).toBe(v.hotp_6);
      expect(hotpCode(secret, 'SHA1', 8, v.count)).toBe(String(v.truncated_dec % 1e8).padStart(8, '0'));
      expect(codeAt({ kind: 'hotp', secret, algorithm: 'SHA1', digits: 6, period: 30, counter: v.count }, 0).code).toBe(
        v.hotp_6,
      );
      tally.add('rfc (RFC 4226)', 'agreed');
    });
  }
});

describe('RFC 6238 Appendix B (rfc/rfc6238-totp.json)', () => {
  const rfc = readCorpusJson<Rfc6238>('otp-vectors', 'rfc', 'rfc6238-totp.json');
  for (const v of rfc.vectors) {
    it(`TOTP ${v.mode} at ${v.time} s gives ${v.totp_8}`, () => {
      const seed = rfc.seeds[v.mode];
      const secret = fromHex(seed.hex);
      expect(decodeBase32(seed.base32)).toEqual(secret);
      expect(encodeBase32(secret)).toBe(seed.base32);
      expect(totpCounter(rfc.X_period, v.time * 1000)).toBe(parseInt(v.T_hex, 16));
      expect(totpCode(secret, v.mode, rfc.digits, rfc.X_period, v.time * 1000)).toBe(v.totp_8);
      const slot = {
        kind: 'totp' as const,
        secret,
        algorithm: v.mode,
        digits: rfc.digits,
        period: rfc.X_period,
        counter: 0,
      };
      expect(codeAt(slot, v.time * 1000).code).toBe(v.totp_8);
      tally.add('rfc (RFC 6238)', 'agreed');
    });
  }
});

// ---------------------------------------------------------------- hectorm/otpauth
interface HectormSide {
  constructor_input: { algorithm?: string; digits?: number; period?: number };
  generate: { input: { counter?: number; timestamp?: number }; output: string };
  validate: { input: { token: string; counter?: number; timestamp?: number; window?: number }; output: number | null };
}
interface HectormCase {
  index: number;
  secret: { hex: string; base32: string };
  hotp: HectormSide;
  totp: HectormSide;
}

describe('hectorm/otpauth generate and validate (hectorm-otpauth/otpauth-test-cases.json)', () => {
  const { cases } = readCorpusJson<{ cases: HectormCase[] }>(
    'otp-vectors',
    'hectorm-otpauth',
    'otpauth-test-cases.json',
  );
  for (const c of cases) {
    for (const kind of ['hotp', 'totp'] as const) {
      const side = c[kind];
      const algName = (side.constructor_input.algorithm ?? 'SHA1').toUpperCase();
      const algorithm = SUPPORTED[algName];
      const digits = side.constructor_input.digits ?? 6;
      const period = side.constructor_input.period ?? 30;
      const secret = fromHex(c.secret.hex);
      const at = (counter: number) => hotpCode(secret, algorithm!, digits, counter);

      if (!algorithm) {
        it(`case ${c.index} ${kind} ${algName}: unsupported by choice (Keyslot offers SHA1/SHA256/SHA512, as RFC 6238)`, () => {
          expectThrowsCode(() => hotpCode(secret, algName as HashAlgorithm, digits, 0), 'ALGORITHM');
          tally.add('hectorm-otpauth', 'unsupported by choice');
        });
        continue;
      }

      it(`case ${c.index} ${kind} ${algName}/${digits}: generate gives ${side.generate.output} and validate finds delta ${side.validate.output}`, () => {
        expect(decodeBase32(c.secret.base32)).toEqual(secret);
        const { input, output } = side.validate;
        const window = input.window ?? 1;
        let base: number;
        if (kind === 'hotp') {
          expect(at(side.generate.input.counter!)).toBe(side.generate.output);
          base = input.counter!;
        } else {
          expect(totpCode(secret, algorithm, digits, period, side.generate.input.timestamp!)).toBe(
            side.generate.output,
          );
          base = totpCounter(period, input.timestamp!);
        }
        if (output === null) {
          for (let d = -window; d <= window; d++) if (base + d >= 0) expect(at(base + d)).not.toBe(input.token);
        } else {
          expect(Math.abs(output)).toBeLessThanOrEqual(window);
          expect(at(base + output)).toBe(input.token);
        }
        tally.add('hectorm-otpauth', 'agreed');
      });
    }
  }
});

// ---------------------------------------------------------------- google-authenticator-android
interface GoogleVectors {
  base32_google_variant: {
    rfc4648_regression: { ascii: string; base32: string }[];
    ambiguous_equal: [string, string][];
    decoded_length: Record<string, number>;
    equal_decodings: [string, string][];
    must_fail: string[];
  };
  hotp_sha1_6: { secret_base32: string; secret_hex: string; codes: { counter: number; otp: string }[] };
}

describe('Google Authenticator base32 and passcodes (google-authenticator-android/base32-and-passcode-vectors.json)', () => {
  const g = readCorpusJson<GoogleVectors>(
    'otp-vectors',
    'google-authenticator-android',
    'base32-and-passcode-vectors.json',
  );
  const SRC = 'google-authenticator-android';
  const b = g.base32_google_variant;
  /** Google drops a dangling last character; we refuse lengths no byte string can produce (see base32.ts). */
  const dangling = (t: string) => [1, 3, 6].includes(t.replace(/[\s-]/g, '').length % 8);

  for (const v of b.rfc4648_regression) {
    it(`base32 "${v.ascii}" <-> ${v.base32}`, () => {
      expect(decodeBase32(v.base32)).toEqual(ascii(v.ascii));
      expect(encodeBase32(ascii(v.ascii))).toBe(v.base32);
      tally.add(SRC, 'agreed');
    });
  }
  for (const [text, length] of Object.entries(b.decoded_length)) {
    if (dangling(text)) {
      it(`base32 ${JSON.stringify(text)}: Google decodes ${length} bytes, Keyslot refuses the dangling character (deliberate)`, () => {
        expectThrowsCode(() => decodeBase32(text), 'SECRET_INVALID');
        tally.add(SRC, 'deliberate difference');
      });
    } else {
      it(`base32 ${JSON.stringify(text)} decodes to ${length} bytes`, () => {
        expect(decodeBase32(text)).toHaveLength(length);
        tally.add(SRC, 'agreed');
      });
    }
  }
  for (const [x, y] of b.equal_decodings) {
    it(`base32 ${JSON.stringify(x)} and ${JSON.stringify(y)} decode equal`, () => {
      expect(decodeBase32(x)).toEqual(decodeBase32(y));
      tally.add(SRC, 'agreed');
    });
  }
  for (const [x, y] of b.ambiguous_equal) {
    it(`base32 ${x} (${x.length}) vs ${y} (${y.length}): Google ignores the extra character, Keyslot refuses it (deliberate)`, () => {
      expect(dangling(y)).toBe(true);
      expect(decodeBase32(x)).toHaveLength(10);
      expectThrowsCode(() => decodeBase32(y), 'SECRET_INVALID');
      tally.add(SRC, 'deliberate difference');
    });
  }
  for (const text of b.must_fail) {
    it(`base32 ${JSON.stringify(text)} is refused`, () => {
      expectThrowsCode(() => decodeBase32(text), 'SECRET_INVALID');
      tally.add(SRC, 'agreed');
    });
  }

  const key = fromHex(g.hotp_sha1_6.secret_hex);
  for (const v of g.hotp_sha1_6.codes) {
    if (!Number.isSafeInteger(v.counter)) {
      it(`HOTP counter ${v.counter} is beyond 2^53-1: unsupported by choice (counters are JS numbers)`, () => {
        expectThrowsCode(() => hotpCode(key, 'SHA1', 6, v.counter), 'COUNTER_INVALID');
        tally.add(SRC, 'unsupported by choice');
      });
      continue;
    }
    it(`HOTP key ${g.hotp_sha1_6.secret_base32} counter ${v.counter} gives ${v.otp}`, () => {
      expect(decodeBase32(g.hotp_sha1_6.secret_base32)).toEqual(key);
      expect(hotpCode(key, 'SHA1', 6, v.counter)).toBe(v.otp);
      tally.add(SRC, 'agreed');
    });
  }
});

// ---------------------------------------------------------------- pyotp
interface PyotpVectors {
  steam_guard: { secret_base32: string; codes_at_unix_time: Record<string, string> };
  short_secret: {
    secret_base32: string;
    secret_ascii: string;
    totp_sha1: Record<string, string>;
    totp_sha256: Record<string, string>;
    totp_sha512: Record<string, string>;
    hotp_sha1: Record<string, string>;
  };
}

describe('pyotp vectors (pyotp/steam-and-short-secret-vectors.json)', () => {
  const p = readCorpusJson<PyotpVectors>('otp-vectors', 'pyotp', 'steam-and-short-secret-vectors.json');
  const s = p.short_secret;
  // 5 bytes is below Keyslot's 80-bit input floor (validate.ts), so these go to the engine directly.
  const secret = ascii(s.secret_ascii);
  const totp: [HashAlgorithm, Record<string, string>][] = [
    ['SHA1', s.totp_sha1],
    ['SHA256', s.totp_sha256],
    ['SHA512', s.totp_sha512],
  ];

  for (const [algorithm, codes] of totp) {
    for (const [t, code] of Object.entries(codes)) {
      it(`TOTP ${algorithm} with the 5-byte secret at ${t} s gives ${code}`, () => {
        expect(decodeBase32(s.secret_base32)).toEqual(secret);
        expect(totpCode(secret, algorithm, 6, 30, Number(t) * 1000)).toBe(code);
        tally.add('pyotp', 'agreed');
      });
    }
  }
  for (const [counter, code] of Object.entries(s.hotp_sha1)) {
    it(`HOTP SHA1 with the 5-byte secret at counter ${counter} gives ${code}`, () => {
      expect(hotpCode(secret, 'SHA1', 6, Number(counter))).toBe(code);
      tally.add('pyotp', 'agreed');
    });
  }
  for (const [t, code] of Object.entries(p.steam_guard.codes_at_unix_time)) {
    it(`reads the encoder=steam link as Steam Guard and gives ${code} at ${t} s`, () => {
      const uri = `otpauth://totp/Steam:user?secret=${p.steam_guard.secret_base32}&encoder=steam`;
      expect(codeAt(parseOtpauthUri(uri, { steam: true }), Number(t) * 1000).code).toBe(code);
      tally.add('pyotp', 'agreed');
    });
  }
});
