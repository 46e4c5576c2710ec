// Copying a code and clearing it after 30 s (src/platform/clipboard.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLEAR_AFTER_MS, copyCode } from '../../src/platform/clipboard';

let content = '';
let canRead = true;
const clipboard = {
  writeText: vi.fn(async (text: string) => void (content = text)),
  readText: vi.fn(async () => {
    if (!canRead) throw new DOMException('Read permission denied.', 'NotAllowedError');
    return content;
  }),
};

beforeEach(() => {
  vi.useFakeTimers();
  content = '';
  canRead = true;
  clipboard.writeText.mockClear();
  vi.stubGlobal('navigator', { clipboard });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('copyCode', () => {
  it('puts only the code on the clipboard and empties it after 30 s if it still holds the code', async () => {
    await copyCode('123456');
    expect(content).toBe('123456');
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS - 1);
    expect(content).toBe('123456');
    await vi.advanceTimersByTimeAsync(1);
    expect(content).toBe('');
  });

  it('leaves something else the user copied since', async () => {
    await copyCode('123456');
    content = 'my notes';
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(content).toBe('my notes');
  });

  it('does not clear blindly where reading the clipboard is not allowed', async () => {
    await copyCode('123456');
    canRead = false;
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(content).toBe('123456');
    expect(clipboard.writeText).toHaveBeenCalledTimes(1);
  });

  it('restarts the wait when the same code is copied again', async () => {
    await copyCode('123456');
    await vi.advanceTimersByTimeAsync(20_000);
    await copyCode('123456');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(content).toBe('123456');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(content).toBe('');
  });

  it('throws when the browser refuses to write, and schedules nothing', async () => {
    clipboard.writeText.mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'));
    await expect(copyCode('123456')).rejects.toThrow();
    expect(vi.getTimerCount()).toBe(0);
  });
});
