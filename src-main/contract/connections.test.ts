import { describe, expect, it } from 'vitest';
import { ConnectionInputSchema, ConnectionTestParamsSchema, TlsOptionsSchema } from './connections.js';
import { LIMITS } from './limits.js';

const cert = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
const key = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n';
const encryptedKey =
  '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIHsMFcGCSqGSIb3DQEF\n-----END ENCRYPTED PRIVATE KEY-----\n';
const legacyKey =
  '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0A1B2C\n\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n';

function issues(input: unknown) {
  const r = TlsOptionsSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('TLS options in the contract', () => {
  it('accepts PEM certificates and keys of the usual kinds, with defaults for the rest', () => {
    expect(issues({ caPem: cert + cert, clientCertPem: cert, clientKeyPem: key })).toEqual([]);
    expect(issues({ clientCertPem: cert, clientKeyPem: encryptedKey, clientKeyPassphrase: 'p' })).toEqual([]);
    expect(issues({ clientCertPem: cert, clientKeyPem: legacyKey, clientKeyPassphrase: 'p' })).toEqual([]);
    expect(TlsOptionsSchema.parse({})).toEqual({
      caPem: null,
      clientCertPem: null,
      clientKeyPem: null,
      clientKeyPassphrase: null,
      serverName: null,
      verification: 'full',
    });
  });

  it('refuses a PEM file over 1 MiB with its size in words', () => {
    const big = cert + 'x'.repeat(LIMITS.pemBytes);
    expect(issues({ caPem: big })).toEqual([
      { path: 'caPem', message: 'The CA certificate file is over 1 MiB; Samsa reads PEM files of at most 1 MiB.' },
    ]);
  });

  it('says when a file holds the wrong thing, or is not PEM at all', () => {
    expect(issues({ caPem: key })).toEqual([
      { path: 'caPem', message: 'The CA certificate file holds a private key, not a certificate.' },
    ]);
    expect(issues({ clientCertPem: cert, clientKeyPem: cert })).toEqual([
      { path: 'clientKeyPem', message: 'The private key file holds a certificate, not a private key.' },
    ]);
    expect(issues({ caPem: '\u00fe\u00ed\u00fe\u00ed binary keystore' })[0]?.message).toMatch(
      /no certificate in PEM form .* A Java keystore \(\.jks, \.p12\) must be exported to PEM first\./,
    );
  });

  it('wants a client certificate and its key together', () => {
    expect(issues({ clientCertPem: cert })).toEqual([
      { path: 'clientKeyPem', message: 'Choose the private key of the client certificate' },
    ]);
    expect(issues({ clientKeyPem: key })).toEqual([
      { path: 'clientCertPem', message: 'Choose the client certificate that goes with the private key' },
    ]);
  });

  it('a certificate host name is a host name, not an address', () => {
    expect(issues({ serverName: 'kafka.example.com' })).toEqual([]);
    expect(issues({ serverName: '10.0.0.1' })[0]?.message).toBe(
      'Use the host name in the certificate, not an IP address',
    );
    expect(issues({ serverName: 'kafka:9093' })[0]?.message).toBe('Use a host name, for example kafka.example.com');
  });

  it('an empty key means "the saved one" only where there can be one', () => {
    const base = { name: 'x', bootstrapServers: ['k:9093'], tls: true };
    const keep = { ...base, tlsOptions: { clientCertPem: cert, clientKeyPem: '' } };
    expect(ConnectionInputSchema.safeParse(keep).success).toBe(false);
    expect(ConnectionTestParamsSchema.safeParse({ ...keep, id: 'p1' }).success).toBe(true);
    const r = ConnectionTestParamsSchema.safeParse(keep);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['tlsOptions.clientKeyPem', 'Choose the private key of the client certificate'],
    ]);
  });
});
