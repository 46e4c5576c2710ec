// package.json's `engines` is the Node range the toolchain needs (Vite's), and README says the same.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const json = (file: string) =>
  JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { engines?: { node?: string } };

describe('the Node version Keyslot asks for', () => {
  it('is exactly the range Vite (build, preview, tests) needs', () => {
    expect(json('package.json').engines?.node).toBe(json('node_modules/vite/package.json').engines?.node);
  });

  it('is the one README states', () => {
    const [, low, high] = /\^(\d+\.\d+)\.0 \|\| >=(\d+\.\d+)\.0/.exec(json('package.json').engines!.node!)!;
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(`Requires Node.js ${low}+ or ${high}+`);
  });
});
