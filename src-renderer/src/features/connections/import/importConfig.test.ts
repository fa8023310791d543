import { describe, expect, it } from 'vitest';
import { ConnectionInputSchema } from '../../../contract.js';
import { emptyConnectionForm, toConnectionInput } from '../connectionForm.js';
import { importConfig } from './importConfig.js';

const body = 'MIIBszCCAVmgAwIBAgIUQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(3);

describe('importing a client config file', () => {
  it('a Confluent-style Java client.properties: servers, SASL_SSL, PLAIN from the JAAS config', () => {
    const { patch, report } = importConfig(
      [
        'bootstrap.servers=pkc-1.eu-west-1.aws.confluent.cloud:9092',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=PLAIN',
        "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username='KEY1' password='s3cr3t';",
        'client.dns.lookup=use_all_dns_ips',
        'session.timeout.ms=45000',
        'acks=all',
      ].join('\n'),
      'client.properties',
    );
    expect(patch).toMatchObject({
      servers: 'pkc-1.eu-west-1.aws.confluent.cloud:9092',
      tls: true,
      mechanism: 'plain',
      username: 'KEY1',
      password: 's3cr3t',
    });
    expect(report.dialect).toBe('java');
    expect(report.imported).toEqual([
      'Bootstrap servers: pkc-1.eu-west-1.aws.confluent.cloud:9092',
      'Security protocol: SASL_SSL',
      'SASL mechanism: PLAIN',
      'User name: KEY1',
      'Password (hidden)',
    ]);
    expect(report.ignored).toEqual(['client.dns.lookup', 'session.timeout.ms', 'acks']);
    expect(JSON.stringify(report)).not.toContain('s3cr3t');
    // What the form then sends is valid for the contract.
    const input = toConnectionInput({ ...emptyConnectionForm, name: 'cloud', ...patch });
    expect(ConnectionInputSchema.safeParse(input).success).toBe(true);
  });

  it('Java mTLS with PEM inline (folded over lines), an encrypted key and no host name check', () => {
    const text = [
      'bootstrap.servers=SSL://k1:9093,k2:9093',
      'security.protocol=SSL',
      'ssl.truststore.type=PEM',
      `ssl.truststore.certificates=-----BEGIN CERTIFICATE----- \\`,
      `  ${body} \\`,
      '  -----END CERTIFICATE-----',
      'ssl.keystore.type=PEM',
      `ssl.keystore.certificate.chain=-----BEGIN CERTIFICATE----- ${body} -----END CERTIFICATE-----`,
      `ssl.keystore.key=-----BEGIN ENCRYPTED PRIVATE KEY----- \\`,
      `  ${body} -----END ENCRYPTED PRIVATE KEY-----`,
      'ssl.key.password=kp',
      'ssl.endpoint.identification.algorithm=',
      'ssl.protocol=TLSv1.3',
    ].join('\n');
    const { patch, report } = importConfig(text, 'mtls.properties');
    expect(patch.servers).toBe('k1:9093\nk2:9093');
    expect(patch.ca?.text).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9]{64}\n/);
    expect(patch.clientKey).toMatchObject({ text: expect.stringContaining('BEGIN ENCRYPTED PRIVATE KEY') });
    expect(patch).toMatchObject({ tls: true, mechanism: 'none', passphrase: 'kp', verification: 'skip-hostname' });
    expect(report.imported).toContain('CA certificate: from ssl.truststore.certificates');
    expect(report.imported).toContain(
      'Certificate checks: CA only, host name not checked (from ssl.endpoint.identification.algorithm)',
    );
    expect(report.notImported).toEqual([
      { key: 'ssl.protocol', reason: expect.stringMatching(/is not needed: Samsa uses PEM files/) },
    ]);
    const input = toConnectionInput({ ...emptyConnectionForm, name: 'm', ...patch });
    expect(ConnectionInputSchema.safeParse(input).success).toBe(true);
  });

  it('Java JKS stores are not imported, with the commands that export them to PEM', () => {
    const { patch, report } = importConfig(
      [
        'bootstrap.servers=k:9093',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\',
        '    username="alice" \\',
        '    password="p\\\\"w";',
        'ssl.truststore.location=/etc/kafka/truststore.jks',
        'ssl.truststore.password=changeit',
        'ssl.keystore.location=/etc/kafka/client.p12',
        'ssl.keystore.type=PKCS12',
      ].join('\n'),
      'scram.properties',
    );
    expect(patch).toMatchObject({ mechanism: 'scram-sha-512', username: 'alice', password: 'p"w' });
    const why = Object.fromEntries(report.notImported.map((n) => [n.key, n.reason]));
    expect(why['ssl.truststore.location']).toBe(
      'ssl.truststore.location is a JKS truststore, which Samsa cannot read. Export its CA certificate as PEM with: keytool -exportcert -rfc -keystore /etc/kafka/truststore.jks -alias <alias> -file ca.pem (keytool -list -keystore /etc/kafka/truststore.jks shows the alias), and choose ca.pem as the CA certificate.',
    );
    expect(why['ssl.keystore.location']).toMatch(
      /PKCS12 keystore.* openssl pkcs12 -in \/etc\/kafka\/client\.p12 -nokeys -out client-cert\.pem and openssl pkcs12 -in \/etc\/kafka\/client\.p12 -nocerts -out client-key\.pem/,
    );
    expect(why['ssl.truststore.password']).toMatch(/is not needed/);
    expect(JSON.stringify(report)).not.toContain('changeit');
  });

  it('a kcat/librdkafka config: file locations to choose, SCRAM, verification off', () => {
    const { patch, report } = importConfig(
      [
        'metadata.broker.list=kafka:9093',
        'security.protocol=sasl_ssl',
        'sasl.mechanisms=SCRAM-SHA-256',
        'sasl.username=bob',
        'sasl.password=pw',
        'ssl.ca.location=/etc/ssl/ca.pem',
        'ssl.certificate.location=C:\\certs\\client.pem',
        'ssl.key.location=/home/bob/client.key',
        'ssl.key.password=kp',
        'enable.ssl.certificate.verification=false',
        'ssl.endpoint.identification.algorithm=https',
      ].join('\n'),
      'kcat.conf',
    );
    expect(report.dialect).toBe('librdkafka');
    expect(patch).toMatchObject({
      servers: 'kafka:9093',
      tls: true,
      mechanism: 'scram-sha-256',
      username: 'bob',
      password: 'pw',
      passphrase: 'kp',
      verification: 'none',
      filesToChoose: {
        caPem: '/etc/ssl/ca.pem',
        clientCertPem: 'C:\\certs\\client.pem',
        clientKeyPem: '/home/bob/client.key',
      },
    });
    expect(report.toChoose.map((c) => `${c.key}=${c.path}`)).toEqual([
      'ssl.ca.location=/etc/ssl/ca.pem',
      'ssl.certificate.location=C:\\certs\\client.pem',
      'ssl.key.location=/home/bob/client.key',
    ]);
  });

  it('says why SASL it cannot use is not imported, and what a missing mechanism means', () => {
    const gssapi = importConfig(
      'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=GSSAPI\nsasl.kerberos.service.name=kafka',
      'k',
    );
    expect(gssapi.patch.mechanism).toBe('none');
    expect(gssapi.report.notImported).toEqual([
      {
        key: 'sasl.mechanism',
        reason: 'GSSAPI is not supported: Samsa signs in with PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (not Kerberos).',
      },
      { key: 'sasl.kerberos.service.name', reason: 'is not supported by Samsa.' },
    ]);
    const scram = importConfig(
      'security.protocol=SASL_SSL\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";',
      'x',
    );
    expect(scram.patch.mechanism).toBe('scram-sha-512');
    expect(scram.report.notImported[0]).toMatchObject({
      key: 'sasl.mechanism',
      reason: expect.stringMatching(/check it/),
    });
    const plaintext = importConfig('bootstrap.servers=a:1\nsasl.mechanism=PLAIN\nssl.ca.location=/x', 'y');
    expect(plaintext.patch).toMatchObject({ tls: false, mechanism: 'none' });
    expect(plaintext.report.imported).toContain(
      'Security protocol: PLAINTEXT (not set in the file; Kafka clients assume it)',
    );
    expect(plaintext.report.notImported.map((n) => n.key)).toEqual(['sasl.*', 'ssl.*']);
  });
});
