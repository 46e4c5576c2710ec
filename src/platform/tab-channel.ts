/**
 * Tells the other Keyslot tabs of this origin that the stored slots changed, so their lists
 * read them again (BroadcastChannel, HTML Living Standard § 9.5.2). The only module that uses
 * BroadcastChannel. A message carries no slot, secret or name: only that something changed.
 * Where a browser lacks BroadcastChannel the other tabs simply show their lists as they were,
 * and each write still checks the store itself (storage.ts compare-and-swap).
 */
const CHANNEL = 'keyslot.slots';
const MESSAGE = 'slots-changed';

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
  const ch = open();
  if (!ch) return () => undefined;
  const handle = (event: MessageEvent) => {
    if (event.data === MESSAGE) listener();
  };
  ch.addEventListener('message', handle);
  return () => ch.removeEventListener('message', handle);
}
