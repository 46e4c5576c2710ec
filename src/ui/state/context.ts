/**
 * The app's state, shared with the components through Svelte 5 context (createContext): App.svelte
 * makes one set with createAppState and provides it; a component asks for the part it needs
 * (useSession(), useSlots(), ...). No `app` prop handed down, no module singletons. Keep on top
 * loads with the list, so it is made on first use (useKeepOnTop in keep-on-top.svelte.ts).
 */
import { createContext } from 'svelte';
import { Announcer } from './announcer.svelte.ts';
import { ClockCheck } from './clock-check.svelte.ts';
import { BrowserFeatures } from './browser-features.ts';
import { Navigation, type AddIntent } from './navigation.svelte.ts';
import { Privacy } from './privacy.svelte.ts';
import { PwaState } from './pwa.svelte.ts';
import { Session } from './session.svelte.ts';
import { SlotsState } from './slots.svelte.ts';

export interface AppState {
  nav: Navigation;
  announcer: Announcer;
  slots: SlotsState;
  session: Session;
  privacy: Privacy;
  pwa: PwaState;
  clockCheck: ClockCheck;
  browser: BrowserFeatures;
}

/** One connected set of state objects: the session opens the vault into the slots state. */
export function createAppState(launch: AddIntent | null = null): AppState {
  const nav = new Navigation();
  const announcer = new Announcer();
  const slots = new SlotsState(nav, announcer);
  const session = new Session(nav, slots, announcer, launch);
  return { nav, announcer, slots, session, privacy: new Privacy(), pwa: new PwaState(), clockCheck: new ClockCheck(), browser: new BrowserFeatures() };
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
