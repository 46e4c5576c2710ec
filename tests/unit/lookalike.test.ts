import { describe, expect, it } from 'vitest';
import { lookAlikeOf, mixesScripts, nameWarning, skeleton } from '../../src/core/lookalike';
import { matchExisting } from '../../src/core/slot-match';
import { SLOT_META_DEFAULTS, type Slot } from '../../src/core/slot';
import { draft } from './fixtures/slots';

const slot = (issuer: string, account: string, i = 0): Slot => ({
  ...draft({ issuer, account }),
  id: String(i + 1).padStart(32, '0'),
  name: '',
  createdAt: i,
  ...SLOT_META_DEFAULTS,
});

/** "PayPal" with a Cyrillic а (U+0430) for the Latin a. */
const CYRILLIC_PAYPAL = 'P\u0430yPal';

describe('look-alike names', () => {
  it('reduces Cyrillic and Greek letters drawn like Latin ones to the Latin letter', () => {
    expect(skeleton(CYRILLIC_PAYPAL)).toBe('paypal');
    expect(skeleton('\u0421\u0435\u0440\u0440\u043E')).toBe('ceppo'); // all Cyrillic "Серро"
    expect(skeleton('\u03BF\u03BA')).toBe('ok'); // Greek omicron, kappa
    expect(skeleton('Ａｃｍｅ')).toBe('acme'); // nameKey first: full width folds
  });

  it('flags a new slot whose names look like an existing slot’s but are other letters', () => {
    const real = slot('PayPal', 'alice@example.com');
    expect(lookAlikeOf({ issuer: CYRILLIC_PAYPAL, account: 'alice@example.com' }, [real])).toBe(real);
    expect(nameWarning({ issuer: CYRILLIC_PAYPAL, account: 'alice@example.com' }, [real])).toEqual({
      kind: 'looks-like',
      slot: real,
    });
    // The secret check and the reissue check do not take it for the real PayPal.
    expect(
      matchExisting(
        draft({ issuer: CYRILLIC_PAYPAL, account: 'alice@example.com', secret: new Uint8Array(20).fill(7) }),
        [real],
      ).kind,
    ).toBe('new');
  });

  it('does not flag the same names (that is a reissue), other names, or names in one script', () => {
    const real = slot('PayPal', 'alice@example.com');
    expect(lookAlikeOf({ issuer: 'paypal', account: 'Alice@example.com' }, [real])).toBeNull();
    expect(lookAlikeOf({ issuer: 'PayPal', account: 'bob@example.com' }, [real])).toBeNull();
    expect(nameWarning({ issuer: 'Сбербанк', account: 'иван' }, [real])).toBeNull(); // Cyrillic only
    expect(nameWarning({ issuer: 'Ελληνικά', account: 'Société' }, [])).toBeNull();
    expect(nameWarning({ issuer: 'GitLab', account: 'ivy' }, [real])).toBeNull();
  });

  it('flags a name that mixes Latin with Cyrillic or Greek letters in one word, even with no look-alike slot', () => {
    expect(mixesScripts(CYRILLIC_PAYPAL)).toBe(true);
    expect(mixesScripts('g\u03BFogle')).toBe(true); // Greek omicron
    expect(mixesScripts('Bank Сбербанк')).toBe(false); // two words, each in one script
    expect(mixesScripts('日本 Acme')).toBe(false);
    expect(nameWarning({ issuer: 'Acme', account: 'j\u043Ehn' }, [])).toEqual({ kind: 'mixed-scripts' });
  });

  it('runs in linear time on a long hostile name', () => {
    const long = 'a\u0430'.repeat(100_000);
    expect(mixesScripts(long)).toBe(true);
    expect(skeleton(long)).toBe('a'.repeat(200_000));
  });
});
