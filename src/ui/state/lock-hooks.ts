/**
 * What else must go when Keyslot locks or a slot leaves the list: the app state calls these,
 * and parts loaded later (the Keep-on-top window, with the list) register themselves, so the
 * first load carries none of them.
 */
type Hook = (slotId?: string) => void;
const onLock = new Set<Hook>();
const onSlotGone = new Set<Hook>();

export function whenLocked(hook: () => void): void {
  onLock.add(hook);
}

export function whenSlotGone(hook: (slotId: string) => void): void {
  onSlotGone.add(hook as Hook);
}

export function locked(): void {
  for (const hook of onLock) hook();
}

export function slotGone(slotId: string): void {
  for (const hook of onSlotGone) hook(slotId);
}
