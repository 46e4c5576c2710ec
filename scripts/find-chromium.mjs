// Run before the e2e tests: fail early, with install instructions, when a tool they need is missing.
import { spawnSync } from 'node:child_process';
import { findChromium, NO_CHROMIUM_HELP } from './chromium.mjs';

const found = findChromium();
if (!found) {
  console.error(`\n${NO_CHROMIUM_HELP}\n`);
  process.exit(1);
}
console.log(`End-to-end tests use ${found.source}`);

// The camera tests turn QR codes into a fake camera feed with ffmpeg.
if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0) {
  console.error(`
ffmpeg was not found; the camera tests need it to make a fake camera feed.
Install it, then run npm test again:
  - Debian/Ubuntu: sudo apt-get install -y ffmpeg
  - macOS:         brew install ffmpeg
`);
  process.exit(1);
}
