/**
 * Tells the other Keyslot tabs of this origin that the stored slots changed, so their lists
 * read them again (BroadcastChannel, HTML Living Standard § 9.5.2). The only module that uses
 * BroadcastChannel. A message carries no slot, secret or name: only that something changed.
 * Where a browser lacks BroadcastChannel the other tabs simply show their lists as they were,
 * and each write still checks the store itself (storage.ts compare-and-swap).
 */
const CHANNEL = 'keyslot.slots';
const MESSAGE = 'slots-changed';
/** Icon packs installed or removed (Settings → Appearance): the other tabs read them again. */
const PACKS_MESSAGE = 'icon-packs-changed';

let channel: BroadcastChannel | null = null;

function open(): BroadcastChannel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  channel ??= new BroadcastChannel(CHANNEL);
  return channel;
}

/** Tell the other tabs that slots were written here. Never the tab that sends it. */
export function slotsChanged(): void {
  open()?.postMessage(MESSAGE);
}

/** Call `listener` whenever another tab wrote slots. Returns an unsubscribe function. */
export function onSlotsChanged(listener: () => void): () => void {
  return listen(MESSAGE, listener);
}

/** Tell the other tabs that icon packs were installed or removed here. */
export function iconPacksChanged(): void {
  open()?.postMessage(PACKS_MESSAGE);
}

/** Call `listener` whenever another tab installed or removed an icon pack. Returns an unsubscribe function. */
export function onIconPacksChanged(listener: () => void): () => void {
  return listen(PACKS_MESSAGE, listener);
}

function listen(message: string, listener: () => void): () => void {
  const ch = open();
  if (!ch) return () => undefined;
  const handle = (event: MessageEvent) => {
    if (event.data === message) listener();
  };
  ch.addEventListener('message', handle);
  return () => ch.removeEventListener('message', handle);
}
