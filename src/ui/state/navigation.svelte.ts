export type Screen = 'loading' | 'welcome' | 'setup' | 'locked' | 'slots' | 'add' | 'import' | 'settings' | 'gone' | 'stale';

/**
 * Why the add screen opens, and with what: pick a way, go straight to the camera
 * (the "Scan QR code" shortcut), or handle a text already in hand (an activation
 * link opened cold, a share). Lives in memory only: an activation text is a secret.
 */
export type AddIntent =
  | { kind: 'choose' }
  | { kind: 'scan' }
  | { kind: 'text'; text: string }
  | { kind: 'shared' };

/** Which screen shows, and what the add and import screens open with. */
export class Navigation {
  screen = $state<Screen>('loading');
  /** What the add screen should do when it opens. */
  addIntent = $state.raw<AddIntent>({ kind: 'choose' });
  /** Where "Import from another app" goes back to. */
  importFrom = $state<'settings' | 'add'>('settings');

  /** True while the vault is open: the screens only an unlocked vault shows. */
  get unlocked(): boolean {
    return this.screen === 'slots' || this.screen === 'add' || this.screen === 'import' || this.screen === 'settings';
  }

  start(): void {
    this.screen = 'setup';
  }

  openSettings(): void {
    this.screen = 'settings';
  }

  openImport(from: 'settings' | 'add'): void {
    this.importFrom = from;
    this.screen = 'import';
  }

  closeImport(): void {
    this.screen = this.importFrom === 'add' ? 'add' : 'settings';
  }

  openAdd(intent: AddIntent = { kind: 'choose' }): void {
    this.addIntent = intent;
    this.screen = 'add';
  }

  closeAdd(): void {
    this.addIntent = { kind: 'choose' };
    this.screen = 'slots';
  }
}
