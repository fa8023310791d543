import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { legacyPlaintext, SecretUnreadableError, type SecretStore } from './secret-store.js';

export const KEY_FILE = 'secret.key';
const PREFIX = 'file:v1:';

/**
 * Secrets encrypted with AES-256-GCM under a random key kept in `<dataDir>/secret.key`, created
 * with permissions 0600 (readable by this user only). Used by browser mode, and by the desktop
 * app where the OS offers no real keychain. It protects connections.json when it is copied,
 * synced or shown; it cannot protect against a process running as the same user.
 */
export function keyFileSecretStore(dataDir: string, opts: { warning?: string | null } = {}): SecretStore {
  const path = join(dataDir, KEY_FILE);
  let key: Buffer | null = null;

  function loadKey(create: boolean): Buffer | null {
    if (key) return key;
    try {
      const k = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
      if (k.length !== 32) throw new SecretUnreadableError(`the key file ${path} is damaged`);
      key = k;
      return key;
    } catch (e) {
      if (e instanceof SecretUnreadableError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !create) return null;
    }
    mkdirSync(dataDir, { recursive: true });
    const fresh = randomBytes(32);
    // 'wx': never overwrite a key another process created a moment ago.
    try {
      writeFileSync(path, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
      key = fresh;
      return key;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadKey(false);
      throw e;
    }
  }

  return {
    describe: () => ({
      kind: 'key-file',
      description: `Passwords are encrypted with a key file only your user can read (${path}).`,
      warning: opts.warning ?? null,
    }),
    encrypt(plain) {
      const k = loadKey(true)!;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
    },
    decrypt(stored) {
      const legacy = legacyPlaintext(stored);
      if (legacy !== null) return legacy;
      if (stored.startsWith('safe:')) {
        throw new SecretUnreadableError(
          'it was saved by the desktop app with the system keychain, which browser mode cannot use',
        );
      }
      const parts = stored.startsWith(PREFIX) ? stored.slice(PREFIX.length).split(':') : [];
      if (parts.length !== 3) throw new SecretUnreadableError('it is stored in a form this version does not know');
      const k = loadKey(false);
      if (!k) throw new SecretUnreadableError(`the key file ${path} is missing`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(parts[0]!, 'base64'));
        decipher.setAuthTag(Buffer.from(parts[1]!, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(parts[2]!, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnreadableError(`it does not match the key in ${path} (the key file was replaced)`);
      }
    },
  };
}
