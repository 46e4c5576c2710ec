/**
 * privacyIDEA-managed slots in the UI: register (from the add screen), sync (slot menu,
 * Settings, optionally at unlock), move to a new device, delete and unregister. Talks to
 * src/platform/privacyidea.ts; the app state hands in the unlocked vault and takes back the
 * slots. Which servers this Keyslot may talk to is fixed when it is built
 * (KEYSLOT_PRIVACYIDEA_ORIGINS → __KEYSLOT_PRIVACYIDEA_ORIGINS__).
 */
import type { Slot } from '../core/slot';
import type { PiaRegistration } from '../core/privacyidea/registration';
import type { MessageKey } from './i18n/i18n';
import type { UnlockedVault } from '../platform/vault';
import type { RemoveOutcome, SyncOutcome } from '../platform/privacyidea';

/** The deployment's allow-list; none when the build did not set one. */
export const PIA_ORIGINS: readonly string[] =
  typeof __KEYSLOT_PRIVACYIDEA_ORIGINS__ === 'undefined' ? [] : __KEYSLOT_PRIVACYIDEA_ORIGINS__;

/** What the app state lends this class. */
export interface PiaHost {
  vault(): UnlockedVault;
  slots: Slot[];
  lastAddedId: string | null;
  announce(key: MessageKey, params?: Record<string, string | number>): void;
  closeAdd(): void;
}

const client = () => import('../platform/privacyidea');

export class PiaState {
  /** The container being synced, moved or removed right now (its serial), or 'register'. */
  busy = $state<string | null>(null);
  #host: PiaHost;

  constructor(host: PiaHost) {
    this.#host = host;
  }

  async #reload(vault: UnlockedVault): Promise<void> {
    this.#host.slots = await vault.listSlots();
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
  register(reg: PiaRegistration, passphrase: string, nowMs: number = Date.now()): Promise<SyncOutcome> {
    return this.#while('register', async () => {
      const vault = this.#host.vault();
      const { registerContainer } = await client();
      const out = await registerContainer(vault, reg, {
        passphrase,
        nowMs,
        allowedOrigins: PIA_ORIGINS,
        appOrigin: location.origin,
      });
      await this.#reload(vault);
      this.#host.lastAddedId = out.added[0]?.id ?? null;
      this.#host.closeAdd();
      const count = out.added.length + out.changed;
      this.#host.announce(count === 1 ? 'pia.added.one' : 'pia.added.other', { count, issuer: reg.issuer });
      return out;
    });
  }

  /** Sync one container; the outcome says what changed (withdrawn slots included). */
  sync(container: string): Promise<SyncOutcome> {
    return this.#while(container, async () => {
      const vault = this.#host.vault();
      const { syncContainer } = await client();
      const out = await syncContainer(vault, container);
      await this.#reload(vault);
      return out;
    });
  }

  /** Sync one container from the slot menu or Settings, and say what happened. */
  async syncAndSay(container: string, issuer: string): Promise<SyncOutcome> {
    const out = await this.sync(container);
    const n = out.added.length;
    if (out.withdrawn > 0) this.#host.announce('pia.withdrawn', { issuer });
    else if (n > 0)
      this.#host.announce(n === 1 ? 'pia.syncedAdded.one' : 'pia.syncedAdded.other', { count: n, issuer });
    else this.#host.announce('pia.synced', { issuer });
    return out;
  }

  /** Delete a withdrawn slot (the server no longer has it: nothing to tell it). */
  deleteWithdrawn(id: string): Promise<void> {
    return this.#while(id, async () => {
      const vault = this.#host.vault();
      const { deleteManagedSlots } = await client();
      await deleteManagedSlots(vault, [id]);
      await this.#reload(vault);
      this.#host.announce('pia.removed.local');
    });
  }

  /** Sync every registered container (Settings, unlock); the first failure is thrown after trying all. */
  async syncAll(): Promise<SyncOutcome[]> {
    const { containerSerials } = await client();
    const outcomes: SyncOutcome[] = [];
    let failure: unknown = null;
    for (const serial of containerSerials(this.#host.slots)) {
      try {
        outcomes.push(await this.sync(serial));
      } catch (e) {
        failure ??= e;
      }
    }
    if (failure) throw failure;
    return outcomes;
  }

  /** The rollover QR text for the new device to scan. */
  moveCode(container: string): Promise<string> {
    return this.#while(container, async () => {
      const { requestRollover } = await client();
      return requestRollover(this.#host.vault(), container);
    });
  }

  /** Delete the container's slots, unregistering it on the server when possible. */
  remove(container: string): Promise<RemoveOutcome> {
    return this.#while(container, async () => {
      const vault = this.#host.vault();
      const { removeContainer } = await client();
      const out = await removeContainer(vault, container);
      await this.#reload(vault);
      this.#host.announce(`pia.removed.${out}`);
      return out;
    });
  }
}
