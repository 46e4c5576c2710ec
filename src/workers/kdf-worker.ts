/**
 * Single-use Web Worker running Argon2id off the main thread (a 0.5-1 s derivation would
 * otherwise freeze the UI). Created by kdf.ts, terminated after one answer, which also
 * frees the WASM memory that held PIN-derived blocks.
 */
import { runImportKdfRequest, runKdfRequest, warmUpArgon2 } from '../platform/argon2';

interface WorkerScope {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  // Started early (kdf.ts prepareKdf): compile the WebAssembly now, answer only the real request.
  if (e.data === 'warm-up') return void warmUpArgon2().catch(() => undefined);
  // Another app's export (scrypt, Argon2id with its parameters) or the PIN.
  const isImport = typeof e.data === 'object' && e.data !== null && 'importKdf' in e.data;
  void (isImport ? runImportKdfRequest(e.data) : runKdfRequest(e.data)).then((res) => {
    scope.postMessage(res, res.ok ? [res.key.buffer as ArrayBuffer] : []);
  });
};
