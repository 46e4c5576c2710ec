// No regex on user input with super-linear cases (issue 14): every function that runs a regex
// on text a person or a file supplies gets inputs of hundreds of thousands of characters shaped
// to make a backtracking engine go quadratic ("A" + 200,000 "=" + "A" took 8.8 s at 80,000 with
// /=+$/ on Node 20, ~50 s at 200,000 with /0+$/). Each must finish well within the test timeout:
// this is no timing measurement (those live in `npm run bench`), a linear function takes
// milliseconds here, a quadratic one minutes. eslint-plugin-regexp's no-super-linear-move and
// no-super-linear-backtracking flag the same regexes statically.
import { describe, expect, it } from 'vitest';
import { decodeBase32, normalizeBase32 } from '../../src/core/base32';
import { base64Loose, entryFromUri, hexDecode } from '../../src/core/importers/common';
import { isTotpAuthenticatorBackup } from '../../src/core/importers/totp-authenticator';
import { decodeXmlText, isAndroidPrefs, readStrings } from '../../src/core/importers/android-prefs';
import { isUriList, readUriList } from '../../src/core/importers/uri-list';
import { foldForSearch, searchTerms } from '../../src/core/organise';
import { addParamFromHash, readActivation } from '../../src/core/activation';
import { parseOtpauthUri } from '../../src/core/otpauth-uri';
import { nameKey, normaliseName } from '../../src/core/names';
import { toSharedItem } from '../../src/platform/share-target';
import { trimTrailing } from '../../src/core/bytes';

const N = 200_000;
const run = (c: string) => c.repeat(N);
/** Generous: a linear pass over these inputs takes milliseconds, the quadratic one minutes. */
const TIMEOUT_MS = 10_000;

/** Calls fn; any KeyslotError (or null result) is a fine answer, only the time matters. */
function finishes(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect((e as Error).name).toBe('KeyslotError');
  }
}

const cases: [string, () => unknown][] = [
  ['base32 with a run of "=" before a last letter', () => decodeBase32(`A${run('=')}A`)],
  ['base32 normalising a run of "=" and spaces', () => normalizeBase32(`A${run('= ')}A`)],
  ['base32 with a run of separators', () => decodeBase32(`A${run(' -')}!`)],
  ['loose base64 with a run of "=" before a last letter', () => base64Loose(`A${run('=')}A`)],
  ['loose base64 with a run of spaces', () => base64Loose(`A${run(' \n')}!`)],
  ['TOTP Authenticator backup sniffing, "=" then a letter', () => isTotpAuthenticatorBackup(`${run('A')}${run('=')}A`)],
  ['TOTP Authenticator backup sniffing, letters then "!"', () => isTotpAuthenticatorBackup(`${run('A')}!`)],
  ['hex with a bad last character', () => hexDecode(`${run('ab')}g`)],
  ['an import line with a long label and no query', () => entryFromUri(`otpauth://totp/${run('/')}`)],
  ['an import line with a long host', () => entryFromUri(`otpauth://${run('x')}`)],
  ['an import line with many "&issuer="', () => entryFromUri(`otpauth://steam/x?${run('&issuer=')}`)],
  ['an import line with many "encoder=steam"', () => entryFromUri(`otpauth://totp/x?${run('encoder=steam')}x`)],
  ['a URI list of blank lines', () => readUriList(`${run('\r')}\n`)],
  ['URI list sniffing', () => isUriList(`${run(' ')}x`)],
  ['Android preferences with a long XML declaration', () => isAndroidPrefs(`<?xml${run(' ')}`)],
  ['Android preferences ending in white space and no </map>', () => readStrings(`<map>${run('</map> ')}x`)],
  ['XML entities without a semicolon', () => decodeXmlText(run('&a'))],
  ['XML entity names without a semicolon', () => decodeXmlText(`&${run('a')}`)],
  ['search folding a long name', () => foldForSearch(run('e\u0301'))],
  ['search terms of many spaces', () => searchTerms(`${run(' ')}x`)],
  ['an activation fragment of many escapes', () => addParamFromHash(`#add=${run('%4')}`)],
  ['an activation text of many escapes', () => readActivation(`otpauth://totp/${run('%41')}`)],
  [
    'an otpauth URI at its length limit of "="',
    () => parseOtpauthUri(`otpauth://totp/x?secret=A${'='.repeat(16_000)}A`),
  ],
  ['a name of many controls', () => normaliseName(run('\u202E\u200B '))],
  ['a name compared, of many joiners and spaces', () => nameKey(run('\u200D \t'))],
  ['a share with long text', () => toSharedItem({ type: 'shared', text: `${run(' ')}x`, url: run('otpauth') })],
  ['trailing "=" stripped from a long run', () => trimTrailing(`A${run('=')}A`, '=')],
];

describe('regexes on user input stay linear', () => {
  it.each(cases)('%s finishes', (_name, fn) => finishes(fn), TIMEOUT_MS);
});
