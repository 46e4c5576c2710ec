// The backup file format (src/core/backup/): strict parsing before any KDF runs,
// the AAD, the plaintext, the password rules, the restore plan and the plain export.
import { describe, expect, it } from 'vitest';
import { isKeyslotError, type ErrorCode } from '../../src/core/errors';
import { SLOT_META_DEFAULTS, type Slot } from '../../src/core/slot';
import { base64Encode, utf8Decode, utf8Encode } from '../../src/core/bytes';
import { parseOtpauthUri } from '../../src/core/otpauth-uri';
import { ARGON2_FLOOR, PBKDF2_FLOOR } from '../../src/core/vault';
import {
  BACKUP_MAX_CHARS,
  BACKUP_SLOTS_MAX,
  backupAad,
  backupFileName,
  decodeBackupPlaintext,
  encodeBackupPlaintext,
  fingerprintInput,
  parseBackupFile,
  planRestore,
  plainExport,
  readBackupNote,
  resolveRestore,
  serializeBackupFile,
  validateBackupPassword,
  type BackupEnvelope,
  type BackupSlot,
} from '../../src/core/backup';

function codeOf(fn: () => unknown): ErrorCode | 'none' {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (isKeyslotError(e)) return e.code;
    throw e;
  }
}

const SECRET = Uint8Array.from(Buffer.from('12345678901234567890'));

function slot(over: Partial<Slot> = {}): Slot {
  return {
    id: '0123456789abcdef0123456789abcdef',
    kind: 'totp',
    issuer: 'PassLogic',
    account: 'alice',
    name: 'KEK VPN',
    secret: SECRET,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    createdAt: 1_700_000_000_000,
    ...SLOT_META_DEFAULTS,
    ...over,
  };
}

function backupSlot(over: Partial<BackupSlot> = {}): BackupSlot {
  const { id: _id, position: _p, lastUsedAt: _l, deletedAt: _d, ...rest } = slot(over);
  return rest;
}

const ENVELOPE: BackupEnvelope = {
  format: 'keyslot-backup',
  version: 2,
  createdAt: 1_700_000_000_000,
  kdf: ARGON2_FLOOR,
  salt: new Uint8Array(16).fill(7),
  iv: new Uint8Array(12).fill(9),
  ct: new Uint8Array(64).fill(1),
};
const FILE = serializeBackupFile(ENVELOPE);
const stored = () => JSON.parse(FILE) as Record<string, unknown>;
const edit = (f: (o: Record<string, unknown>) => void) => {
  const o = stored();
  f(o);
  return JSON.stringify(o);
};

describe('parseBackupFile: the happy path', () => {
  it('reads back what serializeBackupFile wrote, field for field', () => {
    expect(parseBackupFile(FILE)).toEqual(ENVELOPE);
  });

  it('writes indented JSON with the documented fields in order and a final newline', () => {
    expect(Object.keys(stored())).toEqual(['format', 'version', 'createdAt', 'kdf', 'salt', 'iv', 'ct']);
    expect(FILE.endsWith('}\n')).toBe(true);
    expect(FILE).toContain('\n  "format": "keyslot-backup",');
  });

  it('accepts PBKDF2 at its floor (a backup made where WebAssembly is blocked)', () => {
    expect(parseBackupFile(serializeBackupFile({ ...ENVELOPE, kdf: PBKDF2_FLOOR })).kdf).toEqual(PBKDF2_FLOOR);
  });
});

describe('parseBackupFile: hostile and damaged files', () => {
  it('says "not a backup" for other files: text, other JSON, a Keyslot vault dump', () => {
    for (const text of ['', 'hello', '[1,2]', 'null', '{"format":"keyslot-vault","version":1}', '\u0089PNG\r\n']) {
      expect(codeOf(() => parseBackupFile(text))).toBe('BACKUP_NOT_BACKUP');
    }
  });

  it('says "damaged" for a backup cut short at any point after its format field', () => {
    const at = FILE.indexOf('"keyslot-backup"') + '"keyslot-backup"'.length;
    for (let n = at; n < FILE.length - 2; n += 7) {
      expect(codeOf(() => parseBackupFile(FILE.slice(0, n)))).toBe('BACKUP_DAMAGED');
    }
  });

  it('says "damaged" for a missing, extra or mistyped field', () => {
    const cases = [
      edit((o) => delete o['iv']),
      edit((o) => (o['extra'] = 1)),
      edit((o) => (o['version'] = '1')),
      edit((o) => (o['version'] = 0)),
      edit((o) => (o['createdAt'] = -1)),
      edit((o) => (o['createdAt'] = 1.5)),
      edit((o) => (o['salt'] = base64Encode(new Uint8Array(15)))),
      edit((o) => (o['salt'] = 'not base64!')),
      edit((o) => (o['iv'] = base64Encode(new Uint8Array(16)))),
      edit((o) => (o['ct'] = base64Encode(new Uint8Array(16)))),
      edit((o) => (o['ct'] = 42)),
      edit((o) => (o['kdf'] = { name: 'scrypt', n: 1 })),
      edit((o) => (o['kdf'] = { ...ARGON2_FLOOR, extra: 1 })),
    ];
    for (const text of cases) expect(codeOf(() => parseBackupFile(text))).toBe('BACKUP_DAMAGED');
  });

  it('refuses KDF parameters below the floors or above the caps before any derivation', () => {
    const weak = edit((o) => (o['kdf'] = { ...ARGON2_FLOOR, memoryKiB: 1024 }));
    const huge = edit((o) => (o['kdf'] = { ...ARGON2_FLOOR, memoryKiB: 64 * 1024 * 1024 }));
    const slowPbkdf2 = edit((o) => (o['kdf'] = { name: 'pbkdf2-sha256', iterations: 1e9 }));
    for (const text of [weak, huge, slowPbkdf2]) expect(codeOf(() => parseBackupFile(text))).toBe('BACKUP_DAMAGED');
  });

  it('says "newer version" for a version it does not know yet', () => {
    expect(codeOf(() => parseBackupFile(edit((o) => (o['version'] = 3))))).toBe('BACKUP_VERSION');
    expect(parseBackupFile(edit((o) => (o['version'] = 1)))).toMatchObject({ version: 1 });
  });

  it('refuses a file above the size cap without parsing it', () => {
    expect(codeOf(() => parseBackupFile(' '.repeat(BACKUP_MAX_CHARS + 1)))).toBe('BACKUP_TOO_LARGE');
  });

  it('accepts no prototype tricks: __proto__ keys count as extra fields', () => {
    const text = FILE.replace('"format"', '"__proto__": {"x": 1}, "format"');
    expect(codeOf(() => parseBackupFile(text))).toBe('BACKUP_DAMAGED');
  });
});

describe('backupAad', () => {
  it('is the compact JSON array documented in docs/backup.md, for both KDFs', () => {
    const salt = new Uint8Array(16).fill(7);
    expect(utf8Decode(backupAad(1700000000000, ARGON2_FLOOR, salt))).toBe(
      `["keyslot-backup",2,1700000000000,"argon2id",19456,2,1,"${base64Encode(salt)}"]`,
    );
    expect(utf8Decode(backupAad(5, PBKDF2_FLOOR, salt))).toBe(
      `["keyslot-backup",2,5,"pbkdf2-sha256",600000,"${base64Encode(salt)}"]`,
    );
    // A version 1 file is opened with the version it was written under.
    expect(utf8Decode(backupAad(5, PBKDF2_FLOOR, salt, 1))).toBe(
      `["keyslot-backup",1,5,"pbkdf2-sha256",600000,"${base64Encode(salt)}"]`,
    );
  });

  it('changes with every header field, so editing any of them fails authentication', () => {
    const salt = new Uint8Array(16).fill(7);
    const base = utf8Decode(backupAad(1, ARGON2_FLOOR, salt));
    const variants = [
      backupAad(2, ARGON2_FLOOR, salt),
      backupAad(1, { ...ARGON2_FLOOR, memoryKiB: 19457 }, salt),
      backupAad(1, { ...ARGON2_FLOOR, iterations: 3 }, salt),
      backupAad(1, { ...ARGON2_FLOOR, parallelism: 2 }, salt),
      backupAad(1, ARGON2_FLOOR, new Uint8Array(16).fill(8)),
      backupAad(1, ARGON2_FLOOR, salt, 1),
    ].map((b) => utf8Decode(b));
    for (const v of variants) expect(v).not.toBe(base);
  });
});

describe('the backup plaintext', () => {
  it('round-trips every field of TOTP and HOTP slots, without ids', () => {
    const slots = [
      backupSlot(),
      backupSlot({ kind: 'hotp', counter: 42, issuer: '', name: '', algorithm: 'SHA512', digits: 8 }),
    ];
    const bytes = encodeBackupPlaintext(slots);
    expect(utf8Decode(bytes)).not.toContain('"id"');
    expect(decodeBackupPlaintext(bytes)).toEqual(slots);
  });

  it('round-trips an empty backup and names in any script', () => {
    expect(decodeBackupPlaintext(encodeBackupPlaintext([]))).toEqual([]);
    const s = [backupSlot({ issuer: '鍵スロット', account: 'ユーザー@example.jp', name: 'Ä 🔑' })];
    expect(decodeBackupPlaintext(encodeBackupPlaintext(s))).toEqual(s);
  });

  it('refuses to write a slot it could not read back', () => {
    expect(codeOf(() => encodeBackupPlaintext([backupSlot({ digits: 9 })]))).toBe('BACKUP_DAMAGED');
    expect(codeOf(() => encodeBackupPlaintext([backupSlot({ secret: new Uint8Array(4) })]))).toBe('BACKUP_DAMAGED');
  });

  it('says "damaged" for any authenticated plaintext out of shape', () => {
    const good = JSON.parse(utf8Decode(encodeBackupPlaintext([backupSlot()]))!) as { slots: Record<string, unknown>[] };
    const withSlot = (f: (s: Record<string, unknown>) => void) => {
      const copy = structuredClone(good);
      f(copy.slots[0]!);
      return utf8Encode(JSON.stringify(copy));
    };
    const cases = [
      Uint8Array.of(0xff, 0xfe),
      utf8Encode('not json'),
      utf8Encode('[]'),
      utf8Encode('{"slots":{}}'),
      utf8Encode('{"slots":[],"more":1}'),
      withSlot((s) => delete s['kind']),
      withSlot((s) => (s['id'] = 'x')),
      withSlot((s) => (s['kind'] = 'steam')), // Steam with 6 digits
      withSlot((s) => (s['favourite'] = 'yes')),
      withSlot((s) => (s['groups'] = [' Work'])),
      withSlot((s) => (s['groups'] = ['Work', 'work'])),
      withSlot((s) => (s['note'] = 7)),
      withSlot((s) => (s['icon'] = { mime: 'image/svg+xml', bytes: 'PHN2Zy8+', source: 'custom' })),
      withSlot((s) => delete s['note']),
      withSlot((s) => (s['issuer'] = 'x'.repeat(257))),
      withSlot((s) => ((s['issuer'] = ''), (s['account'] = ''))),
      withSlot((s) => (s['secret'] = 'AAAA')),
      withSlot((s) => (s['secret'] = 'not base64')),
      withSlot((s) => (s['algorithm'] = 'MD5')),
      withSlot((s) => (s['digits'] = 5)),
      withSlot((s) => (s['period'] = 0)),
      withSlot((s) => (s['counter'] = -1)),
      withSlot((s) => (s['createdAt'] = '2020')),
    ];
    for (const bytes of cases) expect(codeOf(() => decodeBackupPlaintext(bytes))).toBe('BACKUP_DAMAGED');
  });

  it('carries favourite, groups, note, icon and Steam slots (version 2)', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const slots = [
      backupSlot({
        favourite: true,
        groups: ['Work', 'VPN'],
        note: 'Ask IT.\nRoom 3',
        icon: { mime: 'image/png', bytes: png, source: 'custom' },
      }),
      backupSlot({ kind: 'steam', issuer: 'Steam', digits: 5 }),
    ];
    expect(decodeBackupPlaintext(encodeBackupPlaintext(slots))).toEqual(slots);
  });

  it('reads a version 1 plaintext with the defaults, and refuses version 2 fields or Steam in it', () => {
    const v1 = { slots: [JSON.parse(utf8Decode(encodeBackupPlaintext([backupSlot()]))!).slots[0]] } as {
      slots: Record<string, unknown>[];
    };
    const { favourite: _f, groups: _g, note: _n, icon: _i, ...bare } = v1.slots[0]!;
    const read = decodeBackupPlaintext(utf8Encode(JSON.stringify({ slots: [bare] })), 1);
    expect(read).toEqual([backupSlot()]);
    expect(codeOf(() => decodeBackupPlaintext(utf8Encode(JSON.stringify(v1)), 1))).toBe('BACKUP_DAMAGED');
    const steam = { ...bare, kind: 'steam', digits: 5 };
    expect(codeOf(() => decodeBackupPlaintext(utf8Encode(JSON.stringify({ slots: [steam] })), 1))).toBe(
      'BACKUP_DAMAGED',
    );
  });

  it('refuses more slots than the cap, on writing and on reading', () => {
    const many = Array.from({ length: BACKUP_SLOTS_MAX + 1 }, () => backupSlot());
    expect(codeOf(() => encodeBackupPlaintext(many))).toBe('BACKUP_TOO_LARGE');
    const text = `{"slots":[${Array.from({ length: BACKUP_SLOTS_MAX + 1 }, () => '0').join(',')}]}`;
    expect(codeOf(() => decodeBackupPlaintext(utf8Encode(text)))).toBe('BACKUP_DAMAGED');
  });
});

describe('validateBackupPassword', () => {
  it('accepts a passphrase of 8 characters or more with a matching confirmation', () => {
    expect(codeOf(() => validateBackupPassword('correct horse', 'correct horse'))).toBe('none');
    expect(codeOf(() => validateBackupPassword('12345678'))).toBe('none');
    // Composed and decomposed forms are the same password (the KDF sees NFC).
    expect(codeOf(() => validateBackupPassword('café au lait', 'cafe\u0301 au lait'))).toBe('none');
  });

  it('refuses short, overlong and mismatched passwords without echoing them', () => {
    expect(codeOf(() => validateBackupPassword('short'))).toBe('BACKUP_PASSWORD_TOO_SHORT');
    expect(codeOf(() => validateBackupPassword('🔑🔑🔑🔑🔑🔑🔑'))).toBe('BACKUP_PASSWORD_TOO_SHORT');
    expect(codeOf(() => validateBackupPassword('x'.repeat(1025)))).toBe('BACKUP_PASSWORD_TOO_LONG');
    expect(codeOf(() => validateBackupPassword('correct horse', 'correct horsE'))).toBe('BACKUP_PASSWORD_MISMATCH');
    try {
      validateBackupPassword('secretpw1', 'secretpw2');
    } catch (e) {
      expect(JSON.stringify({ ...(e as object) }) + String(e)).not.toContain('secretpw');
    }
  });
});

describe('planRestore and resolveRestore', () => {
  const here = [
    slot({ id: 'a'.repeat(32) }),
    slot({
      id: 'b'.repeat(32),
      issuer: 'Acme',
      account: 'bob',
      secret: Uint8Array.from(Buffer.from('abcdefghijabcdefghij')),
    }),
  ];

  it('skips slots already here, adds new ones and asks about same-name slots with another key', () => {
    const incoming = [
      backupSlot({ name: 'renamed but same key' }), // duplicate of a
      backupSlot({ issuer: 'New', account: 'carol', secret: Uint8Array.from(Buffer.from('zyxwvutsrqzyxwvutsrq')) }),
      backupSlot({ issuer: 'ACME ', account: 'Bob', secret: Uint8Array.from(Buffer.from('0000011111000001111100')) }), // conflicts with b
    ];
    const plan = planRestore(incoming, here);
    expect(plan.duplicates).toBe(1);
    expect(plan.add.map((s) => s.account)).toEqual(['carol']);
    expect(plan.conflicts.map((c) => c.existing.id)).toEqual(['b'.repeat(32)]);

    expect(resolveRestore(plan, ['keep']).add.map((s) => s.account)).toEqual(['carol']);
    expect(resolveRestore(plan, ['keep']).remove).toEqual([]);
    expect(resolveRestore(plan, ['replace'])).toEqual({ add: [plan.add[0], incoming[2]], remove: ['b'.repeat(32)] });
    expect(resolveRestore(plan, ['both'])).toEqual({ add: [plan.add[0], incoming[2]], remove: [] });
    expect(resolveRestore(plan, [])).toEqual(resolveRestore(plan, ['keep']));
  });

  it('adds a slot that appears twice in the backup only once', () => {
    const s = backupSlot({ issuer: 'Twice', secret: Uint8Array.from(Buffer.from('twicetwicetwicetwice')) });
    const plan = planRestore([s, { ...s, name: 'copy' }], []);
    expect(plan.add).toHaveLength(1);
    expect(plan.duplicates).toBe(1);
  });

  it('restores everything into an empty vault', () => {
    const incoming = [backupSlot(), backupSlot({ kind: 'hotp', counter: 3 })];
    expect(planRestore(incoming, [])).toEqual({ add: incoming, duplicates: 0, conflicts: [] });
  });
});

describe('plainExport', () => {
  it('writes one otpauth URI per line that our own parser reads back to the same slot', () => {
    const slots = [
      slot(),
      slot({ kind: 'hotp', counter: 7, issuer: '', account: 'a:b#c d', algorithm: 'SHA256', digits: 8 }),
      slot({ issuer: 'Air Canada & Co', account: 'ユーザー@example.jp', period: 60 }),
    ];
    const lines = plainExport(slots).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) => {
      const {
        id: _id,
        name: _name,
        createdAt: _c,
        favourite: _f,
        position: _p,
        lastUsedAt: _l,
        deletedAt: _d,
        groups: _g,
        note: _n,
        icon: _i,
        ...draft
      } = slots[i]!;
      expect(parseOtpauthUri(line)).toEqual(draft);
    });
  });

  it('is empty for no slots', () => {
    expect(plainExport([])).toBe('');
  });
});

describe('the note about the last backup', () => {
  const note = { v: 1, at: 5, place: 'file', fileName: 'keyslot.keyslot', fingerprint: 'abc=' };

  it('reads a well-formed note', () => {
    expect(readBackupNote(note)).toEqual(note);
    expect(readBackupNote({ ...note, place: 'download' })?.place).toBe('download');
  });

  it('reads anything else as "no backup yet"', () => {
    for (const bad of [
      undefined,
      null,
      'x',
      { ...note, v: 2 },
      { ...note, place: 'cloud' },
      { ...note, extra: 1 },
      { ...note, at: -1 },
    ]) {
      expect(readBackupNote(bad)).toBeNull();
    }
  });

  it('fingerprints the sorted ids, whatever their order', () => {
    expect(utf8Decode(fingerprintInput(['b', 'a']))).toBe('a\nb');
    expect(fingerprintInput(['a', 'b'])).toEqual(fingerprintInput(['b', 'a']));
  });

  it('names a new backup file after its UTC date', () => {
    expect(backupFileName(Date.UTC(2026, 10, 28, 23, 59))).toBe('keyslot-backup-2026-11-28.keyslot');
  });
});
