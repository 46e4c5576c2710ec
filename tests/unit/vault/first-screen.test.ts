// The first-screen hint's format (core/vault/first-screen.ts, docs/vault.md "First-screen hint"):
// read back exactly as written, and refused, naming the field, when anything about it is off.
import { describe, expect, it } from 'vitest';
import { base64Encode, utf8Encode } from '../../../src/core/bytes';
import {
  FIRST_SCREEN_MAX_IDS,
  decodeFirstScreen,
  encodeFirstScreen,
  firstScreenAad,
  iconPackAad,
  parseStoredFirstScreen,
  recordAad,
  serializeStoredFirstScreen,
} from '../../../src/core/vault';
import { expectThrowsCode } from '../fixtures/errors';

const id = (n: number) => n.toString(16).padStart(32, '0');
const hint = { manual: [id(1), id(2)], name: [id(2), id(1)], recent: [] };
const plain = (o: unknown) => utf8Encode(JSON.stringify(o));

describe('first-screen hint plaintext', () => {
  it('reads back every order exactly as written', () => {
    expect(decodeFirstScreen(encodeFirstScreen(hint))).toEqual(hint);
  });

  it('keeps up to the most ids it allows', () => {
    const full = Array.from({ length: FIRST_SCREEN_MAX_IDS }, (_, i) => id(i + 1));
    const back = decodeFirstScreen(encodeFirstScreen({ manual: full, name: full, recent: full }));
    expect(back.manual).toHaveLength(FIRST_SCREEN_MAX_IDS);
  });

  it('refuses to write a list too long, an id twice or a malformed id', () => {
    const long = Array.from({ length: FIRST_SCREEN_MAX_IDS + 1 }, (_, i) => id(i + 1));
    expectThrowsCode(() => encodeFirstScreen({ ...hint, manual: long }), 'VAULT_CORRUPT');
    expectThrowsCode(() => encodeFirstScreen({ ...hint, name: [id(1), id(1)] }), 'VAULT_CORRUPT');
    expectThrowsCode(() => encodeFirstScreen({ ...hint, recent: ['../../etc'] }), 'VAULT_CORRUPT');
  });

  it('refuses a plaintext that is not the format: other keys, a missing order, bad JSON or UTF-8', () => {
    const v1 = { v: 1, ...hint };
    expectThrowsCode(() => decodeFirstScreen(plain({ ...v1, extra: [] })), 'VAULT_CORRUPT');
    expectThrowsCode(() => decodeFirstScreen(plain({ v: 1, manual: [], name: [] })), 'VAULT_CORRUPT');
    expectThrowsCode(() => decodeFirstScreen(plain([v1])), 'VAULT_CORRUPT');
    expectThrowsCode(() => decodeFirstScreen(plain({ ...v1, manual: 'not a list' })), 'VAULT_CORRUPT');
    expectThrowsCode(() => decodeFirstScreen(utf8Encode('{"v":1,')), 'VAULT_CORRUPT');
    expectThrowsCode(() => decodeFirstScreen(Uint8Array.of(0xff, 0xfe)), 'VAULT_CORRUPT');
  });

  it('refuses a version newer than it knows with VAULT_VERSION', () => {
    expectThrowsCode(() => decodeFirstScreen(plain({ ...hint, v: 2 })), 'VAULT_VERSION');
  });
});

describe('first-screen hint as stored', () => {
  const iv = new Uint8Array(12).fill(7);
  const ct = new Uint8Array(40).fill(9);

  it('reads back the iv and ciphertext it wrote', () => {
    const stored = serializeStoredFirstScreen(iv, ct);
    expect(stored).toEqual({ v: 1, iv: base64Encode(iv), ct: base64Encode(ct) });
    expect(parseStoredFirstScreen(stored)).toEqual({ iv, ct });
  });

  it('refuses a stored hint with another key, a short iv, no tag or a future version', () => {
    const good = serializeStoredFirstScreen(iv, ct);
    expectThrowsCode(() => parseStoredFirstScreen({ ...good, ids: [] }), 'VAULT_CORRUPT');
    expectThrowsCode(() => parseStoredFirstScreen({ ...good, iv: base64Encode(iv.slice(1)) }), 'VAULT_CORRUPT');
    expectThrowsCode(() => parseStoredFirstScreen({ ...good, ct: base64Encode(ct.slice(0, 16)) }), 'VAULT_CORRUPT');
    expectThrowsCode(() => parseStoredFirstScreen({ ...good, v: 2 }), 'VAULT_VERSION');
    expectThrowsCode(() => parseStoredFirstScreen(null), 'VAULT_CORRUPT');
  });

  it('binds its own label, so it can never pass for a slot record or an icon pack', () => {
    const label = new TextDecoder().decode(firstScreenAad());
    expect(label).toBe('keyslot/first-screen/v1');
    expect(label).not.toBe(new TextDecoder().decode(recordAad(id(1))));
    expect(label).not.toBe(new TextDecoder().decode(iconPackAad('00000000-0000-4000-8000-000000000000')));
  });
});
