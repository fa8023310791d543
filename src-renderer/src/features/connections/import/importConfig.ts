/**
 * A Java client.properties or a librdkafka/kcat config file, turned into connection form fields,
 * with a report of what was taken, what the person still has to choose (files: the window cannot
 * read a path), and what was not taken and why. Values of secrets never appear in the report.
 */
import type { TlsVerification } from '../../../contract.js';
import type { ConnectionFormState, SaslChoice } from '../connectionForm.js';
import type { PemSlot } from '../tlsForm.js';
import { moduleName, parseJaas } from './jaas.js';
import { normalizePem, parseConfigFile, detectDialect, type ConfigDialect, type Property } from './properties.js';

export interface ImportReport {
  fileName: string;
  dialect: ConfigDialect;
  /** What was filled in, in words ("Bootstrap servers: a:9092, b:9092"). */
  imported: string[];
  /** Files the config names: the person chooses them in the form. */
  toChoose: Array<{ slot: PemSlot; key: string; path: string }>;
  /** Connection settings that were not taken, with the reason and what to do. */
  notImported: Array<{ key: string; reason: string }>;
  /** Keys that are not about connecting (client.id, acks, ...). */
  ignored: string[];
}

export type FormPatch = Partial<ConnectionFormState>;

const MECHANISMS: Record<string, SaslChoice> = {
  PLAIN: 'plain',
  'SCRAM-SHA-256': 'scram-sha-256',
  'SCRAM-SHA-512': 'scram-sha-512',
};

const SLOT_NAMES: Record<PemSlot, string> = {
  caPem: 'CA certificate',
  clientCertPem: 'Client certificate',
  clientKeyPem: 'Client private key',
};

const NOT_NEEDED = new Set([
  'ssl.truststore.password',
  'ssl.keystore.password',
  'ssl.protocol',
  'ssl.enabled.protocols',
  'ssl.cipher.suites',
  'ssl.keymanager.algorithm',
  'ssl.trustmanager.algorithm',
  'ssl.secure.random.implementation',
  'ssl.engine.factory.class',
  'ssl.sigalgs.list',
  'ssl.curves.list',
]);

function keystoreHowTo(key: string, path: string, type: string, what: 'truststore' | 'keystore'): string {
  const p12 = type === 'PKCS12' ? path : 'client.p12';
  const toP12 =
    type === 'PKCS12'
      ? ''
      : `keytool -importkeystore -srckeystore ${path} -destkeystore client.p12 -deststoretype PKCS12, then `;
  if (what === 'truststore') {
    return type === 'PKCS12'
      ? `${key} is a PKCS12 truststore, which Samsa cannot read. Export its CA certificate as PEM with: openssl pkcs12 -in ${path} -nokeys -out ca.pem, and choose ca.pem as the CA certificate.`
      : `${key} is a JKS truststore, which Samsa cannot read. Export its CA certificate as PEM with: keytool -exportcert -rfc -keystore ${path} -alias <alias> -file ca.pem (keytool -list -keystore ${path} shows the alias), and choose ca.pem as the CA certificate.`;
  }
  return `${key} is a ${type} keystore, which Samsa cannot read. Export the certificate and key as PEM: ${toP12}openssl pkcs12 -in ${p12} -nokeys -out client-cert.pem and openssl pkcs12 -in ${p12} -nocerts -out client-key.pem; then choose both files.`;
}

export function importConfig(text: string, fileName: string): { patch: FormPatch; report: ImportReport } {
  const dialect = detectDialect(text);
  const props = new Map(parseConfigFile(text, dialect).map((p): [string, Property] => [p.key, p]));
  const used = new Set<string>();
  const get = (key: string): string | undefined => {
    const p = props.get(key);
    if (p) used.add(key);
    return p?.value;
  };
  const patch: FormPatch = {};
  const report: ImportReport = { fileName, dialect, imported: [], toChoose: [], notImported: [], ignored: [] };
  const skip = (key: string, reason: string) => report.notImported.push({ key, reason });
  const choose = (slot: PemSlot, key: string, path: string) => {
    report.toChoose.push({ slot, key, path });
    patch.filesToChoose = { ...patch.filesToChoose, [slot]: path };
  };
  const inline = (slot: PemSlot, key: string, value: string) => {
    const pem = normalizePem(value);
    if (!pem) return skip(key, 'holds no PEM block (-----BEGIN ...-----).');
    const choice = { text: pem, fileName: `${key} (from ${fileName})` };
    if (slot === 'caPem') patch.ca = choice;
    else if (slot === 'clientCertPem') patch.clientCert = choice;
    else patch.clientKey = choice;
    report.imported.push(`${SLOT_NAMES[slot]}: from ${key}`);
  };

  // Where to connect.
  const servers = get('bootstrap.servers') ?? get('metadata.broker.list');
  if (servers !== undefined) {
    const list = servers
      .split(',')
      .map((s) => s.trim().replace(/^[A-Za-z_]+:\/\//, ''))
      .filter(Boolean);
    patch.servers = list.join('\n');
    report.imported.push(`Bootstrap servers: ${list.join(', ')}`);
  }

  // TLS and SASL on or off. Kafka's clients assume PLAINTEXT when nothing is said.
  const protocolRaw = get('security.protocol');
  const protocol = (protocolRaw ?? 'PLAINTEXT').toUpperCase();
  let saslOn = false;
  if (['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
    patch.tls = protocol.endsWith('SSL');
    saslOn = protocol.startsWith('SASL');
    patch.mechanism = 'none';
    report.imported.push(
      `Security protocol: ${protocol}${protocolRaw === undefined ? ' (not set in the file; Kafka clients assume it)' : ''}`,
    );
  } else {
    skip(
      'security.protocol',
      `"${protocolRaw}" is not a Kafka security protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL).`,
    );
  }

  // SASL.
  const mechanismKey = dialect === 'librdkafka' ? 'sasl.mechanisms' : 'sasl.mechanism';
  const mechanismRaw = get(mechanismKey) ?? get(dialect === 'librdkafka' ? 'sasl.mechanism' : 'sasl.mechanisms');
  const jaasRaw = get('sasl.jaas.config');
  const jaas = jaasRaw !== undefined ? parseJaas(jaasRaw) : null;
  if (saslOn) {
    const module = jaas ? moduleName(jaas.loginModule) : null;
    const m = mechanismRaw?.trim().toUpperCase();
    if (m && MECHANISMS[m]) {
      patch.mechanism = MECHANISMS[m];
      report.imported.push(`SASL mechanism: ${m}`);
    } else if (m) {
      skip(
        mechanismKey,
        `${m} is not supported: Samsa signs in with PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512${m === 'GSSAPI' ? ' (not Kerberos)' : m === 'OAUTHBEARER' ? ' (not OAuth tokens)' : ''}.`,
      );
    } else if (module === 'PlainLoginModule') {
      patch.mechanism = 'plain';
      report.imported.push('SASL mechanism: PLAIN (from the login module; the file does not set it)');
    } else if (module === 'ScramLoginModule') {
      patch.mechanism = 'scram-sha-512';
      skip(
        mechanismKey,
        'is not set, and the login module does not say which SCRAM: SCRAM-SHA-512 was chosen; check it.',
      );
    } else {
      skip(mechanismKey, 'is not set (Kafka clients then use GSSAPI, Kerberos, which Samsa does not support).');
    }
    const username = jaas?.options.username ?? get('sasl.username');
    const password = jaas?.options.password ?? get('sasl.password');
    if (jaasRaw !== undefined && !jaas)
      skip('sasl.jaas.config', 'could not be read (expected: <LoginModule> required username="..." password="...";).');
    else if (jaas && module !== 'PlainLoginModule' && module !== 'ScramLoginModule')
      skip(
        'sasl.jaas.config',
        `uses ${module}; Samsa reads user names and passwords from PlainLoginModule and ScramLoginModule only.`,
      );
    if (username !== undefined) {
      patch.username = username;
      report.imported.push(`User name: ${username}`);
    }
    if (password !== undefined) {
      patch.password = password;
      report.imported.push('Password (hidden)');
    }
  } else if (mechanismRaw !== undefined || jaasRaw !== undefined || props.has('sasl.username')) {
    get('sasl.username');
    get('sasl.password');
    skip('sasl.*', `SASL settings are ignored: security.protocol is ${protocol}, which does not use SASL.`);
  }

  // TLS material and checks.
  if (dialect === 'java') {
    const trustType = (get('ssl.truststore.type') ?? 'JKS').toUpperCase();
    const trustCerts = get('ssl.truststore.certificates');
    const trustLocation = get('ssl.truststore.location');
    if (trustCerts !== undefined) inline('caPem', 'ssl.truststore.certificates', trustCerts);
    else if (trustLocation !== undefined) {
      if (trustType === 'PEM') choose('caPem', 'ssl.truststore.location', trustLocation);
      else
        skip(
          'ssl.truststore.location',
          keystoreHowTo('ssl.truststore.location', trustLocation, trustType, 'truststore'),
        );
    }
    const keyType = (get('ssl.keystore.type') ?? 'JKS').toUpperCase();
    const chain = get('ssl.keystore.certificate.chain');
    const key = get('ssl.keystore.key');
    const keyLocation = get('ssl.keystore.location');
    if (chain !== undefined) inline('clientCertPem', 'ssl.keystore.certificate.chain', chain);
    if (key !== undefined) inline('clientKeyPem', 'ssl.keystore.key', key);
    if (keyLocation !== undefined && chain === undefined) {
      if (keyType === 'PEM') {
        // One PEM file holds both the key and the certificate chain: choose it for both.
        choose('clientCertPem', 'ssl.keystore.location', keyLocation);
        choose('clientKeyPem', 'ssl.keystore.location', keyLocation);
      } else skip('ssl.keystore.location', keystoreHowTo('ssl.keystore.location', keyLocation, keyType, 'keystore'));
    }
    const endpoint = get('ssl.endpoint.identification.algorithm');
    if (endpoint !== undefined)
      setVerification(endpoint.trim() === '' ? 'skip-hostname' : 'full', 'ssl.endpoint.identification.algorithm');
  } else {
    const ca = get('ssl.ca.location');
    if (get('ssl.ca.pem') !== undefined) inline('caPem', 'ssl.ca.pem', get('ssl.ca.pem')!);
    else if (ca !== undefined && ca.trim().toLowerCase() !== 'probe') choose('caPem', 'ssl.ca.location', ca);
    else if (ca !== undefined)
      report.imported.push("CA certificate: this computer's trusted CAs (ssl.ca.location=probe)");
    const cert = get('ssl.certificate.location');
    if (get('ssl.certificate.pem') !== undefined)
      inline('clientCertPem', 'ssl.certificate.pem', get('ssl.certificate.pem')!);
    else if (cert !== undefined) choose('clientCertPem', 'ssl.certificate.location', cert);
    const keyPath = get('ssl.key.location');
    if (get('ssl.key.pem') !== undefined) inline('clientKeyPem', 'ssl.key.pem', get('ssl.key.pem')!);
    else if (keyPath !== undefined) choose('clientKeyPem', 'ssl.key.location', keyPath);
    const p12 = get('ssl.keystore.location');
    if (p12 !== undefined)
      skip('ssl.keystore.location', keystoreHowTo('ssl.keystore.location', p12, 'PKCS12', 'keystore'));
    if (get('enable.ssl.certificate.verification')?.trim().toLowerCase() === 'false')
      setVerification('none', 'enable.ssl.certificate.verification');
    const endpoint = get('ssl.endpoint.identification.algorithm');
    if (endpoint !== undefined && patch.verification !== 'none')
      setVerification(
        endpoint.trim().toLowerCase() === 'none' ? 'skip-hostname' : 'full',
        'ssl.endpoint.identification.algorithm',
      );
  }
  const tlsRead = patch.ca || patch.clientCert || patch.clientKey || report.toChoose.length > 0;
  if (patch.tls === false && tlsRead)
    skip(
      'ssl.*',
      `TLS settings were read, but they are not used: security.protocol is ${protocol}, which does not use TLS.`,
    );
  const passphrase = get('ssl.key.password');
  if (passphrase !== undefined) {
    patch.passphrase = passphrase;
    report.imported.push('Private key passphrase (hidden)');
  }

  function setVerification(v: TlsVerification, key: string) {
    patch.verification = v;
    const words = { full: 'full (CA and host name)', 'skip-hostname': 'CA only, host name not checked', none: 'none' };
    report.imported.push(`Certificate checks: ${words[v]} (from ${key})`);
  }

  for (const [key] of props) {
    if (used.has(key)) continue;
    if (NOT_NEEDED.has(key))
      skip(key, 'is not needed: Samsa uses PEM files and the TLS defaults of Node.js (TLS 1.2 and 1.3).');
    else if (/^(sasl|ssl)\./.test(key)) skip(key, 'is not supported by Samsa.');
    else report.ignored.push(key);
  }
  return { patch, report };
}
