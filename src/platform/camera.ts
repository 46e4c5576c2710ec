/**
 * The camera and screen capture: the only module that calls getUserMedia or getDisplayMedia.
 *
 * Every failure becomes a KeyslotError whose code says what happened, so the UI can say how to
 * fix it (browser and system settings): CAMERA_INSECURE, CAMERA_DENIED, CAMERA_MISSING,
 * CAMERA_BUSY, CAMERA_FAILED; SCREEN_UNSUPPORTED, SCREEN_DENIED.
 *
 * A session's stop() stops every track at once and may be called any number of times: the
 * camera light must never stay on after the scanner closes.
 */
import { KeyslotError, type ErrorCode } from '../core/errors';

export interface CameraSession {
  readonly stream: MediaStream;
  /** The video track (its settings say which camera and what resolution). */
  readonly track: MediaStreamTrack;
  /** 'camera' from openCamera(), 'screen' from captureScreen(). */
  readonly source: 'camera' | 'screen';
  /** The cameras of this device (labels are filled once permission was granted); [] for a screen. */
  devices(): Promise<MediaDeviceInfo[]>;
  /** True when the track can switch a torch (flash) on: mostly rear cameras of Android phones. */
  readonly canTorch: boolean;
  /** Torch on or off; does nothing where canTorch is false. Rejects with CAMERA_FAILED if refused. */
  setTorch(on: boolean): Promise<void>;
  /** Stops every track of the stream. Idempotent. */
  stop(): void;
}

export interface OpenCameraOptions {
  /** A deviceId from devices(): that camera exactly. Default: the rear camera where there is one. */
  readonly deviceId?: string;
}

/** Opens the camera (the rear one by default) at about 1280x720. */
export async function openCamera(options: OpenCameraOptions = {}): Promise<CameraSession> {
  if (globalThis.isSecureContext === false) throw new KeyslotError('CAMERA_INSECURE');
  const media = mediaDevices();
  if (!media || typeof media.getUserMedia !== 'function') throw new KeyslotError('CAMERA_MISSING');
  const video: MediaTrackConstraints = {
    width: { ideal: 1280 },
    height: { ideal: 720 },
    ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : { facingMode: { ideal: 'environment' } }),
  };
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia({ video, audio: false });
  } catch (e) {
    throw new KeyslotError(cameraErrorCode(e));
  }
  return session(stream, 'camera', media);
}

/**
 * Captures a screen, window or tab the user picks (desktop browsers), for a QR code shown on
 * this same computer. Decode its frames with scanFrames(..., { maxSide: SCREEN_MAX_SIDE }).
 */
export async function captureScreen(): Promise<CameraSession> {
  if (globalThis.isSecureContext === false) throw new KeyslotError('CAMERA_INSECURE');
  const media = mediaDevices();
  if (!media || typeof media.getDisplayMedia !== 'function') throw new KeyslotError('SCREEN_UNSUPPORTED');
  let stream: MediaStream;
  try {
    stream = await media.getDisplayMedia({ video: true, audio: false });
  } catch (e) {
    throw new KeyslotError(screenErrorCode(e));
  }
  return session(stream, 'screen', media);
}

/** Whether this browser can capture the screen at all (desktop browsers), for showing the option. */
export function canCaptureScreen(): boolean {
  return typeof mediaDevices()?.getDisplayMedia === 'function';
}

/** DOMException name -> error code, for getUserMedia (also the names older browsers used). */
export function cameraErrorCode(e: unknown): ErrorCode {
  switch (errorName(e)) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'CAMERA_DENIED';
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
    case 'ConstraintNotSatisfiedError':
      return 'CAMERA_MISSING';
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return 'CAMERA_BUSY';
    default:
      return 'CAMERA_FAILED';
  }
}

/** DOMException name -> error code, for getDisplayMedia. */
export function screenErrorCode(e: unknown): ErrorCode {
  switch (errorName(e)) {
    case 'NotSupportedError':
      return 'SCREEN_UNSUPPORTED';
    default:
      // NotAllowedError (cancelled the picker, or refused by the browser or the OS), NotReadableError, AbortError...
      return 'SCREEN_DENIED';
  }
}

function errorName(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string'
    ? (e as { name: string }).name
    : '';
}

function mediaDevices(): MediaDevices | undefined {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  return nav?.mediaDevices ?? undefined;
}

interface TorchCapabilities extends MediaTrackCapabilities {
  torch?: boolean;
}

function session(stream: MediaStream, source: 'camera' | 'screen', media: MediaDevices): CameraSession {
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const t of stream.getTracks()) {
      try {
        t.stop();
      } catch {
        /* already gone */
      }
    }
  };
  const track = stream.getVideoTracks()[0];
  if (!track) {
    stop();
    throw new KeyslotError(source === 'camera' ? 'CAMERA_MISSING' : 'SCREEN_DENIED');
  }
  let canTorch = false;
  if (source === 'camera') {
    try {
      canTorch = (track.getCapabilities?.() as TorchCapabilities | undefined)?.torch === true;
    } catch {
      canTorch = false;
    }
  }
  return {
    stream,
    track,
    source,
    canTorch,
    async devices() {
      if (source !== 'camera' || typeof media.enumerateDevices !== 'function') return [];
      try {
        return (await media.enumerateDevices()).filter((d) => d.kind === 'videoinput');
      } catch {
        return [];
      }
    },
    async setTorch(on: boolean) {
      if (!canTorch || stopped) return;
      try {
        await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
      } catch {
        throw new KeyslotError('CAMERA_FAILED');
      }
    },
    stop,
  };
}
