/** Set by vite.config.ts `define` (package version, plus KEYSLOT_BUILD_ID when given). */
declare const __KEYSLOT_VERSION__: string;
