/**
 * One privacyIDEA 2step enrollment in the add flow (src/core/two-step.ts): the client's part,
 * made once from fresh randomness and shown for the user to type on the provider's page, and
 * the user's confirmation that they did. Only then does the slot get the derived secret and
 * get stored: a slot whose second step never reached the server would show wrong codes.
 * In memory only, like every activation in progress.
 */
import type { SlotDraft } from '../../core/slot';
import { base32check, completeTwoStep, twoStepClientPart, type TwoStepParams } from '../../core/two-step';
import { randomBytes } from '../../platform/webcrypto';

/** Letters per group when shown; the groups are only spacing, never typed. */
const GROUP = 4;

export class TwoStepEnrollment {
  /** Ticked by the user once the code is typed on the provider's page. */
  confirmed = $state(false);
  /** The client's part in privacyIDEA's base32check form, exactly as the server expects it. */
  readonly code: string;
  readonly #draft: SlotDraft;
  readonly #params: TwoStepParams;
  readonly #clientPart: Uint8Array;

  constructor(draft: SlotDraft, params: TwoStepParams, random: (n: number) => Uint8Array = randomBytes) {
    this.#draft = draft;
    this.#params = params;
    this.#clientPart = twoStepClientPart(random(params.clientSize), params);
    this.code = base32check(this.#clientPart);
  }

  /** The code cut into groups of four for reading (the text itself has no spaces). */
  get groups(): string[] {
    return this.code.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? [];
  }

  /** The slot to store: null until the user has confirmed the second step. */
  finish(): SlotDraft | null {
    return this.confirmed ? completeTwoStep(this.#draft, this.#params, this.#clientPart) : null;
  }
}
