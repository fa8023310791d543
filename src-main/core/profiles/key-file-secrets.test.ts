import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_FILE, keyFileSecretStore } from './key-file-secrets.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samsa-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('key-file secret store', () => {
  it('never stores the secret as typed, and reads it back with the same key file', async () => {
    const a = keyFileSecretStore(dir);
    const stored = a.encrypt('hunter2');
    expect(stored).toMatch(/^file:v1:/);
    expect(stored).not.toContain('hunter2');
    expect(a.encrypt('hunter2')).not.toBe(stored); // a fresh IV each time
    expect(keyFileSecretStore(dir).decrypt(stored)).toBe('hunter2');
  });

  it('creates the key file readable only by the user', async () => {
    keyFileSecretStore(dir).encrypt('x');
    const mode = (await stat(join(dir, KEY_FILE))).mode & 0o777;
    if (process.platform !== 'win32') expect(mode).toBe(0o600);
  });

  it('says why a secret cannot be read: desktop keychain, replaced key, missing key, damaged value', async () => {
    const s = keyFileSecretStore(dir);
    expect(() => s.decrypt('safe:AAAA')).toThrow(/desktop app with the system keychain/);
    const stored = s.encrypt('x');
    await writeFile(join(dir, KEY_FILE), `${Buffer.alloc(32, 7).toString('base64')}\n`);
    expect(() => keyFileSecretStore(dir).decrypt(stored)).toThrow(/does not match the key/);
    await rm(join(dir, KEY_FILE));
    expect(() => keyFileSecretStore(dir).decrypt(stored)).toThrow(/is missing/);
    expect(() => keyFileSecretStore(dir).decrypt('file:v1:nonsense')).toThrow(/form this version does not know/);
  });

  it('reads what older versions stored as typed', () => {
    const s = keyFileSecretStore(dir);
    expect(s.decrypt('plain:old')).toBe('old');
    expect(s.decrypt('older')).toBe('older');
  });

  it('describes itself for the connection form', async () => {
    const info = keyFileSecretStore(dir, { warning: 'no keychain' }).describe();
    expect(info).toEqual({ kind: 'key-file', description: expect.stringContaining(KEY_FILE), warning: 'no keychain' });
    expect(await readFile(join(dir, KEY_FILE)).catch(() => null)).toBeNull(); // describing creates nothing
  });
});
