// Run before the e2e tests: fail early, with install instructions, when no Chromium exists.
import { findChromium, NO_CHROMIUM_HELP } from './chromium.mjs';

const found = findChromium();
if (!found) {
  console.error(`\n${NO_CHROMIUM_HELP}\n`);
  process.exit(1);
}
console.log(`End-to-end tests use ${found.source}`);
