// scripts/make-link.mjs, the administrators' tool, run as an administrator would: the URI on
// standard input, a QR code written to a file. What it prints must open in Keyslot with the
// printed code, and the QR code must hold exactly the link.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { readActivation, readOpenedActivation } from '../../src/core/activation';
import { decodeQr } from '../../src/platform/qr-decode';
import { openSealedLink } from '../../src/platform/sealed-link';

const SECRET = 'MNQW4YLSPEWXGZLDOJSXILJUGI';
const URI = `otpauth://totp/Acme:alice?secret=${SECRET}&issuer=Acme`;
const dir = mkdtempSync(path.join(tmpdir(), 'keyslot-make-link-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('node', ['scripts/make-link.mjs', ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

describe('npm run make-link', () => {
  it('reads the URI from standard input and prints a link, its code and a QR code that open the slot', async () => {
    const qr = path.join(dir, 'alice.png');
    const out = await run(
      ['--app', 'https://keyslot.example.org/', '--qr', qr, '--memory-mib', '19', '--iterations', '2'],
      `${URI}\n`,
    );
    expect(out.code).toBe(0);
    const link = /^Link: +(\S+)$/m.exec(out.stdout)?.[1] ?? '';
    const code = /^Activation code: +([0-9A-Z]{5}-[0-9A-Z]{5})$/m.exec(out.stdout)?.[1] ?? '';
    expect(link).toMatch(/^https:\/\/keyslot\.example\.org\/#add=ks1\.[A-Za-z0-9_-]+$/);
    expect(out.stdout + out.stderr).not.toContain(SECRET);
    const png = PNG.sync.read(readFileSync(qr));
    expect(await decodeQr({ data: new Uint8ClampedArray(png.data), width: png.width, height: png.height })).toEqual([
      link,
    ]);
    const activation = readActivation(link);
    if (activation.kind !== 'sealed') throw new Error(`expected a sealed link, got ${activation.kind}`);
    const opened = readOpenedActivation(await openSealedLink(activation.sealed, code));
    expect(opened.kind === 'slot' && opened.draft.issuer).toBe('Acme');
  }, 60_000);

  it('refuses text that is not an otpauth URI, and a cost Keyslot would refuse, without echoing the input', async () => {
    const notUri = await run(['--app', 'https://keyslot.example.org/'], `secret=${SECRET}\n`);
    expect([notUri.code, notUri.stderr.trim()]).toEqual([1, 'Could not make the link: URI_SCHEME (uri)']);
    const tooCostly = await run(['--app', 'https://keyslot.example.org/', '--memory-mib', '1024'], `${URI}\n`);
    expect([tooCostly.code, tooCostly.stderr.trim()]).toEqual([1, 'Could not make the link: LINK_DAMAGED (link.kdf)']);
    expect(notUri.stdout + tooCostly.stdout).not.toContain(SECRET);
  }, 60_000);

  it('explains its options when --app is missing', async () => {
    const out = await run([], '');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--app is required.');
    expect(out.stderr).toContain('Usage: npm run make-link');
  });
});
