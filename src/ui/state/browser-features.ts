/**
 * The browser features screens use beyond storage: the camera and screen capture with the QR
 * scanner, decoding an image file, a share from another app, drawing a QR code, the clipboard, and
 * reading other apps' exports. Components ask for them here (useBrowser in
 * context.ts), never from src/platform, so each stays behind one reviewed entry point. Everything
 * but the clipboard loads on first use: a copy must stay inside the click's user activation.
 */
import type { ImportRead } from '../../core/importers';
import type { ReadImportOptions } from '../../platform/import-parse';
import { copyCode } from '../../platform/clipboard';
import type { CameraSession } from '../../platform/camera';
import type { QrDrawing } from '../../platform/qr-encode';
import type { SharedItem } from '../../platform/share-target';
import { drawQr } from './qr-code';

export type { QrDrawing, SharedItem };

/** An open camera (or screen capture) that can scan its frames for QR codes. */
export interface ScanSession extends Pick<CameraSession, 'stream' | 'canTorch' | 'setTorch' | 'devices' | 'stop'> {
  /** Decodes the frames shown in `video` until `signal` aborts; `onResult` gets each frame's texts. */
  scan(video: HTMLVideoElement, signal: AbortSignal, onResult: (texts: string[]) => void): Promise<void>;
}

export class BrowserFeatures {
  /** Puts a code on the clipboard (cleared again after a while, platform/clipboard.ts). */
  copy(code: string): Promise<void> {
    return copyCode(code);
  }

  /** Opens the rear camera (or `deviceId`), or captures the screen (desktop: a QR shown on this computer). */
  async openScanner(source: 'camera' | 'screen', deviceId?: string): Promise<ScanSession> {
    const [camera, scanner] = await Promise.all([import('../../platform/camera'), import('../../platform/scanner')]);
    const session = source === 'screen' ? await camera.captureScreen() : await camera.openCamera({ deviceId });
    const maxSide = source === 'screen' ? scanner.SCREEN_MAX_SIDE : scanner.CAMERA_MAX_SIDE;
    return {
      stream: session.stream,
      canTorch: session.canTorch,
      setTorch: (on) => session.setTorch(on),
      devices: () => session.devices(),
      stop: () => session.stop(),
      async scan(video, signal, onResult) {
        const reader = await scanner.createQrReader();
        signal.addEventListener('abort', () => reader.close());
        await scanner.scanFrames(video, reader, { signal, maxSide, onResult });
      },
    };
  }

  /** The QR codes' texts in an image file (a screenshot, a photo). */
  async decodeImage(file: Blob): Promise<string[]> {
    const { decodeImageFile } = await import('../../platform/image-input');
    return decodeImageFile(file);
  }

  /** What another app shared to Keyslot (Web Share Target), if anything. */
  async receiveShare(): Promise<SharedItem | null> {
    const { receiveShare } = await import('../../platform/share-target');
    return receiveShare();
  }

  /** The QR code for `text` as an SVG path. */
  qrDrawing(text: string): Promise<QrDrawing> {
    return drawQr(text);
  }

  /**
   * Reads another app's export in a worker (sniff, parse, the password's key derivation and
   * decryption, every entry checked): the page stays responsive, and aborting `signal` stops
   * it at once. `entries` is null when the file is encrypted and no password was given.
   */
  async readImport(name: string, bytes: Uint8Array, options: ReadImportOptions = {}): Promise<ImportRead> {
    const { readImportFile } = await import('../../platform/import-parse');
    return readImportFile(name, bytes, options);
  }
}
