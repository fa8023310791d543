/**
 * A secured Apache Kafka 4.1 for the tests that need one (the plain single broker of
 * `kafkaSingleton()` stays as it is). One KRaft node with these listeners:
 *
 *   internal   PLAINTEXT   fixture and admin side door (ANONYMOUS is a super user there)
 *   saslSsl    SASL_SSL    PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512
 *   plainOnly  SASL_SSL    PLAIN only (to see what a mechanism the listener does not offer looks like)
 *   mtls       SSL         client certificate required (ssl.client.auth=required)
 *
 * The broker's certificate is for "localhost" only, signed by a CA made at start (see
 * test-certs.ts). Users: `admin` (super user), `alice` (may do anything with topics and groups),
 * `mallory` (valid credentials, no permission at all: StandardAuthorizer denies what no ACL allows).
 * SCRAM credentials are written by `kafka-storage format --add-scram`, PLAIN ones by the JAAS
 * config. The client certificate's principal gets alice's permissions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { freePort, startKafka, type KafkaHandle } from './kafka-fixture.js';
import { makeTestCerts, type TestCerts } from './test-certs.js';

const { Kafka, logLevel, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } = kafkajs;

export const SECURE_USERS = {
  admin: 'admin-secret',
  alice: 'alice-secret',
  mallory: 'mallory-secret',
} as const;
export type SecureUser = keyof typeof SECURE_USERS;

export interface SecureKafka {
  /** host:port of each listener; all advertise "localhost". */
  listeners: { internal: string; saslSsl: string; plainOnly: string; mtls: string };
  ports: { internal: number; saslSsl: number; plainOnly: number; mtls: number };
  certs: TestCerts;
  users: typeof SECURE_USERS;
  kafka: KafkaHandle;
  stop(): Promise<void>;
}

function jaasPlain(): string {
  const users = Object.entries(SECURE_USERS)
    .map(([u, p]) => `user_${u}="${p}"`)
    .join(' ');
  return `org.apache.kafka.common.security.plain.PlainLoginModule required ${users};`;
}

function scramArgs(): string[] {
  const args: string[] = [];
  for (const [name, password] of Object.entries(SECURE_USERS)) {
    for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512']) {
      args.push('--add-scram', `${mechanism}=[name=${name},password=${password}]`);
    }
  }
  return args;
}

async function distinctPorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** Lets `principal` do anything with any topic and group, and describe the cluster. */
async function grantAll(bootstrap: string, principals: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'samsa-fixture-acl', brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const acl = (principal: string, resourceType: number, resourceName: string, operation: number) => ({
      principal,
      host: '*',
      resourceType,
      resourceName,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    });
    await admin.createAcls({
      acl: principals.flatMap((p) => [
        acl(p, AclResourceTypes.TOPIC, '*', AclOperationTypes.ALL),
        acl(p, AclResourceTypes.GROUP, '*', AclOperationTypes.ALL),
        acl(p, AclResourceTypes.CLUSTER, 'kafka-cluster', AclOperationTypes.DESCRIBE),
        acl(p, AclResourceTypes.CLUSTER, 'kafka-cluster', AclOperationTypes.DESCRIBE_CONFIGS),
      ]),
    });
  } finally {
    await admin.disconnect();
  }
}

export async function startSecureKafka(opts: { verbose?: boolean } = {}): Promise<SecureKafka> {
  const dir = await mkdtemp(join(tmpdir(), 'samsa-secure-kafka-'));
  try {
    const certs = await makeTestCerts(join(dir, 'certs'));
    const [internal, saslSsl, plainOnly, mtls, controllerPort] = await distinctPorts(5);
    const kafka = await startKafka({
      port: internal,
      controllerPort,
      verbose: opts.verbose,
      formatArgs: scramArgs(),
      properties: {
        listeners: `INTERNAL://:${internal},SASL_SSL://:${saslSsl},PLAINONLY://:${plainOnly},MTLS://:${mtls},CONTROLLER://:${controllerPort}`,
        'advertised.listeners': `INTERNAL://localhost:${internal},SASL_SSL://localhost:${saslSsl},PLAINONLY://localhost:${plainOnly},MTLS://localhost:${mtls},CONTROLLER://localhost:${controllerPort}`,
        'listener.security.protocol.map':
          'CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,SASL_SSL:SASL_SSL,PLAINONLY:SASL_SSL,MTLS:SSL',
        'inter.broker.listener.name': 'INTERNAL',
        'ssl.keystore.type': 'PEM',
        'ssl.keystore.location': certs.brokerKeystorePath,
        'ssl.truststore.type': 'PEM',
        'ssl.truststore.location': certs.caPath,
        'listener.name.mtls.ssl.client.auth': 'required',
        'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
        'listener.name.sasl_ssl.plain.sasl.jaas.config': jaasPlain(),
        'listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config':
          'org.apache.kafka.common.security.scram.ScramLoginModule required;',
        'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config':
          'org.apache.kafka.common.security.scram.ScramLoginModule required;',
        'listener.name.plainonly.sasl.enabled.mechanisms': 'PLAIN',
        'listener.name.plainonly.plain.sasl.jaas.config': jaasPlain(),
        'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
        // ANONYMOUS: the controller and internal listeners, which the fixture itself uses.
        'super.users': 'User:admin;User:ANONYMOUS',
      },
    });
    const bootstrapInternal = `localhost:${internal}`;
    try {
      await grantAll(bootstrapInternal, ['User:alice', `User:${certs.clientSubject}`]);
    } catch (e) {
      await kafka.stop();
      throw e;
    }
    return {
      listeners: {
        internal: bootstrapInternal,
        saslSsl: `localhost:${saslSsl}`,
        plainOnly: `localhost:${plainOnly}`,
        mtls: `localhost:${mtls}`,
      },
      ports: { internal, saslSsl, plainOnly, mtls },
      certs,
      users: SECURE_USERS,
      kafka,
      async stop() {
        await kafka.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
