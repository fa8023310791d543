import { describe, expect, it } from 'vitest';
import { detectDialect, normalizePem, parseConfigFile } from './properties.js';
import { parseJaas } from './jaas.js';

describe('config files', () => {
  it('reads Java properties: separators, comments, continuations, escapes, last one wins', () => {
    const text = [
      '# a comment',
      '! another',
      'bootstrap.servers = a:9092,\\',
      '    b:9092',
      'client.id: samsa',
      'acks all',
      'path=C\\:\\\\certs\\\\ca.pem',
      'unicode=caf\\u00e9\\ttab',
      'odd=ends with two backslashes\\\\',
      'next=line',
      'acks=1',
      '',
    ].join('\r\n');
    expect(detectDialect(text)).toBe('java');
    expect(parseConfigFile(text).map(({ key, value }) => [key, value])).toEqual([
      ['bootstrap.servers', 'a:9092,b:9092'],
      ['client.id', 'samsa'],
      ['acks', '1'],
      ['path', 'C:\\certs\\ca.pem'],
      ['unicode', 'café\ttab'],
      ['odd', 'ends with two backslashes\\'],
      ['next', 'line'],
    ]);
  });

  it('reads librdkafka files without Java escapes, so Windows paths survive', () => {
    const text =
      '# kcat\nmetadata.broker.list=k:9093\nssl.ca.location=C:\\certs\\ca.pem\nsasl.password = has = sign \n';
    expect(detectDialect(text)).toBe('librdkafka');
    expect(parseConfigFile(text).map(({ key, value }) => [key, value])).toEqual([
      ['metadata.broker.list', 'k:9093'],
      ['ssl.ca.location', 'C:\\certs\\ca.pem'],
      ['sasl.password', 'has = sign'],
    ]);
  });

  it('rebuilds PEM blocks that a properties file folded into one line', () => {
    const body = 'QUJD'.repeat(30);
    const folded = `-----BEGIN CERTIFICATE----- ${body.slice(0, 50)} ${body.slice(50)} -----END CERTIFICATE----- -----BEGIN CERTIFICATE----- QUJD -----END CERTIFICATE-----`;
    expect(normalizePem(folded)).toBe(
      `-----BEGIN CERTIFICATE-----\n${body.slice(0, 64)}\n${body.slice(64)}\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n`,
    );
    expect(normalizePem('no pem here')).toBe('');
  });

  it('reads the user name and password of a JAAS config, quoted or bare, with escapes', () => {
    expect(
      parseJaas(
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="p\\"w;x" extra=bare;',
      ),
    ).toEqual({
      loginModule: 'org.apache.kafka.common.security.scram.ScramLoginModule',
      options: { username: 'alice', password: 'p"w;x', extra: 'bare' },
    });
    expect(
      parseJaas("org.apache.kafka.common.security.plain.PlainLoginModule required username='k' password='s';"),
    ).toMatchObject({
      options: { username: 'k', password: 's' },
    });
    expect(parseJaas('username="x"')).toBeNull();
    expect(parseJaas('Mod required username="unterminated')).toBeNull();
  });
});
