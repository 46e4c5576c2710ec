/**
 * The app's state, shared with the components through Svelte 5 context (createContext): App.svelte
 * makes one set with createAppState and provides it; a component asks for the part it needs
 * (useSession(), useSlots(), ...). No `app` prop handed down, no module singletons.
 */
import { createContext } from 'svelte';
import { Announcer } from './announcer.svelte.ts';
import { ExtrasState } from './extras.svelte.ts';
import { Navigation, type AddIntent } from './navigation.svelte.ts';
import { PiaState } from './pia.svelte.ts';
import { privacy } from './privacy.svelte.ts';
import { Session } from './session.svelte.ts';
import { SlotsState } from './slots.svelte.ts';

export interface AppState {
  nav: Navigation;
  announcer: Announcer;
  slots: SlotsState;
  session: Session;
  pia: PiaState;
  extras: ExtrasState;
}

/** One connected set of state objects: the session opens the vault into the slots state. */
export function createAppState(launch: AddIntent | null = null): AppState {
  const nav = new Navigation();
  const announcer = new Announcer();
  const slots = new SlotsState(nav, announcer);
  const pia = new PiaState(slots, nav, announcer);
  // Settings → privacyIDEA: sync once at unlock when online.
  const session = new Session(nav, slots, announcer, launch, () => pia.syncAtUnlock(privacy.prefs.piaSyncAtUnlock));
  const extras = new ExtrasState(slots, announcer);
  return { nav, announcer, slots, session, pia, extras };
}

const [getApp, setApp] = createContext<AppState>();

/** App.svelte: make the state available to every component below it. */
export function provideAppState(state: AppState): AppState {
  return setApp(state);
}

export const useNavigation = (): Navigation => getApp().nav;
export const useAnnouncer = (): Announcer => getApp().announcer;
export const useSlots = (): SlotsState => getApp().slots;
export const useSession = (): Session => getApp().session;
export const usePia = (): PiaState => getApp().pia;
export const useExtras = (): ExtrasState => getApp().extras;
