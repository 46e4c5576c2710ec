/** Set by vite.config.ts `define` (package version, plus KEYSLOT_BUILD_ID when given). */
declare const __KEYSLOT_VERSION__: string;
/**
 * Set by vite.config.ts `define` from KEYSLOT_PRIVACYIDEA_ORIGINS: the privacyIDEA origins this
 * deployment may talk to (normalised, or 'self' for Keyslot's own origin). Empty: none.
 * Check with isPrivacyIdeaServerAllowed (src/core/deployment/privacyidea-origins.ts).
 */
declare const __KEYSLOT_PRIVACYIDEA_ORIGINS__: readonly string[];
