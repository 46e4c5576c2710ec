// Part of `npm run bench`: click-to-confirmation time with Chromium's fake camera
// showing a clean 640x480 activation QR (made here with `qrcode` and ffmpeg).
import { firstRun } from './ui-steps.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium.mjs';

const URI =
  'otpauth://totp/PassLogic%20(KEK%20VPN):alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PassLogic%20(KEK%20VPN)';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Adds rows: median of 5 from the "Scan QR code" click to the confirmation screen. */
export async function benchCamera(rows, { base, executablePath, pin }) {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-bench-'));
  const png = join(dir, 'qr.png');
  const feed = join(dir, 'feed.y4m');
  await QRCode.toFile(png, URI, { width: 480, margin: 4 });
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
  const browser = await chromium.launch({
    executablePath,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${feed}`,
    ],
  });
  try {
    const page = await browser.newPage();
    await firstRun(page, base, pin);
    await page.getByRole('button', { name: 'Add a slot' }).first().click();
    const times = [];
    for (let i = 0; i < 6; i++) {
      const t0 = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Scan QR code' }).click();
      await page.getByRole('heading', { name: 'Check and add' }).waitFor({ timeout: 20_000 });
      const t1 = await page.evaluate(() => performance.now());
      if (i > 0)
        times.push(t1 - t0); // the first run also loads and compiles the decoder
      else
        rows.push({
          metric: 'Scan click → confirmation, first scan (loads the decoder)',
          value: `${(t1 - t0).toFixed(0)} ms`,
          goal: '',
        });
      await page.getByRole('button', { name: 'Back' }).click();
    }
    rows.push({
      metric: 'Scan click → confirmation, fake camera 640x480 (median of 5)',
      value: `${median(times).toFixed(0)} ms`,
      goal: '< 500 ms',
    });
  } finally {
    await browser.close();
  }
}
