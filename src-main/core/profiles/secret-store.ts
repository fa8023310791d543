/**
 * Encrypts secrets (SASL passwords) at rest. Never writes a secret in plain text. Stored forms
 * carry a prefix saying how they were made, so either mode (desktop, browser) recognises what
 * the other wrote:
 *   safe:<base64>            Electron safeStorage (the OS keychain); desktop app only
 *   file:v1:<iv>:<tag>:<ct>  AES-256-GCM with a key file readable only by the user
 *   plain:<text>, or no prefix: written by older versions; read once, then re-encrypted
 */
export interface SecretStore {
  /** How secrets are protected here, in words for the connection form. */
  describe(): SecretStorageInfo;
  encrypt(plain: string): string;
  /** Throws SecretUnreadableError (with a reason a person understands) when it cannot. */
  decrypt(stored: string): string;
}

export interface SecretStorageInfo {
  kind: 'keychain' | 'key-file';
  /** One sentence for the UI, e.g. "Passwords are encrypted with the system keychain." */
  description: string;
  /** Set when the protection is weaker than the user might expect (shown as a warning). */
  warning: string | null;
}

export class SecretUnreadableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SecretUnreadableError';
  }
}

/** A secret stored by a version of Samsa that did not encrypt it. */
export function legacyPlaintext(stored: string): string | null {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  if (!/^(safe|file):/.test(stored)) return stored;
  return null;
}

export function needsReencryption(stored: string): boolean {
  return legacyPlaintext(stored) !== null;
}
