// Every word in the catalogue is shown somewhere: a key nothing uses (issue 15 found a "Show
// PIN" left behind) is a translation to keep up for nothing, and hides that a screen lost its
// words. A key counts as used when the code names it ('key', "key", ['key']), names its base
// (plural forms .one/.other for tn, the .passphrase variant for secretKey), or builds it from a
// prefix (`gexport.reason.${…}`); error.* keys are used by errorText through the error codes
// (i18n.test.ts checks every code has words).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en as shell } from '../../src/ui/i18n/en';
import { enExtra } from '../../src/ui/i18n/en-extra';
import { enList } from '../../src/ui/i18n/en-list';

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'i18n' ? [] : sources(full);
    return /\.(ts|svelte)$/.test(d.name) ? [full] : [];
  });
}

/** Keys of `keys` that `code` never names, nor builds from a prefix. */
function unusedKeys(keys: readonly string[], code: string): string[] {
  const named = (k: string) => [`'${k}'`, `"${k}"`].some((q) => code.includes(q));
  return keys.filter((key) => {
    if (key.startsWith('error.')) return false;
    const base = key.replace(/\.(one|other)$/, '').replace(/\.passphrase$/, '');
    if (named(key) || named(base) || named(base.replace(/\.(one|other)$/, ''))) return false;
    const parts = key.split('.');
    for (let i = parts.length - 1; i > 0; i--) {
      if (code.includes('`' + parts.slice(0, i).join('.') + '.${')) return false;
    }
    return true;
  });
}

describe('the message catalogue', () => {
  it('has no key that nothing shows', () => {
    const code = [...sources(path.join(root, 'src')), path.join(root, 'pwa.config.ts')]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(unusedKeys(Object.keys({ ...shell, ...enList, ...enExtra }), code)).toEqual([]);
  });

  it('finds a key nothing shows (the check itself works)', () => {
    const code = "t('a.used'); tn('b.count', n); t(secretKey('c.pin')); t(`d.reason.${why}`);";
    const keys = ['a.used', 'b.count.one', 'b.count.other', 'c.pin', 'c.pin.passphrase', 'd.reason.kind', 'e.lost'];
    expect(unusedKeys(keys, code)).toEqual(['e.lost']);
  });
});
