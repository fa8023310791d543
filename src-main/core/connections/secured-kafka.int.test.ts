import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectionInputSchema,
  ConnectionTestParamsSchema,
  ConnectionUpdateInputSchema,
  type ConnectionInput,
  type ConnectionTestParams,
  type ConnectionUpdateInput,
} from '../../contract/connections.js';
import { freePort } from '../../../test-support/kafka/kafka-fixture.js';
import { startSecureKafka, type SecureKafka } from '../../../test-support/kafka/secure-kafka.js';
import { resolveBrokerLaunch } from '../../runtime/broker-launch.js';
import { createCore, type Core } from '../index.js';
import { appError, RecordingEvents, text } from '../testing/harness.js';

const { Kafka, logLevel } = kafkajs;

// Apache Kafka 4.1 with SASL_SSL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) and mTLS listeners, and
// an authorizer: every mechanism connects, browses and produces through the core, and every way
// a secured connection goes wrong gets its own code and a sentence that says what to do.
let kafka: SecureKafka;
let core: Core;
let dataDir: string;
const topic = 'secured-orders';

beforeAll(async () => {
  kafka = await startSecureKafka();
  dataDir = await mkdtemp(join(tmpdir(), 'samsa-secured-'));
  core = createCore({
    dataDir,
    events: new RecordingEvents(),
    sandboxLaunch: resolveBrokerLaunch(),
    mode: 'browser',
    version: 'test',
  });
  const admin = new Kafka({ brokers: [kafka.listeners.internal], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
  await admin.disconnect();
});
afterAll(async () => {
  await core?.close();
  await kafka?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

type Mechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

function saslSsl(mechanism: Mechanism, username = 'alice', password: string = kafka.users.alice): ConnectionInput {
  return {
    name: `${mechanism} ${username}`,
    bootstrapServers: [kafka.listeners.saslSsl],
    tls: true,
    tlsOptions: { caPem: kafka.certs.caPem },
    sasl: { mechanism, username, password },
  };
}

function mtls(tlsOptions: NonNullable<ConnectionInput['tlsOptions']> = {}): ConnectionInput {
  return {
    name: 'mtls',
    bootstrapServers: [kafka.listeners.mtls],
    tls: true,
    tlsOptions: {
      caPem: kafka.certs.caPem,
      clientCertPem: kafka.certs.clientCertPem,
      clientKeyPem: kafka.certs.clientKeyPem,
      ...tlsOptions,
    },
  };
}

const test = (input: ConnectionTestParams) => core['connections.test'](ConnectionTestParamsSchema.parse(input));
const create = (input: ConnectionInput) => core['connections.create'](ConnectionInputSchema.parse(input));
const update = (id: string, input: ConnectionUpdateInput) =>
  core['connections.update']({ id, input: ConnectionUpdateInputSchema.parse(input) });

async function browseAndProduce(clusterId: string, value: string) {
  expect((await core['topics.list']({ clusterId })).map((t) => t.name)).toContain(topic);
  const sent = await core['produce.send']({
    clusterId,
    topic,
    partition: 1,
    key: 'k',
    value,
    valueFormat: 'text',
    headers: [],
  });
  expect(sent).toMatchObject({ topic, partition: 1 });
  const detail = await core['topics.get']({ clusterId, topic });
  expect(detail.partitions.find((p) => p.partition === 1)?.highWatermark).toBe(String(Number(sent.offset) + 1));
  const read = await core['messages.newest']({ clusterId, topic, limit: 10, partition: 1 });
  expect(read.messages.map((m) => text(m.value))).toContain(value);
}

describe('a secured Apache Kafka', () => {
  for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
    it(`SASL_SSL with ${mechanism}: tests, saves, browses and produces`, async () => {
      const r = await test(saslSsl(mechanism));
      expect(r).toMatchObject({ brokerCount: 1, controllerId: 1 });
      expect(r.topicCount).toBeGreaterThanOrEqual(1);
      const p = await create(saslSsl(mechanism));
      await browseAndProduce(p.id, `hello over ${mechanism}`);
    });
  }

  it('mTLS with a plain key and with a passphrase-protected one: browses and produces', async () => {
    expect((await test(mtls())).brokerCount).toBe(1);
    const p = await create(mtls());
    await browseAndProduce(p.id, 'hello over mTLS');
    const encrypted = mtls({
      clientKeyPem: kafka.certs.clientKeyEncryptedPem,
      clientKeyPassphrase: kafka.certs.clientKeyPassphrase,
    });
    const q = await create({ ...encrypted, name: 'mtls encrypted key' });
    await browseAndProduce(q.id, 'hello with an encrypted key');
  });

  it('keeps the private key and passphrase encrypted at rest and out of every answer', async () => {
    const p = await create({
      ...mtls({
        clientKeyPem: kafka.certs.clientKeyEncryptedPem,
        clientKeyPassphrase: kafka.certs.clientKeyPassphrase,
      }),
      name: 'kept secret',
    });
    expect(p.tlsOptions).toMatchObject({ clientKeySaved: true, clientKeyProblem: null });
    const everything = JSON.stringify([p, await core['connections.list']({})]);
    const onDisk = await readFile(join(dataDir, 'connections.json'), 'utf8');
    const keyBody = kafka.certs.clientKeyPem.split('\n')[1]!;
    const encryptedBody = kafka.certs.clientKeyEncryptedPem.split('\n')[1]!;
    for (const secret of [keyBody, encryptedBody, kafka.certs.clientKeyPassphrase, kafka.users.alice]) {
      expect(everything).not.toContain(secret);
      expect(onDisk).not.toContain(secret);
    }
    // The certificate is public and comes back; the key is used again when left empty...
    const edited = { ...mtls({ clientKeyPem: '' }), name: 'renamed' };
    expect((await test({ ...edited, id: p.id })).brokerCount).toBe(1);
    await update(p.id, edited);
    await browseAndProduce(p.id, 'after an edit that kept the key');
    // ...but never for other servers.
    const elsewhere = { ...edited, bootstrapServers: [kafka.listeners.saslSsl] };
    expect(await appError(() => update(p.id, elsewhere))).toMatchObject({
      code: 'VALIDATION',
      field: 'input.tlsOptions.clientKeyPem',
    });
    expect(await appError(() => test({ ...elsewhere, id: p.id }))).toMatchObject({
      code: 'VALIDATION',
      field: 'tlsOptions.clientKeyPem',
    });
  });

  it('unreachable: nothing listens there', async () => {
    const port = await freePort();
    const err = await appError(() => test({ ...saslSsl('plain'), bootstrapServers: [`localhost:${port}`] }));
    expect(err.code).toBe('CONNECTION_FAILED');
    expect(err.message).toBe(
      `Could not reach any broker at localhost:${port} (connection refused). Check the bootstrap address and that the cluster is running.`,
    );
  });

  it('TLS: a CA this computer does not trust, or not the CA chosen', async () => {
    const noCa = await appError(() => test({ ...saslSsl('plain'), tlsOptions: undefined }));
    expect(noCa.code).toBe('TLS_FAILED');
    expect(noCa.message).toBe(
      `The TLS certificate of the broker at ${kafka.listeners.saslSsl} is signed by a certificate authority this computer does not trust (a private or self-signed CA). Choose the cluster's CA certificate (a PEM file) under TLS.`,
    );
    const wrongCa = await appError(() => test({ ...saslSsl('plain'), tlsOptions: { caPem: kafka.certs.rogueCaPem } }));
    expect(wrongCa.code).toBe('TLS_FAILED');
    expect(wrongCa.message).toMatch(/is not signed by the CA certificate you chose\. Choose the CA that issued/);
  });

  it('TLS: the host name is not in the certificate; a certificate host name or skipping the name check fixes it', async () => {
    const byIp = { ...saslSsl('scram-sha-256'), bootstrapServers: [`127.0.0.1:${kafka.ports.saslSsl}`] };
    const err = await appError(() => test(byIp));
    expect(err.code).toBe('TLS_FAILED');
    expect(err.message).toMatch(
      /^The TLS certificate of the broker at 127\.0\.0\.1:\d+ is not issued for the name "127\.0\.0\.1"\. Connect with the host name in the certificate, or set that name as the certificate host name under TLS\.$/,
    );
    // Connecting through an address the certificate does not name (a tunnel): tell Samsa the name.
    const r = await test({ ...byIp, tlsOptions: { caPem: kafka.certs.caPem, serverName: 'localhost' } });
    expect(r.brokerCount).toBe(1);
    const skip = await test({ ...byIp, tlsOptions: { caPem: kafka.certs.caPem, verification: 'skip-hostname' } });
    expect(skip.brokerCount).toBe(1);
    // Skipping the name check still checks the CA.
    const stillCa = await appError(() => test({ ...byIp, tlsOptions: { verification: 'skip-hostname' } }));
    expect(stillCa.message).toMatch(/does not trust/);
    // 'none' accepts any certificate.
    expect((await test({ ...byIp, tlsOptions: { verification: 'none' } })).brokerCount).toBe(1);
  });

  it('TLS: the broker requires a client certificate, or refuses the one given', async () => {
    const none = await appError(() => test(mtls({ clientCertPem: null, clientKeyPem: null })));
    expect(none.code).toBe('TLS_FAILED');
    expect(none.message).toBe(
      `The broker at ${kafka.listeners.mtls} requires a client certificate (mutual TLS). Choose your client certificate and its private key under TLS.`,
    );
    const rogue = await appError(() =>
      test(mtls({ clientCertPem: kafka.certs.rogueClientCertPem, clientKeyPem: kafka.certs.rogueClientKeyPem })),
    );
    expect(rogue.code).toBe('TLS_FAILED');
    expect(rogue.message).toMatch(/refused your client certificate: it is not signed by a CA the broker trusts/);
  });

  it("TLS: a key that is not the certificate's, or a wrong or missing passphrase, is caught before connecting", async () => {
    const mismatch = await appError(() => create(mtls({ clientKeyPem: kafka.certs.rogueClientKeyPem })));
    expect(mismatch).toMatchObject({ code: 'VALIDATION', field: 'tlsOptions.clientKeyPem' });
    expect(mismatch.message).toBe(
      'The private key does not belong to the client certificate (CN=samsa-client). Choose the key that was made with it.',
    );
    const noPass = await appError(() => test(mtls({ clientKeyPem: kafka.certs.clientKeyEncryptedPem })));
    expect(noPass).toMatchObject({
      code: 'VALIDATION',
      field: 'tlsOptions.clientKeyPassphrase',
      message: 'The private key is encrypted: enter its passphrase.',
    });
    const wrongPass = await appError(() =>
      test(mtls({ clientKeyPem: kafka.certs.clientKeyEncryptedPem, clientKeyPassphrase: 'wrong' })),
    );
    expect(wrongPass).toMatchObject({
      code: 'VALIDATION',
      field: 'tlsOptions.clientKeyPassphrase',
      message: 'The passphrase does not open the private key.',
    });
  });

  it('TLS and SASL settings that do not match the listener say which to change', async () => {
    const tlsToPlaintext = await appError(() =>
      test({ ...saslSsl('plain'), bootstrapServers: [kafka.listeners.internal], sasl: null }),
    );
    expect(tlsToPlaintext.code).toBe('TLS_FAILED');
    expect(tlsToPlaintext.message).toMatch(/does not speak TLS .* Turn TLS off/);
    const plainToTls = await appError(() => test({ ...saslSsl('plain'), tls: false }));
    expect(plainToTls.code).toBe('CONNECTION_FAILED');
    expect(plainToTls.message).toMatch(
      /closed the connection: the listener probably requires TLS \(SASL_SSL\)\. Turn TLS on\./,
    );
    const noSasl = await appError(() => test({ ...saslSsl('plain'), sasl: null }));
    expect(noSasl.message).toMatch(/right after the TLS handshake: the listener probably requires SASL/);
    const saslOnMtls = await appError(() => test({ ...mtls(), sasl: saslSsl('plain').sasl }));
    expect(saslOnMtls.code).toBe('AUTH_FAILED');
    expect(saslOnMtls.message).toMatch(/does not use SASL .* Set the SASL mechanism to None/);
    const notOffered = await appError(() =>
      test({ ...saslSsl('scram-sha-256'), bootstrapServers: [kafka.listeners.plainOnly] }),
    );
    expect(notOffered.code).toBe('AUTH_FAILED');
    expect(notOffered.message).toBe(
      `The listener at ${kafka.listeners.plainOnly} does not offer SCRAM-SHA-256. Choose the SASL mechanism the cluster uses (its administrator knows which).`,
    );
  });

  for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
    it(`authentication failed with ${mechanism}: a wrong password`, async () => {
      const err = await appError(() => test(saslSsl(mechanism, 'alice', 'not-the-password')));
      expect(err.code).toBe('AUTH_FAILED');
      expect(err.message).toBe(
        `The cluster rejected the user name or password for user "alice" (${mechanism.toUpperCase()}). Check both, and that the user exists for this mechanism.`,
      );
    });
  }

  it('not authorized: signed in, but no ACL lets the user see or use anything', async () => {
    const mallory = saslSsl('scram-sha-512', 'mallory', kafka.users.mallory);
    const err = await appError(() => test(mallory));
    expect(err.code).toBe('NOT_AUTHORIZED');
    expect(err.message).toBe(
      'Signed in as "mallory", but this user is not allowed to see any topic on this cluster. Ask the cluster\'s administrator for ACLs on the topics you need (Describe to see them, Read to browse, Write to produce).',
    );
    // Saved anyway, each call says the same thing in its own terms.
    const p = await create(mallory);
    expect(await core['topics.list']({ clusterId: p.id })).toEqual([]);
    const get = await appError(() => core['topics.get']({ clusterId: p.id, topic }));
    expect(get.code).toBe('NOT_AUTHORIZED');
    expect(get.message).toBe(
      `User "mallory" is not allowed to use topic "${topic}". Ask the cluster's administrator for an ACL that allows it.`,
    );
    const produce = await appError(() =>
      core['produce.send']({
        clusterId: p.id,
        topic,
        partition: 0,
        key: null,
        value: 'x',
        valueFormat: 'text',
        headers: [],
      }),
    );
    expect(produce.code).toBe('NOT_AUTHORIZED');
  });
});
