// `npm run make-link -- --app https://keyslot.example/ [--qr alice.png|alice.svg] [--uri 'otpauth://…']`
//
// Makes a sealed activation link (docs/activation-links.md): the otpauth:// URI encrypted under
// a fresh one-time activation code. Prints the link and the code, and writes the link's QR code.
// Without --uri the URI is read from standard input (one line), so it stays out of the shell's
// history and the process list: prefer that.
//
// The format and crypto are Keyslot's own (src/core/sealed-link.ts, src/platform/sealed-link.ts),
// loaded through Vite so this script and the app cannot drift apart.
import { createServer } from 'vite';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import QRCode from 'qrcode';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `Usage: npm run make-link -- --app <Keyslot address> [--qr <file.png|file.svg>] [--uri <otpauth URI>]
                            [--memory-mib <19..128>] [--iterations <2..8>]

  --app         the address of your Keyslot, e.g. https://keyslot.example.org/
  --qr          write the link's QR code to this file (PNG or SVG, by its extension)
  --uri         the otpauth:// or otpauth-migration:// URI. Better: leave it out and paste it
                on standard input, or pipe it in, so it stays out of your shell history:
                  printf '%s\\n' "$uri" | npm run make-link -- --app https://keyslot.example.org/
  --memory-mib, --iterations   Argon2id cost (default 64 MiB, 3 passes); Keyslot refuses
                links above 128 MiB, 8 passes or 512 MiB-passes in total.

Prints the link and its one-time activation code. Hand the code over separately from the
link (shown beside the QR code, or by another channel): either one alone is useless.`;

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = {
      '--app': 'app',
      '--qr': 'qr',
      '--uri': 'uri',
      '--memory-mib': 'memoryMiB',
      '--iterations': 'iterations',
    }[arg];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (!name || i + 1 >= argv.length) throw new Error(`Unknown or incomplete option: ${arg}`);
    opts[name] = argv[++i];
  }
  if (!opts.app) throw new Error('--app is required.');
  if (opts.qr && !/\.(png|svg)$/i.test(opts.qr)) throw new Error('--qr must end in .png or .svg.');
  return opts;
}

/** One line from standard input; a prompt first when it is a terminal. Never echoed back. */
async function readUri() {
  if (process.stdin.isTTY) process.stderr.write('Paste the otpauth:// URI, then press Enter: ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

function kdfFrom(opts) {
  if (opts.memoryMiB === undefined && opts.iterations === undefined) return undefined;
  return {
    memoryKiB: Math.round(Number(opts.memoryMiB ?? 64) * 1024),
    iterations: Number(opts.iterations ?? 3),
    parallelism: 1,
  };
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const uri = opts.uri ?? (await readUri());
  const vite = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  let made;
  try {
    const { makeSealedLink } = await vite.ssrLoadModule('/src/platform/sealed-link.ts');
    const { formatCode } = await vite.ssrLoadModule('/src/core/sealed-link.ts');
    const { link, code } = await makeSealedLink(opts.app, uri, kdfFrom(opts));
    made = { link, code: formatCode(code) };
  } catch (e) {
    // A KeyslotError names only a code and a field: never the URI.
    console.error(`Could not make the link: ${e?.name === 'KeyslotError' ? e.message : 'unexpected error'}`);
    process.exit(1);
  } finally {
    await vite.close();
  }
  if (opts.qr) {
    const type = opts.qr.toLowerCase().endsWith('.svg') ? 'svg' : 'png';
    await QRCode.toFile(opts.qr, made.link, { type, errorCorrectionLevel: 'M', margin: 4, width: 512 });
  }
  console.log(`Link:            ${made.link}`);
  console.log(`Activation code: ${made.code}`);
  if (opts.qr) console.log(`QR code:         ${opts.qr}`);
  console.log('\nGive the code separately from the link. Keyslot asks for it when the link is opened.');
}

await main();
