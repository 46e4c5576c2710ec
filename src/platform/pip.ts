/**
 * "Keep on top": a small always-on-top window (Document Picture-in-Picture, WICG spec; desktop
 * Chromium 116+) so a code stays visible over the VPN client while it is typed. The only module
 * that uses documentPictureInPicture.
 *
 * The window is same-origin and scripted from this page: nothing is loaded into it but copies of
 * the page's own stylesheets (same origin, so the CSP's style-src 'self' holds).
 */

interface DocumentPictureInPicture {
  requestWindow(options?: { width?: number; height?: number; disallowReturnToOpener?: boolean }): Promise<Window>;
  readonly window: Window | null;
}

function api(): DocumentPictureInPicture | null {
  const g = globalThis as { documentPictureInPicture?: DocumentPictureInPicture };
  return typeof g.documentPictureInPicture?.requestWindow === 'function' ? g.documentPictureInPicture : null;
}

/** True where a Keep-on-top window can be opened. */
export function keepOnTopSupported(): boolean {
  return api() !== null;
}

/**
 * Open the window (closing one already open), sized for one code, with the page's stylesheets,
 * language and colour scheme. Needs a user gesture (the click on "Keep on top"). Null when the
 * browser has no Document Picture-in-Picture or refuses (no gesture, denied).
 */
export async function openKeepOnTop(width = 320, height = 180): Promise<Window | null> {
  const pip = api();
  if (!pip) return null;
  pip.window?.close();
  let win: Window;
  try {
    win = await pip.requestWindow({ width, height, disallowReturnToOpener: false });
  } catch {
    return null;
  }
  const doc = win.document;
  doc.documentElement.lang = document.documentElement.lang;
  for (const node of document.querySelectorAll('link[rel="stylesheet"], style')) {
    doc.head.append(node.cloneNode(true));
  }
  return win;
}

/** Close the window if one is open. */
export function closeKeepOnTop(): void {
  api()?.window?.close();
}
