/**
 * Module Web Worker that decodes QR codes off the main thread, so a camera loop never janks the
 * UI. Created by scanner.ts (one per reader, terminated by reader.close()). On start it loads the
 * WebAssembly and says 'ready' (or 'failed'); then it answers each request with the texts found.
 */
import { isKeyslotError } from '../core/errors';
import { decodeQr, warmUpQrDecoder, type QrWorkerMessage, type QrWorkerRequest } from '../platform/qr-decode';

interface WorkerScope {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage(message: QrWorkerMessage): void;
}

const scope = self as unknown as WorkerScope;

function isRequest(value: unknown): value is QrWorkerRequest {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<QrWorkerRequest>;
  return typeof r.id === 'number' && typeof r.fast === 'boolean' && typeof r.image === 'object' && r.image !== null;
}

// Requests are handled one at a time, in order (the WebAssembly instance is single-threaded anyway).
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (e) => {
  const req = e.data;
  if (!isRequest(req)) return;
  queue = queue.then(async () => {
    try {
      const texts = await decodeQr(req.image, { fast: req.fast });
      scope.postMessage({ type: 'result', id: req.id, texts });
    } catch (err) {
      scope.postMessage({ type: 'error', id: req.id, code: isKeyslotError(err) ? err.code : 'QR_DECODER_FAILED' });
    }
  });
};

warmUpQrDecoder().then(
  () => scope.postMessage({ type: 'ready' }),
  (err: unknown) => scope.postMessage({ type: 'failed', code: isKeyslotError(err) ? err.code : 'QR_DECODER_FAILED' }),
);
