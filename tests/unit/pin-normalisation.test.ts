// The vault API normalises the PIN (NFKC) itself, in one place: a PIN typed with full-width
// digits (a Japanese IME) or any other compatibility form derives the same key as its NFKC
// form, whoever calls create, unlock, change or verify (issue 12).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import { ARGON2_FLOOR } from '../../src/core/vault';
import { createVault, unlockVault } from '../../src/platform/vault';
import { useFreshIndexedDb } from './fixtures/fresh-db';

const NFKC = '284719';
const FULL_WIDTH = '２８４７１９';
const T = 1_700_000_000_000;
const KDF = ARGON2_FLOOR;

useFreshIndexedDb();

describe('PIN normalisation under the vault API', () => {
  it('has test PINs that really differ until NFKC', () => {
    expect(FULL_WIDTH).not.toBe(NFKC);
    expect(FULL_WIDTH.normalize('NFC')).not.toBe(NFKC); // NFC alone would not make them equal
    expect(FULL_WIDTH.normalize('NFKC')).toBe(NFKC);
  });

  it('opens a vault created with the NFKC form when given the full-width PIN', async () => {
    await createVault(NFKC, { kdf: KDF, now: T });
    expect((await unlockVault(FULL_WIDTH, T)).locked).toBe(false);
  });

  it('opens a vault created with the full-width PIN when given the NFKC form', async () => {
    await createVault(FULL_WIDTH, { kdf: KDF, now: T });
    expect((await unlockVault(NFKC, T)).locked).toBe(false);
  });

  it('verifies, and changes from, the current PIN in either form, and the new PIN works in either form', async () => {
    const vault = await createVault(NFKC, { kdf: KDF, now: T });
    await vault.verifyPin(FULL_WIDTH, T);
    await vault.changePin(FULL_WIDTH, '５０２８１７', { kdf: KDF, nowMs: T });
    expect((await unlockVault('502817', T)).locked).toBe(false);
  });

  it('still refuses a different PIN', async () => {
    await createVault(NFKC, { kdf: KDF, now: T });
    const e = await unlockVault('２８４７１８', T).catch((err: unknown) => err);
    expect(isKeyslotError(e, 'PIN_WRONG')).toBe(true);
  });
});
