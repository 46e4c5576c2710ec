export type Screen =
  'loading' | 'welcome' | 'setup' | 'locked' | 'slots' | 'add' | 'import' | 'settings' | 'gone' | 'stale';

/**
 * Why the add screen opens, and with what: pick a way, go straight to the camera
 * (the "Scan QR code" shortcut), or handle a text already in hand (an activation
 * link opened cold, a share). Lives in memory only: an activation text is a secret.
 * `viaAddressBar`: the text came from the URL (an activation link opened in the browser), so
 * the browser has already recorded it in its history (LinkExposure).
 */
export type AddIntent =
  { kind: 'choose' } | { kind: 'scan' } | { kind: 'text'; text: string; viaAddressBar?: boolean } | { kind: 'shared' };

/**
 * The sections of Settings, in the order the Settings page lists them: each opens its own
 * screen (issue 15: a short page of sections, not one long page of every card).
 */
export const SETTINGS_SECTIONS = [
  'security',
  'backups',
  'groups',
  'privacyidea',
  'appearance',
  'language',
  'clock',
  'storage',
  'about',
] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/** The browser's history as Navigation uses it (platform/back-button.ts; a fake in tests). */
export interface BackHistory {
  hold(): void;
  release(): void;
  listen(back: () => void): void;
}

/**
 * Which screen shows, which Settings section is open, and what the add and import screens open with.
 * With a BackHistory, the system Back button goes one level up from an inner screen (a Settings
 * section → Settings → the list; Add or Import → where they were opened from) instead of leaving
 * Keyslot: while an inner screen shows, the history holds one extra entry.
 */
export class Navigation {
  #screen = $state<Screen>('loading');
  /** What the add screen should do when it opens. */
  addIntent = $state.raw<AddIntent>({ kind: 'choose' });
  /** Where "Import from another app" goes back to. */
  importFrom = $state<'settings' | 'add'>('settings');
  /** The open Settings section; null: the Settings page with the list of sections. */
  settingsSection = $state<SettingsSection | null>(null);
  /** The section just left with Back: its button on the Settings page takes the focus again. */
  returnToSection = $state<SettingsSection | null>(null);

  readonly #history: BackHistory | null;
  /** What the open screen does on Back instead of the default (Add: its Cancel; Import: Stop first). */
  #backHandler: (() => void) | null = null;

  constructor(history: BackHistory | null = null) {
    this.#history = history;
    history?.listen(() => this.back());
  }

  get screen(): Screen {
    return this.#screen;
  }
  set screen(screen: Screen) {
    this.#screen = screen;
    this.#syncHistory();
  }

  /** An inner screen (Back has somewhere to go inside Keyslot). */
  get inner(): boolean {
    return this.#screen === 'add' || this.#screen === 'import' || this.#screen === 'settings';
  }

  #syncHistory(): void {
    if (this.inner) this.#history?.hold();
    else this.#history?.release();
  }

  /**
   * The open screen's own Back (its Cancel, or "stay" while it cannot be left). Returns the
   * function that removes it (call it when the screen goes).
   */
  handleBack(handler: () => void): () => void {
    this.#backHandler = handler;
    return () => {
      if (this.#backHandler === handler) this.#backHandler = null;
    };
  }

  /** The system Back: one level up, as each screen's own Back button does. */
  back(): void {
    if (this.#screen === 'settings' && this.settingsSection !== null) this.closeSection();
    else if (this.#backHandler && (this.#screen === 'add' || this.#screen === 'import')) this.#backHandler();
    else if (this.#screen === 'import') this.closeImport();
    else if (this.#screen === 'add') this.closeAdd();
    else if (this.#screen === 'settings') this.screen = 'slots';
    this.#syncHistory(); // still inner (a handler that stays, a section closed): Back is held again
  }

  /** True while the vault is open: the screens only an unlocked vault shows. */
  get unlocked(): boolean {
    return this.screen === 'slots' || this.screen === 'add' || this.screen === 'import' || this.screen === 'settings';
  }

  start(): void {
    this.screen = 'setup';
  }

  /** Settings, at its list of sections (or straight at one). */
  openSettings(section: SettingsSection | null = null): void {
    this.settingsSection = section;
    this.returnToSection = null;
    this.screen = 'settings';
  }

  openSection(section: SettingsSection): void {
    this.returnToSection = null;
    this.settingsSection = section;
  }

  /** Back from a section to the Settings page, focus on that section's button. */
  closeSection(): void {
    this.returnToSection = this.settingsSection;
    this.settingsSection = null;
  }

  openImport(from: 'settings' | 'add'): void {
    this.importFrom = from;
    this.screen = 'import';
  }

  /** Back where the import was opened: the add screen, or Settings → Backups. */
  closeImport(): void {
    this.screen = this.importFrom === 'add' ? 'add' : 'settings';
  }

  openAdd(intent: AddIntent = { kind: 'choose' }): void {
    this.addIntent = intent;
    this.screen = 'add';
  }

  /**
   * Back to the list once an add is done. `started`: the add screen's intent when the add began;
   * if another has arrived since (an activation link opened while the slot was being saved),
   * the add screen stays open with that one: a link is never dropped (issue 15).
   */
  closeAdd(started?: AddIntent): void {
    if (started !== undefined && this.screen === 'add' && this.addIntent !== started) return;
    this.addIntent = { kind: 'choose' };
    this.screen = 'slots';
  }
}
