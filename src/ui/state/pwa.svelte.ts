/**
 * Install and update state for the UI: is a new version waiting, can Keyslot be installed
 * (beforeinstallprompt, or iOS/iPadOS where installing is "Share → Add to Home Screen"), and
 * is it running installed. One instance for the app (`pwa`); App.svelte calls start() once.
 */
// Installs the Trusted Types default policy before anything creates a worker.
import '../../platform/trusted-types';
import { isAppleMobile } from '../device';

// workbox-window and the registration load after the first screen (a lazy chunk, precached
// like every other): nothing about updates is needed to show the unlock screen.
const loadPwa = () => import('../../platform/pwa');

/** Chromium's install prompt event (not in TypeScript's DOM library). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}


function runningStandalone(): boolean {
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return iosStandalone || matchMedia('(display-mode: standalone)').matches;
}

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

  constructor() {
    const hasWindow = typeof window !== 'undefined';
    this.appleMobile = hasWindow && isAppleMobile(navigator.userAgent, navigator.platform, navigator.maxTouchPoints);
    if (!hasWindow) return;
    // Listen at once: beforeinstallprompt may fire before any screen is mounted.
    window.addEventListener('beforeinstallprompt', (event) => {
      event.preventDefault(); // no browser mini-infobar: Keyslot shows its own "Install Keyslot"
      this.installPrompt = event as BeforeInstallPromptEvent;
    });
    window.addEventListener('appinstalled', () => {
      this.installPrompt = null;
      this.installed = true;
    });
    this.standalone = runningStandalone();
    matchMedia('(display-mode: standalone)').addEventListener('change', () => (this.standalone = runningStandalone()));
  }

  /** Registers the service worker (once). */
  start(): void {
    if (this.#started || typeof window === 'undefined') return;
    this.#started = true;
    void loadPwa().then(({ registerServiceWorker }) =>
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
    void loadPwa().then(({ applyUpdate }) => applyUpdate());
  }
}

export const pwa = new PwaState();
