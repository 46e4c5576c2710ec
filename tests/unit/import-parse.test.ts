// Reading another app's export froze the page while its JSON was parsed and its entries checked
// (issue 14): the file is now read in a single-use worker (platform/import-parse.ts), key
// derivations included, with progress, and Cancel terminates the worker at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import { IMPORT_KDF_RUNS_MAX } from '../../src/core/importers';
import { runImportParse, type ImportParseRequest } from '../../src/core/importers/parse-request';
import { importCryptoInThisThread } from '../../src/platform/import-crypto';
import { readImportFile } from '../../src/platform/import-parse';
import * as make from './fixtures/importers/make';
import { expectCode } from './fixtures/errors';

const [A, B] = [make.ACCOUNTS[0]!, make.ACCOUNTS[1]!];

interface Made {
  url: string;
  terminated: boolean;
  posted: number;
}
const made: Made[] = [];

/** A Worker stand-in that answers like import-parse-worker.ts (structured clones both ways). */
class ImportWorker {
  state: Made;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor(url: URL) {
    this.state = { url: String(url), terminated: false, posted: 0 };
    made.push(this.state);
  }
  postMessage(req: ImportParseRequest) {
    this.state.posted += 1;
    const post = (m: unknown) =>
      setTimeout(() => !this.state.terminated && this.onmessage?.({ data: structuredClone(m) }), 0);
    void runImportParse(structuredClone(req), importCryptoInThisThread(), {
      onKdf: (n, max) => post({ kind: 'kdf', n, max }),
    }).then((answer) => post({ kind: 'done', answer }));
  }
  terminate() {
    this.state.terminated = true;
  }
}

/** A worker that is still reading when the test ends: it never answers. */
class NeverAnswers extends ImportWorker {
  override postMessage() {
    this.state.posted += 1;
  }
}

/** A worker that crashes (out of memory, say) while reading. */
class Crashes extends ImportWorker {
  override postMessage() {
    setTimeout(() => this.onerror?.(), 0);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  made.length = 0;
});

describe('reading an import file off the main thread', () => {
  it('reads a plain export in a single-use worker, with its groups, and ends the worker', async () => {
    vi.stubGlobal('Worker', ImportWorker);
    const db = make.aegisDb([A, B]) as { entries: Record<string, unknown>[]; groups: unknown[] };
    db.groups = [{ uuid: 'g1', name: 'Work' }];
    db.entries[0]!['groups'] = ['g1'];
    const file = new TextEncoder().encode(JSON.stringify({ version: 1, header: { slots: null, params: null }, db }));
    const read = await readImportFile('aegis.json', file);
    expect([read.format, read.encrypted]).toEqual(['aegis', false]);
    expect(read.entries!.map((e) => e.issuer)).toEqual(['Lab VPN', 'Mail']);
    const first = read.entries![0]!;
    expect(first.status === 'ok' && [[...first.draft.secret], first.extras?.groups]).toEqual([[...A.secret], ['Work']]);
    expect(made).toEqual([{ url: expect.stringMatching(/import-parse-worker\.ts$/), terminated: true, posted: 1 }]);
  });

  it('says an encrypted file needs its password without deriving anything, then opens it with progress', async () => {
    vi.stubGlobal('Worker', ImportWorker);
    const file = make.aegisEncrypted([A], 'river stone 42');
    const asked = await readImportFile('aegis.json', file);
    expect(asked).toEqual({ format: 'aegis', encrypted: true, entries: null });
    const runs: [number, number][] = [];
    const opened = await readImportFile('aegis.json', file, {
      password: 'river stone 42',
      onKdf: (n, max) => runs.push([n, max]),
    });
    expect(opened.entries!.map((e) => e.account)).toEqual(['ada@example.org']);
    expect(runs).toEqual([[1, IMPORT_KDF_RUNS_MAX]]);
    expect(made.map((m) => m.terminated)).toEqual([true, true]);
  });

  it('brings a refusal back as the same KeyslotError code and field, without the file’s text', async () => {
    vi.stubGlobal('Worker', ImportWorker);
    const e = await readImportFile('notes.txt', new TextEncoder().encode('shopping list: secret-sauce')).catch(
      (err: unknown) => err,
    );
    expect(isKeyslotError(e) && [e.code, e.field]).toEqual(['IMPORT_FORMAT', 'file']);
    expect(String((e as Error).message)).not.toContain('secret-sauce');
    expect(made[0]!.terminated).toBe(true);
  });

  it('keeps the per-file caps in the worker: a thousand password slots are refused before any derivation', async () => {
    vi.stubGlobal('Worker', ImportWorker);
    const file = JSON.parse(new TextDecoder().decode(make.aegisEncrypted([A], 'pw'))) as {
      header: { slots: Record<string, unknown>[] };
    };
    const slot = file.header.slots.find((s) => s['type'] === 1)!;
    file.header.slots = Array.from({ length: 1_000 }, () => slot);
    const runs: number[] = [];
    await expectCode(
      readImportFile('aegis.json', new TextEncoder().encode(JSON.stringify(file)), {
        password: 'guess',
        onKdf: (n) => runs.push(n),
      }),
      'IMPORT_TOO_COSTLY',
    );
    expect(runs).toEqual([]);
  });

  it('terminates the worker at once on Cancel, and reports it as cancelled', async () => {
    vi.stubGlobal('Worker', NeverAnswers);
    const stop = new AbortController();
    const running = readImportFile('aegis.json', make.aegisPlain([A]), { signal: stop.signal });
    await Promise.resolve();
    expect(made).toEqual([expect.objectContaining({ terminated: false, posted: 1 })]);
    stop.abort();
    expect(made[0]!.terminated).toBe(true); // synchronously, in the abort itself
    await expectCode(running, 'IMPORT_CANCELLED');
  });

  it('starts no worker when already cancelled', async () => {
    vi.stubGlobal('Worker', ImportWorker);
    const stop = new AbortController();
    stop.abort();
    await expectCode(readImportFile('aegis.json', make.aegisPlain([A]), { signal: stop.signal }), 'IMPORT_CANCELLED');
    expect(made).toEqual([]);
  });

  it('reports a worker that crashes as a file it could not read, and ends it', async () => {
    vi.stubGlobal('Worker', Crashes);
    await expectCode(readImportFile('aegis.json', make.aegisPlain([A])), 'IMPORT_DAMAGED');
    expect(made[0]!.terminated).toBe(true);
  });

  it('reads here when there is no Worker (Node, or a CSP without worker-src)', async () => {
    const read = await readImportFile('aegis.json', make.aegisPlain([A, B]));
    expect(read.entries).toHaveLength(2);
  });
});

describe('the import worker’s request handler', () => {
  it('answers a request that is not a file with IMPORT_FORMAT, never a throw', async () => {
    const crypto = importCryptoInThisThread();
    for (const bad of [
      null,
      {},
      { name: 'a.json' },
      { name: 1, bytes: new Uint8Array(2) },
      { name: 'a', bytes: 'x' },
    ]) {
      expect(await runImportParse(bad as unknown as ImportParseRequest, crypto)).toEqual({
        ok: false,
        code: 'IMPORT_FORMAT',
        field: 'file',
        max: undefined,
      });
    }
  });

  it('derives scrypt in its own thread with the same result as node:crypto', async () => {
    const file = make.aegisEncrypted([B], 'pw 1');
    const answer = await runImportParse({ name: 'a.json', bytes: file, password: 'pw 1' }, importCryptoInThisThread());
    expect(answer.ok && answer.value.entries!.map((e) => e.issuer)).toEqual(['Mail']);
    const wrong = await runImportParse({ name: 'a.json', bytes: file, password: 'pw 2' }, importCryptoInThisThread());
    expect(wrong).toMatchObject({ ok: false, code: 'IMPORT_PASSWORD_WRONG' });
  });
});
