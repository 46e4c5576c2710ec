import { describe, expect, it } from 'vitest';
import {
  isTrivialPin,
  normalizePin,
  PASSPHRASE_MIN_LENGTH,
  PIN_MAX_LENGTH,
  PIN_MIN_LENGTH,
  validateNewPassphrase,
  validateNewPin,
  validateNewSecret,
} from '../../src/core/pin';
import { catchKeyslotError, expectNoLeak } from './fixtures/errors';

describe('validateNewPin accepts', () => {
  it.each(['284719', '90817263', '530962', '890123', '1029384756', '123456123457', '555558'])(
    'the PIN %s when it is not trivial',
    (pin) => {
      expect(pin.length).toBeGreaterThanOrEqual(PIN_MIN_LENGTH);
      expect(() => validateNewPin(pin)).not.toThrow();
      expect(() => validateNewPin(pin, pin)).not.toThrow();
    },
  );

  it('a PIN of exactly 64 digits', () => {
    const pin = '2847193650'.repeat(6) + '9182';
    expect(pin).toHaveLength(PIN_MAX_LENGTH);
    expect(() => validateNewPin(pin)).not.toThrow();
  });
});

describe('validateNewPin rejects', () => {
  it.each(['', '12345', '28471'])('a PIN shorter than 6 digits (%j)', (pin) => {
    expect(catchKeyslotError(() => validateNewPin(pin))).toMatchObject({
      code: 'PIN_TOO_SHORT',
      field: 'pin',
      min: 6,
      max: 64,
    });
  });

  it('a PIN longer than 64 digits', () => {
    expect(catchKeyslotError(() => validateNewPin('2847193650'.repeat(7)))).toMatchObject({
      code: 'PIN_TOO_LONG',
      max: 64,
    });
  });

  it.each(['12345a', ' 284719', '284719 ', '28 47 19', '-284719', '٢٨٤٧١٩', '2847.19', 'abcdef'])(
    'a PIN with something other than ASCII digits (%j)',
    (pin) => {
      expect(catchKeyslotError(() => validateNewPin(pin))).toMatchObject({ code: 'PIN_NOT_DIGITS', field: 'pin' });
    },
  );

  it.each([
    ['000000', 'one digit repeated'],
    ['99999999', 'one digit repeated'],
    ['123456', 'an ascending run'],
    ['654321', 'a descending run'],
    ['012345', 'a run from 0'],
    ['987654', 'a run down from 9'],
    ['3456789', 'a 7-digit run'],
    ['0123456789', 'the full run'],
    ['1234567890', 'the keyboard row'],
    ['567890', 'the end of the keyboard row'],
    ['098765', 'the keyboard row backwards'],
    ['121212', 'a pair repeated'],
    ['123123', 'a triple repeated'],
    ['101010', 'a pair repeated'],
    ['12341234', 'four digits repeated'],
    ['1234512345', 'five digits repeated'],
    ['123456123456', 'a run repeated'],
    ['112233', 'a run in doubled digits'],
    ['111222', 'a run in tripled digits'],
    ['998877', 'a descending run in doubled digits'],
    ['11223344', 'a longer doubled run'],
    ['147258', 'a keypad column pattern'],
    ['159753', 'a keypad cross'],
    ['123321', 'a mirrored run'],
    ['789456', 'keypad rows'],
    ['5201314', 'a well-known number'],
  ])('the trivial PIN %s (%s)', (pin) => {
    expect(isTrivialPin(pin)).toBe(true);
    expect(catchKeyslotError(() => validateNewPin(pin, pin))).toMatchObject({ code: 'PIN_TRIVIAL', field: 'pin' });
  });

  it('a confirmation that differs', () => {
    expect(catchKeyslotError(() => validateNewPin('284719', '284718'))).toMatchObject({
      code: 'PIN_MISMATCH',
      field: 'confirm',
    });
    expect(catchKeyslotError(() => validateNewPin('284719', ''))).toMatchObject({
      code: 'PIN_MISMATCH',
      field: 'confirm',
    });
  });

  it('a trivial PIN before looking at the confirmation', () => {
    expect(catchKeyslotError(() => validateNewPin('123456', '654321')).code).toBe('PIN_TRIVIAL');
  });

  it('without the PIN or confirmation in the error', () => {
    for (const [pin, confirm] of [
      ['98213745', '98213746'],
      ['123456123456', undefined],
      ['9821374x', undefined],
    ] as const) {
      const e = catchKeyslotError(() => validateNewPin(pin, confirm));
      expectNoLeak(e, pin, [pin, confirm ?? pin]);
    }
  });
});

describe('isTrivialPin', () => {
  it('does not flag wrap-around runs or random-looking PINs', () => {
    for (const pin of ['890123', '901234', '284719', '135792', '8642097531', '110011'])
      expect(isTrivialPin(pin)).toBe(false);
  });
});

describe('normalizePin', () => {
  it('turns full-width digits typed through a Japanese IME into ASCII digits', () => {
    expect(normalizePin('２８４７１９')).toBe('284719');
    expect(() => validateNewPin('２８４７１９', '284719')).not.toThrow();
  });

  it('leaves other characters for validation to refuse', () => {
    expect(normalizePin('28a719')).toBe('28a719');
    expect(catchKeyslotError(() => validateNewPin('２８a７１９'))).toMatchObject({ code: 'PIN_NOT_DIGITS' });
  });
});

describe('validateNewPassphrase', () => {
  it.each(['blue tram under snow', 'correct-horse-staple-42', '電車は雪の下を走る青い', 'Wörter mit Umlauten'])(
    'accepts %j',
    (phrase) => {
      expect(() => validateNewPassphrase(phrase, phrase)).not.toThrow();
      expect(() => validateNewSecret('passphrase', phrase, phrase)).not.toThrow();
    },
  );

  it('counts characters, not UTF-16 units: ten emoji are ten characters', () => {
    const phrase = '🔐🚋❄️🌊🍵🗻🎋🦊🐢🌸'.replace('\uFE0F', '');
    expect(() => validateNewPassphrase(phrase)).not.toThrow();
    expect(catchKeyslotError(() => validateNewPassphrase('🔐🚋❄🌊🍵🗻🎋🦊🐢'))).toMatchObject({
      code: 'PASSPHRASE_TOO_SHORT',
      min: PASSPHRASE_MIN_LENGTH,
    });
  });

  it('treats full-width letters from an IME like ASCII ones (NFKC), so a confirmation typed either way matches', () => {
    expect(() => validateNewPassphrase('blue tram under snow', 'ｂｌｕｅ ｔｒａｍ ｕｎｄｅｒ ｓｎｏｗ')).not.toThrow();
  });

  it.each<[string, string, string]>([
    ['too short', 'short one', 'PASSPHRASE_TOO_SHORT'],
    ['empty', '', 'PASSPHRASE_TOO_SHORT'],
    ['too long', 'a quiet river '.repeat(20), 'PASSPHRASE_TOO_LONG'],
    ['one character repeated', 'zzzzzzzzzzzz', 'PASSPHRASE_TRIVIAL'],
    ['a run', 'abcdefghijkl', 'PASSPHRASE_TRIVIAL'],
    ['a short block repeated', 'abcabcabcabc', 'PASSPHRASE_TRIVIAL'],
    ['a common choice, in any case and spacing', 'Password 123', 'PASSPHRASE_TRIVIAL'],
    ['a trivial PIN written as a passphrase', '1234567890', 'PASSPHRASE_TRIVIAL'],
  ])('refuses a passphrase that is %s', (_what, phrase, code) => {
    expect(catchKeyslotError(() => validateNewPassphrase(phrase))).toMatchObject({ code, field: 'pin' });
  });

  it('refuses a confirmation that differs, under the confirm field, without echoing either', () => {
    const e = catchKeyslotError(() => validateNewPassphrase('blue tram under snow', 'blue tram under snoW'));
    expect(e).toMatchObject({ code: 'PASSPHRASE_MISMATCH', field: 'confirm' });
    expectNoLeak(e, 'blue tram under snow');
  });

  it('sends digits to the PIN rules and text to the passphrase rules', () => {
    expect(catchKeyslotError(() => validateNewSecret('digits', 'blue tram under snow'))).toMatchObject({
      code: 'PIN_NOT_DIGITS',
    });
    expect(catchKeyslotError(() => validateNewSecret('passphrase', '284719'))).toMatchObject({
      code: 'PASSPHRASE_TOO_SHORT',
    });
  });
});

describe('no regular expression runs on the PIN', () => {
  // V8 keeps the last string a regex ran on as RegExp.input / RegExp.$_ (legacy statics), readable
  // by any script in the page until another regex runs: after Lock too (issue 14).
  const legacy = RegExp as unknown as { input: string; $_: string };

  it.each([
    ['validating a new PIN', () => validateNewPin('482915', '482915')],
    ['refusing a trivial PIN', () => catchKeyslotError(() => validateNewPin('111111'))],
    ['checking a PIN for triviality', () => isTrivialPin('4829150')],
    ['normalising a full-width PIN', () => normalizePin('４８２９１５')],
    ['validating a passphrase', () => validateNewPassphrase('482915 tulip harbour', '482915 tulip harbour')],
    [
      'validating a digits-only passphrase',
      () => catchKeyslotError(() => validateNewSecret('passphrase', '1111111111')),
    ],
  ])('leaves RegExp.input alone when %s', (_what, run) => {
    /canary/.exec('a canary string');
    run();
    // eslint-disable-next-line regexp/no-legacy-features -- reading the legacy statics is the test
    expect(legacy.input).toBe('a canary string');
    // eslint-disable-next-line regexp/no-legacy-features -- as above
    expect(legacy.$_).toBe('a canary string');
  });
});
