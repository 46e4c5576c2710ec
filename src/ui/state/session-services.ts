/**
 * What the session needs from storage and crypto, as one lazily loaded chunk (session.svelte.ts
 * imports it with import()). It starts loading with the unlock screen, in parallel with its first
 * paint, so none of it (IndexedDB, the vault format, WebCrypto, the KDF) weighs on the entry that
 * index.html loads.
 */
export {
  attemptGuard,
  createVault,
  hasPasskey,
  hasVault,
  secretInput,
  unlockVault,
  unlockWithPasskey,
} from '../../platform/vault';
export { prepareKdf } from '../../platform/kdf';
export { prfSupported } from '../../platform/passkey';
export { onVersionChange } from '../../platform/storage';
export { validateNewSecret } from '../../core/pin';
