import { safeStorage } from 'electron';
import type { SecretStore } from '../core/index.js';

/** SASL passwords are encrypted with the OS keychain (safeStorage) when it is available. */
export function electronSecretStore(): SecretStore {
  return {
    encrypt(plain: string): string {
      if (!safeStorage.isEncryptionAvailable()) return `plain:${plain}`;
      return `safe:${safeStorage.encryptString(plain).toString('base64')}`;
    },
    decrypt(stored: string): string {
      if (stored.startsWith('safe:')) return safeStorage.decryptString(Buffer.from(stored.slice(5), 'base64'));
      if (stored.startsWith('plain:')) return stored.slice(6);
      return stored;
    },
  };
}
