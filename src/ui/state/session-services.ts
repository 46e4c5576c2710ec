/**
 * What the session needs from storage and crypto to create, open and change the vault, as one
 * lazily loaded chunk (session.svelte.ts imports it with import()). It starts loading on the
 * first digit typed (Session.typing) or the first action that needs it, so none of it (the
 * record format, WebCrypto, the KDF) weighs on the entry or on what the unlock screen fetches
 * before any input; that screen's own questions are session-probe.ts.
 */
export { createVault, unlockVault, unlockWithPasskey } from '../../platform/vault';
export { prepareKdf } from '../../platform/kdf';
export { validateNewSecret } from '../../core/pin';
export { writeBootNote } from '../../platform/boot-note-write';
