// The page side of the share target (src/platform/share-target.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { receiveShare, toSharedItem } from '../../src/platform/share-target';

const URI = 'otpauth://totp/PassLogic:alice?secret=JBSWY3DPEHPK3PXP&issuer=PassLogic';

afterEach(() => vi.unstubAllGlobals());

describe('what a share becomes', () => {
  it('prefers the otpauth link, wherever the sharing app put it', () => {
    expect(toSharedItem({ type: 'shared', title: 'Activation', text: `Your code: ${URI}` })?.text).toBe(
      `Your code: ${URI}`,
    );
    expect(toSharedItem({ type: 'shared', title: 'My VPN', text: 'see link', url: URI })).toEqual({ text: URI });
    expect(toSharedItem({ type: 'shared', text: 'hello', title: URI })).toEqual({ text: URI });
  });

  it('keeps an image, and plain text when there is nothing better', () => {
    const file = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
    expect(toSharedItem({ type: 'shared', file })).toEqual({ file });
    expect(toSharedItem({ type: 'shared', text: '  JBSWY3DP  ' })).toEqual({ text: 'JBSWY3DP' });
  });

  it('is null when nothing usable was shared', () => {
    expect(toSharedItem({ type: 'shared' })).toBeNull();
    expect(toSharedItem({ type: 'shared', text: '   ', file: new Blob([]), url: 42 })).toBeNull();
  });
});

/** A navigator.serviceWorker whose controller answers share-ready with `reply` (or never). */
function fakeServiceWorker(reply: unknown | undefined, controlled = true) {
  const container = new EventTarget() as EventTarget & { controller: unknown; startMessages: () => void };
  const posted: unknown[] = [];
  container.startMessages = () => undefined;
  container.controller = controlled
    ? {
        postMessage(message: unknown) {
          posted.push(message);
          if (reply !== undefined)
            queueMicrotask(() => container.dispatchEvent(new MessageEvent('message', { data: reply })));
        },
      }
    : null;
  vi.stubGlobal('navigator', { serviceWorker: container });
  return posted;
}

describe('receiveShare', () => {
  it('asks the service worker with share-ready and returns what it hands over', async () => {
    const posted = fakeServiceWorker({ type: 'shared', url: URI });
    expect(await receiveShare()).toEqual({ text: URI });
    expect(posted).toEqual([{ type: 'share-ready' }]);
  });

  it('is null at once without a service worker or when it does not control the page', async () => {
    vi.stubGlobal('navigator', {});
    expect(await receiveShare()).toBeNull();
    const posted = fakeServiceWorker({ type: 'shared', url: URI }, false);
    expect(await receiveShare()).toBeNull();
    expect(posted).toEqual([]);
  });

  it('is null quickly when nothing was shared, and after the timeout when the worker never answers', async () => {
    fakeServiceWorker({ type: 'shared' });
    expect(await receiveShare()).toBeNull();
    fakeServiceWorker(undefined);
    const started = Date.now();
    expect(await receiveShare(50)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('ignores other messages from the worker', async () => {
    const container = new EventTarget() as EventTarget & { controller: unknown; startMessages: () => void };
    container.startMessages = () => undefined;
    container.controller = {
      postMessage() {
        container.dispatchEvent(new MessageEvent('message', { data: { type: 'something-else', text: 'x' } }));
        container.dispatchEvent(new MessageEvent('message', { data: { type: 'shared', text: URI } }));
      },
    };
    vi.stubGlobal('navigator', { serviceWorker: container });
    expect(await receiveShare()).toEqual({ text: URI });
  });
});
