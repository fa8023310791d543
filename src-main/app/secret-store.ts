import { safeStorage } from 'electron';
import { keyFileSecretStore, type SecretStore } from '../core/index.js';
import { SecretUnreadableError } from '../core/profiles/secret-store.js';

/**
 * Secrets in the desktop app: the OS keychain through safeStorage where there is a real one.
 * On Linux without a keyring, safeStorage falls back to a hard-coded key ("basic_text"), which is
 * no protection at all: then secrets go to the key-file store instead, and the UI says so.
 * Either way, what the other mode (browser mode's key file) wrote is read too.
 */
export function electronSecretStore(dataDir: string): SecretStore {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const keychain = safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown';
  const fileStore = keyFileSecretStore(dataDir, {
    warning: keychain
      ? null
      : 'No system keychain is available (on Linux: no GNOME Keyring or KWallet is running), so passwords are protected by a key file instead.',
  });
  if (!keychain) return fileStore;
  return {
    describe: () => ({
      kind: 'keychain',
      description: 'Passwords are encrypted with the system keychain.',
      warning: null,
    }),
    encrypt: (plain) => `safe:${safeStorage.encryptString(plain).toString('base64')}`,
    decrypt(stored) {
      if (!stored.startsWith('safe:')) return fileStore.decrypt(stored);
      try {
        return safeStorage.decryptString(Buffer.from(stored.slice(5), 'base64'));
      } catch {
        throw new SecretUnreadableError('the system keychain could not decrypt it (the keychain or user changed)');
      }
    },
  };
}
