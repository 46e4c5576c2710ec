/**
 * Receiving a share (manifest share_target → POST /share-target → src/sw/sw.ts → 303 to /#shared).
 *
 * The service worker keeps what was shared in its memory only (never Cache Storage or
 * IndexedDB: an activation link or its QR code is a secret). This page asks for it with
 * {type:'share-ready'}; the worker answers once with {type:'shared', title?, text?, url?, file?}
 * and forgets it. Modelled on squoosh's share target.
 */

export interface SharedItem {
  /** The shared text: an otpauth-looking one of url / text / title if any, else the first given. */
  text?: string;
  /** A shared image (e.g. a screenshot of the activation QR code). */
  file?: Blob;
}

interface SharedMessage {
  type: 'shared';
  title?: unknown;
  text?: unknown;
  url?: unknown;
  file?: unknown;
}

const DEFAULT_TIMEOUT_MS = 5000;

function isSharedMessage(data: unknown): data is SharedMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'shared';
}

/** Turns the worker's message into what the add flow needs, or null when nothing usable came. */
export function toSharedItem(message: SharedMessage): SharedItem | null {
  const texts = [message.url, message.text, message.title].filter(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  const text =
    texts.find((v) => /otpauth(-migration)?:\/\//i.test(v)) ??
    texts.find((v) => /^\s*(keyslot|https?):/i.test(v)) ??
    texts[0];
  const file = message.file instanceof Blob && message.file.size > 0 ? message.file : undefined;
  if (text === undefined && file === undefined) return null;
  const item: SharedItem = {};
  if (text !== undefined) item.text = text.trim();
  if (file !== undefined) item.file = file;
  return item;
}

/**
 * What was shared to Keyslot, if anything. Resolves null quickly when nothing was shared, when
 * there is no service worker (or it does not control this page), or after `timeoutMs`.
 * Call it once, when the app was opened at /#shared; a second call gets null.
 */
export function receiveShare(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SharedItem | null> {
  const container = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
  const controller = container?.controller;
  if (!container || !controller) return Promise.resolve(null);

  return new Promise((resolve) => {
    const finish = (item: SharedItem | null) => {
      clearTimeout(timer);
      container.removeEventListener('message', onMessage);
      resolve(item);
    };
    const onMessage = (event: MessageEvent) => {
      if (isSharedMessage(event.data)) finish(toSharedItem(event.data));
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    container.addEventListener('message', onMessage);
    // Messages from the worker are queued until the page starts them (or the document loads).
    container.startMessages();
    controller.postMessage({ type: 'share-ready' });
  });
}
