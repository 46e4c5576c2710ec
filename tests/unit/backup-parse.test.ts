// A backup near the 64 MiB cap blocked the page for 2.2 s while its JSON and base64 were read
// (issue 14): the file and its decrypted plaintext are now parsed in a single-use worker.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBackupParse } from '../../src/core/backup/parse';
import { decodeBackupPlaintextOffThread, parseBackupFileOffThread } from '../../src/platform/backup-parse';
import { BACKUP_VERSION, encodeBackupPlaintext, serializeBackupFile, V1_DEFAULTS } from '../../src/core/backup';
import { ARGON2_FLOOR } from '../../src/core/vault';
import { isKeyslotError } from '../../src/core/errors';

/** A Worker stand-in that answers like backup-parse-worker.ts, and records what it was. */
const made: { url: string; terminated: boolean }[] = [];
class ParseWorker {
  state: { url: string; terminated: boolean };
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(url: URL) {
    this.state = { url: String(url), terminated: false };
    made.push(this.state);
  }
  postMessage(req: Parameters<typeof runBackupParse>[0]) {
    const answer = runBackupParse(structuredClone(req));
    setTimeout(() => this.onmessage?.({ data: structuredClone(answer) }), 0);
  }
  terminate() {
    this.state.terminated = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  made.length = 0;
});

const FILE = serializeBackupFile({
  format: 'keyslot-backup',
  version: 1,
  createdAt: 1,
  kdf: ARGON2_FLOOR,
  salt: new Uint8Array(16).fill(1),
  iv: new Uint8Array(12).fill(2),
  ct: new Uint8Array(64).fill(3),
});

describe('parsing a backup off the main thread', () => {
  it('reads the file in a single-use worker and ends it', async () => {
    vi.stubGlobal('Worker', ParseWorker);
    const envelope = await parseBackupFileOffThread(FILE);
    expect(envelope.kdf).toEqual(ARGON2_FLOOR);
    expect([...envelope.ct]).toEqual(new Array(64).fill(3));
    expect(made).toHaveLength(1);
    expect(made[0]!.url).toMatch(/backup-parse-worker\.ts$/);
    expect(made[0]!.terminated).toBe(true);
  });

  it('reads the decrypted slots in a worker too', async () => {
    vi.stubGlobal('Worker', ParseWorker);
    const plain = encodeBackupPlaintext([
      {
        kind: 'totp',
        issuer: 'Acme',
        account: 'ivy',
        name: '',
        secret: new Uint8Array(10).fill(7),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        createdAt: 1,
        ...V1_DEFAULTS,
      },
    ]);
    const slots = await decodeBackupPlaintextOffThread(plain, BACKUP_VERSION);
    expect(slots.map((s) => s.issuer)).toEqual(['Acme']);
    expect(made).toHaveLength(1);
  });

  it('brings a refusal back as the same KeyslotError code and field, without the file’s text', async () => {
    vi.stubGlobal('Worker', ParseWorker);
    const e = await parseBackupFileOffThread(FILE.replace('"iv"', '"iv2"')).catch((err: unknown) => err);
    expect(isKeyslotError(e) && [e.code, e.field]).toEqual(['BACKUP_DAMAGED', 'file']);
    expect(String((e as Error).message)).not.toContain('AgICAgIC');
  });

  it('parses here when there is no Worker (Node, or a CSP without worker-src)', async () => {
    expect((await parseBackupFileOffThread(FILE)).createdAt).toBe(1);
  });
});
