// PwaState: install and update state, from the page's events (a fake window here).
import { describe, expect, it } from 'vitest';
import {
  PwaState,
  type BeforeInstallPromptEvent,
  type PwaEnvironment,
  type PwaModule,
} from '../../../src/ui/state/pwa.svelte.ts';

const desktop = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156',
  platform: 'Linux x86_64',
  maxTouchPoints: 0,
};
const iphone = {
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)',
  platform: 'iPhone',
  maxTouchPoints: 5,
};

function fakeWindow(navigator = desktop, standalone = false) {
  const events = new EventTarget();
  const media = Object.assign(new EventTarget(), { matches: standalone });
  const env: PwaEnvironment = { events, matchMedia: () => media, navigator };
  return { env, events, media };
}

function installPrompt(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true }) as BeforeInstallPromptEvent & {
    prompted: number;
  };
  event.prompted = 0;
  Object.assign(event, {
    prompt: async () => void event.prompted++,
    userChoice: Promise.resolve({ outcome }),
  });
  return event;
}

describe('PwaState', () => {
  it('offers nothing to install on a desktop browser that gave no install prompt', () => {
    const pwa = new PwaState(fakeWindow().env);
    expect(pwa.canInstall).toBe(false);
  });

  it('keeps the browser’s install prompt (no mini-infobar) and offers installing', () => {
    const { env, events } = fakeWindow();
    const pwa = new PwaState(env);
    const event = installPrompt('accepted');
    events.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(pwa.canInstall).toBe(true);
  });

  it('uses a prompt once, and counts Keyslot as installed when the person accepts', async () => {
    const { env, events } = fakeWindow();
    const pwa = new PwaState(env);
    const event = installPrompt('accepted');
    events.dispatchEvent(event);
    expect(await pwa.promptInstall()).toBe(true);
    expect(event.prompted).toBe(1);
    expect(pwa.installed).toBe(true);
    expect(pwa.canInstall).toBe(false);
    expect(await pwa.promptInstall()).toBe(false);
  });

  it('keeps offering nothing after a dismissed prompt until the browser offers again', async () => {
    const { env, events } = fakeWindow();
    const pwa = new PwaState(env);
    events.dispatchEvent(installPrompt('dismissed'));
    expect(await pwa.promptInstall()).toBe(false);
    expect(pwa.installed).toBe(false);
    expect(pwa.canInstall).toBe(false);
  });

  it('offers the Share → Add to Home Screen steps on an iPhone, and nothing once running installed', () => {
    expect(new PwaState(fakeWindow(iphone).env).canInstall).toBe(true);
    const { env, media } = fakeWindow(iphone);
    const pwa = new PwaState(env);
    media.matches = true;
    media.dispatchEvent(new Event('change'));
    expect(pwa.standalone).toBe(true);
    expect(pwa.canInstall).toBe(false);
  });

  it('forgets the prompt when the app was installed another way (appinstalled)', () => {
    const { env, events } = fakeWindow();
    const pwa = new PwaState(env);
    events.dispatchEvent(installPrompt('accepted'));
    events.dispatchEvent(new Event('appinstalled'));
    expect(pwa.installPrompt).toBeNull();
    expect(pwa.installed).toBe(true);
  });

  it('registers the service worker once, and marks an update as waiting when it says so', async () => {
    let registered = 0;
    let onWaiting = () => {};
    const applied: number[] = [];
    const module: PwaModule = {
      registerServiceWorker: async (events) => {
        registered++;
        onWaiting = () => events.onUpdateWaiting();
      },
      applyUpdate: async () => void applied.push(1),
    };
    const pwa = new PwaState(fakeWindow().env, async () => module);
    pwa.start();
    pwa.start();
    await new Promise((r) => setTimeout(r, 0));
    expect(registered).toBe(1);
    expect(pwa.updateWaiting).toBe(false);
    onWaiting();
    expect(pwa.updateWaiting).toBe(true);
    pwa.applyUpdate();
    await new Promise((r) => setTimeout(r, 0));
    expect(applied).toEqual([1]);
  });

  it('does nothing without a window (no listeners, no registration)', () => {
    let loaded = 0;
    const pwa = new PwaState(null, async () => {
      loaded++;
      throw new Error('never loaded');
    });
    pwa.start();
    expect(loaded).toBe(0);
    expect(pwa.canInstall).toBe(false);
  });
});
