// Hostile files (issue 14): a crafted Aegis file listed ~21,800 password slots, each a 256 MiB
// scrypt, and Cancel did not stop it. Now every import runs on a budget (core/importers/common.ts:
// at most IMPORT_KDF_RUNS_MAX derivations and IMPORT_KDF_WORK_MAX work, refused up front when the
// file says so), Cancel stops before the next derivation, and the platform terminates a running
// derivation's worker at once (kdf.ts inWorker).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importFile, IMPORT_KDF_RUNS_MAX, type ImportCrypto } from '../../src/core/importers';
import { budgeted, kdfCost, IMPORT_KDF_WORK_MAX } from '../../src/core/importers/common';
import { isKeyslotError } from '../../src/core/errors';
import { importKdf } from '../../src/platform/kdf';
import { readBackup } from '../../src/platform/backup';
import { serializeBackupFile } from '../../src/core/backup';
import { ARGON2_CAP } from '../../src/core/vault';
import { runBackupParse, type BackupParseRequest } from '../../src/core/backup/parse';
import * as make from './fixtures/importers/make';

/** Crypto that counts derivations and never opens anything (every password is wrong). */
function counting() {
  const calls: string[] = [];
  const crypto: ImportCrypto = {
    pbkdf2: async (_h, _p, _s, _i, length) => (calls.push('pbkdf2'), new Uint8Array(length)),
    scrypt: async (_p, _s, _params, length) => (calls.push('scrypt'), new Uint8Array(length)),
    argon2id: async (_p, _s, _params, length) => (calls.push('argon2id'), new Uint8Array(length)),
    aesGcmDecrypt: async () => Promise.reject(new Error('tag mismatch')),
    aesCbcDecrypt: async () => Promise.reject(new Error('bad padding')),
    sha256: async () => new Uint8Array(32),
  };
  return { crypto, calls };
}

async function codeOfAsync(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'none';
  } catch (e) {
    if (isKeyslotError(e)) return e.code;
    throw e;
  }
}

/** An Aegis file whose header lists `count` password slots with the given scrypt parameters. */
function aegisWithSlots(count: number, params = { n: 1024, r: 8, p: 1 }): Uint8Array {
  const file = JSON.parse(new TextDecoder().decode(make.aegisEncrypted(make.ACCOUNTS, 'right password'))) as {
    header: { slots: Record<string, unknown>[] };
  };
  const password = file.header.slots.find((s) => s['type'] === 1)!;
  file.header.slots = Array.from({ length: count }, () => ({ ...password, ...params }));
  return new TextEncoder().encode(JSON.stringify(file));
}

describe('the work one import file may cost', () => {
  it('refuses an Aegis file with thousands of password slots before running a single derivation', async () => {
    const { crypto, calls } = counting();
    const code = await codeOfAsync(importFile('aegis.json', aegisWithSlots(21_800), { password: 'guess', crypto }));
    expect(code).toBe('IMPORT_TOO_COSTLY');
    expect(calls).toEqual([]);
  });

  it('refuses an Aegis file whose few slots together cost more than the budget', async () => {
    const { crypto, calls } = counting();
    const maxed = { n: 2 ** 18, r: 8, p: 2 }; // 256 MiB each, N·r·p = 2^22: the per-call caps
    expect(3 * kdfCost({ kdf: 'scrypt', N: maxed.n, r: maxed.r, p: maxed.p })).toBeGreaterThan(IMPORT_KDF_WORK_MAX);
    expect(await codeOfAsync(importFile('aegis.json', aegisWithSlots(3, maxed), { password: 'guess', crypto }))).toBe(
      'IMPORT_TOO_COSTLY',
    );
    expect(calls).toEqual([]);
  });

  it('still tries every slot of an ordinary file (a few password slots, Aegis’s own cost) and says the password is wrong', async () => {
    const { crypto, calls } = counting();
    const code = await codeOfAsync(
      importFile('aegis.json', aegisWithSlots(3, { n: 2 ** 15, r: 8, p: 1 }), { password: 'guess', crypto }),
    );
    expect(code).toBe('IMPORT_PASSWORD_WRONG');
    expect(calls).toEqual(['scrypt', 'scrypt', 'scrypt']);
  });

  it('counts every derivation of any importer and refuses the one past the limit', async () => {
    const { crypto, calls } = counting();
    const limited = budgeted(crypto);
    for (let i = 0; i < IMPORT_KDF_RUNS_MAX; i++)
      await limited.pbkdf2('SHA-1', new Uint8Array(1), new Uint8Array(8), 1000, 32);
    expect(await codeOfAsync(limited.pbkdf2('SHA-1', new Uint8Array(1), new Uint8Array(8), 1000, 32))).toBe(
      'IMPORT_TOO_COSTLY',
    );
    expect(calls).toHaveLength(IMPORT_KDF_RUNS_MAX);
  });

  it('reports each derivation as it starts, for the progress line', async () => {
    const seen: [number, number][] = [];
    await codeOfAsync(
      importFile('aegis.json', aegisWithSlots(2), {
        password: 'guess',
        crypto: counting().crypto,
        onKdf: (n, max) => seen.push([n, max]),
      }),
    );
    expect(seen).toEqual([
      [1, IMPORT_KDF_RUNS_MAX],
      [2, IMPORT_KDF_RUNS_MAX],
    ]);
  });
});

describe('Cancel', () => {
  it('stops an import before its next derivation', async () => {
    const { crypto, calls } = counting();
    const stop = new AbortController();
    const slow: ImportCrypto = { ...crypto, scrypt: async (...args) => (stop.abort(), crypto.scrypt(...args)) };
    const code = await codeOfAsync(
      importFile('aegis.json', aegisWithSlots(5), { password: 'guess', crypto: slow, signal: stop.signal }),
    );
    expect(code).toBe('IMPORT_CANCELLED');
    expect(calls).toEqual(['scrypt']);
  });

  describe('with a worker running the derivation', () => {
    const workers: { terminated: boolean; posted: number }[] = [];
    /** A key-derivation worker that never answers; a backup-parse worker answers at once. */
    class NeverAnswers {
      state = { terminated: false, posted: 0 };
      onmessage: ((e: { data: unknown }) => void) | null = null;
      onerror: unknown = null;
      onmessageerror: unknown = null;
      parser: boolean;
      constructor(url: URL) {
        this.parser = String(url).includes('backup-parse-worker');
        if (!this.parser) workers.push(this.state);
      }
      postMessage(req: unknown) {
        if (this.parser) setTimeout(() => this.onmessage?.({ data: runBackupParse(req as BackupParseRequest) }), 0);
        else this.state.posted += 1;
      }
      terminate() {
        this.state.terminated = true;
      }
    }
    afterEach(() => {
      vi.unstubAllGlobals();
      workers.length = 0;
    });

    it('terminates the worker at once and starts no other', async () => {
      vi.stubGlobal('Worker', NeverAnswers);
      const stop = new AbortController();
      const running = importKdf(
        {
          importKdf: 'scrypt',
          password: new Uint8Array(4),
          salt: new Uint8Array(16),
          N: 2 ** 18,
          r: 8,
          p: 1,
          length: 32,
        },
        stop.signal,
      );
      await Promise.resolve();
      stop.abort();
      expect(await codeOfAsync(running)).toBe('IMPORT_CANCELLED');
      expect(workers).toEqual([{ terminated: true, posted: 1 }]);
    });

    it('stops a backup whose header asks for the slowest allowed derivation', async () => {
      vi.stubGlobal('Worker', NeverAnswers);
      const text = serializeBackupFile({
        format: 'keyslot-backup',
        version: 1,
        createdAt: 1,
        kdf: { name: 'argon2id', ...ARGON2_CAP },
        salt: new Uint8Array(16),
        iv: new Uint8Array(12),
        ct: new Uint8Array(64),
      });
      const stop = new AbortController();
      const running = readBackup(text, 'a long enough password', stop.signal);
      setTimeout(() => stop.abort(), 10);
      expect(await codeOfAsync(running)).toBe('IMPORT_CANCELLED');
      expect(workers.map((w) => w.terminated)).toEqual([true]);
    });
  });
});
