import { afterEach, describe, expect, it, vi } from 'vitest';
import { ARGON2_CAP, ARGON2_FLOOR, DEFAULT_ARGON2, PBKDF2_FLOOR, type KdfParams } from '../../src/core/vault';
import * as argon2 from '../../src/platform/argon2';
import { defaultKdf, deriveKek, prepareKdf, wasmAvailable } from '../../src/platform/kdf';
import { expectCode } from './fixtures/errors';

// Spy on (not replace) the hash-wasm wrapper, to prove when Argon2 did or did not run.
vi.mock('../../src/platform/argon2', { spy: true });

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const enc = (s: string) => new TextEncoder().encode(s);
const SALT16 = Uint8Array.from({ length: 16 }, (_, i) => i);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.clearAllMocks();
});

describe('Argon2id known answers', () => {
  // Reference implementation (P-H-C/phc-winner-argon2, src/test.c), Argon2id v1.3:
  // hashtest(ARGON2_VERSION_13, 2, 16, 1, "password", "somesalt", "09316115...", ...).
  // Also reproduced here with Debian's libargon2 (ctypes argon2id_hash_raw) and pyca/cryptography's Argon2id.
  it('matches the reference test.c vector t=2, m=2^16 KiB, p=1, "password"/"somesalt"', async () => {
    const out = await argon2.argon2idRaw(enc('password'), enc('somesalt'), {
      name: 'argon2id',
      memoryKiB: 65_536,
      iterations: 2,
      parallelism: 1,
    });
    expect(hex(out)).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
  });

  // Computed independently with libargon2 20190702 (Debian libargon2-1) and pyca/cryptography 48
  // Argon2id(salt=bytes(range(16)), length=32, iterations=2, lanes=1, memory_cost=19456).derive(b"123456").
  it('matches an independent libargon2 value at the OWASP floor with a 16-byte salt', async () => {
    const out = await argon2.argon2idRaw(enc('123456'), SALT16, ARGON2_FLOOR);
    expect(hex(out)).toBe('c8fa4438a9a3a0d8fa4547bff90291dc8eb77770a9928455152beba8ab3814db');
  });
});

describe('deriveKek', () => {
  it('derives the same 32 bytes as Argon2id run directly', async () => {
    const kek = await deriveKek('123456', ARGON2_FLOOR, SALT16);
    expect(hex(kek)).toBe('c8fa4438a9a3a0d8fa4547bff90291dc8eb77770a9928455152beba8ab3814db');
    // The spy sees this call: so "not called" in the refusal tests below means something.
    expect(argon2.argon2idRaw).toHaveBeenCalledOnce();
  });

  it('derives PBKDF2-HMAC-SHA256 at 600,000 iterations like Python hashlib', async () => {
    // python3 -c "import hashlib; print(hashlib.pbkdf2_hmac('sha256', b'123456', bytes(range(16)), 600000, 32).hex())"
    const kek = await deriveKek('123456', PBKDF2_FLOOR, SALT16);
    expect(hex(kek)).toBe('93922e39f17be3ac82ee49e41b689b2f825ffcb9b18c64406350c92b4fa3c59c');
  });

  it('gives a different key for a different PIN or salt', async () => {
    const a = hex(await deriveKek('123456', ARGON2_FLOOR, SALT16));
    const b = hex(await deriveKek('123457', ARGON2_FLOOR, SALT16));
    const salt = Uint8Array.from(SALT16);
    salt[0] = 99;
    const c = hex(await deriveKek('123456', ARGON2_FLOOR, salt));
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('normalises the PIN to NFC, so composed and decomposed input give the same key', async () => {
    const composed = await deriveKek('caf\u00e9 1234', ARGON2_FLOOR, SALT16);
    const decomposed = await deriveKek('cafe\u0301 1234', ARGON2_FLOOR, SALT16);
    expect(composed).toEqual(decomposed);
  });

  it('refuses parameters below the floor with KDF_WEAK before running any KDF', async () => {
    const deriveBits = vi.spyOn(crypto.subtle, 'deriveBits');
    const weak: KdfParams[] = [
      { ...ARGON2_FLOOR, memoryKiB: 19_455 },
      { ...ARGON2_FLOOR, iterations: 1 },
      { name: 'pbkdf2-sha256', iterations: 599_999 },
    ];
    for (const kdf of weak) await expectCode(deriveKek('123456', kdf, SALT16), 'KDF_WEAK');
    expect(argon2.argon2idRaw).not.toHaveBeenCalled();
    expect(deriveBits).not.toHaveBeenCalled();
  });

  it('refuses parameters above the caps with VAULT_CORRUPT before running any KDF', async () => {
    await expectCode(
      deriveKek('123456', { ...ARGON2_FLOOR, memoryKiB: ARGON2_CAP.memoryKiB * 4 }, SALT16),
      'VAULT_CORRUPT',
    );
    await expectCode(deriveKek('123456', { ...ARGON2_FLOOR, iterations: 1_000_000 }, SALT16), 'VAULT_CORRUPT');
    await expectCode(deriveKek('123456', { name: 'pbkdf2-sha256', iterations: 2 ** 40 }, SALT16), 'VAULT_CORRUPT');
    expect(argon2.argon2idRaw).not.toHaveBeenCalled();
  });

  it('refuses a salt shorter than 16 bytes, and an empty PIN, before running any KDF', async () => {
    await expectCode(deriveKek('123456', ARGON2_FLOOR, new Uint8Array(15)), 'VAULT_CORRUPT');
    await expectCode(deriveKek('', ARGON2_FLOOR, SALT16), 'PIN_TOO_SHORT');
    expect(argon2.argon2idRaw).not.toHaveBeenCalled();
  });

  it('reports a failing Argon2 run as KDF_FAILED', async () => {
    vi.mocked(argon2.argon2idRaw).mockRejectedValueOnce(new Error('WebAssembly.Memory(): could not allocate memory'));
    await expectCode(deriveKek('123456', ARGON2_FLOOR, SALT16), 'KDF_FAILED');
  });
});

describe('defaultKdf', () => {
  it('picks Argon2id with the default parameters where WebAssembly works', () => {
    expect(wasmAvailable()).toBe(true);
    expect(defaultKdf()).toEqual(DEFAULT_ARGON2);
  });

  it('falls back to PBKDF2 with 600,000 iterations when WebAssembly is blocked (CSP)', () => {
    const blocked = {
      Module: function () {
        throw new Error('WebAssembly.Module(): Refused to compile or instantiate WebAssembly module');
      },
    };
    vi.stubGlobal('WebAssembly', blocked);
    expect(wasmAvailable()).toBe(false);
    expect(defaultKdf()).toEqual({ name: 'pbkdf2-sha256', iterations: 600_000 });
  });

  it('falls back to PBKDF2 when WebAssembly does not exist at all', () => {
    vi.stubGlobal('WebAssembly', undefined);
    expect(defaultKdf().name).toBe('pbkdf2-sha256');
  });
});

/** Minimal stand-in for a browser Worker that runs the real worker handler in-process. */
class FakeWorker {
  static instances: FakeWorker[] = [];
  static fail = false;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessageerror: ((e: unknown) => void) | null = null;
  terminated = false;
  transfer: unknown[] = [];
  constructor(
    readonly url: URL,
    readonly options: { type?: string },
  ) {
    FakeWorker.instances.push(this);
  }
  warmedUp = false;
  postMessage(message: { password: Uint8Array } | 'warm-up', transfer: Transferable[] = []) {
    // Like kdf-worker.ts: the warm-up compiles the WebAssembly and answers nothing.
    if (message === 'warm-up') {
      this.warmedUp = true;
      void argon2.warmUpArgon2();
      return;
    }
    this.transfer = transfer;
    // Like the real thing: a structured clone, with transferred buffers detached on the sender's side.
    const data = structuredClone(message, { transfer });
    if (FakeWorker.fail) {
      queueMicrotask(() => this.onerror?.(new Error('script error')));
      return;
    }
    void argon2.runKdfRequest(data).then((res) => this.onmessage?.({ data: res }));
  }
  terminate() {
    this.terminated = true;
  }
}

describe('deriveKek in a browser (Web Worker)', () => {
  it('runs Argon2id in a module worker, transfers the PIN bytes, and terminates the worker', async () => {
    FakeWorker.instances = [];
    FakeWorker.fail = false;
    vi.stubGlobal('Worker', FakeWorker);
    const kek = await deriveKek('123456', ARGON2_FLOOR, SALT16);
    expect(hex(kek)).toBe('c8fa4438a9a3a0d8fa4547bff90291dc8eb77770a9928455152beba8ab3814db');
    const [w] = FakeWorker.instances;
    expect(FakeWorker.instances).toHaveLength(1);
    expect(w!.url.pathname).toMatch(/kdf-worker\.ts$/);
    expect(w!.options.type).toBe('module');
    expect(w!.transfer).toHaveLength(1);
    expect((w!.transfer[0] as ArrayBuffer).byteLength).toBe(0); // detached: no PIN copy left on this thread
    expect(w!.terminated).toBe(true);
    expect(argon2.runKdfRequest).toHaveBeenCalledOnce();
  });

  it('reports a worker that fails to load as KDF_FAILED, and still terminates it', async () => {
    FakeWorker.instances = [];
    FakeWorker.fail = true;
    vi.stubGlobal('Worker', FakeWorker);
    await expectCode(deriveKek('123456', ARGON2_FLOOR, SALT16), 'KDF_FAILED');
    expect(FakeWorker.instances[0]!.terminated).toBe(true);
  });

  it('starts the worker while the PIN is typed, and the next derivation uses it once', async () => {
    FakeWorker.instances = [];
    FakeWorker.fail = false;
    vi.stubGlobal('Worker', FakeWorker);
    prepareKdf();
    prepareKdf(); // every digit asks; one worker waits
    expect(FakeWorker.instances).toHaveLength(1);
    expect(FakeWorker.instances[0]!.warmedUp).toBe(true);
    expect(argon2.warmUpArgon2).toHaveBeenCalledOnce();
    const kek = await deriveKek('123456', ARGON2_FLOOR, SALT16);
    expect(hex(kek)).toBe('c8fa4438a9a3a0d8fa4547bff90291dc8eb77770a9928455152beba8ab3814db');
    expect(FakeWorker.instances).toHaveLength(1);
    expect(FakeWorker.instances[0]!.terminated).toBe(true);
    // Single use: the prepared worker is gone with its answer; the next derivation starts another.
    await deriveKek('123456', ARGON2_FLOOR, SALT16);
    expect(FakeWorker.instances).toHaveLength(2);
  });

  it('prepares no worker where WebAssembly is blocked (PBKDF2 runs on WebCrypto)', () => {
    FakeWorker.instances = [];
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('WebAssembly', undefined);
    prepareKdf();
    expect(FakeWorker.instances).toHaveLength(0);
  });

  it('never sends a PBKDF2 derivation to the worker', async () => {
    FakeWorker.instances = [];
    vi.stubGlobal('Worker', FakeWorker);
    await deriveKek('123456', PBKDF2_FLOOR, SALT16);
    expect(FakeWorker.instances).toHaveLength(0);
  });
});

describe('worker request handler', () => {
  it('answers a valid request with the key and wipes the password it was sent', async () => {
    const password = enc('123456');
    const res = await argon2.runKdfRequest({ password, salt: SALT16, kdf: ARGON2_FLOOR });
    expect(res.ok && hex(res.key)).toBe('c8fa4438a9a3a0d8fa4547bff90291dc8eb77770a9928455152beba8ab3814db');
    expect(password.every((b) => b === 0)).toBe(true);
  });

  it('refuses weak, oversized or malformed requests without running Argon2, and wipes the password', async () => {
    const password = enc('123456');
    expect(await argon2.runKdfRequest({ password, salt: SALT16, kdf: { ...ARGON2_FLOOR, iterations: 1 } })).toEqual({
      ok: false,
    });
    expect(password.every((b) => b === 0)).toBe(true);
    expect(
      await argon2.runKdfRequest({ password: enc('1'), salt: SALT16, kdf: { ...ARGON2_FLOOR, memoryKiB: 2 ** 30 } }),
    ).toEqual({ ok: false });
    expect(await argon2.runKdfRequest({ password: enc('1'), salt: new Uint8Array(8), kdf: ARGON2_FLOOR })).toEqual({
      ok: false,
    });
    expect(await argon2.runKdfRequest({ password: enc('1'), salt: SALT16, kdf: PBKDF2_FLOOR })).toEqual({ ok: false });
    expect(await argon2.runKdfRequest({ password: '123456', salt: SALT16, kdf: ARGON2_FLOOR })).toEqual({ ok: false });
    expect(await argon2.runKdfRequest(null)).toEqual({ ok: false });
    expect(argon2.argon2idRaw).not.toHaveBeenCalled();
  });
});
