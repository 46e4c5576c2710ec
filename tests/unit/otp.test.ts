import { afterEach, describe, expect, it, vi } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import { codeAt, hotpCode, totpCode, totpCounter, type CodeSlot } from '../../src/core/otp';
import type { HashAlgorithm } from '../../src/core/slot';
import { ascii, RFC4226_HOTP, RFC4226_SECRET, RFC6238_SEEDS, RFC6238_TOTP } from './fixtures/rfc-vectors';

const MAX = Number.MAX_SAFE_INTEGER; // 2^53 - 1
const rfcSecret = ascii(RFC4226_SECRET);

function totpSlot(period: number, algorithm: HashAlgorithm = 'SHA1', digits = 6): CodeSlot {
  return { kind: 'totp', secret: ascii(RFC6238_SEEDS[algorithm]), algorithm, digits, period, counter: 0 };
}

function expectKeyslotError(fn: () => unknown, code: string, field: string): void {
  try {
    fn();
  } catch (e) {
    expect(isKeyslotError(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    expect((e as { field: string }).field).toBe(field);
    return;
  }
  throw new Error(`expected ${code} (${field}), nothing was thrown`);
}

describe('HOTP (RFC 4226 Appendix D)', () => {
  it.each(RFC4226_HOTP)('gives $code for counter $counter', ({ counter, code }) => {
    expect(hotpCode(rfcSecret, 'SHA1', 6, counter)).toBe(code);
  });

  it.each(RFC4226_HOTP)(
    'gives the 7- and 8-digit truncation of $truncated for counter $counter',
    ({ counter, truncated }) => {
      expect(hotpCode(rfcSecret, 'SHA1', 7, counter)).toBe(String(truncated % 1e7).padStart(7, '0'));
      expect(hotpCode(rfcSecret, 'SHA1', 8, counter)).toBe(String(truncated % 1e8).padStart(8, '0'));
    },
  );

  it('computes codes for the largest safe counter 2^53-1 (values from Python hmac)', () => {
    expect(hotpCode(rfcSecret, 'SHA1', 6, MAX)).toBe('891307');
    expect(hotpCode(rfcSecret, 'SHA1', 6, MAX - 1)).toBe('897817');
    expect(hotpCode(rfcSecret, 'SHA1', 8, MAX)).toBe('41891307');
    expect(hotpCode(ascii(RFC6238_SEEDS.SHA256), 'SHA256', 8, MAX)).toBe('28822768');
    expect(hotpCode(ascii(RFC6238_SEEDS.SHA512), 'SHA512', 8, MAX)).toBe('55766412');
  });

  it('uses only the bytes of a secret that is a view into a larger buffer', () => {
    const big = new Uint8Array(40).fill(0xee);
    big.set(rfcSecret, 7);
    expect(hotpCode(big.subarray(7, 27), 'SHA1', 6, 0)).toBe('755224');
  });

  it('leaves the caller’s secret bytes untouched', () => {
    const secret = ascii(RFC4226_SECRET);
    hotpCode(secret, 'SHA1', 6, 1);
    expect(secret).toEqual(rfcSecret);
  });
});

describe('TOTP (RFC 6238 Appendix B)', () => {
  it.each(RFC6238_TOTP)('gives $code with $algorithm at $time s', ({ time, algorithm, code }) => {
    expect(totpCode(ascii(RFC6238_SEEDS[algorithm]), algorithm, 8, 30, time * 1000)).toBe(code);
    expect(codeAt(totpSlot(30, algorithm, 8), time * 1000).code).toBe(code);
  });
});

describe('codeAt for TOTP', () => {
  it('is in step k-1 with 1 ms left one millisecond before a boundary', () => {
    const k = 37_037_037; // 1111111110 s / 30
    const r = codeAt(totpSlot(30), k * 30_000 - 1);
    expect(r).toMatchObject({ counter: k - 1, msLeft: 1, periodMs: 30_000 });
    expect(r.code).toBe(hotpCode(rfcSecret, 'SHA1', 6, k - 1));
  });

  it('rolls over exactly at the boundary, with a full period left', () => {
    const k = 37_037_037;
    const r = codeAt(totpSlot(30), k * 30_000);
    expect(r).toMatchObject({ counter: k, msLeft: 30_000, periodMs: 30_000 });
    expect(r.code).toBe(hotpCode(rfcSecret, 'SHA1', 6, k));
  });

  it('counts the time left inside a step', () => {
    expect(codeAt(totpSlot(30), 59_000)).toMatchObject({ counter: 1, msLeft: 1_000 });
    expect(codeAt(totpSlot(30), 0)).toMatchObject({ counter: 0, msLeft: 30_000 });
    expect(codeAt(totpSlot(30), 29_999.5)).toMatchObject({ counter: 0, msLeft: 0.5 });
  });

  it('handles a 1 s period at and just before a boundary (values from Python hmac)', () => {
    const before = codeAt(totpSlot(1), 1_111_111_109_000 - 1);
    const at = codeAt(totpSlot(1), 1_111_111_109_000);
    expect(before).toEqual({ code: '941373', counter: 1_111_111_108, msLeft: 1, periodMs: 1_000 });
    expect(at).toEqual({ code: '510233', counter: 1_111_111_109, msLeft: 1_000, periodMs: 1_000 });
  });

  it('handles a 60 s period at and just before a boundary (values from Python hmac)', () => {
    const k = 18_518_518;
    expect(codeAt(totpSlot(60), k * 60_000 - 1)).toEqual({
      code: '471227',
      counter: k - 1,
      msLeft: 1,
      periodMs: 60_000,
    });
    expect(codeAt(totpSlot(60), k * 60_000)).toEqual({ code: '360094', counter: k, msLeft: 60_000, periodMs: 60_000 });
  });

  it('agrees with floor(now / period) for every millisecond around many boundaries', () => {
    for (const period of [1, 7, 30, 60, 86_400]) {
      for (const k of [1, 2, 3, 1_000, 56_789, 20_000_000]) {
        const b = k * period * 1000;
        expect(totpCounter(period, b - 1)).toBe(k - 1);
        expect(totpCounter(period, b)).toBe(k);
        expect(totpCounter(period, b + 1)).toBe(k);
      }
    }
  });

  it('never reads the clock itself', () => {
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('clock read');
    });
    expect(codeAt(totpSlot(30), 59_000).code).toBe('287082');
    expect(now).not.toHaveBeenCalled();
  });
});

describe('codeAt for HOTP', () => {
  const hotp = (counter: number): CodeSlot => ({
    kind: 'hotp',
    secret: rfcSecret,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter,
  });

  it('returns the code for the slot’s counter, with no expiry', () => {
    expect(codeAt(hotp(5), 123)).toEqual({ code: '254676', counter: 5, msLeft: Infinity, periodMs: Infinity });
  });

  it('ignores the time', () => {
    expect(codeAt(hotp(9), 0)).toEqual(codeAt(hotp(9), 2_000_000_000_000));
  });

  it('works at counter 2^53-1', () => {
    expect(codeAt(hotp(MAX), 0).code).toBe('891307');
  });
});

describe('engine argument checks', () => {
  afterEach(() => vi.restoreAllMocks());

  it('rejects a counter of 2^53, negative or fractional', () => {
    for (const c of [MAX + 1, -1, 1.5, Number.NaN, Infinity]) {
      expectKeyslotError(() => hotpCode(rfcSecret, 'SHA1', 6, c), 'COUNTER_INVALID', 'counter');
    }
  });

  it('rejects digits outside 6–8', () => {
    for (const d of [0, 5, 9, 6.5, Number.NaN]) {
      expectKeyslotError(() => hotpCode(rfcSecret, 'SHA1', d, 0), 'DIGITS', 'digits');
    }
  });

  it('rejects an algorithm other than SHA1, SHA256, SHA512', () => {
    for (const a of ['MD5', 'sha1', 'SHA224', 'SHA3-256', '']) {
      expectKeyslotError(() => hotpCode(rfcSecret, a as HashAlgorithm, 6, 0), 'ALGORITHM', 'algorithm');
    }
  });

  it('rejects an empty or oversized secret', () => {
    expectKeyslotError(() => hotpCode(new Uint8Array(0), 'SHA1', 6, 0), 'SECRET_MISSING', 'secret');
    expectKeyslotError(() => hotpCode(new Uint8Array(513), 'SHA1', 6, 0), 'SECRET_TOO_LONG', 'secret');
  });

  it('rejects a period outside 1 s – 1 day or not whole', () => {
    for (const p of [0, -30, 86_401, 1.5]) {
      expectKeyslotError(() => codeAt(totpSlot(p), 0), 'PERIOD', 'period');
    }
  });

  it('rejects a negative or non-finite time', () => {
    for (const t of [-1, Number.NaN, Infinity]) {
      expectKeyslotError(() => codeAt(totpSlot(30), t), 'COUNTER_INVALID', 'nowMs');
    }
  });

  it('rejects an unknown slot kind', () => {
    expectKeyslotError(() => codeAt({ ...totpSlot(30), kind: 'motp' as 'totp' }, 0), 'OTP_TYPE', 'kind');
  });
});
