/**
 * The only module that talks to a privacyIDEA server, and only to the anonymous container
 * endpoints of a server the user has just confirmed (or registered with). POSTs a form
 * (a CORS "simple" request: no preflight; same-origin behind a reverse proxy needs no CORS at
 * all), sends no cookies or referrer, follows no redirect, gives up after a timeout, and reads
 * at most ANSWER_MAX_BYTES of the answer. Nothing is logged.
 */
import { KeyslotError } from '../core/errors';
import { ANSWER_MAX_BYTES } from '../core/privacyidea/answers';
import type { FormBody } from '../core/privacyidea/messages';

export interface PiaAnswer {
  status: number;
  text: string;
}

/** How Keyslot reaches privacyIDEA: swappable in tests (a live server, or a hostile one). */
export interface PiaTransport {
  post(url: string, body: FormBody): Promise<PiaAnswer>;
}

export const PIA_TIMEOUT_MS = 20_000;

async function readCapped(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > ANSWER_MAX_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new KeyslotError('PIA_ANSWER', { field: 'size' });
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    throw new KeyslotError('PIA_ANSWER', { field: 'encoding' });
  }
}

/** The browser's fetch, as described at the top. Network failure or timeout: PIA_UNREACHABLE. */
export const fetchTransport: PiaTransport = {
  async post(url, body) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(PIA_TIMEOUT_MS),
      });
    } catch {
      throw new KeyslotError('PIA_UNREACHABLE');
    }
    return { status: response.status, text: await readCapped(response) };
  },
};
