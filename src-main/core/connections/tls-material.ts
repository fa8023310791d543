/**
 * The certificates and key of a TLS connection, checked with Node's crypto before anything is
 * sent: a damaged file, a key that does not belong to the certificate or a wrong passphrase is
 * told apart here, with the field to fix, instead of surfacing as an OpenSSL code mid-handshake.
 * Then turned into the options Node's `tls.connect` takes (kafkajs passes `ssl` through).
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { ConnectionOptions } from 'node:tls';
import type { TlsOptions } from '../../contract/connections.js';
import { AppError } from '../../contract/errors.js';

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Each certificate of a PEM bundle, parsed; a damaged one is named by its position. */
export function parseCertificates(pem: string, what: string, field: string): X509Certificate[] {
  const blocks = pem.match(CERT_BLOCK) ?? [];
  if (blocks.length === 0) throw new AppError('VALIDATION', `${what} has no certificate in PEM form.`, { field });
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (e) {
      const which = blocks.length > 1 ? `Certificate ${i + 1} of ${blocks.length} in ${what.toLowerCase()}` : what;
      throw new AppError('VALIDATION', `${which} is damaged and cannot be read.`, {
        field,
        detail: (e as Error).message,
      });
    }
  });
}

function readKey(pem: string, passphrase: string | null, prefix: string): KeyObject {
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem);
  if (encrypted && !passphrase) {
    throw new AppError('VALIDATION', 'The private key is encrypted: enter its passphrase.', {
      field: `${prefix}tlsOptions.clientKeyPassphrase`,
    });
  }
  try {
    return createPrivateKey(passphrase ? { key: pem, passphrase } : { key: pem });
  } catch (e) {
    const detail = (e as Error).message;
    if (encrypted) {
      throw new AppError('VALIDATION', 'The passphrase does not open the private key.', {
        field: `${prefix}tlsOptions.clientKeyPassphrase`,
        detail,
      });
    }
    throw new AppError('VALIDATION', 'The private key file is damaged or of a kind Samsa cannot read.', {
      field: `${prefix}tlsOptions.clientKeyPem`,
      detail,
    });
  }
}

/**
 * Throws a VALIDATION error naming the field when the CA, client certificate or key cannot be
 * used. A key that is '' (saved, but unreadable here) is left for the caller to ask for.
 */
export function checkTlsMaterial(t: TlsOptions | undefined, prefix: '' | 'input.'): void {
  if (!t) return;
  if (t.caPem) parseCertificates(t.caPem, 'The CA certificate file', `${prefix}tlsOptions.caPem`);
  if (!t.clientCertPem) return;
  const [leaf] = parseCertificates(t.clientCertPem, 'The client certificate file', `${prefix}tlsOptions.clientCertPem`);
  if (!t.clientKeyPem) return;
  const key = readKey(t.clientKeyPem, t.clientKeyPassphrase, prefix);
  if (!leaf!.checkPrivateKey(key)) {
    throw new AppError(
      'VALIDATION',
      `The private key does not belong to the client certificate (${subjectName(leaf!)}). Choose the key that was made with it.`,
      { field: `${prefix}tlsOptions.clientKeyPem` },
    );
  }
}

/** "CN=samsa-client" style name of a certificate's subject, for messages. */
export function subjectName(cert: X509Certificate): string {
  return cert.subject.split('\n').join(', ');
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A client certificate that is out of date is refused by every broker with a bare TLS alert;
 * say so before connecting.
 */
function checkClientCertificateDates(pem: string, now: Date): void {
  const [leaf] = parseCertificates(pem, 'The client certificate file', 'tlsOptions.clientCertPem');
  const from = new Date(leaf!.validFrom);
  const to = new Date(leaf!.validTo);
  if (to < now) {
    throw new AppError(
      'TLS_FAILED',
      `Your client certificate (${subjectName(leaf!)}) expired on ${day(to)}. Ask the cluster's administrator for a new one.`,
    );
  }
  if (from > now) {
    throw new AppError(
      'TLS_FAILED',
      `Your client certificate (${subjectName(leaf!)}) is valid only from ${day(from)}. Check this computer's date and time.`,
    );
  }
}

/** Node `tls.connect` options for these settings; `false` when TLS is off. */
export function tlsConnectionOptions(
  s: { tls: boolean; tlsOptions?: TlsOptions },
  now = new Date(),
): ConnectionOptions | boolean {
  if (!s.tls) return false;
  const t = s.tlsOptions;
  if (!t) return true;
  const o: ConnectionOptions = {};
  if (t.caPem) o.ca = t.caPem;
  if (t.clientCertPem && t.clientKeyPem) {
    checkClientCertificateDates(t.clientCertPem, now);
    o.cert = t.clientCertPem;
    o.key = t.clientKeyPem;
    if (t.clientKeyPassphrase) o.passphrase = t.clientKeyPassphrase;
  }
  // Also the name the certificate is checked against (Node checks `servername || host`).
  if (t.serverName) o.servername = t.serverName;
  if (t.verification === 'none') o.rejectUnauthorized = false;
  // The CA is still checked; only the name in the certificate is not compared with the host.
  if (t.verification === 'skip-hostname') o.checkServerIdentity = () => undefined;
  return o;
}
