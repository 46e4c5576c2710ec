import type { AddIntent } from './state/navigation.svelte.ts';

/** An `add` parameter in the fragment, alone or among others (`#add=…`, `#lang=ja&add=…`). */
const ADD_PARAM = /^#(?:[^&]*&)*add=/;

/**
 * Reads what the URL fragment asks for, then removes it from the address bar and
 * the history entry before anything renders. An activation link
 * (`#add=<otpauth URI>`) carries a secret: it must not stay in history, and being a
 * fragment it never reached a server.
 */
export function takeLaunchIntent(location: Location, history: History): AddIntent | null {
  const hash = location.hash;
  if (!hash) return null;
  history.replaceState(history.state, '', location.pathname + location.search);
  // The whole fragment is handed on: readActivation reads `#add=…` itself, in the
  // lazily loaded add screen, so no parser weighs on the first load.
  if (ADD_PARAM.test(hash)) return { kind: 'text', text: hash, viaAddressBar: true };
  switch (hash) {
    case '#scan':
      return { kind: 'scan' };
    case '#add-slot':
      return { kind: 'choose' };
    case '#shared':
      return { kind: 'shared' };
    default:
      return null;
  }
}
