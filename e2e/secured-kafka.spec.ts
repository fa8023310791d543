import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import type { Page } from '@playwright/test';
import { startSecureKafka, type SecureKafka } from '../test-support/kafka/secure-kafka.js';
import { electronBinary, expect, test, type SamsaOptions } from './fixtures.js';

// A secured Apache Kafka 4.1 (SASL_SSL with SCRAM, a private CA, ACLs), reached only through
// the connection form, as a person would: choose the CA file, pick the mechanism, test, save,
// browse, produce; kcat (librdkafka), with the same credentials, reads back what Samsa wrote.
const run = promisify(execFile);
const topic = `secured-e2e-${Date.now().toString(36)}`;
let kafka: SecureKafka;

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({}, testInfo) => {
  // The electron project skips where there is no Electron binary: no broker for it then.
  if ((testInfo.project.use as SamsaOptions).samsaMode === 'electron' && !electronBinary()) return;
  kafka = await startSecureKafka();
  const admin = new Kafka({ brokers: [kafka.listeners.internal], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
});
test.afterAll(async () => {
  await kafka?.stop();
});

async function chooseFile(page: Page, button: string, name: string, text: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/x-pem-file', buffer: Buffer.from(text) });
}

async function testConnection(page: Page) {
  await page.getByRole('button', { name: 'Test connection' }).click();
}

test('connects to the SASL_SSL listener through the form, browses and produces', async ({ samsa: page }) => {
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.getByLabel('Name', { exact: true }).fill('Secured');
  await dialog.getByLabel('Bootstrap servers').fill(kafka.listeners.saslSsl);
  await dialog.getByLabel('Use TLS').check();
  await dialog.getByLabel('SASL mechanism').selectOption('scram-sha-512');
  await dialog.getByLabel('Username').fill('alice');
  await dialog.getByLabel('Password').fill(kafka.users.alice);

  // Without the cluster's CA: the TLS handshake fails, and the message says what to choose.
  await testConnection(page);
  await expect(dialog.getByRole('alert')).toContainText(
    "signed by a certificate authority this computer does not trust (a private or self-signed CA). Choose the cluster's CA certificate",
  );

  await chooseFile(page, 'Choose file for CA certificate', 'ca.pem', kafka.certs.caPem);
  await expect(dialog.getByText('ca.pem · 1 certificate')).toBeVisible();

  // A wrong password is an authentication failure, not a network problem.
  await dialog.getByLabel('Password').fill('not-the-password');
  await testConnection(page);
  await expect(dialog.getByRole('alert')).toContainText(
    'The cluster rejected the user name or password for user "alice" (SCRAM-SHA-512).',
  );

  await dialog.getByLabel('Password').fill(kafka.users.alice);
  await testConnection(page);
  await expect(dialog.getByRole('status').filter({ hasText: /Connected to cluster/ })).toContainText('1 broker');
  await page.screenshot({ path: 'test-results/e2e/secured-connection-dialog.png' });
  await dialog.getByRole('button', { name: 'Save' }).click();

  const nav = page.getByRole('navigation', { name: 'Clusters' });
  await nav.getByRole('link', { name: 'Secured' }).click();
  await page.getByRole('navigation', { name: 'Cluster sections' }).getByRole('link', { name: 'Topics' }).click();
  await page.getByRole('link', { name: topic }).click();
  await page.getByRole('tab', { name: 'Produce' }).click();
  await page.getByLabel('Key', { exact: true }).fill('secured-key');
  await page.getByLabel('Value', { exact: true }).fill('hello over SASL_SSL');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText(/Delivered to partition 0 at offset 0/)).toBeVisible();
  await page.getByRole('tab', { name: 'Messages' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'secured-key' })).toBeVisible();

  // kcat, as a kcat user would configure it, reads it back over the same listener. With PLAIN:
  // Debian's librdkafka 2.0.2 cannot do SCRAM against Kafka 4.x (its client-final nonce is
  // wrong; fixed in librdkafka 2.6.1), which Samsa's SCRAM above does.
  const caFile = kafka.certs.caPath;
  const { stdout } = await run(
    'kcat',
    [
      '-b',
      kafka.listeners.saslSsl,
      '-X',
      'security.protocol=SASL_SSL',
      '-X',
      'sasl.mechanisms=PLAIN',
      '-X',
      'sasl.username=alice',
      '-X',
      `sasl.password=${kafka.users.alice}`,
      '-X',
      `ssl.ca.location=${caFile}`,
      '-C',
      '-t',
      topic,
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%k=%s\n',
    ],
    { timeout: 30_000 },
  );
  expect(stdout).toContain('secured-key=hello over SASL_SSL');
});

test('imports a kcat config, asks for the CA file it names, and tells a user without ACLs so', async ({
  samsa: page,
}) => {
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  const conf = [
    `bootstrap.servers=${kafka.listeners.saslSsl}`,
    'security.protocol=SASL_SSL',
    'sasl.mechanisms=SCRAM-SHA-256',
    'sasl.username=mallory',
    `sasl.password=${kafka.users.mallory}`,
    '# kcat reads this too',
    'ssl.ca.location=/etc/kafka/ca.pem',
    'ssl.keystore.location=/etc/kafka/client.p12',
  ].join('\n');
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Import client config…' }).click();
  await (await chooser).setFiles({ name: 'kcat.conf', mimeType: 'text/plain', buffer: Buffer.from(conf) });

  const report = dialog.getByRole('status', { name: 'Import report' });
  await expect(report).toContainText('Imported from kcat.conf (librdkafka / kcat config)');
  await expect(report).toContainText('SASL mechanism: SCRAM-SHA-256');
  await expect(report).toContainText('/etc/kafka/ca.pem');
  await expect(report).toContainText('is a PKCS12 keystore, which Samsa cannot read');
  await expect(dialog.getByText('The imported file names /etc/kafka/ca.pem: choose that file here.')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/secured-import-report.png' });

  await chooseFile(page, 'Choose file for CA certificate', 'ca.pem', kafka.certs.caPem);
  await testConnection(page);
  await expect(dialog.getByRole('alert')).toContainText(
    'Signed in as "mallory", but this user is not allowed to see any topic on this cluster.',
  );

  // Relaxed certificate checks are visible for what they are.
  await dialog.getByLabel('Certificate checks').selectOption('none');
  await expect(dialog.getByRole('note')).toContainText('Certificates are not checked at all');
  await page.screenshot({ path: 'test-results/e2e/secured-tls-warning.png' });
});
