import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { SecurityContext } from './connection-errors.js';
import { mapKafkaError } from './map-kafka-error.js';

// The errors below have the shapes kafkajs 2.2.4 on Node 24 produced against Apache Kafka 4.1
// (see secured-kafka.int.test.ts, which checks the same messages end to end).
type Ctor = new (...args: unknown[]) => Error;
const k = createRequire(import.meta.url)('kafkajs') as Record<string, Ctor>;
const { createErrorFromCode } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as {
  createErrorFromCode(code: number): Error;
};

const broker = 'kafka-1.example.com:9093';
const brokers = [broker];

function socketError(message: string, code?: string): Error {
  const conn = new k.KafkaJSConnectionError(`Connection error: ${message}`, { broker, code });
  return new k.KafkaJSNumberOfRetriesExceeded(conn, { retryCount: 2, retryTime: 300 });
}

const tlsOnly: SecurityContext = { tls: true, caGiven: false, clientCert: false, verification: 'full', sasl: null };
const withCa: SecurityContext = { ...tlsOnly, caGiven: true };
const scram: SecurityContext = { ...withCa, sasl: { mechanism: 'scram-sha-512', username: 'alice' } };
const mtls: SecurityContext = { ...withCa, clientCert: true };

function map(e: Error, security: SecurityContext, connecting = true) {
  return mapKafkaError(e, { brokers, security, connecting });
}

describe('connection errors, told apart', () => {
  it('an unknown CA: advice depends on whether a CA was chosen', () => {
    const e = socketError('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN');
    const none = map(e, tlsOnly);
    expect(none.code).toBe('TLS_FAILED');
    expect(none.message).toMatch(/does not trust .* Choose the cluster's CA certificate \(a PEM file\) under TLS\./);
    const chosen = map(e, withCa);
    expect(chosen.message).toMatch(/is not signed by the CA certificate you chose/);
    for (const code of [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    ]) {
      expect(map(socketError('x', code), tlsOnly).code).toBe('TLS_FAILED');
    }
  });

  it("a host name mismatch names the host and, when Node lists them, the certificate's names", () => {
    const e = socketError(
      "Hostname/IP does not match certificate's altnames: Host: kafka-1.example.com. is not in the cert's altnames: DNS:localhost, DNS:kafka.internal",
      'ERR_TLS_CERT_ALTNAME_INVALID',
    );
    expect(map(e, withCa).message).toBe(
      `The TLS certificate of the broker at ${broker} is not issued for the name "kafka-1.example.com" (it names DNS:localhost, DNS:kafka.internal). Connect with the host name in the certificate, or set that name as the certificate host name under TLS.`,
    );
  });

  it('expired and not-yet-valid broker certificates', () => {
    expect(map(socketError('certificate has expired', 'CERT_HAS_EXPIRED'), withCa).message).toMatch(/has expired/);
    expect(map(socketError('certificate is not yet valid', 'CERT_NOT_YET_VALID'), withCa).message).toMatch(
      /not valid yet. Check this computer's date/,
    );
  });

  it('a broker that wants a client certificate (TLS 1.2 and 1.3 alerts), and one that refuses ours', () => {
    const tls12 = socketError(
      'error:0A000412:SSL routines:ssl3_read_bytes:ssl/tls alert bad certificate:SSL alert number 42',
      'ERR_SSL_SSL/TLS_ALERT_BAD_CERTIFICATE',
    );
    const tls13 = socketError(
      'error:0A00045C:SSL routines::tlsv13 alert certificate required:SSL alert number 116',
      'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
    );
    for (const e of [tls12, tls13]) {
      const err = map(e, withCa);
      expect(err.code).toBe('TLS_FAILED');
      expect(err.message).toBe(
        `The broker at ${broker} requires a client certificate (mutual TLS). Choose your client certificate and its private key under TLS.`,
      );
    }
    const unknown = socketError(
      'error:0A000416:SSL routines:ssl3_read_bytes:ssl/tls alert certificate unknown:SSL alert number 46',
      'ERR_SSL_SSL/TLS_ALERT_CERTIFICATE_UNKNOWN',
    );
    expect(map(unknown, mtls).message).toMatch(/refused your client certificate/);
    expect(map(tls12, mtls).message).toMatch(/refused your client certificate/);
  });

  it('TLS against a listener that does not speak it', () => {
    const reset = socketError(
      'Client network socket disconnected before secure TLS connection was established',
      'ECONNRESET',
    );
    const err = map(reset, withCa);
    expect(err.code).toBe('TLS_FAILED');
    expect(err.message).toMatch(/does not speak TLS/);
    expect(map(socketError('wrong version number', 'EPROTO'), withCa).code).toBe('TLS_FAILED');
    // Without TLS a reset is just a reset.
    expect(map(reset, { ...tlsOnly, tls: false }).code).toBe('CONNECTION_FAILED');
  });

  it('SASL: wrong credentials, a mechanism the listener does not offer, SASL where there is none', () => {
    const bad = map(
      new k.KafkaJSSASLAuthenticationError(
        'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials',
      ),
      scram,
    );
    expect(bad.code).toBe('AUTH_FAILED');
    expect(bad.message).toBe(
      'The cluster rejected the user name or password for user "alice" (SCRAM-SHA-512). Check both, and that the user exists for this mechanism.',
    );
    const unsupported = map(new k.KafkaJSProtocolError(createErrorFromCode(33)), scram);
    expect(unsupported.code).toBe('AUTH_FAILED');
    expect(unsupported.message).toMatch(/does not offer SCRAM-SHA-512/);
    const illegal = map(new k.KafkaJSProtocolError(createErrorFromCode(34)), scram);
    expect(illegal.message).toMatch(/does not use SASL .* Set the SASL mechanism to None/);
  });

  it('a closed connection while connecting hints at the missing TLS or SASL, and only then', () => {
    const closed = new k.KafkaJSConnectionClosedError('Closed connection', { host: 'h', port: 1 });
    expect(map(closed, { ...tlsOnly, tls: false }).message).toMatch(/probably requires TLS or SASL/);
    expect(map(closed, { ...tlsOnly, tls: false, sasl: scram.sasl }).message).toMatch(
      /probably requires TLS \(SASL_SSL\)\. Turn TLS on\./,
    );
    expect(map(closed, withCa).message).toMatch(/right after the TLS handshake: the listener probably requires SASL/);
    // A broker that goes away later is not a settings problem.
    expect(map(closed, withCa, false).message).not.toMatch(/probably requires/);
  });

  it('authorization errors name the user and the topic', () => {
    const topic = mapKafkaError(createErrorFromCode(29), { topic: 'orders', security: scram });
    expect(topic.code).toBe('NOT_AUTHORIZED');
    expect(topic.message).toBe(
      'User "alice" is not allowed to use topic "orders". Ask the cluster\'s administrator for an ACL that allows it.',
    );
    const group = mapKafkaError(createErrorFromCode(30), { security: mtls });
    expect(group.message).toMatch(/^The user of your client certificate is not allowed to use this group\./);
    expect(mapKafkaError(createErrorFromCode(31)).message).toMatch(/this cluster operation/);
  });
});
