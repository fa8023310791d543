import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConnectionInputSchema,
  ConnectionUpdateInputSchema,
  type ConnectionInput,
  type ConnectionUpdateInput,
} from '../../contract/connections.js';
import { makeTestCerts, type TestCerts } from '../../../test-support/kafka/test-certs.js';
import { ProfileStore } from './profile-store.js';
import { keyFileSecretStore } from './key-file-secrets.js';
import { SecretUnreadableError, type SecretStore } from './secret-store.js';

// Client private keys and their passphrases follow the password's rules: encrypted at rest,
// never returned, kept when unreadable, and reused only for the same target.
let certs: TestCerts;
let certDir: string;
let dir: string;
beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'samsa-secrets-certs-'));
  certs = await makeTestCerts(certDir);
});
afterAll(async () => {
  await rm(certDir, { recursive: true, force: true });
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samsa-profile-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const events = { emit: () => undefined };
function store(secrets: SecretStore = keyFileSecretStore(dir), maxCertificateBytes?: number) {
  return new ProfileStore({ dataDir: dir, secrets, events, maxCertificateBytes });
}

function mtls(): ConnectionInput {
  return {
    name: 'mtls',
    bootstrapServers: ['kafka-1:9093', 'kafka-2:9093'],
    tls: true,
    tlsOptions: {
      caPem: certs.caPem,
      clientCertPem: certs.clientCertPem,
      clientKeyPem: certs.clientKeyEncryptedPem,
      clientKeyPassphrase: certs.clientKeyPassphrase,
    },
    sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 'pw' },
  };
}
const create = (s: ProfileStore, i: ConnectionInput) => s.create(ConnectionInputSchema.parse(i));
const update = (s: ProfileStore, id: string, i: ConnectionUpdateInput) =>
  s.update(id, ConnectionUpdateInputSchema.parse(i));
const kept = (): ConnectionUpdateInput => ({ ...mtls(), tlsOptions: { ...mtls().tlsOptions, clientKeyPem: '' } });
const bodyLine = (pem: string) => pem.split('\n')[1]!;

describe('client keys as secrets', () => {
  it('encrypts key and passphrase at rest and returns only whether a key is saved', async () => {
    const p = await create(store(), mtls());
    expect(p.tlsOptions).toEqual({
      caPem: certs.caPem,
      clientCertPem: certs.clientCertPem,
      clientKeySaved: true,
      clientKeyProblem: null,
      serverName: null,
      verification: 'full',
    });
    const raw = await readFile(join(dir, 'connections.json'), 'utf8');
    expect(raw).toContain('"clientKeySecret": "file:v1:');
    expect(raw).not.toContain(bodyLine(certs.clientKeyEncryptedPem));
    expect(raw).not.toContain(certs.clientKeyPassphrase);
    const again = await store().require(p.id);
    expect(again.tlsOptions).toMatchObject({
      clientKeyPem: certs.clientKeyEncryptedPem,
      clientKeyPassphrase: certs.clientKeyPassphrase,
    });
    expect(JSON.stringify(await store().list())).not.toContain(bodyLine(certs.clientKeyEncryptedPem));
  });

  it('keeps the saved key (and passphrase) when left empty for the same target', async () => {
    const s = store();
    const p = await create(s, mtls());
    await update(s, p.id, { ...kept(), name: 'renamed', bootstrapServers: ['KAFKA-2:9093', 'kafka-1:9093'] });
    expect((await store().require(p.id)).tlsOptions).toMatchObject({
      clientKeyPem: certs.clientKeyEncryptedPem,
      clientKeyPassphrase: certs.clientKeyPassphrase,
    });
    const tested = await s.settingsForTest(ConnectionUpdateInputSchema.parse(kept()), p.id);
    expect(tested.tlsOptions?.clientKeyPem).toBe(certs.clientKeyEncryptedPem);
  });

  it('never reuses the key or the password for other servers, another CA, name, checks or certificate', async () => {
    const s = store();
    const p = await create(s, mtls());
    const t = kept().tlsOptions!;
    const changes: ConnectionUpdateInput[] = [
      { ...kept(), bootstrapServers: ['evil:9093'] },
      { ...kept(), tlsOptions: { ...t, caPem: certs.rogueCaPem } },
      { ...kept(), tlsOptions: { ...t, caPem: null } },
      { ...kept(), tlsOptions: { ...t, serverName: 'elsewhere.example.com' } },
      { ...kept(), tlsOptions: { ...t, verification: 'none' } },
    ];
    for (const changed of changes) {
      await expect(update(s, p.id, changed)).rejects.toMatchObject({
        code: 'VALIDATION',
        field: 'input.tlsOptions.clientKeyPem',
      });
      // The password too: it would travel over a connection checked differently.
      const withKey = { ...changed, tlsOptions: { ...changed.tlsOptions, clientKeyPem: certs.clientKeyEncryptedPem } };
      await expect(update(s, p.id, { ...withKey, sasl: { ...mtls().sasl!, password: '' } })).rejects.toMatchObject({
        code: 'VALIDATION',
        field: 'input.sasl.password',
      });
    }
    const otherCert = { ...kept(), tlsOptions: { ...t, clientCertPem: certs.rogueClientCertPem } };
    await expect(s.settingsForTest(ConnectionUpdateInputSchema.parse(otherCert), p.id)).rejects.toMatchObject({
      field: 'tlsOptions.clientKeyPem',
      message: expect.stringMatching(/only used for the servers, TLS settings and client certificate/),
    });
    expect((await store().require(p.id)).tlsOptions?.clientKeyPem).toBe(certs.clientKeyEncryptedPem);
  });

  it('checks a kept key against a new passphrase', async () => {
    const s = store();
    const p = await create(s, mtls());
    await expect(
      update(s, p.id, { ...kept(), tlsOptions: { ...kept().tlsOptions, clientKeyPassphrase: 'wrong' } }),
    ).rejects.toMatchObject({ field: 'input.tlsOptions.clientKeyPassphrase' });
  });

  it('keeps a key it cannot decrypt as it was on disk, says why, and asks for it', async () => {
    const p = await create(store(), mtls());
    const before = JSON.parse(await readFile(join(dir, 'connections.json'), 'utf8')).connections[0].tlsOptions;
    const locked = store({
      ...keyFileSecretStore(dir),
      decrypt: () => {
        throw new SecretUnreadableError('the system keychain could not decrypt it');
      },
    });
    const listed = (await locked.list())[0]!;
    expect(listed.tlsOptions).toMatchObject({
      clientKeySaved: false,
      clientKeyProblem:
        'The saved private key cannot be used here: the system keychain could not decrypt it. Choose the key file again.',
    });
    await update(locked, p.id, { ...kept(), name: 'renamed', sasl: { ...mtls().sasl!, password: 'typed' } });
    const after = JSON.parse(await readFile(join(dir, 'connections.json'), 'utf8')).connections[0].tlsOptions;
    expect(after.clientKeySecret).toBe(before.clientKeySecret);
    expect(after.clientKeyPassphraseSecret).toBe(before.clientKeyPassphraseSecret);
    await expect(locked.settingsForTest(ConnectionUpdateInputSchema.parse(kept()), p.id)).rejects.toMatchObject({
      field: 'tlsOptions.clientKeyPem',
      message: expect.stringMatching(/^Choose the private key file: the saved one cannot be used here/),
    });
    expect((await store().require(p.id)).tlsOptions?.clientKeyPem).toBe(certs.clientKeyEncryptedPem);
  });

  it('drops the TLS options when TLS is turned off, and re-encrypts a key an older version stored as typed', async () => {
    const s = store();
    const p = await create(s, mtls());
    await update(s, p.id, { ...mtls(), tls: false });
    expect((await store().list())[0]!.tlsOptions).toBeUndefined();
    expect(await readFile(join(dir, 'connections.json'), 'utf8')).not.toContain('clientKeySecret');

    const body = JSON.parse(await readFile(join(dir, 'connections.json'), 'utf8'));
    body.connections[0].tls = true;
    body.connections[0].tlsOptions = {
      caPem: null,
      clientCertPem: certs.clientCertPem,
      clientKeySecret: certs.clientKeyPem,
      clientKeyPassphraseSecret: null,
      serverName: null,
      verification: 'full',
    };
    await writeFile(join(dir, 'connections.json'), JSON.stringify(body));
    expect((await store().require(p.id)).tlsOptions?.clientKeyPem).toBe(certs.clientKeyPem);
    expect(await readFile(join(dir, 'connections.json'), 'utf8')).not.toContain(bodyLine(certs.clientKeyPem));
  });

  it('keeps the certificates of all saved connections together under a limit, since every list carries them', async () => {
    const certBytes = certs.caPem.length + certs.clientCertPem.length;
    const s = store(undefined, certBytes * 2 + 10);
    await create(s, mtls());
    await create(s, { ...mtls(), name: 'second' });
    await expect(create(s, { ...mtls(), name: 'third' })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'tlsOptions.caPem',
      message: expect.stringMatching(
        /^Saved connections hold at most .* of certificates together; this one would bring them to/,
      ),
    });
    expect(await s.list()).toHaveLength(2);
  });
});
