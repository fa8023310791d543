import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsOptionsSchema, type TlsOptionsInput } from '../../contract/connections.js';
import { AppError } from '../../contract/errors.js';
import { makeTestCerts, type TestCerts } from '../../../test-support/kafka/test-certs.js';
import { checkTlsMaterial, tlsConnectionOptions } from './tls-material.js';

let dir: string;
let certs: TestCerts;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samsa-tls-material-'));
  certs = await makeTestCerts(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const opts = (t: TlsOptionsInput) => TlsOptionsSchema.parse(t);

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

/** Overwrites the first line of the base64 body (the DER header), so the PEM frame stays but the DER breaks. */
function damage(pem: string): string {
  const lines = pem.split('\n');
  lines[1] = 'A'.repeat(lines[1]!.length);
  return lines.join('\n');
}

describe('checkTlsMaterial', () => {
  it('accepts a CA bundle, a certificate with its key, and an encrypted key with its passphrase', () => {
    expect(() =>
      checkTlsMaterial(
        opts({
          caPem: certs.caPem + certs.rogueCaPem,
          clientCertPem: certs.clientCertPem,
          clientKeyPem: certs.clientKeyEncryptedPem,
          clientKeyPassphrase: certs.clientKeyPassphrase,
        }),
        '',
      ),
    ).not.toThrow();
  });

  it('names the damaged certificate of a bundle and the field to fix', () => {
    const err = thrown(() => checkTlsMaterial(opts({ caPem: certs.caPem + damage(certs.rogueCaPem) }), 'input.'));
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'input.tlsOptions.caPem' });
    expect(err.message).toBe('Certificate 2 of 2 in the ca certificate file is damaged and cannot be read.');
  });

  it('a key of another certificate, an encrypted key without or with a wrong passphrase, a damaged key', () => {
    const base = { clientCertPem: certs.clientCertPem };
    expect(thrown(() => checkTlsMaterial(opts({ ...base, clientKeyPem: certs.rogueClientKeyPem }), ''))).toMatchObject({
      field: 'tlsOptions.clientKeyPem',
      message: expect.stringMatching(/does not belong to the client certificate \(CN=samsa-client\)/),
    });
    expect(
      thrown(() => checkTlsMaterial(opts({ ...base, clientKeyPem: certs.clientKeyEncryptedPem }), '')),
    ).toMatchObject({
      field: 'tlsOptions.clientKeyPassphrase',
      message: 'The private key is encrypted: enter its passphrase.',
    });
    expect(
      thrown(() =>
        checkTlsMaterial(opts({ ...base, clientKeyPem: certs.clientKeyEncryptedPem, clientKeyPassphrase: 'nope' }), ''),
      ),
    ).toMatchObject({
      field: 'tlsOptions.clientKeyPassphrase',
      message: 'The passphrase does not open the private key.',
    });
    expect(
      thrown(() => checkTlsMaterial(opts({ ...base, clientKeyPem: damage(certs.clientKeyPem) }), '')),
    ).toMatchObject({
      field: 'tlsOptions.clientKeyPem',
      message: 'The private key file is damaged or of a kind Samsa cannot read.',
    });
  });
});

describe('tlsConnectionOptions', () => {
  it('maps the settings onto Node TLS options', () => {
    expect(tlsConnectionOptions({ tls: false, tlsOptions: opts({ caPem: certs.caPem }) })).toBe(false);
    expect(tlsConnectionOptions({ tls: true })).toBe(true);
    const full = tlsConnectionOptions({
      tls: true,
      tlsOptions: opts({
        caPem: certs.caPem,
        clientCertPem: certs.clientCertPem,
        clientKeyPem: certs.clientKeyEncryptedPem,
        clientKeyPassphrase: certs.clientKeyPassphrase,
        serverName: 'kafka.internal',
      }),
    });
    expect(full).toEqual({
      ca: certs.caPem,
      cert: certs.clientCertPem,
      key: certs.clientKeyEncryptedPem,
      passphrase: certs.clientKeyPassphrase,
      servername: 'kafka.internal',
    });
    expect(tlsConnectionOptions({ tls: true, tlsOptions: opts({ verification: 'none' }) })).toEqual({
      rejectUnauthorized: false,
    });
    const skip = tlsConnectionOptions({ tls: true, tlsOptions: opts({ verification: 'skip-hostname' }) });
    expect(skip).toMatchObject({ checkServerIdentity: expect.any(Function) });
    expect((skip as { checkServerIdentity: () => unknown }).checkServerIdentity()).toBeUndefined();
  });

  it('refuses an expired or not yet valid client certificate before connecting, with the date', () => {
    const t = opts({ clientCertPem: certs.clientCertPem, clientKeyPem: certs.clientKeyPem });
    const later = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const expired = thrown(() => tlsConnectionOptions({ tls: true, tlsOptions: t }, later));
    expect(expired.code).toBe('TLS_FAILED');
    expect(expired.message).toMatch(/^Your client certificate \(CN=samsa-client\) expired on \d{4}-\d{2}-\d{2}\./);
    const earlier = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    expect(thrown(() => tlsConnectionOptions({ tls: true, tlsOptions: t }, earlier)).message).toMatch(
      /is valid only from .* Check this computer's date and time\./,
    );
  });
});
