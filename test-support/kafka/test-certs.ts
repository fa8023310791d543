/**
 * Certificates for the secured Kafka fixture, made at test time with Debian's `openssl` (never
 * checked in, never long-lived): a CA, a broker certificate valid for "localhost" only (so
 * 127.0.0.1 is a host name mismatch), a client certificate for mTLS (with a plain and a
 * passphrase-protected key), and a second, unrelated CA with its own client certificate, to play
 * "a certificate nobody trusts".
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCerts {
  dir: string;
  /** The CA that signed the broker and client certificates (PEM). */
  caPem: string;
  caPath: string;
  /** Broker key + certificate chain in one PEM file, for `ssl.keystore.type=PEM`. */
  brokerKeystorePath: string;
  clientCertPem: string;
  clientKeyPem: string;
  /** The same client key, encrypted (PKCS#8, AES-256) with `clientKeyPassphrase`. */
  clientKeyEncryptedPem: string;
  clientKeyPassphrase: string;
  /** The subject of the client certificate: the Kafka principal is `User:${clientSubject}`. */
  clientSubject: string;
  /** A CA the broker does not know, and a client certificate it signed. */
  rogueCaPem: string;
  rogueClientCertPem: string;
  rogueClientKeyPem: string;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  try {
    await run('openssl', args, { cwd: dir, timeout: 30_000 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0]} failed: ${err.stderr || err.message}`, { cause: e });
  }
}

/** A CA certificate and key (`<name>.pem`, `<name>.key`). */
async function makeCa(dir: string, name: string, subject: string): Promise<void> {
  await openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-subj',
    subject,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

/** A key and a certificate signed by `ca` (`<name>.key`, `<name>.crt`). */
async function makeLeaf(dir: string, ca: string, name: string, subject: string, extensions: string[]): Promise<void> {
  await openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  ]);
  await writeFile(join(dir, `${name}.ext`), `${extensions.join('\n')}\n`);
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ]);
}

export async function makeTestCerts(dir: string): Promise<TestCerts> {
  await mkdir(dir, { recursive: true });
  const clientKeyPassphrase = 'client-key-passphrase';
  await makeCa(dir, 'ca', '/CN=Samsa Test CA');
  await makeCa(dir, 'rogue-ca', '/CN=Somebody Else CA');
  await makeLeaf(dir, 'ca', 'broker', '/CN=localhost', [
    'subjectAltName=DNS:localhost',
    'extendedKeyUsage=serverAuth,clientAuth',
  ]);
  await makeLeaf(dir, 'ca', 'client', '/CN=samsa-client', ['extendedKeyUsage=clientAuth']);
  await makeLeaf(dir, 'rogue-ca', 'rogue-client', '/CN=samsa-client', ['extendedKeyUsage=clientAuth']);
  await openssl(dir, [
    'pkcs8',
    '-topk8',
    '-v2',
    'aes-256-cbc',
    '-in',
    'client.key',
    '-out',
    'client-encrypted.key',
    '-passout',
    `pass:${clientKeyPassphrase}`,
  ]);
  const read = (f: string) => readFile(join(dir, f), 'utf8');
  const caPem = await read('ca.pem');
  const brokerKeystorePath = join(dir, 'broker-keystore.pem');
  await writeFile(brokerKeystorePath, (await read('broker.key')) + (await read('broker.crt')) + caPem);
  return {
    dir,
    caPem,
    caPath: join(dir, 'ca.pem'),
    brokerKeystorePath,
    clientCertPem: await read('client.crt'),
    clientKeyPem: await read('client.key'),
    clientKeyEncryptedPem: await read('client-encrypted.key'),
    clientKeyPassphrase,
    clientSubject: 'CN=samsa-client',
    rogueCaPem: await read('rogue-ca.pem'),
    rogueClientCertPem: await read('rogue-client.crt'),
    rogueClientKeyPem: await read('rogue-client.key'),
  };
}
