/**
 * The "Enter the activation code" step of a sealed activation link (src/core/sealed-link.ts):
 * the typed code, the error of the last try, and whether a try is running. One try at a time:
 * each costs one Argon2id run (64 MiB by default, about a second), which is the only brake on
 * guessing here. Anyone holding the link can guess offline anyway; the code's 50 bits are the
 * protection (docs/activation-links.md).
 */
import { readOpenedActivation, type OpenedActivation } from '../../core/activation';
import type { SealedActivation } from '../../core/sealed-link';

/** Decrypts the link with the typed code: the URI inside, or a KeyslotError. */
export type LinkOpener = (sealed: SealedActivation, code: string) => Promise<string>;

// Loaded when first needed: the add screen's first render carries no crypto.
const openInWorker: LinkOpener = async (sealed, code) =>
  (await import('../../platform/sealed-link')).openSealedLink(sealed, code);

export class ActivationCodeEntry {
  /** What is in the field. Cleared once the link is open. */
  code = $state('');
  /** Why the last try failed (a KeyslotError for the catalogue), or null. */
  error = $state.raw<unknown>(null);
  busy = $state(false);
  readonly #sealed: SealedActivation;
  readonly #open: LinkOpener;

  constructor(sealed: SealedActivation, open: LinkOpener = openInWorker) {
    this.#sealed = sealed;
    this.#open = open;
  }

  /** Tries the typed code: the activation inside the link, or null with `error` set. */
  async submit(): Promise<OpenedActivation | null> {
    if (this.busy) return null;
    this.busy = true;
    this.error = null;
    try {
      const opened = readOpenedActivation(await this.#open(this.#sealed, this.code));
      this.code = '';
      return opened;
    } catch (e) {
      this.error = e;
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Leaving the step: nothing typed outlives it. */
  clear(): void {
    this.code = '';
    this.error = null;
  }
}
