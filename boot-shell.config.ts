/**
 * The unlock form and the welcome screen prerendered into index.html (issue 16;
 * docs/architecture.md "Boot path"): one hidden copy of the form per language and secret kind, one
 * of the welcome screen per language, built from the message catalogue (src/ui/i18n) and the Logo
 * component at build time, so no word is written twice by hand. src/boot/boot.js shows the form the
 * boot note names, or on a first visit the welcome screen in the app's language, before the entry
 * runs; the Unlock and Welcome screens then take them over (src/ui/boot-shell.ts). The markup
 * mirrors Unlock.svelte, PinField.svelte and Welcome.svelte (same elements and classes, so the same
 * CSS draws both): change them together (tests/e2e/boot-shell.spec.ts compares the boxes before
 * and after the takeover). Imported by vite.config.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { minifySync, type Plugin } from 'vite';
import { en as enShell } from './src/ui/i18n/en.ts';
import { enExtra } from './src/ui/i18n/en-extra.ts';
import { ja } from './src/ui/i18n/ja.ts';
import { jaExtra } from './src/ui/i18n/ja-extra.ts';
import { LANGUAGES, type Language } from './src/ui/i18n/languages.ts';

// The welcome screen's words are in the "extra" part (loaded with that screen in the app).
const en = { ...enShell, ...enExtra };
type Words = Partial<Record<keyof typeof en, string>>;
const catalogues: Record<Language, Words> = { en, ja: { ...ja, ...jaExtra } };

/** Where index.html takes the copies (inside #app), and the script (after #app, before the entry runs). */
export const BOOT_SHELL_MARK = '<!-- boot-shell -->';
export const BOOT_SCRIPT_MARK = '<!-- boot-script -->';
export const SECRET_KINDS = ['pin', 'passphrase'] as const;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The Logo component's markup (its <svg>, without the script block and comments). */
function logoMarkup(): string {
  const source = readFileSync(new URL('./src/ui/parts/Logo.svelte', import.meta.url), 'utf8');
  return source
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\n\s*/g, ' ')
    .trim();
}

/** A message in a language (English fills a gap, as the app does); the secret kind's variant when there is one. */
function word(lang: Language, key: keyof typeof en, kind: (typeof SECRET_KINDS)[number] = 'pin'): string {
  const variant = `${key}.passphrase` as keyof typeof en;
  const pick = (k: keyof typeof en) => catalogues[lang][k] ?? en[k];
  return escape(kind === 'passphrase' && variant in en ? pick(variant) : pick(key));
}

/** One hidden unlock screen, as Unlock.svelte draws it before anything is typed. */
export function bootForm(lang: Language, kind: (typeof SECRET_KINDS)[number], logo = logoMarkup()): string {
  const id = `boot-${lang}-${kind}`;
  const digits = kind === 'pin';
  const input = [
    `id="${id}-input"`,
    'type="password"',
    `inputmode="${digits ? 'numeric' : 'text'}"`,
    digits ? 'pattern="[0-9]*"' : '',
    `maxlength="${digits ? 64 : 1024}"`,
    'spellcheck="false" autocapitalize="off" autocorrect="off" autocomplete="off"',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    `<main class="shell boot-shell" id="${id}" lang="${lang}" hidden>` +
    `<section class="screen centered" aria-labelledby="${id}-title">${logo}` +
    `<h1 id="${id}-title">${word(lang, 'unlock.title')}</h1>` +
    `<p>${word(lang, 'unlock.body', kind)}</p>` +
    `<form novalidate><div class="field"><label for="${id}-input">${word(lang, digits ? 'pin.label' : 'passphrase.label')}</label>` +
    `<input ${input}></div>` +
    `<button class="primary" type="submit" disabled>${word(lang, 'unlock.submit')}</button></form>` +
    `</section></main>`
  );
}

/** Every language's forms, PIN and passphrase. */
export function bootForms(): string {
  const logo = logoMarkup();
  return LANGUAGES.flatMap((lang) => SECRET_KINDS.map((kind) => bootForm(lang, kind, logo))).join('');
}

/**
 * One hidden welcome screen, as Welcome.svelte draws it. Its Start button stays disabled until
 * src/boot/boot.js shows the copy (and remembers a press until the app takes over).
 */
export function bootWelcome(lang: Language, logo = logoMarkup()): string {
  const id = `boot-${lang}-welcome`;
  return (
    `<main class="shell boot-shell boot-welcome" id="${id}" lang="${lang}" hidden>` +
    `<section class="screen centered" aria-labelledby="${id}-title">${logo}` +
    `<h1 id="${id}-title" tabindex="-1">${word(lang, 'welcome.title')}</h1>` +
    `<p>${word(lang, 'welcome.body1')}</p>` +
    `<p>${word(lang, 'welcome.body2')}</p>` +
    `<button class="primary" type="button" disabled>${word(lang, 'welcome.start')}</button>` +
    `</section></main>`
  );
}

/** Every language's welcome screen. */
export function bootWelcomes(): string {
  const logo = logoMarkup();
  return LANGUAGES.map((lang) => bootWelcome(lang, logo)).join('');
}

/** src/boot/boot.js as shipped: minified by vite's own minifier (Oxc), a few hundred bytes gzip. */
export function bootScript(): string {
  const source = readFileSync(new URL('./src/boot/boot.js', import.meta.url), 'utf8');
  const { code, errors } = minifySync('boot.js', source, { compress: true, mangle: true });
  if (errors.length > 0) throw new Error(`src/boot/boot.js: ${errors[0]?.message}`);
  return code;
}

/**
 * Puts the forms and welcome screens where index.html has BOOT_SHELL_MARK and, at BOOT_SCRIPT_MARK, the classic script
 * `/assets/boot-<hash>.js` (hashed like every build file: cached for a year, precached by the
 * service worker's glob, never out of step with the index.html that names it). The dev server
 * serves the same file.
 */
export function bootShell(): Plugin {
  const script = bootScript();
  const fileName = `assets/boot-${createHash('sha256').update(script).digest('hex').slice(0, 8)}.js`;
  return {
    name: 'keyslot-boot-shell',
    transformIndexHtml(html) {
      for (const mark of [BOOT_SHELL_MARK, BOOT_SCRIPT_MARK])
        if (!html.includes(mark)) throw new Error(`index.html lacks ${mark}`);
      return html
        .replace(BOOT_SHELL_MARK, bootForms() + bootWelcomes())
        .replace(BOOT_SCRIPT_MARK, `<script src="/${fileName}"></script>`);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: script });
    },
    configureServer(server) {
      server.middlewares.use(`/${fileName}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(script);
      });
    },
  };
}
