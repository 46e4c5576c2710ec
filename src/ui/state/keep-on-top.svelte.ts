import { mount, unmount } from 'svelte';
import type { Slot } from '../../core/slot';
import { closeKeepOnTop, keepOnTopSupported, openKeepOnTop } from '../../platform/pip';
import { clockCheck } from './clock-check.svelte.ts';
import { whenLocked, whenSlotGone } from './lock-hooks';

/**
 * Which slot, if any, is shown in the Keep-on-top window. Locking closes the window (with the
 * key gone, no code may stay on screen); so does deleting that slot.
 */
export class KeepOnTopState {
  slotId = $state<string | null>(null);
  readonly supported = keepOnTopSupported();
  #view: ReturnType<typeof mount> | null = null;
  #win: Window | null = null;

  /** Open (or move) the window to this TOTP slot. Must run from a click (user activation). */
  async show(slot: Slot): Promise<boolean> {
    if (slot.kind !== 'totp') return false;
    this.close();
    const win = await openKeepOnTop();
    if (!win) return false;
    // Loaded on first use only: most people never open it.
    const { default: KeepOnTop } = await import('../parts/KeepOnTop.svelte');
    this.#win = win;
    this.slotId = slot.id;
    win.document.title = slot.issuer || slot.account;
    this.#view = mount(KeepOnTop, { target: win.document.body, props: { slot, win, now: () => clockCheck.now() } });
    // Closed by the person (its own close button): forget it.
    win.addEventListener('pagehide', () => this.#forget(win), { once: true });
    return true;
  }

  close(): void {
    const win = this.#win;
    this.#forget(win);
    if (win) closeKeepOnTop();
  }

  #forget(win: Window | null): void {
    if (win !== this.#win) return;
    if (this.#view) void unmount(this.#view);
    this.#view = null;
    this.#win = null;
    this.slotId = null;
  }
}

export const keepOnTop = new KeepOnTopState();
whenLocked(() => keepOnTop.close());
whenSlotGone((id) => {
  if (keepOnTop.slotId === id) keepOnTop.close();
});
