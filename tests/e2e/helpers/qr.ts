// QR fixtures made at test time: a PNG from the `qrcode` package, and from it a
// looping fake-camera feed for Chromium (--use-file-for-fake-video-capture).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { chromium, type Browser } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from '../../../scripts/chromium.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'keyslot-qr-'));
let n = 0;

export async function qrPng(text: string): Promise<string> {
  const file = path.join(dir, `qr-${n++}.png`);
  await QRCode.toFile(file, text, { margin: 4, width: 480, errorCorrectionLevel: 'M' });
  return file;
}

/** A 640x480 y4m video of the QR centred on white, as a phone camera would see a screen. */
export async function cameraFeed(text: string): Promise<string> {
  const png = await qrPng(text);
  const feed = png.replace(/\.png$/, '.y4m');
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    png,
    '-vf',
    'scale=360:360,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p',
    '-r',
    '15',
    '-t',
    '1',
    '-f',
    'yuv4mpegpipe',
    feed,
  ]);
  return feed;
}

/**
 * A Chromium whose camera shows `feed`; `allowCamera` false leaves the permission prompt to deny.
 * `extraArgs`: more flags (e.g. --js-flags=--jitless: a browser without WebAssembly).
 */
export function launchWithCamera(feed: string | null, allowCamera = true, extraArgs: string[] = []): Promise<Browser> {
  const found = findChromium() as { executablePath: string | undefined } | null;
  const args = [...CHROMIUM_ARGS, ...extraArgs, '--use-fake-device-for-media-stream'];
  if (feed) args.push(`--use-file-for-fake-video-capture=${feed}`);
  if (allowCamera) args.push('--use-fake-ui-for-media-stream');
  return chromium.launch({ executablePath: found?.executablePath, args });
}

/** Records every camera/screen stream the page opens, so a test can check they were all stopped. */
export const TRACK_STREAMS = () => {
  const w = window as unknown as { __streams: MediaStream[] };
  w.__streams = [];
  const md = navigator.mediaDevices;
  if (!md) return;
  for (const name of ['getUserMedia', 'getDisplayMedia'] as const) {
    const original = md[name]?.bind(md);
    if (!original) continue;
    md[name] = async (constraints?: MediaStreamConstraints) => {
      const stream = await original(constraints);
      w.__streams.push(stream);
      return stream;
    };
  }
};

export const liveTracks = () =>
  (window as unknown as { __streams: MediaStream[] }).__streams
    .flatMap((s) => s.getTracks())
    .filter((t) => t.readyState === 'live').length;

export const streamsOpened = () => (window as unknown as { __streams: MediaStream[] }).__streams.length;
