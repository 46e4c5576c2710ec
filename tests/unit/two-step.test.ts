// privacyIDEA's 2step enrollment. The vectors were made against a live privacyIDEA 3.14
// (npm run test:issuer's server): its QR, our client part typed in as base32check, and the
// code that /validate/check then accepted ("matching 1 tokens").
import { describe, expect, it } from 'vitest';
import { readActivation } from '../../src/core/activation';
import { hexEncode } from '../../src/core/bytes';
import { isKeyslotError } from '../../src/core/errors';
import { hotpCode } from '../../src/core/otp';
import {
  base32check,
  completeTwoStep,
  isTwoStepUri,
  readTwoStepParams,
  twoStepClientPart,
} from '../../src/core/two-step';

const CLIENT = Uint8Array.from([0x0b, 0x30, 0x55, 0x7a, 0x9f, 0xc4, 0xe9, 0x0e]);
const LIVE = [
  {
    uri: 'otpauth://hotp/OATH0002187C?secret=GWNG7L5WR2ICEUPDSNMS7LROV3O4ATHT&counter=1&digits=6&creator=privacyidea&issuer=privacyIDEA&serial=OATH0002187C&2step_salt=8&2step_output=20&2step_difficulty=10000',
    derived: 'b1983b6d7aed82266041e88dc62e10d03c76618f',
    counter0: '866112',
  },
  {
    uri: 'otpauth://hotp/OATH0003A17B?secret=PPQVAKCPCNHEL6RXKC22BOFR77NEEYNB5WFW6CXK7IYWBJ3SH6LQ&counter=1&algorithm=SHA256&digits=6&creator=privacyidea&issuer=privacyIDEA&serial=OATH0003A17B&2step_salt=8&2step_output=32&2step_difficulty=10000',
    derived: '326b2e94115f37fcfbf80a1a6439e87d2339a55be58e2ce9eebd33dc4356657c',
    counter0: '180528',
  },
];
const TOTP_URI =
  'otpauth://totp/TOTP00029936?secret=KI7ALVUZNUY5GDLFXMGYAD4ZXWYP33TC&period=30&digits=6&creator=privacyidea&issuer=privacyIDEA&serial=TOTP00029936&2step_salt=8&2step_output=20&2step_difficulty=10000';

function twoStep(uri: string) {
  const a = readActivation(uri);
  if (a.kind !== 'two-step') throw new Error(`read as ${a.kind}`);
  return a;
}

describe('a privacyIDEA 2step QR', () => {
  it('is read as a two-step enrollment, never as a plain slot', () => {
    const a = twoStep(LIVE[0]!.uri);
    expect(a.twoStep).toEqual({ clientSize: 8, outputSize: 20, difficulty: 10000 });
    expect(a.draft.kind).toBe('hotp');
    expect(twoStep(TOTP_URI).draft.kind).toBe('totp');
    expect(isTwoStepUri('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')).toBe(false);
  });

  it("shows the client part in privacyIDEA's base32check form (the text the live server accepted)", () => {
    expect(base32check(CLIENT)).toBe('HYLQOXILGBKXVH6E5EHA');
  });

  it('derives the secret exactly as privacyIDEA does, so the live server accepts the codes', () => {
    for (const v of LIVE) {
      const a = twoStep(v.uri);
      const done = completeTwoStep(a.draft, a.twoStep, twoStepClientPart(CLIENT, a.twoStep));
      expect(hexEncode(done.secret)).toBe(v.derived);
      expect(hotpCode(done.secret, done.algorithm, done.digits, 0)).toBe(v.counter0);
      expect(done.issuer).toBe('privacyIDEA');
    }
  });

  it('takes the client part only from the randomness it is given, of exactly the asked size', () => {
    const a = twoStep(LIVE[0]!.uri);
    const random = new Uint8Array(8).fill(7);
    const part = twoStepClientPart(random, a.twoStep);
    expect(part).toEqual(random);
    random[0] = 0;
    expect(part[0]).toBe(7); // a copy
    expect(() => twoStepClientPart(new Uint8Array(7), a.twoStep)).toThrow(/TWO_STEP_INVALID \(random\)/);
    expect(() => completeTwoStep(a.draft, a.twoStep, new Uint8Array(9))).toThrow(/TWO_STEP_INVALID/);
  });
});

describe('a hostile or damaged 2step QR', () => {
  const base = 'otpauth://hotp/X?secret=GWNG7L5WR2ICEUPDSNMS7LROV3O4ATHT&counter=1';
  const cases: [string, string][] = [
    ['&2step_salt=8&2step_output=20', '2step_difficulty'],
    ['&2step_salt=8&2step_output=20&2step_difficulty=999999999', '2step_difficulty'],
    ['&2step_salt=8&2step_output=20&2step_difficulty=10', '2step_difficulty'],
    ['&2step_salt=0&2step_output=20&2step_difficulty=10000', '2step_salt'],
    ['&2step_salt=8&2step_output=4096&2step_difficulty=10000', '2step_output'],
    ['&2step_salt=8.5&2step_output=20&2step_difficulty=10000', '2step_salt'],
    ['&2step_salt=-8&2step_output=20&2step_difficulty=10000', '2step_salt'],
    ['&2step_salt=%ZZ&2step_output=20&2step_difficulty=10000', '2step_salt'],
    ['&2step_whatever=1', '2step_salt'],
  ];
  it.each(cases)('is refused with the parameter named (%s)', (tail, field) => {
    try {
      readActivation(base + tail);
      expect.unreachable();
    } catch (e) {
      expect(isKeyslotError(e, 'TWO_STEP_INVALID')).toBe(true);
      expect((e as Error).message).toBe(`TWO_STEP_INVALID (${field})`);
      expect((e as Error).message).not.toContain('GWNG7L5');
    }
  });

  it('is refused when the otpauth part itself is damaged', () => {
    expect(() =>
      readActivation('otpauth://hotp/X?counter=1&2step_salt=8&2step_output=20&2step_difficulty=10000'),
    ).toThrow(/SECRET_MISSING/);
    expect(readTwoStepParams('otpauth://hotp/X?secret=A')).toBeNull();
  });
});
