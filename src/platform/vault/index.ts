/**
 * The encrypted vault, as the UI uses it: service.ts (create, open, ask about the stored
 * vault), unlocked-vault.ts (what an open vault does), attempts.ts (the failed-attempt guard).
 * The rest is internal: kek.ts (a key-encryption key per method), device-key.ts,
 * passkey-method.ts, pin-method.ts (the PIN-method loop), change-pin.ts (replacing a PIN
 * method's wrap) and rewrap.ts (the rewrap sequence).
 */
export { createVault, unlockVault, unlockWithPasskey, type CreateVaultOptions } from './service';
export { hasPasskey, hasVault, secretInput } from './probe';
export { attemptGuard } from './attempts';
export { UnlockedVault, type ContainerPlan, type StoredSlots } from './unlocked-vault';
