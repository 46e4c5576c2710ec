/**
 * Install and update state for the UI: is a new version waiting, can Keyslot be installed
 * (beforeinstallprompt, or iOS/iPadOS where installing is "Share → Add to Home Screen"), and
 * is it running installed.
 */
// Installs the Trusted Types default policy before anything creates a worker.
import '../../platform/trusted-types';
import { isAppleMobile } from '../device';

// The registration loads after the first screen (a lazy chunk, precached
// like every other): nothing about updates is needed to show the unlock screen.
const loadPwa = () => import('../../platform/pwa');
export type PwaModule = Pick<Awaited<ReturnType<typeof loadPwa>>, 'registerServiceWorker' | 'applyUpdate'>;

/** Chromium's install prompt event (not in TypeScript's DOM library). */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** What the install state listens to: the page's window in the app, a fake in tests. */
export interface PwaEnvironment {
  events: Pick<EventTarget, 'addEventListener'>;
  matchMedia(query: string): Pick<MediaQueryList, 'matches' | 'addEventListener'>;
  navigator: { userAgent: string; platform: string; maxTouchPoints: number; standalone?: boolean };
}

const STANDALONE = '(display-mode: standalone)';

function pageEnvironment(): PwaEnvironment | null {
  if (typeof window === 'undefined') return null;
  return { events: window, matchMedia: (q) => window.matchMedia(q), navigator };
}

/** One per app, shared by context (usePwa); App.svelte calls start() once. */
export class PwaState {
  /** A new version is installed and waits for the user's Reload. */
  updateWaiting = $state(false);
  /** The user said "Later" to this update (until the next start). */
  updateDismissed = $state(false);
  /** Chromium offers installing: the saved beforeinstallprompt event. */
  installPrompt = $state.raw<BeforeInstallPromptEvent | null>(null);
  /** Running as an installed app (display-mode standalone). */
  standalone = $state(false);
  /** Installed during this visit (appinstalled). */
  installed = $state(false);
  readonly appleMobile: boolean;

  #started = false;
  readonly #env: PwaEnvironment | null;
  readonly #load: () => Promise<PwaModule>;

  constructor(env: PwaEnvironment | null = pageEnvironment(), load: () => Promise<PwaModule> = loadPwa) {
    this.#env = env;
    this.#load = load;
    const nav = env?.navigator;
    this.appleMobile = !!nav && isAppleMobile(nav.userAgent, nav.platform, nav.maxTouchPoints);
    if (!env) return;
    // Listen at once: beforeinstallprompt may fire before any screen is mounted.
    env.events.addEventListener('beforeinstallprompt', (event) => {
      event.preventDefault(); // no browser mini-infobar: Keyslot shows its own "Install Keyslot"
      this.installPrompt = event as BeforeInstallPromptEvent;
    });
    env.events.addEventListener('appinstalled', () => {
      this.installPrompt = null;
      this.installed = true;
    });
    this.standalone = this.#runningStandalone();
    env.matchMedia(STANDALONE).addEventListener('change', () => (this.standalone = this.#runningStandalone()));
  }

  #runningStandalone(): boolean {
    const env = this.#env;
    return !!env && (env.navigator.standalone === true || env.matchMedia(STANDALONE).matches);
  }

  /** Registers the service worker (once). */
  start(): void {
    if (this.#started || !this.#env) return;
    this.#started = true;
    void this.#load().then(({ registerServiceWorker }) =>
      registerServiceWorker({ onUpdateWaiting: () => (this.updateWaiting = true) }),
    );
  }

  /** Something to offer: the browser's prompt, or the iOS steps. Nothing once installed. */
  get canInstall(): boolean {
    return !this.standalone && !this.installed && (this.installPrompt !== null || this.appleMobile);
  }

  /** Shows the browser's install prompt. Returns whether the user accepted. */
  async promptInstall(): Promise<boolean> {
    const event = this.installPrompt;
    if (!event) return false;
    this.installPrompt = null; // a prompt event can be used once
    await event.prompt();
    const { outcome } = await event.userChoice;
    if (outcome === 'accepted') this.installed = true;
    return outcome === 'accepted';
  }

  /** The user pressed Reload on "Update available". */
  applyUpdate(): void {
    void this.#load().then(({ applyUpdate }) => applyUpdate());
  }
}
