/**
 * privacyIDEA-managed slots in the UI: register (from the add screen), sync (slot menu,
 * Settings, optionally at unlock), move to a new device, delete and unregister. Talks to
 * src/platform/privacyidea.ts (loaded only when needed); every slot it stores goes through the
 * slots state's one write path (SlotsState.containerVault), the network round trips outside it.
 * Which servers this Keyslot may talk to is fixed when it is built
 * (KEYSLOT_PRIVACYIDEA_ORIGINS → __KEYSLOT_PRIVACYIDEA_ORIGINS__).
 */
import type { PiaRegistration } from '../../core/privacyidea/registration';
import type { RemoveOutcome, SyncOutcome } from '../../platform/privacyidea';
import type { Announcer } from './announcer.svelte.ts';
import type { Navigation } from './navigation.svelte.ts';
import type { SlotsState } from './slots.svelte.ts';

/** The deployment's allow-list; none when the build did not set one. */
export const PIA_ORIGINS: readonly string[] =
  typeof __KEYSLOT_PRIVACYIDEA_ORIGINS__ === 'undefined' ? [] : __KEYSLOT_PRIVACYIDEA_ORIGINS__;

export type PiaClient = typeof import('../../platform/privacyidea');

/** What the class needs from outside, so a test can hand in its own (the server, the clock, this origin). */
export interface PiaEnvironment {
  client: () => Promise<PiaClient>;
  allowedOrigins: readonly string[];
  appOrigin: () => string;
  now: () => number;
  online: () => boolean;
}

const browserEnvironment: PiaEnvironment = {
  client: () => import('../../platform/privacyidea'),
  allowedOrigins: PIA_ORIGINS,
  appOrigin: () => location.origin,
  now: () => Date.now(),
  online: () => navigator.onLine,
};

/** The words for what a sync did, as the slot menu and Settings say it. */
export function syncMessage(
  outcomes: readonly SyncOutcome[],
  issuer: string,
): {
  key: 'pia.withdrawn' | 'pia.syncedAdded.one' | 'pia.syncedAdded.other' | 'pia.synced';
  params: Record<string, string | number>;
} {
  const added = outcomes.reduce((n, o) => n + o.added.length, 0);
  if (outcomes.some((o) => o.withdrawn > 0)) return { key: 'pia.withdrawn', params: { issuer } };
  if (added > 0)
    return { key: added === 1 ? 'pia.syncedAdded.one' : 'pia.syncedAdded.other', params: { count: added, issuer } };
  return { key: 'pia.synced', params: { issuer } };
}

export class PiaState {
  /** The container being synced, moved or removed right now (its serial), or 'register'. */
  busy = $state<string | null>(null);
  readonly #slots: SlotsState;
  readonly #nav: Navigation;
  readonly #announcer: Announcer;
  readonly #env: PiaEnvironment;

  constructor(slots: SlotsState, nav: Navigation, announcer: Announcer, env: PiaEnvironment = browserEnvironment) {
    this.#slots = slots;
    this.#nav = nav;
    this.#announcer = announcer;
    this.#env = env;
  }

  /** True when some slot belongs to a registered (not withdrawn) container. */
  get registered(): boolean {
    return this.#slots.slots.some((s) => s.managed && s.managed.withdrawn === '');
  }

  async #while<T>(what: string, work: () => Promise<T>): Promise<T> {
    this.busy = what;
    try {
      return await work();
    } finally {
      this.busy = null;
    }
  }

  /** Register with the container of a confirmed QR, then announce what arrived. Throws for the screen to show. */
  register(reg: PiaRegistration, passphrase: string): Promise<SyncOutcome> {
    return this.#while('register', async () => {
      const { registerContainer } = await this.#env.client();
      const out = await registerContainer(this.#slots.containerVault(), reg, {
        passphrase,
        nowMs: this.#env.now(),
        allowedOrigins: this.#env.allowedOrigins,
        appOrigin: this.#env.appOrigin(),
      });
      this.#slots.lastAddedId = out.added[0]?.id ?? null;
      this.#nav.closeAdd();
      const count = out.added.length + out.changed;
      this.#announcer.announce(count === 1 ? 'pia.added.one' : 'pia.added.other', { count, issuer: reg.issuer });
      return out;
    });
  }

  /** Sync one container; the outcome says what changed (withdrawn slots included). */
  sync(container: string): Promise<SyncOutcome> {
    return this.#while(container, async () => {
      const { syncContainer } = await this.#env.client();
      return syncContainer(this.#slots.containerVault(), container);
    });
  }

  /** Sync one container from the slot menu, and say what happened. */
  async syncAndSay(container: string, issuer: string): Promise<SyncOutcome> {
    const out = await this.sync(container);
    const { key, params } = syncMessage([out], issuer);
    this.#announcer.announce(key, params);
    return out;
  }

  /** Delete a withdrawn slot (the server no longer has it: nothing to tell it). */
  deleteWithdrawn(id: string): Promise<void> {
    return this.#while(id, async () => {
      const { deleteManagedSlots } = await this.#env.client();
      await deleteManagedSlots(this.#slots.containerVault(), [id]);
      this.#announcer.announce('pia.removed.local');
    });
  }

  /** Sync every registered container (Settings, unlock); the first failure is thrown after trying all. */
  async syncAll(): Promise<SyncOutcome[]> {
    const { containerSerials } = await this.#env.client();
    const outcomes: SyncOutcome[] = [];
    let failure: unknown = null;
    for (const serial of containerSerials(this.#slots.slots)) {
      try {
        outcomes.push(await this.sync(serial));
      } catch (e) {
        failure ??= e;
      }
    }
    if (failure) throw failure;
    return outcomes;
  }

  /** After unlock (Settings → privacyIDEA, "sync at unlock"): once, when online; a failure waits for the next one. */
  syncAtUnlock(enabled: boolean): void {
    if (enabled && this.registered && this.#env.online()) void this.syncAll().catch(() => undefined);
  }

  /** The rollover QR text for the new device to scan. */
  moveCode(container: string): Promise<string> {
    return this.#while(container, async () => {
      const { requestRollover } = await this.#env.client();
      return requestRollover(this.#slots.containerVault(), container);
    });
  }

  /** Delete the container's slots, unregistering it on the server when possible. */
  remove(container: string): Promise<RemoveOutcome> {
    return this.#while(container, async () => {
      const { removeContainer } = await this.#env.client();
      const out = await removeContainer(this.#slots.containerVault(), container);
      this.#announcer.announce(`pia.removed.${out}`);
      return out;
    });
  }
}
