/**
 * The "Enter the activation code" step of a sealed activation link (src/core/sealed-link.ts):
 * the link waiting for its code, the typed code, the error of the last try, and whether a try
 * is running. One object per add screen, shared with the ActivationCode part by context.
 * One try at a time: each costs one Argon2id run in the KDF worker (64 MiB by default, about a
 * second), which is the only brake on guessing here. Anyone holding the link can guess offline
 * anyway; the code's 50 bits are the protection (docs/activation-links.md).
 */
import { createContext } from 'svelte';
import { readOpenedActivation, type OpenedActivation } from '../../core/activation';
import { normaliseCode, type SealedActivation } from '../../core/sealed-link';

/** Decrypts the link with the typed code: the URI inside, or a KeyslotError. */
export type LinkOpener = (sealed: SealedActivation, code: string) => Promise<string>;

// Loaded when first needed: the add screen's first render carries no crypto.
const openInWorker: LinkOpener = async (sealed, code) =>
  (await import('../../platform/sealed-link')).openSealedLink(sealed, code);

export class ActivationCodeEntry {
  /** The link waiting for its code; null when no link is. */
  sealed = $state.raw<SealedActivation | null>(null);
  /** What is in the field. Cleared once the link is open or the step is left. */
  code = $state('');
  /** Why the last try failed (a KeyslotError for the catalogue), or null. */
  error = $state.raw<unknown>(null);
  busy = $state(false);
  readonly #open: LinkOpener;

  constructor(open: LinkOpener = openInWorker) {
    this.#open = open;
  }

  /** A sealed link arrived (link, scan, image, paste, share): ask for its code. */
  begin(sealed: SealedActivation): void {
    this.clear();
    this.sealed = sealed;
  }

  /**
   * Tries the typed code: the activation inside the link, or null with `error` set (the
   * typed code stays, so a typo can be fixed). A try that ends after the step was left
   * (Cancel, another link) gives null and changes nothing.
   */
  async submit(): Promise<OpenedActivation | null> {
    const sealed = this.sealed;
    if (this.busy || !sealed) return null;
    this.busy = true;
    this.error = null;
    try {
      // A code of the wrong shape is refused here, before any key derivation starts.
      const opened = readOpenedActivation(await this.#open(sealed, normaliseCode(this.code)));
      if (this.sealed !== sealed) return null;
      this.clear();
      return opened;
    } catch (e) {
      if (this.sealed === sealed) this.error = e;
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Leaving the step: nothing typed outlives it, and the link is forgotten. */
  clear(): void {
    this.sealed = null;
    this.code = '';
    this.error = null;
  }
}

const [getEntry, setEntry] = createContext<ActivationCodeEntry>();

/** The add screen: one code step for the parts below it. */
export const provideActivationCode = (entry: ActivationCodeEntry): ActivationCodeEntry => setEntry(entry);
/** The ActivationCode part: the step its add screen provided. */
export const useActivationCode = (): ActivationCodeEntry => getEntry();
