/**
 * The app's state, shared with the components through Svelte 5 context (createContext): App.svelte
 * makes one set with createAppState and provides it; a component asks for the part it needs
 * (useSession(), useSlots(), ...). No `app` prop handed down, no module singletons. Keep on top
 * loads with the list, so it is made on first use (useKeepOnTop in keep-on-top.svelte.ts).
 */
import { createContext } from 'svelte';
import { KeyslotError } from '../../core/errors';
import { Announcer } from './announcer.svelte.ts';
import { BrowserFeatures } from './browser-features.ts';
import { ClockCheck } from './clock-check.svelte.ts';
import type { ExtrasState } from './extras.svelte.ts';
import type { IconPacksState } from './icon-packs.svelte.ts';
import { LinkExposure } from './link-exposure.svelte.ts';
import { Navigation, type AddIntent } from './navigation.svelte.ts';
import { browserBackHistory } from '../../platform/back-button';
import type { PiaState } from './pia.svelte.ts';
import { Privacy } from './privacy.svelte.ts';
import { PwaState } from './pwa.svelte.ts';
import { Session, type LazySlots } from './session.svelte.ts';
import type { SlotsState } from './slots.svelte.ts';

export interface AppState {
  nav: Navigation;
  announcer: Announcer;
  slots: SlotsState;
  session: Session;
  privacy: Privacy;
  pwa: PwaState;
  clockCheck: ClockCheck;
  browser: BrowserFeatures;
  pia: PiaState;
  linkExposure: LinkExposure;
  extras: ExtrasState;
  iconPacks: IconPacksState;
}

/**
 * One connected set of state objects: the session opens the vault into the slots state. The
 * slots state (and what it imports) is its own chunk, loaded while the PIN is typed or on
 * unlock: the unlock screen never needs it. `slots` is there from the first unlock on.
 */
export function createAppState(launch: AddIntent | null = null): AppState {
  const nav = new Navigation(typeof window === 'undefined' ? null : browserBackHistory());
  const announcer = new Announcer();
  const privacy = new Privacy();
  let current: SlotsState | null = null;
  let loading: Promise<SlotsState> | null = null;
  let pia: PiaState | null = null;
  let extras: ExtrasState | null = null;
  let iconPacks: IconPacksState | null = null;
  // What works on the slots (privacyIDEA; groups, notes, icons) loads with them: one chunk set.
  let makers: { Pia: typeof PiaState } | null = null;
  const slots: LazySlots = {
    get current() {
      return current;
    },
    load() {
      loading ??= Promise.all([
        import('./slots.svelte.ts'),
        import('./pia.svelte.ts'),
        import('./extras.svelte.ts'),
        import('./icon-packs.svelte.ts'),
      ]).then(
        ([{ SlotsState }, { PiaState }, { ExtrasState }, { IconPacksState }]) => {
          makers = { Pia: PiaState };
          current ??= new SlotsState(nav, announcer, Date.now, () => privacy.prefs.sortOrder);
          // Made here, outside any component: its $derived fields must not belong to the list's
          // effect, which a lock destroys (Svelte's derived_inert warning after the next unlock).
          extras ??= new ExtrasState(current, announcer);
          const open = current;
          iconPacks ??= new IconPacksState(current, extras, announcer, { store: () => open.iconPacks() });
          pia ??= new PiaState(current, nav, announcer);
          return current;
        },
        (e: unknown) => {
          loading = null; // offline with the chunk missing: the next try loads it again
          throw e;
        },
      );
      return loading;
    },
  };
  const unlocked = (): SlotsState => {
    if (!current) throw new KeyslotError('VAULT_LOCKED');
    return current;
  };
  const loaded = (): NonNullable<typeof makers> => {
    if (!makers) throw new KeyslotError('VAULT_LOCKED');
    return makers;
  };
  // privacyIDEA works on the slots, so it is made with them, on first use after an unlock.
  const piaState = (): PiaState => (pia ??= new (loaded().Pia)(unlocked(), nav, announcer));
  // Settings → privacyIDEA: sync once at unlock when online.
  const session = new Session(nav, slots, announcer, launch, () =>
    piaState().syncAtUnlock(privacy.prefs.piaSyncAtUnlock),
  );
  const linkExposure = new LinkExposure();
  return {
    nav,
    announcer,
    session,
    linkExposure,
    privacy,
    pwa: new PwaState(),
    clockCheck: new ClockCheck(),
    browser: new BrowserFeatures(),
    get slots() {
      return unlocked();
    },
    get pia() {
      return piaState();
    },
    // Groups, notes and icons work on the slots too: made with them.
    get extras() {
      if (!extras) throw new KeyslotError('VAULT_LOCKED');
      return extras;
    },
    // Icon packs suggest icons for the slots: made with them too.
    get iconPacks() {
      if (!iconPacks) throw new KeyslotError('VAULT_LOCKED');
      return iconPacks;
    },
  };
}

const [getApp, setApp] = createContext<AppState>();

/** App.svelte: make the state available to every component below it. */
export function provideAppState(state: AppState): AppState {
  return setApp(state);
}

/** The whole set, for state made on first use (Keep on top). */
export const useApp = (): AppState => getApp();
export const useNavigation = (): Navigation => getApp().nav;
export const useAnnouncer = (): Announcer => getApp().announcer;
export const useSlots = (): SlotsState => getApp().slots;
export const useSession = (): Session => getApp().session;
export const usePrivacy = (): Privacy => getApp().privacy;
export const usePwa = (): PwaState => getApp().pwa;
export const useClockCheck = (): ClockCheck => getApp().clockCheck;
export const useBrowser = (): BrowserFeatures => getApp().browser;
export const usePia = (): PiaState => getApp().pia;
export const useLinkExposure = (): LinkExposure => getApp().linkExposure;
export const useExtras = (): ExtrasState => getApp().extras;
export const useIconPacks = (): IconPacksState => getApp().iconPacks;
