/** Encrypts secrets (SASL passwords) at rest. Electron injects one backed by safeStorage. */
export interface SecretStore {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

/** Plain Node environment: no OS keychain, so the secret is stored as typed. */
export const identitySecretStore: SecretStore = {
  encrypt: (s) => s,
  decrypt: (s) => s,
};
