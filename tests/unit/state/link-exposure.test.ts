// Issue 14: which activations leave their secret in the browser's history (src/ui/state/link-exposure.svelte.ts).
import { describe, expect, it } from 'vitest';
import { readActivation } from '../../../src/core/activation';
import { LinkExposure } from '../../../src/ui/state/link-exposure.svelte.ts';
import { migrationUri } from '../fixtures/migration-writer';

const URI = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme';
const plainHash = `#add=${encodeURIComponent(URI)}`;
// A well-formed sealed payload at the cheapest accepted cost (header, salt, nonce, a ciphertext); never opened here.
const sealedHash = `#add=ks1.${Buffer.concat([
  Buffer.from([1, 1, 0, 0, 0x4c, 0x00, 2, 1]),
  Buffer.alloc(16 + 12 + 32, 5),
]).toString('base64url')}`;

describe('the exposed activation link warning', () => {
  it('is raised by a plain link opened in the browser, and stays until dismissed', () => {
    const exposure = new LinkExposure();
    expect(exposure.exposed).toBe(false);
    exposure.arrived(readActivation(plainHash), true);
    expect(exposure.exposed).toBe(true);
    exposure.arrived(readActivation(sealedHash), true);
    expect(exposure.exposed).toBe(true);
    exposure.dismiss();
    expect(exposure.exposed).toBe(false);
  });

  it('is raised by a plain export link opened in the browser too', () => {
    const exposure = new LinkExposure();
    const link = `#add=${encodeURIComponent(migrationUri([{ secret: 'JBSWY3DPEHPK3PXP', name: 'Lab:ann' }]))}`;
    exposure.arrived(readActivation(link), true);
    expect(exposure.exposed).toBe(true);
  });

  it('is not raised by a sealed link, nor by anything pasted, scanned or shared', () => {
    const exposure = new LinkExposure();
    expect(readActivation(sealedHash).kind).toBe('sealed');
    exposure.arrived(readActivation(sealedHash), true);
    exposure.arrived(readActivation(plainHash), false);
    exposure.arrived(readActivation(URI), false);
    expect(exposure.exposed).toBe(false);
  });
});
