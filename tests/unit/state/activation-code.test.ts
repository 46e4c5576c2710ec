// The "Enter the activation code" step of a sealed link (src/ui/state/activation-code.svelte.ts),
// with the real Argon2id and AES-GCM at the cheapest cost Keyslot accepts.
import { describe, expect, it, vi } from 'vitest';
import type { KeyslotError } from '../../../src/core/errors';
import { LINK_KDF_MIN, parseSealed, sealUri } from '../../../src/core/sealed-link';
import { linkCrypto, openSealedLink } from '../../../src/platform/sealed-link';
import { ActivationCodeEntry, type LinkOpener } from '../../../src/ui/state/activation-code.svelte.ts';
import { migrationUri } from '../fixtures/migration-writer';

const URI = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme';
const CODE = '7KQ2MXR9TD';

async function sealedLink(uri = URI) {
  const payload = await sealUri(
    uri,
    { code: CODE, salt: new Uint8Array(16).fill(7), nonce: new Uint8Array(12).fill(9), kdf: LINK_KDF_MIN },
    linkCrypto,
  );
  return parseSealed(payload);
}

function deferred() {
  let release: (uri: string) => void = () => {};
  const open = vi.fn<LinkOpener>(() => new Promise<string>((resolve) => (release = resolve)));
  return { open, release: (uri: string) => release(uri) };
}

describe('the activation code step', () => {
  it('opens the link with the typed code as people type it, gives the slot inside and forgets code and link', async () => {
    const entry = new ActivationCodeEntry(openSealedLink);
    entry.begin(await sealedLink());
    entry.code = '7kq2m-xr9td';
    const opened = await entry.submit();
    expect(opened?.kind === 'slot' && opened.draft.issuer).toBe('Acme');
    expect([entry.code, entry.error, entry.busy, entry.sealed]).toEqual(['', null, false, null]);
  });

  it('opens a sealed Google Authenticator export as an export', async () => {
    const entry = new ActivationCodeEntry(openSealedLink);
    entry.begin(await sealedLink(migrationUri([{ secret: 'JBSWY3DPEHPK3PXP', name: 'Lab:ann', issuer: 'Lab' }])));
    entry.code = CODE;
    expect((await entry.submit())?.kind).toBe('migration');
  });

  it('keeps a wrong code in the field with the error, so a typo can be fixed and tried again', async () => {
    const entry = new ActivationCodeEntry(openSealedLink);
    entry.begin(await sealedLink());
    entry.code = '7KQ2MXR9TE';
    expect(await entry.submit()).toBeNull();
    expect((entry.error as KeyslotError).code).toBe('LINK_CODE_WRONG');
    expect([entry.code, entry.busy]).toEqual(['7KQ2MXR9TE', false]);
    entry.code = CODE;
    expect((await entry.submit())?.kind).toBe('slot');
  });

  it('refuses a code of the wrong shape without deriving anything', async () => {
    const open = vi.fn<LinkOpener>(openSealedLink);
    const entry = new ActivationCodeEntry(open);
    entry.begin(await sealedLink());
    entry.code = '7KQ2M';
    expect(await entry.submit()).toBeNull();
    expect((entry.error as KeyslotError).code).toBe('LINK_CODE_INVALID');
    expect(String(entry.error)).not.toContain('7KQ2M');
    expect(open).not.toHaveBeenCalled();
  });

  it('runs one try at a time: a second submit while the first runs does nothing', async () => {
    const { open, release } = deferred();
    const entry = new ActivationCodeEntry(open);
    entry.begin(await sealedLink());
    entry.code = CODE;
    const first = entry.submit();
    expect(entry.busy).toBe(true);
    expect(await entry.submit()).toBeNull();
    release(URI);
    expect((await first)?.kind).toBe('slot');
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('drops a try that ends after the step was left: nothing comes out of it', async () => {
    const { open, release } = deferred();
    const entry = new ActivationCodeEntry(open);
    entry.begin(await sealedLink());
    entry.code = CODE;
    const first = entry.submit();
    entry.clear();
    release(URI);
    expect(await first).toBeNull();
    expect([entry.code, entry.error, entry.sealed, entry.busy]).toEqual(['', null, null, false]);
  });

  it('does nothing without a link waiting', async () => {
    const open = vi.fn<LinkOpener>();
    const entry = new ActivationCodeEntry(open);
    entry.code = CODE;
    expect(await entry.submit()).toBeNull();
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses what a link sealed that is not an activation, and clear() forgets the code', async () => {
    const entry = new ActivationCodeEntry(async () => 'https://example.org/#add=otpauth://totp/x?secret=JBSWY3DP');
    entry.begin(await sealedLink());
    entry.code = CODE;
    expect(await entry.submit()).toBeNull();
    expect((entry.error as KeyslotError).code).toBe('NOT_ACTIVATION');
    entry.clear();
    expect([entry.code, entry.error, entry.sealed]).toEqual(['', null, null]);
  });
});
