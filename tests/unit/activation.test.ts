import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_TEXT_MAX,
  activationLink,
  addParamFromHash,
  readActivation,
  type Activation,
} from '../../src/core/activation';
import type { ErrorCode } from '../../src/core/errors';
import { MIGRATION_TEXT_MAX } from '../../src/core/migration';
import { toOtpauthUri, URI_MAX_LENGTH } from '../../src/core/otpauth-uri';
import type { SlotDraft } from '../../src/core/slot';
import { catchKeyslotError, expectNoLeak } from './fixtures/errors';
import { base32ToBytes, encodeData, migrationPayload, migrationUri, type EntrySpec } from './fixtures/migration-writer';

/** "canary-secret-42" in base32: errors must never contain it. */
const CANARY = 'MNQW4YLSPEWXGZLDOJSXILJUGI';
const OTPAUTH = `otpauth://totp/Acme%20Lab:alice@example.org?secret=${CANARY}&issuer=Acme%20Lab&digits=8&period=60`;
const EXPECTED: Omit<SlotDraft, 'secret'> = {
  kind: 'totp',
  issuer: 'Acme Lab',
  account: 'alice@example.org',
  algorithm: 'SHA1',
  digits: 8,
  period: 60,
  counter: 0,
};
/** Secret bytes that put '+' and '/' into the base64 of the export. */
const PLUS_SLASH = Uint8Array.from([0xfb, 0xff, 0xbf, 0xfb, 0xff, 0xbf, 0xfb, 0xff, 0xbf, 0xfb, 0xff, 0xbf]);
const EXPORT: EntrySpec[] = [
  { secret: CANARY, name: 'Lab:ann', issuer: 'Lab' },
  { secret: PLUS_SLASH, name: 'Mail:ben' },
];
const MIGRATION = migrationUri(EXPORT, { batchSize: 2, batchIndex: 1, batchId: -9 });
const RAW_MIGRATION = `otpauth-migration://offline?data=${encodeData(migrationPayload(EXPORT, { batchSize: 2, batchIndex: 1, batchId: -9 }), 'raw')}`;
const APP = 'https://keyslot.example.org/';
const enc = encodeURIComponent;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function expectSlot(a: Activation): void {
  expect(a.kind).toBe('slot');
  if (a.kind !== 'slot') return;
  const { secret, ...rest } = a.draft;
  expect(rest).toEqual(EXPECTED);
  expect(hex(secret)).toBe(hex(base32ToBytes(CANARY)));
}

function expectMigration(a: Activation): void {
  expect(a.kind).toBe('migration');
  if (a.kind !== 'migration') return;
  expect(a.batch).toMatchObject({ version: 1, batchSize: 2, batchIndex: 1, batchId: -9 });
  expect(a.batch.entries.map((e) => (e.ok ? [e.draft.issuer, e.draft.account, hex(e.draft.secret)] : e.code))).toEqual([
    ['Lab', 'ann', hex(base32ToBytes(CANARY))],
    ['Mail', 'ben', hex(PLUS_SLASH)],
  ]);
}

describe('readActivation accepts', () => {
  it.each<[string, string]>([
    ['an otpauth:// URI', OTPAUTH],
    ['an otpauth:// URI with surrounding whitespace and line breaks', `\n  ${OTPAUTH} \r\n`],
    ['a Keyslot link with a percent-encoded otpauth URI', `${APP}#add=${enc(OTPAUTH)}`],
    [
      'a Keyslot link at another origin, with a port, path and query',
      `http://intranet.lab:8080/tools/keyslot/index.html?v=2#add=${enc(OTPAUTH)}`,
    ],
    [
      'a Keyslot link whose add parameter sits among other fragment parameters',
      `${APP}#lang=ja&add=${enc(OTPAUTH)}&from=mail`,
    ],
    ['a Keyslot link with upper-case scheme and parameter name', `HTTPS://KEYSLOT.EXAMPLE.ORG/#ADD=${enc(OTPAUTH)}`],
    [
      'a Keyslot link with two add parameters (the last one wins)',
      `${APP}#add=${enc('otpauth://totp/x?secret=AAAA')}&add=${enc(OTPAUTH)}`,
    ],
    ['a Keyslot link whose URI is not percent-encoded, keeping its own & parameters', `${APP}#add=${OTPAUTH}`],
    ['a Keyslot link with a raw URI after other fragment parameters', `${APP}#lang=ja&add=${OTPAUTH}`],
    [
      'a raw URI as browsers give it in location.hash (spaces as %20)',
      `${APP}#add=otpauth://totp/Acme Lab:alice@example.org?secret=${CANARY}&issuer=Acme Lab&digits=8&period=60`.replace(
        / /g,
        '%20',
      ),
    ],
    ['a bare fragment, as location.hash holds it', `#add=${enc(OTPAUTH)}`],
    ['a bare fragment with other parameters', `#x=1&add=${enc(OTPAUTH)}`],
    ['a link whose encoded URI has whitespace around it', `${APP}#add=${enc(`  ${OTPAUTH}\n`)}`],
  ])('%s', (_name, text) => {
    expectSlot(readActivation(text));
  });

  it.each<[string, string]>([
    ['an otpauth-migration:// export', MIGRATION],
    ['an export with raw + / and = in the data', RAW_MIGRATION],
    ['a Keyslot link with a percent-encoded export', `${APP}#add=${enc(MIGRATION)}`],
    ['a Keyslot link with a raw export (its + stays +)', `${APP}#add=${RAW_MIGRATION}`],
    ['a bare fragment with an export', `#add=${enc(RAW_MIGRATION)}`],
  ])('%s', (_name, text) => {
    expectMigration(readActivation(text));
  });

  it.each<[string, string]>([
    ['an otpauth://steam/ URI (Aegis, 2FAS, Ente Auth)', `otpauth://steam/Steam:gaben?secret=${CANARY}&issuer=Steam`],
    ['a TOTP URI with encoder=steam (KeePassXC)', `otpauth://totp/Steam:gaben?secret=${CANARY}&encoder=steam`],
    ['a Keyslot link carrying a Steam URI', `${APP}#add=${enc(`otpauth://steam/Steam:gaben?secret=${CANARY}`)}`],
    ['a steam://SECRET link (Bitwarden), named "Steam"', `steam://${CANARY}`],
  ])('%s as a Steam Guard slot with its fixed parameters', (_name, text) => {
    const a = readActivation(text);
    expect(a.kind).toBe('slot');
    if (a.kind !== 'slot') return;
    expect(a.draft).toMatchObject({ kind: 'steam', issuer: 'Steam', algorithm: 'SHA1', digits: 5, period: 30 });
    expect(a.draft.secret).toEqual(base32ToBytes(CANARY));
  });

  it('keeps # in an otpauth label inside a raw link (Azure AD guest accounts)', () => {
    const uri = `otpauth://totp/Org:guest#EXT#@tenant.example?secret=${CANARY}&issuer=Microsoft`;
    for (const text of [uri, `${APP}#add=${uri}`, `${APP}#add=${enc(uri)}`]) {
      const a = readActivation(text);
      expect(a.kind === 'slot' && [a.draft.issuer, a.draft.account]).toEqual([
        'Microsoft',
        'guest#EXT#@tenant.example',
      ]);
    }
  });
});

type Reject = [name: string, text: string, code: ErrorCode];

const REJECT: Reject[] = [
  ['empty text', '', 'INPUT_EMPTY'],
  ['whitespace only', ' \n\t ', 'INPUT_EMPTY'],
  ['plain text', 'Lorem ipsum dolor sit amet, consetetur sadipscing elitr', 'NOT_ACTIVATION'],
  ['text mentioning an otpauth URI', `Scan this: ${OTPAUTH}`, 'NOT_ACTIVATION'],
  ['a bare base32 secret', CANARY, 'NOT_ACTIVATION'],
  ['a Wi-Fi code', `WIFI:T:WPA;S:LabNet;P:${CANARY};;`, 'NOT_ACTIVATION'],
  ['a vCard', `BEGIN:VCARD\nVERSION:3.0\nN:Canary;Alice\nNOTE:${CANARY}\nEND:VCARD`, 'NOT_ACTIVATION'],
  ['a mailto: link', `mailto:alice@example.org?body=${CANARY}`, 'NOT_ACTIVATION'],
  ['a tel: link', 'tel:+81-3-0000-0000', 'NOT_ACTIVATION'],
  ['a javascript: URL', 'javascript:alert(1)', 'NOT_ACTIVATION'],
  ['a data: URL', `data:text/html,<b>${CANARY}</b>`, 'NOT_ACTIVATION'],
  ['an ftp:// URL with an add fragment', `ftp://files.example.org/#add=${enc(OTPAUTH)}`, 'NOT_ACTIVATION'],
  ['a scanner app prefix before otpauth://', `QR-Code:${OTPAUTH}`, 'NOT_ACTIVATION'],
  ['a scanner app prefix before an export', `QR-Code:${MIGRATION}`, 'NOT_ACTIVATION'],
  ['add= without the #', `add=${enc(OTPAUTH)}`, 'NOT_ACTIVATION'],
  ['a bare fragment without add', '#lang=ja&from=mail', 'NOT_ACTIVATION'],
  [
    'text longer than any activation',
    `${APP}#add=${enc(OTPAUTH)}&pad=${'p'.repeat(ACTIVATION_TEXT_MAX)}`,
    'NOT_ACTIVATION',
  ],
  ['a web page', 'https://vpn.example.org/portal', 'WEB_LINK'],
  ['a web page over http with a fragment', 'http://example.org/help#section-2', 'WEB_LINK'],
  ['a link with add in the query, which would reach a server', `${APP}?add=${enc(OTPAUTH)}`, 'WEB_LINK'],
  ['a link whose fragment has a parameter that only starts with add', `${APP}#address=${enc(OTPAUTH)}`, 'WEB_LINK'],
  ['a link with an empty fragment', `${APP}#`, 'WEB_LINK'],
  ['a link inside a link', `${APP}#add=${enc(`https://other.example/#add=${enc(OTPAUTH)}`)}`, 'NOT_ACTIVATION'],
  ['a raw link inside a link', `${APP}#add=https://other.example/#add=${enc(OTPAUTH)}`, 'NOT_ACTIVATION'],
  ['a fragment inside a link', `${APP}#add=${enc(`#add=${enc(OTPAUTH)}`)}`, 'NOT_ACTIVATION'],
  ['a link to plain text', `${APP}#add=${enc(`hello ${CANARY}`)}`, 'NOT_ACTIVATION'],
  ['a link to a Wi-Fi code', `${APP}#add=${enc(`WIFI:S:x;P:${CANARY};;`)}`, 'NOT_ACTIVATION'],
  ['a link encoded twice', `${APP}#add=${enc(enc(OTPAUTH))}`, 'NOT_ACTIVATION'],
  [
    'a half-encoded link, which must not silently lose its &-parameters',
    `${APP}#add=otpauth%3A//totp/x?secret=${CANARY}&digits=8`,
    'NOT_ACTIVATION',
  ],
  ['a link with an empty add', `${APP}#add=`, 'URI_MALFORMED'],
  ['a link with add and no value', `${APP}#lang=ja&add`, 'URI_MALFORMED'],
  ['a bare fragment with an empty add', '#add=%20', 'URI_MALFORMED'],
  [
    'a link with a broken escape in the encoded URI',
    `${APP}#add=${enc('otpauth://totp/Acme:bob')}%ZZ${enc(`?secret=${CANARY}`)}`,
    'URI_MALFORMED',
  ],
  [
    'a link with broken UTF-8 in the encoded URI',
    `${APP}#add=${enc('otpauth://totp/Acme:bob')}%E2%82${enc(`?secret=${CANARY}`)}`,
    'URI_MALFORMED',
  ],
  [
    'a link to an otpauth URI with a short secret',
    `${APP}#add=${enc(`otpauth://totp/x?secret=${CANARY.slice(0, 12)}`)}`,
    'SECRET_TOO_SHORT',
  ],
  ['a link to a damaged export', `${APP}#add=${enc('otpauth-migration://offline?data=YYYY')}`, 'MIGRATION_DATA'],
  ['an otpauth URI with a short secret', `otpauth://totp/x?secret=${CANARY.slice(0, 12)}`, 'SECRET_TOO_SHORT'],
  [
    'an otpauth URI over 16,384 characters',
    `otpauth://totp/x?secret=${CANARY}&pad=${'p'.repeat(URI_MAX_LENGTH)}`,
    'INPUT_TOO_LONG',
  ],
  ['an otpauth URI of an unknown type', `otpauth://motp/x?secret=${CANARY}`, 'OTP_TYPE'],
  ['a damaged export', `otpauth-migration://offline?data=${CANARY}!`, 'MIGRATION_DATA'],
  ['an export without data', 'otpauth-migration://offline', 'MIGRATION_DATA'],
  ['an export over 64 KB', `${MIGRATION}&pad=${'p'.repeat(MIGRATION_TEXT_MAX)}`, 'MIGRATION_TOO_LARGE'],
  ['a Steam Guard link (steam://) whose secret is not base32', `steam://${CANARY}!`, 'SECRET_INVALID'],
  ['an empty Steam Guard link', 'steam://', 'SECRET_MISSING'],
  [
    'a privacyIDEA two-step enrollment of a Steam type',
    `otpauth://steam/x?secret=${CANARY}&2step_output=20&2step_salt=8&2step_difficulty=10000`,
    'OTP_TYPE',
  ],
  [
    'a privacyIDEA push enrollment',
    `otpauth://pipush/PIPU1?enrollment_credential=${CANARY}&url=https%3A//pi.example.org`,
    'VENDOR_APP',
  ],
  ['a Microsoft Authenticator activation', `phonefactor://activate_account?code=${CANARY}`, 'VENDOR_APP'],
  [
    "a link to another vendor's code",
    `${APP}#add=${enc(`phonefactor://activate_account?code=${CANARY}`)}`,
    'VENDOR_APP',
  ],
  [
    'a 2step QR with a hostile difficulty',
    `otpauth://hotp/x?secret=${CANARY}&2step_salt=8&2step_output=20&2step_difficulty=99999999`,
    'TWO_STEP_INVALID',
  ],
  ['a 2step QR missing a parameter', `otpauth://totp/x?secret=${CANARY}&2step_salt=8`, 'TWO_STEP_INVALID'],
];

describe('readActivation refuses', () => {
  it.each(REJECT.map(([name, text, code]) => [name, code, text]))('%s with %s', (_name, code, text) => {
    expect(catchKeyslotError(() => readActivation(text)).code).toBe(code);
  });

  it('refuses non-string input as empty', () => {
    for (const v of [null, undefined, 42, { toString: () => OTPAUTH }]) {
      expect(catchKeyslotError(() => readActivation(v as unknown as string)).code).toBe('INPUT_EMPTY');
    }
  });

  it('accepts a link of exactly the longest length it reads', () => {
    const base = `${APP}#add=${enc(OTPAUTH)}&pad=`;
    expectSlot(readActivation(base + 'p'.repeat(ACTIVATION_TEXT_MAX - base.length)));
  });
});

describe('activation errors never reveal the text', () => {
  it.each(REJECT.map(([name, text]) => [name, text]))('for %s', (_name, text) => {
    const e = catchKeyslotError(() => readActivation(text));
    expectNoLeak(e, text, [CANARY, 'alice@example.org', 'canary-secret', hex(base32ToBytes(CANARY))]);
  });
});

describe('addParamFromHash', () => {
  it.each<[string, string, string | null]>([
    ['a percent-encoded URI', `#add=${enc(OTPAUTH)}`, OTPAUTH],
    ['a hash without its #', `add=${enc(OTPAUTH)}`, OTPAUTH],
    ['add among other parameters', `#a=1&add=${enc(OTPAUTH)}&b=2`, OTPAUTH],
    ['a raw URI, which keeps its own & parameters', `#add=${OTPAUTH}`, OTPAUTH],
    ['a raw export, whose + stays +', `#add=${RAW_MIGRATION}`, RAW_MIGRATION],
    ['a percent-encoded export', `#add=${enc(RAW_MIGRATION)}`, RAW_MIGRATION],
    ['an empty add', '#add=', ''],
    [
      'a broken escape, left as it is instead of throwing',
      '#add=otpauth%3A%2F%2Ftotp%2Fx%ZZ%E2%82',
      'otpauth://totp/x%ZZ%E2%82',
    ],
    [
      'a half-encoded URI, taken raw to the end',
      '#add=otpauth%3A//totp/x?secret=A&digits=8',
      'otpauth%3A//totp/x?secret=A&digits=8',
    ],
    ['an encoded URI followed by other parameters', `#add=${enc(OTPAUTH)}&lang=ja`, OTPAUTH],
    ['no hash', '', null],
    ['a lone #', '#', null],
    ['another app route', '#scan', null],
    ['other parameters only', '#lang=ja&from=mail', null],
    ['a parameter that only starts with add', `#address=${enc(OTPAUTH)}`, null],
  ])('reads %s', (_name, hash, expected) => {
    expect(addParamFromHash(hash)).toBe(expected);
  });

  it('gives null for non-string input', () => {
    expect(addParamFromHash(undefined as unknown as string)).toBeNull();
  });

  it('gives text that readActivation turns into the same slot as the link', () => {
    expectSlot(readActivation(addParamFromHash(`#add=${enc(OTPAUTH)}`)!));
  });
});

describe('activationLink', () => {
  it('appends #add= and the percent-encoded URI to the app URL', () => {
    expect(activationLink(APP, 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A')).toBe(
      'https://keyslot.example.org/#add=otpauth%3A%2F%2Ftotp%2FA%3Ab%3Fsecret%3DJBSWY3DPEHPK3PXP%26issuer%3DA',
    );
  });

  it('replaces a fragment the app URL already has, and trims the URI', () => {
    expect(activationLink('http://localhost:4173/#scan', ` ${OTPAUTH} `)).toBe(
      `http://localhost:4173/#add=${enc(OTPAUTH)}`,
    );
  });

  it.each<[string, Partial<SlotDraft>]>([
    ['a plain TOTP slot', {}],
    ['names with & # + % : and unicode', { issuer: 'Air & Co #1 +%', account: 'ünï:guest#EXT#@x 🔑' }],
    ['an HOTP slot', { kind: 'hotp', counter: 41, algorithm: 'SHA512', digits: 7 }],
  ])('round-trips %s through readActivation', (_name, over) => {
    const d: SlotDraft = {
      kind: 'totp',
      issuer: 'Acme',
      account: 'alice',
      secret: base32ToBytes(CANARY),
      algorithm: 'SHA256',
      digits: 6,
      period: 30,
      counter: 0,
      ...over,
    };
    expect(readActivation(activationLink(APP, toOtpauthUri(d)))).toEqual({ kind: 'slot', draft: d });
  });

  it('reads the example link of the administrator notes', () => {
    const a = readActivation(
      'https://keyslot.example.org/#add=otpauth%3A%2F%2Ftotp%2FPassLogic%3Aalice%3Fsecret%3DJBSWY3DPEHPK3PXP%26issuer%3DPassLogic',
    );
    expect(a.kind === 'slot' && [a.draft.issuer, a.draft.account, hex(a.draft.secret)]).toEqual([
      'PassLogic',
      'alice',
      '48656c6c6f21deadbeef',
    ]);
  });

  it('round-trips an export', () => {
    expectMigration(readActivation(activationLink(APP, RAW_MIGRATION)));
    expectMigration(readActivation(activationLink(APP, MIGRATION)));
  });

  it.each<[string, string, string]>([
    ['an app URL that is not http(s)', 'ftp://keyslot.example.org/', OTPAUTH],
    ['an app URL without a scheme', 'keyslot.example.org', OTPAUTH],
    ['a web link as the URI (no link inside a link)', APP, 'https://other.example/'],
    ['plain text as the URI', APP, 'hello'],
  ])('refuses %s', (_name, app, uri) => {
    const e = catchKeyslotError(() => activationLink(app, uri));
    expect(e.code).toBe('URI_SCHEME');
    expectNoLeak(e, uri);
  });
});
