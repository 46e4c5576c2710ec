// An installed icon pack's stored form (core/icons/pack-store.ts): what goes in comes back, and a
// damaged or tampered plaintext is refused as a whole, checked as strictly as a fresh import.
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../../../src/core/bytes';
import { bestIcon, type IconPack } from '../../../src/core/icons/icon-pack';
import {
  decodePack,
  encodePack,
  parseStoredPack,
  serializeStoredPack,
  summarise,
} from '../../../src/core/icons/pack-store';
import { expectThrowsCode } from '../fixtures/errors';

const UUID = 'c553f06f-2a17-46ca-87f5-56af90dd0500';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const SVG = utf8Encode('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>');

const pack = (): IconPack => ({
  uuid: UUID,
  name: 'Test pack',
  version: 3,
  icons: [
    {
      name: 'Google',
      category: 'Services',
      issuers: ['google'],
      filename: 'g/Google.svg',
      mime: 'image/svg+xml',
      bytes: SVG,
    },
    { name: 'KEK', category: '', issuers: ['kek vpn', 'kek'], filename: 'KEK.png', mime: 'image/png', bytes: PNG },
  ],
  skipped: [{ filename: 'evil.svg', reason: 'unsafe-svg' }],
});

/** The plaintext with its JSON header rewritten by `edit` (lengths kept consistent). */
function withHeader(edit: (head: Record<string, unknown>) => void, plain = encodePack(pack())): Uint8Array {
  const view = new DataView(plain.buffer, plain.byteOffset);
  const length = view.getUint32(0);
  const head = JSON.parse(new TextDecoder().decode(plain.subarray(4, 4 + length))) as Record<string, unknown>;
  edit(head);
  const text = utf8Encode(JSON.stringify(head));
  const out = new Uint8Array(4 + text.length + plain.length - 4 - length);
  new DataView(out.buffer).setUint32(0, text.length);
  out.set(text, 4);
  out.set(plain.subarray(4 + length), 4 + text.length);
  return out;
}

describe('an installed icon pack as stored', () => {
  it('comes back as it went in: names, patterns, bytes and the number left out', () => {
    const back = decodePack(encodePack(pack()), UUID);
    expect(back.icons).toEqual(pack().icons);
    expect(summarise(back)).toEqual({ uuid: UUID, name: 'Test pack', version: 3, count: 2, skipped: 1 });
    expect(bestIcon([back], 'PassLogic (KEK VPN)')?.filename).toBe('KEK.png');
  });

  it('refuses a plaintext that is short, cut off, or longer than its header says', () => {
    const plain = encodePack(pack());
    expectThrowsCode(() => decodePack(new Uint8Array(3), UUID), 'VAULT_CORRUPT', 'iconPack');
    expectThrowsCode(() => decodePack(plain.subarray(0, plain.length - 1), UUID), 'VAULT_CORRUPT', 'iconPack');
    const longer = new Uint8Array(plain.length + 1);
    longer.set(plain);
    expectThrowsCode(() => decodePack(longer, UUID), 'VAULT_CORRUPT', 'iconPack');
    const lying = plain.slice();
    new DataView(lying.buffer).setUint32(0, 0xffffffff);
    expectThrowsCode(() => decodePack(lying, UUID), 'VAULT_CORRUPT', 'iconPack');
  });

  it('refuses a header that is not JSON, another version, or another pack’s uuid', () => {
    const garbage = utf8Encode('\u0000\u0000\u0000\u0003{{{');
    expectThrowsCode(() => decodePack(garbage, UUID), 'VAULT_CORRUPT', 'iconPack');
    expectThrowsCode(
      () =>
        decodePack(
          withHeader((h) => (h['v'] = 2)),
          UUID,
        ),
      'VAULT_CORRUPT',
      'iconPack',
    );
    expectThrowsCode(
      () => decodePack(encodePack(pack()), '00000000-0000-4000-8000-000000000000'),
      'VAULT_CORRUPT',
      'iconPack',
    );
  });

  it('checks every icon again: a stored SVG with a script, or a mislabelled picture, spoils the pack', () => {
    const evil = utf8Encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const hostile: IconPack = { ...pack(), icons: [{ ...pack().icons[0]!, bytes: evil }] };
    expectThrowsCode(() => decodePack(encodePack(hostile), UUID), 'VAULT_CORRUPT', 'iconPack');
    const relabelled = withHeader((h) => ((h['icons'] as Record<string, unknown>[])[1]!['mime'] = 'image/jpeg'));
    expectThrowsCode(() => decodePack(relabelled, UUID), 'VAULT_CORRUPT', 'iconPack');
    const notPatterns = withHeader((h) => ((h['icons'] as Record<string, unknown>[])[0]!['issuers'] = 'google'));
    expectThrowsCode(() => decodePack(notPatterns, UUID), 'VAULT_CORRUPT', 'iconPack');
    const negative = withHeader((h) => ((h['icons'] as Record<string, unknown>[])[0]!['length'] = -1));
    expectThrowsCode(() => decodePack(negative, UUID), 'VAULT_CORRUPT', 'iconPack');
  });

  it('reads its stored record back, and refuses one out of shape', () => {
    const iv = new Uint8Array(12).fill(7);
    const ct = new Uint8Array(40).fill(9);
    const stored = serializeStoredPack(UUID, iv, ct);
    expect(parseStoredPack(stored)).toEqual({ uuid: UUID, iv, ct });
    for (const bad of [
      null,
      'text',
      { ...stored, v: 2 },
      { ...stored, uuid: '../slots' },
      { ...stored, iv: 'AAAA' },
      { ...stored, ct: 'AAAA' },
      { ...stored, ct: 42 },
    ]) {
      expectThrowsCode(() => parseStoredPack(bad), 'VAULT_CORRUPT', 'iconPack');
    }
  });
});
