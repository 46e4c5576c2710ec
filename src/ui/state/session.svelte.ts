/**
 * The vault's session: whether it exists, is locked or open, what opens it (PIN or passphrase),
 * and the Settings actions that check the PIN again. Opening hands the vault to the slots state;
 * locking takes it back and forgets every decrypted secret and shown code.
 */
import { KeyslotError, isKeyslotError } from '../../core/errors';
import type { AttemptGuard } from '../../core/attempt-guard';
import type { SecretInput } from '../../core/vault';
import { language, secretKey, useSecretWording } from '../i18n/i18n';
import { locked } from './lock-hooks';
import type { UnlockedVault } from '../../platform/vault';
import type { ConnectionLoss } from '../../platform/storage';
import {
  forgetVault,
  rememberVault,
  requestPersistence,
  storageStatus,
  vaultCreatedAt,
  type StorageStatus,
} from '../../platform/storage-health';
import { clearBootNote, readBootNote } from '../../platform/boot-note';
import type { Announcer } from './announcer.svelte.ts';
import type { AddIntent, Navigation } from './navigation.svelte.ts';
import type { SlotsState } from './slots.svelte.ts';

export type { ConnectionLoss, StorageStatus };

/** The slots state, loaded on demand (context.ts): `current` once loaded, null before. */
export interface LazySlots {
  readonly current: SlotsState | null;
  load(): Promise<SlotsState>;
}

/**
 * A lazily imported chunk, loaded once on first use. A failed load (offline, chunk gone after an
 * update) is retried next time.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((e: unknown) => {
      loading = null;
      throw e;
    }));
}

/** Creating, opening and changing the vault (session-services.ts): from the first digit typed. */
const services = once(() => import('./session-services'));
/** What the unlock screen asks of storage before any input (session-probe.ts). */
const probe = once(() => import('./session-probe'));

export class Session {
  /**
   * What opens the vault: a PIN of digits or a passphrase (read from the vault header). The
   * unlock and Settings fields follow it: keypad or keyboard, "PIN" or "Passphrase".
   */
  secretInput = $state<SecretInput>('digits');
  /** True when the slots were erased by the "erase after 10 wrong PINs" setting (screen 'gone'). */
  erased = $state(false);
  /** Why this tab lost its database connection (screen 'stale'). */
  connectionLost = $state<ConnectionLoss | null>(null);
  /** Why the last unlock could not open every slot (the unlock screen shows it once), or null. */
  openError = $state.raw<unknown>(null);
  /** True while something is typed into the unlock field (an update then waits: a reload would lose it). */
  unlockTyped = $state(false);

  #vault: UnlockedVault | null = null;
  /** Loaders to start on the first character typed into the unlock field (preloadWhileTyping). */
  #preloads: (() => unknown)[] = [];
  #preloaded = false;
  /** Where the app was launched to go (activation link, shortcut), honoured once unlocked. */
  #launch: AddIntent | null;
  readonly #nav: Navigation;
  readonly #slots: LazySlots;
  readonly #announcer: Announcer;
  /** What else runs once the slots are open after an unlock (privacyIDEA's sync at unlock). */
  readonly #afterUnlock: () => void;

  constructor(
    nav: Navigation,
    slots: LazySlots,
    announcer: Announcer,
    launch: AddIntent | null = null,
    afterUnlock: () => void = () => undefined,
  ) {
    this.#nav = nav;
    this.#slots = slots;
    this.#announcer = announcer;
    this.#launch = launch;
    this.#afterUnlock = afterUnlock;
  }

  /**
   * An activation link (or shortcut) arriving while the app is already open: go
   * straight to it when unlocked, or after the PIN when locked.
   */
  launchWith(intent: AddIntent): void {
    if (this.#vault) this.#nav.openAdd(intent);
    else this.#launch = intent;
  }

  /** True while an activation link opened the app and waits for the PIN. */
  get activationWaiting(): boolean {
    return this.#launch?.kind === 'text';
  }

  /** Something the unlock screen does not need but the next one does (the list's code): loaded while the PIN is typed. */
  preloadWhileTyping(load: () => unknown): void {
    this.#preloads.push(load);
  }

  /**
   * The unlock field changed. While something is typed an update waits (a reload would lose it);
   * each character makes sure the key-derivation worker (and its WebAssembly) is starting, so it
   * is ready when Unlock is pressed; the first also starts the preloads.
   */
  typing(value: string): void {
    this.unlockTyped = value !== '';
    if (value === '') return;
    // prepareKdf makes one spare worker at most; a failed try used it, so the next digit makes another.
    void services()
      .then((s) => s.prepareKdf())
      .catch(() => undefined);
    this.#startPreloads();
  }

  /** Once: the slots state and what App asked for (preloadWhileTyping), on the first digit or else on opening. */
  #startPreloads(): void {
    if (this.#preloaded) return;
    this.#preloaded = true;
    void this.#slots.load().catch(() => undefined);
    for (const load of this.#preloads)
      void Promise.resolve()
        .then(load)
        .catch(() => undefined);
  }

  async init(): Promise<void> {
    const checked = probe().then(async ({ hasVault, onVersionChange, secretInput }) => {
      // Another tab upgrading the database (or the browser closing it): lock, ask for a reload.
      onVersionChange((reason) => this.#lostConnection(reason));
      const exists = await hasVault();
      if (exists) {
        rememberVault(); // a vault from before the marker existed gets one now
        this.#setSecretInput(await secretInput());
      } else clearBootNote(); // the next start must not paint an unlock form (src/boot/boot.js)
      // Had a vault here, and it is gone: say so rather than greet a "new" user.
      const screen = exists ? 'locked' : vaultCreatedAt() ? 'gone' : 'welcome';
      const nav = this.#nav;
      if (nav.screen === 'loading' || (nav.screen === 'locked' && screen !== 'locked')) nav.screen = screen;
    });
    // The marker says a vault was made here: show the PIN field at once, without waiting for
    // IndexedDB to open (about a third of an offline cold start). The check above still runs and
    // turns this into "Your slots are gone" if the vault has vanished.
    if (vaultCreatedAt()) {
      // The boot note's secret kind (what src/boot/boot.js painted) until the header says.
      const note = readBootNote();
      if (note) {
        this.secretInput = note.secret === 'passphrase' ? 'passphrase' : 'digits';
        useSecretWording(this.secretInput);
      }
      this.#nav.screen = 'locked';
      checked.catch(() => undefined); // a broken database shows up when unlocking (STORAGE_FAILED)
      return;
    }
    await checked;
  }

  /** When a vault was made in this browser (the "had a vault" note), for "Your slots are gone". */
  createdAt(): Date | null {
    return vaultCreatedAt();
  }

  /** Settings → Storage: will the browser keep the slots (persisted, usage), as it says now. */
  storageStatus(): Promise<StorageStatus> {
    return storageStatus();
  }

  /** Settings → Storage → ask the browser to keep the slots. */
  async keepData(): Promise<void> {
    await requestPersistence();
  }

  /** From "Your slots are gone": acknowledge, forget the marker, set up a new PIN. */
  startFresh(): void {
    forgetVault();
    clearBootNote();
    this.erased = false;
    this.#nav.screen = 'setup';
  }

  /** The failed-attempt guard (attempts left, wait, erase setting), read from storage. */
  async attemptGuard(): Promise<AttemptGuard> {
    return (await probe()).attemptGuard();
  }

  /** Settings: turn "erase all slots after 10 wrong PINs" on or off (needs the vault unlocked). */
  setEraseAfterFailures(on: boolean): Promise<AttemptGuard> {
    return this.#requireVault().setEraseAfterFailures(on);
  }

  /**
   * Settings → Change PIN. The new PIN follows the setup rules (same errors, confirmation field
   * 'confirm'); a wrong current PIN is a counted failed attempt (vault.ts changePin). Field
   * 'current' on errors about the current PIN, so the form puts them under the right field.
   */
  async changePin(current: string, pin: string, confirm: string, input: SecretInput = 'digits'): Promise<void> {
    const vault = this.#requireVault();
    (await services()).validateNewSecret(input, pin, confirm);
    if (await this.#withCurrentPin(() => vault.changePin(current, pin, { input }))) {
      this.#setSecretInput(input);
      this.noteBoot();
      this.#announcer.announce(secretKey('changePin.done', input));
    }
  }

  #setSecretInput(input: SecretInput): void {
    this.secretInput = input;
    useSecretWording(input);
  }

  /**
   * The boot note (platform/boot-note.ts) says what the vault opens with and in which language,
   * so the next start paints the right unlock form (src/boot/boot.js). Written after every
   * unlock or setup, Change PIN and language choice; from the vault's chunk, loaded by then.
   */
  noteBoot(): void {
    const secret = this.secretInput === 'passphrase' ? 'passphrase' : 'pin';
    void services()
      .then((s) => s.writeBootNote({ lang: language(), secret }))
      .catch(() => undefined);
  }

  /** Whether the stored vault has a passkey unlock method (the unlock screen's button). */
  async hasPasskey(): Promise<boolean> {
    return (await probe()).hasPasskey();
  }

  /** Whether this browser may do passkey unlock (WebAuthn PRF); Settings shows the section only then. */
  async passkeySupported(): Promise<boolean> {
    return (await probe()).prfSupported();
  }

  /**
   * Settings → add a passkey. The current PIN is a counted attempt, as in changePin (errors
   * about it get field 'current'); then the authenticator asks the person to verify.
   */
  async addPasskey(current: string): Promise<void> {
    const vault = this.#requireVault();
    if (await this.#withCurrentPin(() => vault.addPasskey(current))) this.#announcer.announce('passkey.added');
  }

  /** Settings → remove the passkey: the PIN alone opens the vault again. */
  async removePasskey(): Promise<void> {
    await this.#requireVault().removePasskey();
    this.#announcer.announce('passkey.removed');
  }

  /**
   * Runs a Settings action that checks the current PIN (a counted attempt). Returns false
   * when that attempt erased the vault (the erase setting): the app then shows so. Errors
   * about the current PIN get field 'current', so the form puts them under that field.
   */
  async #withCurrentPin(action: () => Promise<void>): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (e) {
      if (isKeyslotError(e, 'VAULT_ERASED')) {
        this.lock();
        this.#erasedNow();
        return false;
      }
      if (isKeyslotError(e, 'PIN_WRONG') || isKeyslotError(e, 'PIN_WAIT')) {
        throw new KeyslotError(e.code, e.min === undefined ? { field: 'current' } : { field: 'current', min: e.min });
      }
      throw e;
    }
  }

  /** The erase setting fired: the slots are gone on purpose, so the "had a vault" note goes too. */
  #erasedNow(): void {
    forgetVault();
    clearBootNote();
    this.erased = true;
    this.#nav.screen = 'gone';
  }

  /**
   * The PIN again before any secret is shown (plain export, a slot's QR code, Show secret): a
   * counted attempt, as in changePin (errors get field 'current'). False when that attempt
   * erased the vault (the erase setting): the app then shows so, and nothing is shown.
   */
  async verifyPin(pin: string): Promise<boolean> {
    const vault = this.#requireVault();
    return this.#withCurrentPin(() => vault.verifyPin(pin));
  }

  /** Unlock screen → "Unlock with passkey". Errors (PASSKEY_*) go to the screen; the PIN still works. */
  async unlockWithPasskey(): Promise<void> {
    await this.#unlocked(await (await services()).unlockWithPasskey());
  }

  #lostConnection(reason: ConnectionLoss): void {
    this.lock();
    this.connectionLost = reason;
    this.#nav.screen = 'stale';
  }

  async createPin(pin: string, confirm: string, input: SecretInput = 'digits'): Promise<void> {
    const { createVault, validateNewSecret } = await services();
    validateNewSecret(input, pin, confirm);
    const vault = await createVault(pin, { input });
    this.#setSecretInput(input);
    rememberVault(new Date(), true);
    // A new vault has no first-screen hint: every slot (none) is in at once.
    const { whole } = await (await this.#slots.load()).open(vault);
    await whole;
    this.#vault = vault;
    this.#opened();
  }

  async unlock(pin: string): Promise<void> {
    let vault: UnlockedVault;
    try {
      vault = await (await services()).unlockVault(pin, Date.now());
    } catch (e) {
      if (!isKeyslotError(e, 'VAULT_ERASED')) throw e;
      this.#erasedNow();
      return;
    }
    await this.#unlocked(vault);
    // Storage full: this try could not be counted (issue 14); say so, and why the next waits.
    if (vault.attemptUnsaved) this.#announcer.announce(secretKey('unlock.unsavedAttempt', this.secretInput));
  }

  async #unlocked(vault: UnlockedVault): Promise<void> {
    // User Timing mark: lets `npm run bench` (and devtools) split KDF time from rendering time.
    performance.mark('keyslot:key-ready');
    let whole: Promise<void>;
    try {
      const slots = await this.#slots.load();
      ({ whole } = await slots.open(vault));
      // An activation link compares its slot with every slot (duplicate, reissue): it waits for them.
      if (this.#launch) {
        slots.loadRest();
        await whole;
      }
    } catch (e) {
      // Not opened: the key and whatever was decrypted go now, not whenever they are collected.
      vault.lock();
      this.#slots.current?.close();
      throw e;
    }
    this.#vault = vault;
    this.#opened();
    whole.then(
      () => {
        if (this.#vault === vault) this.#afterUnlock();
      },
      (e: unknown) => {
        // The first screen showed, but the rest cannot be read (a damaged record): as if the
        // unlock had failed, back to the PIN with the reason.
        if (this.#vault !== vault) return;
        this.lock();
        this.openError = e;
      },
    );
  }

  /** After unlock or setup: the list, or where the launch asked to go. */
  #opened(): void {
    this.#startPreloads(); // unlocked without typing (passkey) or after setup
    this.noteBoot();
    const launch = this.#launch;
    this.#launch = null;
    this.unlockTyped = false;
    if (launch) this.#nav.openAdd(launch);
    else this.#nav.screen = 'slots';
  }

  lock(): void {
    this.#vault?.lock();
    this.#vault = null;
    // Forget every decrypted secret and shown code along with the key, the Keep-on-top window too.
    locked();
    this.#slots.current?.close();
    this.#announcer.clear();
    this.#nav.screen = 'locked';
  }

  #requireVault(): UnlockedVault {
    if (!this.#vault) throw new KeyslotError('VAULT_LOCKED');
    return this.#vault;
  }
}
