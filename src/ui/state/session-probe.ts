/**
 * What the unlock (or welcome) screen needs before anyone types, as its own small lazily loaded
 * chunk: is there a vault, PIN or passphrase, the failed-attempt guard, is there a passkey and
 * may this browser use one, and news of another tab upgrading the database. The vault itself
 * (session-services.ts: records, slot codec, key derivation) loads on the first digit typed,
 * so what the first visit fetches before any input stays small (issue 16).
 */
export { hasPasskey, hasVault, secretInput } from '../../platform/vault/probe';
export { attemptGuard } from '../../platform/vault/attempts';
export { prfSupported } from '../../platform/passkey';
export { onVersionChange } from '../../platform/storage';
