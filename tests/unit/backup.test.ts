// Encrypted backups (src/platform/backup.ts) and restoring them into the vault: the round trip,
// a wrong password, edited and damaged files (nothing changes), the one-transaction restore,
// the PIN check before secrets are shown, and opening a backup by hand as docs/backup.md says.
import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isKeyslotError, type ErrorCode } from '../../src/core/errors';
import type { SlotDraft } from '../../src/core/slot';
import { ARGON2_FLOOR, PBKDF2_FLOOR } from '../../src/core/vault';
import { planRestore, resolveRestore, type StoredBackupV1 } from '../../src/core/backup';
import { argon2idRaw } from '../../src/platform/argon2';
import { makeBackup, readBackup, slotsFingerprint } from '../../src/platform/backup';
import * as storage from '../../src/platform/storage';
import { createVault, unlockVault } from '../../src/platform/vault';
import { codeBlockAfter, readDoc } from './fixtures/docs';
import { useFreshIndexedDb } from './fixtures/fresh-db';
import { draft as baseDraft, textBytes } from './fixtures/slots';

/** A PassLogic draft for `account` with a secret of its own. */
const draft = (account: string, secret: string, over: Partial<SlotDraft> = {}) =>
  baseDraft({ account, secret: textBytes(secret), ...over });

useFreshIndexedDb();

const PIN = '731946';
const PASSWORD = 'correct horse battery';
const KDF = ARGON2_FLOOR;
const NOW = 1_700_000_000_000;

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'none'> {
  try {
    await p;
    return 'none';
  } catch (e) {
    if (isKeyslotError(e)) return e.code;
    throw e;
  }
}

async function vaultWithSlots() {
  const vault = await createVault(PIN, { kdf: KDF, now: NOW });
  await vault.addSlot(draft('alice', 'aaaaaaaaaaaaaaaaaaaa'), 'KEK VPN', NOW + 1);
  await vault.addSlot(draft('bob', 'bbbbbbbbbbbbbbbbbbbb', { kind: 'hotp', counter: 9, digits: 8 }), '', NOW + 2);
  return vault;
}

describe('makeBackup and readBackup', () => {
  it('round-trips every slot (without ids) under the backup password', async () => {
    const vault = await vaultWithSlots();
    const slots = await vault.listSlots();
    const text = await makeBackup(slots, PASSWORD, { kdf: KDF, nowMs: NOW });
    // Without the id and the list's own state (order, last use, trash); favourite, groups, note
    // and icon travel with the slot (backup version 2).
    expect(await readBackup(text, PASSWORD)).toEqual(
      slots.map(({ id: _id, position: _p, lastUsedAt: _l, deletedAt: _d, ...rest }) => rest),
    );
  });

  it('writes no secret, name or id in the clear', async () => {
    const vault = await vaultWithSlots();
    const slots = await vault.listSlots();
    const text = await makeBackup(slots, PASSWORD, { kdf: KDF, nowMs: NOW });
    for (const needle of ['alice', 'KEK VPN', 'PassLogic', 'YWFhYWFh', 'aaaaaaaaaa', slots[0]!.id, PASSWORD]) {
      expect(text).not.toContain(needle);
    }
  });

  it('uses a fresh salt and IV for every backup', async () => {
    const slots = await (await vaultWithSlots()).listSlots();
    const a = JSON.parse(await makeBackup(slots, PASSWORD, { kdf: KDF })) as StoredBackupV1;
    const b = JSON.parse(await makeBackup(slots, PASSWORD, { kdf: KDF })) as StoredBackupV1;
    expect(a.salt).not.toBe(b.salt);
    expect(a.iv).not.toBe(b.iv);
  });

  it('works with PBKDF2 (where WebAssembly is blocked)', async () => {
    const slots = await (await vaultWithSlots()).listSlots();
    const text = await makeBackup(slots, PASSWORD, { kdf: PBKDF2_FLOOR });
    expect(await readBackup(text, PASSWORD)).toHaveLength(2);
  });

  it('refuses a wrong password, and an edited header field, IV or ciphertext, as BACKUP_PASSWORD_WRONG', async () => {
    const slots = await (await vaultWithSlots()).listSlots();
    const text = await makeBackup(slots, PASSWORD, { kdf: KDF, nowMs: NOW });
    expect(await codeOf(readBackup(text, 'correct horse battery!'))).toBe('BACKUP_PASSWORD_WRONG');
    expect(await codeOf(readBackup(text, ''))).toBe('BACKUP_PASSWORD_WRONG');
    const o = JSON.parse(text) as StoredBackupV1;
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[3]! ^= 1;
      return bytes.toString('base64');
    };
    const edits: StoredBackupV1[] = [
      { ...o, createdAt: o.createdAt + 1 },
      { ...o, kdf: { ...ARGON2_FLOOR, iterations: 3 } },
      { ...o, salt: flip(o.salt) },
      { ...o, iv: flip(o.iv) },
      { ...o, ct: flip(o.ct) },
    ];
    for (const e of edits) expect(await codeOf(readBackup(JSON.stringify(e), PASSWORD))).toBe('BACKUP_PASSWORD_WRONG');
  });

  it('refuses damaged and foreign files before any KDF runs', async () => {
    const slots = await (await vaultWithSlots()).listSlots();
    const text = await makeBackup(slots, PASSWORD, { kdf: KDF, nowMs: NOW });
    expect(await codeOf(readBackup(text.slice(0, text.length / 2), PASSWORD))).toBe('BACKUP_DAMAGED');
    expect(await codeOf(readBackup('{"header":{"format":"keyslot-vault"}}', PASSWORD))).toBe('BACKUP_NOT_BACKUP');
  });
});

describe('restoring into the vault', () => {
  it('wipe, new PIN, restore: every slot is back, with fresh ids', async () => {
    const before = await (await vaultWithSlots()).listSlots();
    const text = await makeBackup(before, PASSWORD, { kdf: KDF });
    await storage.eraseVault();
    const fresh = await createVault('602581', { kdf: KDF });
    const incoming = await readBackup(text, PASSWORD);
    const { add, remove } = resolveRestore(planRestore(incoming, await fresh.listSlots()), []);
    await fresh.restoreSlots(add, remove);
    const after = await (await unlockVault('602581')).listSlots();
    expect(after.map(({ id: _id, ...rest }) => rest)).toEqual(before.map(({ id: _id, ...rest }) => rest));
    expect(after.map((s) => s.id)).not.toEqual(before.map((s) => s.id));
  });

  it('replaces a slot the person chose to replace, in the same transaction', async () => {
    const vault = await vaultWithSlots();
    const [alice] = await vault.listSlots();
    const newAlice = {
      ...draft('alice', 'cccccccccccccccccccc'),
      name: '',
      createdAt: NOW + 5,
      favourite: false,
      groups: [],
      note: '',
      icon: null,
    };
    const plan = planRestore([newAlice], await vault.listSlots());
    expect(plan.conflicts).toHaveLength(1);
    const { add, remove } = resolveRestore(plan, ['replace']);
    await vault.restoreSlots(add, remove);
    const after = await vault.listSlots();
    expect(after.map((s) => s.account).sort()).toEqual(['alice', 'bob']);
    expect(after.find((s) => s.id === alice!.id)).toBeUndefined();
  });

  it('writes nothing when the transaction fails: the vault is exactly as before', async () => {
    const vault = await vaultWithSlots();
    const before = JSON.stringify(await storage.readRecords());
    const [existing] = await vault.listSlots();
    // A taken id makes the add fail inside the transaction; the deletion queued with it must not happen.
    const taken = { id: existing!.id, v: 1 as const, iv: 'AAAAAAAAAAAAAAAA', ct: 'AAAAAAAAAAAAAAAAAAAAAAAA' };
    expect(await codeOf(storage.restoreRecords([taken], [existing!.id]))).toBe('SLOT_DUPLICATE');
    expect(JSON.stringify(await storage.readRecords())).toBe(before);
  });

  it('refuses to restore into a locked vault', async () => {
    const vault = await vaultWithSlots();
    vault.lock();
    expect(await codeOf(vault.restoreSlots([], []))).toBe('VAULT_LOCKED');
  });
});

describe('verifyPin, before secrets are shown', () => {
  it('accepts the right PIN and resets the attempt count', async () => {
    const vault = await vaultWithSlots();
    expect(await codeOf(vault.verifyPin('000001'))).toBe('PIN_WRONG');
    expect(await codeOf(vault.verifyPin(PIN))).toBe('none');
    expect((await storage.readGuard()) as { failures: number }).toMatchObject({ failures: 0 });
  });

  it('counts a wrong PIN as a failed attempt', async () => {
    const vault = await vaultWithSlots();
    expect(await codeOf(vault.verifyPin('000001'))).toBe('PIN_WRONG');
    expect((await storage.readGuard()) as { failures: number }).toMatchObject({ failures: 1 });
  });
});

describe('the backup note', () => {
  it('is forgotten when a new vault is made or the vault is erased', async () => {
    await createVault(PIN, { kdf: KDF });
    await storage.writeBackupNote({ v: 1, at: 1, place: 'download', fileName: 'x.keyslot', fingerprint: 'f' }, null);
    expect(await storage.readBackupNote()).toBeDefined();
    await storage.eraseVault();
    expect(await storage.readBackupNote()).toBeUndefined();
    await storage.writeBackupNote(
      { v: 1, at: 1, place: 'download', fileName: 'x.keyslot', fingerprint: 'f' },
      { kind: 'file' },
    );
    await createVault(PIN, { kdf: KDF });
    expect(await storage.readBackupNote()).toBeUndefined();
    expect(await storage.readBackupFile()).toBeUndefined();
  });

  it('fingerprints the ids only: a rename keeps it, an added slot changes it', async () => {
    const vault = await vaultWithSlots();
    const slots = await vault.listSlots();
    const fp = await slotsFingerprint(slots);
    expect(await slotsFingerprint([...slots].reverse().map((s) => ({ ...s, name: 'renamed' })))).toBe(fp);
    const added = await vault.addSlot(draft('carol', 'dddddddddddddddddddd'));
    expect(await slotsFingerprint([...slots, added])).not.toBe(fp);
  });
});

describe('decrypting a backup by hand, as docs/backup.md describes', () => {
  it('opens with Argon2id, the JSON AAD and Node AES-256-GCM', async () => {
    const slots = await (await vaultWithSlots()).listSlots();
    const o = JSON.parse(await makeBackup(slots, PASSWORD, { kdf: KDF, nowMs: NOW })) as StoredBackupV1;
    if (o.kdf.name !== 'argon2id') throw new Error('expected argon2id');
    const b = (s: string) => Buffer.from(s, 'base64');
    const key = Buffer.from(await argon2idRaw(Buffer.from(PASSWORD.normalize('NFC')), b(o.salt), o.kdf));
    const aad = JSON.stringify([
      o.format,
      o.version,
      o.createdAt,
      o.kdf.name,
      o.kdf.memoryKiB,
      o.kdf.iterations,
      o.kdf.parallelism,
      o.salt,
    ]);
    const blob = b(o.ct);
    const d = createDecipheriv('aes-256-gcm', key, b(o.iv));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(blob.subarray(-16));
    const json = JSON.parse(Buffer.concat([d.update(blob.subarray(0, -16)), d.final()]).toString('utf8'));
    expect(
      json.slots.map((s: { account: string; secret: string }) => [
        s.account,
        Buffer.from(s.secret, 'base64').toString(),
      ]),
    ).toEqual([
      ['alice', 'aaaaaaaaaaaaaaaaaaaa'],
      ['bob', 'bbbbbbbbbbbbbbbbbbbb'],
    ]);
  });
});

describe('format fixture', () => {
  // A backup written by this build (password "correct horse battery", KDF at the floor), also
  // printed in docs/backup.md ("The file"). If this stops opening, people's backups would too.
  const FIXTURE = `{
  "format": "keyslot-backup",
  "version": 1,
  "createdAt": 1700000000000,
  "kdf": {
    "name": "argon2id",
    "memoryKiB": 19456,
    "iterations": 2,
    "parallelism": 1
  },
  "salt": "GDF16EOcDXBvziqukct0Vw==",
  "iv": "8sBqR81NSXxOFWrc",
  "ct": "fSBFkkSXrg3BfD2n5/HnWKa73Lz74X1UGL40T5aezDs3FxtPw5VZwAuQjdtvcOrDyN/si7/WnUfdv7cxR5bahnq4rYoyYJ26b2/9UFw70UEjy3iV/lIgdmbRZHPifUTKdMtBhg97IqdkTVsjgZYP0ffTm8kO/2OC9ZaMukIvZZSIiqtUa/eRne5irQikcrD868HXNMmwyb6bY2j37pbJ9lYYBySsTO6Hw1o7976iq108LeCC+oneDADDlBlXspTJIaaGiX4IVNKoM5EtcMRe7glGqkdkgsE3Doar"
}`;

  it('is the example file printed in docs/backup.md, character for character', () => {
    expect(codeBlockAfter(readDoc('backup'), '## The file (`.keyslot`, version 2)', 'json')).toBe(`${FIXTURE}\n`);
  });

  it('opens with its password and holds the RFC 6238 test slot', async () => {
    const [s, ...rest] = await readBackup(FIXTURE, 'correct horse battery');
    expect(rest).toEqual([]);
    expect({ ...s, secret: Buffer.from(s!.secret).toString() }).toEqual({
      kind: 'totp',
      issuer: 'PassLogic',
      account: 'alice',
      name: 'KEK VPN',
      secret: '12345678901234567890',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      createdAt: 1700000000001,
      // A version 1 file: the version 2 fields read with their defaults.
      favourite: false,
      groups: [],
      note: '',
      icon: null,
    });
  });

  it('does not open with another password', async () => {
    expect(await codeOf(readBackup(FIXTURE, 'correct horse battery.'))).toBe('BACKUP_PASSWORD_WRONG');
  });
});

describe('saving a backup (src/platform/backup-file.ts)', () => {
  it('forgets a kept file that can no longer be written, keeps the last note, and says BACKUP_SAVE_FAILED', async () => {
    const { saveBackup } = await import('../../src/platform/backup-file');
    await createVault(PIN, { kdf: KDF });
    const note = { v: 1, at: 1, place: 'file', fileName: 'old.keyslot', fingerprint: 'f' };
    await storage.writeBackupNote(note, { kind: 'file', name: 'old.keyslot' });
    const gone = {
      kind: 'file' as const,
      name: 'old.keyslot',
      createWritable: () => Promise.reject(new DOMException('gone', 'NotFoundError')),
    };
    expect(await codeOf(saveBackup({ place: 'file', handle: gone }, '{}', { at: 2, fingerprint: 'g' }))).toBe(
      'BACKUP_SAVE_FAILED',
    );
    expect(await storage.readBackupFile()).toBeUndefined();
    expect(await storage.readBackupNote()).toEqual(note);
  });

  it('writes to a kept file and notes when, where and what', async () => {
    const { saveBackup, lastBackup } = await import('../../src/platform/backup-file');
    await createVault(PIN, { kdf: KDF });
    const written: string[] = [];
    const handle = {
      kind: 'file' as const,
      name: 'mine.keyslot',
      createWritable: async () => ({
        write: async (b: Blob) => void written.push(await b.text()),
        close: async () => undefined,
      }),
    };
    await saveBackup({ place: 'file', handle }, 'BACKUP TEXT', { at: 5, fingerprint: 'abc=' });
    expect(written).toEqual(['BACKUP TEXT']);
    expect(await lastBackup()).toEqual({ v: 1, at: 5, place: 'file', fileName: 'mine.keyslot', fingerprint: 'abc=' });
  });
});
