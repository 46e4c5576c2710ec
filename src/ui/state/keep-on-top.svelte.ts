import { isTimeBased } from '../../core/otp';
import { mount, unmount } from 'svelte';
import type { Slot } from '../../core/slot';
import { closeKeepOnTop, keepOnTopSupported, openKeepOnTop } from '../../platform/pip';
import { whenLocked, whenSlotGone } from './lock-hooks';
import { useApp, type AppState } from './context';

/** The Document Picture-in-Picture window (platform/pip.ts in the app, a fake in tests). */
export interface KeepOnTopWindow {
  supported(): boolean;
  open(): Promise<Window | null>;
  close(): void;
  /** Draws the slot's code in the window; returns how to take it down. */
  draw(win: Window, slot: Slot, now: () => number): Promise<() => void>;
}

const pictureInPicture: KeepOnTopWindow = {
  supported: keepOnTopSupported,
  open: () => openKeepOnTop(),
  close: closeKeepOnTop,
  async draw(win, slot, now) {
    // Loaded on first use only: most people never open it.
    const { default: KeepOnTop } = await import('../parts/KeepOnTop.svelte');
    const view = mount(KeepOnTop, { target: win.document.body, props: { slot, win, now } });
    return () => void unmount(view);
  },
};

/**
 * Which slot, if any, is shown in the Keep-on-top window. Locking closes the window (with the
 * key gone, no code may stay on screen); so does deleting that slot. One per app, made on first
 * use (it loads with the list, not with the first screen): see useKeepOnTop in context.ts.
 */
export class KeepOnTopState {
  slotId = $state<string | null>(null);
  readonly supported: boolean;
  #undraw: (() => void) | null = null;
  #win: Window | null = null;

  constructor(
    private readonly now: () => number,
    private readonly pip: KeepOnTopWindow = pictureInPicture,
    hooks = { whenLocked, whenSlotGone },
  ) {
    this.supported = pip.supported();
    hooks.whenLocked(() => this.close());
    hooks.whenSlotGone((id) => {
      if (this.slotId === id) this.close();
    });
  }

  /** Open (or move) the window to this time-based (TOTP or Steam) slot. Must run from a click (user activation). */
  async show(slot: Slot): Promise<boolean> {
    if (!isTimeBased(slot.kind)) return false;
    this.close();
    const win = await this.pip.open();
    if (!win) return false;
    this.#win = win;
    this.slotId = slot.id;
    win.document.title = slot.issuer || slot.account;
    this.#undraw = await this.pip.draw(win, slot, this.now);
    // Closed by the person (its own close button): forget it.
    win.addEventListener('pagehide', () => this.#forget(win), { once: true });
    return true;
  }

  close(): void {
    const win = this.#win;
    this.#forget(win);
    if (win) this.pip.close();
  }

  #forget(win: Window | null): void {
    if (win !== this.#win) return;
    this.#undraw?.();
    this.#undraw = null;
    this.#win = null;
    this.slotId = null;
  }
}

const perApp = new WeakMap<AppState, KeepOnTopState>();

/** The app's Keep-on-top state (context), made on first use by the list. */
export function useKeepOnTop(): KeepOnTopState {
  const app = useApp();
  let state = perApp.get(app);
  if (!state) perApp.set(app, (state = new KeepOnTopState(() => app.clockCheck.now())));
  return state;
}
