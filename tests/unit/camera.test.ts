// openCamera / captureScreen against a stubbed navigator.mediaDevices: the constraints asked for,
// every failure mapped to a code the UI can explain, and stop() that really stops everything.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isKeyslotError } from '../../src/core/errors';
import {
  canCaptureScreen,
  captureScreen,
  cameraErrorCode,
  openCamera,
  screenErrorCode,
} from '../../src/platform/camera';

class FakeTrack {
  readyState: 'live' | 'ended' = 'live';
  stops = 0;
  applied: unknown[] = [];
  constructor(
    readonly kind: 'video' | 'audio',
    private readonly capabilities: Record<string, unknown> = {},
  ) {}
  stop() {
    this.stops++;
    this.readyState = 'ended';
  }
  getCapabilities() {
    return this.capabilities;
  }
  async applyConstraints(c: unknown) {
    this.applied.push(c);
  }
}

class FakeStream {
  constructor(readonly tracks: FakeTrack[]) {}
  getTracks() {
    return this.tracks;
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
}

function stubMedia(
  media: Partial<Record<'getUserMedia' | 'getDisplayMedia' | 'enumerateDevices', unknown>> | undefined,
  secure = true,
) {
  vi.stubGlobal('isSecureContext', secure);
  vi.stubGlobal('navigator', media === undefined ? {} : { mediaDevices: media });
}

function domError(name: string): Error {
  return Object.assign(new Error(name), { name });
}

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (e: unknown) => (isKeyslotError(e) ? e.code : e),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('openCamera', () => {
  it('asks for the rear camera at about 1280x720, video only', async () => {
    const getUserMedia = vi.fn(async () => new FakeStream([new FakeTrack('video')]));
    stubMedia({ getUserMedia });
    const session = await openCamera();
    expect(getUserMedia).toHaveBeenCalledWith({
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
    expect(session.source).toBe('camera');
    expect(session.track.kind).toBe('video');
    session.stop();
  });

  it('asks for exactly the chosen camera when given a deviceId', async () => {
    const getUserMedia = vi.fn(async () => new FakeStream([new FakeTrack('video')]));
    stubMedia({ getUserMedia });
    await openCamera({ deviceId: 'cam-2' });
    expect(getUserMedia).toHaveBeenCalledWith({
      video: { deviceId: { exact: 'cam-2' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
  });

  it('stops every track, once, however often stop() is called', async () => {
    const tracks = [new FakeTrack('video'), new FakeTrack('video'), new FakeTrack('audio')];
    stubMedia({ getUserMedia: async () => new FakeStream(tracks) });
    const session = await openCamera();
    session.stop();
    session.stop();
    expect(tracks.map((t) => [t.readyState, t.stops])).toEqual([
      ['ended', 1],
      ['ended', 1],
      ['ended', 1],
    ]);
  });

  it('lists only cameras', async () => {
    const enumerateDevices = async () => [
      { kind: 'videoinput', deviceId: 'a' },
      { kind: 'audioinput', deviceId: 'b' },
      { kind: 'videoinput', deviceId: 'c' },
    ];
    stubMedia({ getUserMedia: async () => new FakeStream([new FakeTrack('video')]), enumerateDevices });
    const session = await openCamera();
    expect((await session.devices()).map((d) => d.deviceId)).toEqual(['a', 'c']);
  });

  it('offers the torch only where the track has one, and switches it with applyConstraints', async () => {
    const withTorch = new FakeTrack('video', { torch: true });
    stubMedia({ getUserMedia: async () => new FakeStream([withTorch]) });
    const session = await openCamera();
    expect(session.canTorch).toBe(true);
    await session.setTorch(true);
    expect(withTorch.applied).toEqual([{ advanced: [{ torch: true }] }]);

    const without = new FakeTrack('video', {});
    stubMedia({ getUserMedia: async () => new FakeStream([without]) });
    const plain = await openCamera();
    expect(plain.canTorch).toBe(false);
    await plain.setTorch(true);
    expect(without.applied).toEqual([]);
  });

  it('reports a refused torch as CAMERA_FAILED', async () => {
    const track = new FakeTrack('video', { torch: true });
    track.applyConstraints = async () => {
      throw domError('OverconstrainedError');
    };
    stubMedia({ getUserMedia: async () => new FakeStream([track]) });
    const session = await openCamera();
    expect(await codeOf(session.setTorch(true))).toBe('CAMERA_FAILED');
  });

  it.each([
    ['NotAllowedError', 'CAMERA_DENIED'],
    ['SecurityError', 'CAMERA_DENIED'],
    ['PermissionDeniedError', 'CAMERA_DENIED'],
    ['NotFoundError', 'CAMERA_MISSING'],
    ['OverconstrainedError', 'CAMERA_MISSING'],
    ['DevicesNotFoundError', 'CAMERA_MISSING'],
    ['NotReadableError', 'CAMERA_BUSY'],
    ['AbortError', 'CAMERA_BUSY'],
    ['TrackStartError', 'CAMERA_BUSY'],
    ['TypeError', 'CAMERA_FAILED'],
    ['SomethingNew', 'CAMERA_FAILED'],
  ])('maps %s to %s', async (name, code) => {
    stubMedia({
      getUserMedia: async () => {
        throw domError(name);
      },
    });
    expect(await codeOf(openCamera())).toBe(code);
    expect(cameraErrorCode(domError(name))).toBe(code);
  });

  it('maps odd rejections (no name, not an object) to CAMERA_FAILED', () => {
    expect(cameraErrorCode(undefined)).toBe('CAMERA_FAILED');
    expect(cameraErrorCode('NotAllowedError')).toBe('CAMERA_FAILED');
    expect(cameraErrorCode({ name: 42 })).toBe('CAMERA_FAILED');
  });

  it('says CAMERA_INSECURE on an insecure page, before asking for anything', async () => {
    const getUserMedia = vi.fn();
    stubMedia({ getUserMedia }, false);
    expect(await codeOf(openCamera())).toBe('CAMERA_INSECURE');
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('says CAMERA_MISSING where there is no mediaDevices or getUserMedia', async () => {
    stubMedia(undefined);
    expect(await codeOf(openCamera())).toBe('CAMERA_MISSING');
    stubMedia({});
    expect(await codeOf(openCamera())).toBe('CAMERA_MISSING');
  });

  it('says CAMERA_MISSING, with nothing left running, for a stream without video', async () => {
    const audio = new FakeTrack('audio');
    stubMedia({ getUserMedia: async () => new FakeStream([audio]) });
    expect(await codeOf(openCamera())).toBe('CAMERA_MISSING');
    expect(audio.readyState).toBe('ended');
  });
});

describe('captureScreen', () => {
  it('captures video only, has no torch and no camera list, and stops everything', async () => {
    const track = new FakeTrack('video', { torch: true });
    const getDisplayMedia = vi.fn(async () => new FakeStream([track]));
    stubMedia({ getDisplayMedia, enumerateDevices: async () => [{ kind: 'videoinput' }] });
    const session = await captureScreen();
    expect(getDisplayMedia).toHaveBeenCalledWith({ video: true, audio: false });
    expect(session.source).toBe('screen');
    expect(session.canTorch).toBe(false);
    expect(await session.devices()).toEqual([]);
    session.stop();
    session.stop();
    expect(track.stops).toBe(1);
  });

  it('tells the UI whether to offer screen capture at all', () => {
    stubMedia({ getDisplayMedia: vi.fn() });
    expect(canCaptureScreen()).toBe(true);
    stubMedia({ getUserMedia: vi.fn() });
    expect(canCaptureScreen()).toBe(false);
    stubMedia(undefined);
    expect(canCaptureScreen()).toBe(false);
  });

  it('says SCREEN_UNSUPPORTED without getDisplayMedia (phones), CAMERA_INSECURE on an insecure page', async () => {
    stubMedia({ getUserMedia: vi.fn() });
    expect(await codeOf(captureScreen())).toBe('SCREEN_UNSUPPORTED');
    stubMedia(undefined);
    expect(await codeOf(captureScreen())).toBe('SCREEN_UNSUPPORTED');
    stubMedia({ getDisplayMedia: vi.fn() }, false);
    expect(await codeOf(captureScreen())).toBe('CAMERA_INSECURE');
  });

  it.each([
    ['NotAllowedError', 'SCREEN_DENIED'],
    ['SecurityError', 'SCREEN_DENIED'],
    ['NotReadableError', 'SCREEN_DENIED'],
    ['AbortError', 'SCREEN_DENIED'],
    ['InvalidStateError', 'SCREEN_DENIED'],
    ['NotSupportedError', 'SCREEN_UNSUPPORTED'],
  ])('maps %s to %s', async (name, code) => {
    stubMedia({
      getDisplayMedia: async () => {
        throw domError(name);
      },
    });
    expect(await codeOf(captureScreen())).toBe(code);
    expect(screenErrorCode(domError(name))).toBe(code);
  });
});
