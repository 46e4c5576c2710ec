// KeepOnTopState: which slot the always-on-top window shows; locking or deleting that slot closes it.
import { describe, expect, it } from 'vitest';
import { SLOT_META_DEFAULTS, type Slot } from '../../../src/core/slot';
import { KeepOnTopState, type KeepOnTopWindow } from '../../../src/ui/state/keep-on-top.svelte.ts';
import { draft } from '../fixtures/slots';

const slot = (id: string, over: Partial<Slot> = {}): Slot => ({
  ...draft(),
  ...SLOT_META_DEFAULTS,
  id,
  name: '',
  createdAt: 0,
  ...over,
});

/** A Picture-in-Picture that opens fake windows (or refuses), and records what it drew. */
function fakePip(opens = true) {
  const log: string[] = [];
  const windows: (EventTarget & { document: { title: string } })[] = [];
  const pip: KeepOnTopWindow = {
    supported: () => true,
    async open() {
      if (!opens) return null;
      const win = Object.assign(new EventTarget(), { document: { title: '' } });
      windows.push(win);
      return win as unknown as Window;
    },
    close: () => void log.push('close'),
    async draw(_win, s, now) {
      log.push(`draw ${s.id} at ${now()}`);
      return () => void log.push(`undraw ${s.id}`);
    },
  };
  return { pip, log, windows };
}

function hooks() {
  const lock: (() => void)[] = [];
  const gone: ((id: string) => void)[] = [];
  return {
    hooks: {
      whenLocked: (h: () => void) => void lock.push(h),
      whenSlotGone: (h: (id: string) => void) => void gone.push(h),
    },
    lock: () => lock.forEach((h) => h()),
    gone: (id: string) => gone.forEach((h) => h(id)),
  };
}

describe('KeepOnTopState', () => {
  it('shows a TOTP slot in the window, titled by its issuer, on the corrected clock', async () => {
    const { pip, log, windows } = fakePip();
    const state = new KeepOnTopState(() => 42, pip, hooks().hooks);
    expect(await state.show(slot('a'))).toBe(true);
    expect(state.slotId).toBe('a');
    expect(windows[0]!.document.title).toBe('PassLogic');
    expect(log).toEqual(['draw a at 42']);
  });

  it('never shows an HOTP slot (its code is not on a clock)', async () => {
    const { pip, log } = fakePip();
    const state = new KeepOnTopState(() => 0, pip, hooks().hooks);
    expect(await state.show(slot('h', { kind: 'hotp' }))).toBe(false);
    expect(state.slotId).toBeNull();
    expect(log).toEqual([]);
  });

  it('shows a Steam Guard slot, whose code is on the same 30-second clock', async () => {
    const { pip, log } = fakePip();
    const state = new KeepOnTopState(() => 7, pip, hooks().hooks);
    expect(await state.show(slot('s', { kind: 'steam', issuer: 'Steam', digits: 5 }))).toBe(true);
    expect(log).toEqual(['draw s at 7']);
  });

  it('says no when the browser refuses the window', async () => {
    const state = new KeepOnTopState(() => 0, fakePip(false).pip, hooks().hooks);
    expect(await state.show(slot('a'))).toBe(false);
    expect(state.slotId).toBeNull();
  });

  it('moves the window to another slot, taking the first one down', async () => {
    const { pip, log } = fakePip();
    const state = new KeepOnTopState(() => 0, pip, hooks().hooks);
    await state.show(slot('a'));
    await state.show(slot('b'));
    expect(state.slotId).toBe('b');
    expect(log).toEqual(['draw a at 0', 'undraw a', 'close', 'draw b at 0']);
  });

  it('closes when Keyslot locks: no code stays on screen without the key', async () => {
    const { pip, log } = fakePip();
    const h = hooks();
    const state = new KeepOnTopState(() => 0, pip, h.hooks);
    await state.show(slot('a'));
    h.lock();
    expect(state.slotId).toBeNull();
    expect(log.slice(-2)).toEqual(['undraw a', 'close']);
  });

  it('closes when its slot is deleted, and stays open when another one is', async () => {
    const { pip, log } = fakePip();
    const h = hooks();
    const state = new KeepOnTopState(() => 0, pip, h.hooks);
    await state.show(slot('a'));
    h.gone('b');
    expect(state.slotId).toBe('a');
    h.gone('a');
    expect(state.slotId).toBeNull();
    expect(log).toEqual(['draw a at 0', 'undraw a', 'close']);
  });

  it('forgets the window the person closed themselves (pagehide)', async () => {
    const { pip, log, windows } = fakePip();
    const state = new KeepOnTopState(() => 0, pip, hooks().hooks);
    await state.show(slot('a'));
    windows[0]!.dispatchEvent(new Event('pagehide'));
    expect(state.slotId).toBeNull();
    expect(log).toEqual(['draw a at 0', 'undraw a']);
  });
});
