// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { AppError, LIMITS, type ConnectionProfile } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { ConnectionDialog } from './ConnectionDialog.js';

afterEach(cleanup);

const CA = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIHsMFcGCSqGSIb3DQEF\n-----END ENCRYPTED PRIVATE KEY-----\n';

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function choose(label: string, file: File) {
  fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });
}

function sent(calls: { method: string; params: unknown }[]) {
  return calls.filter((c) => c.method !== 'app.info');
}

const testResult = () => ({ clusterId: 'c', brokerCount: 1, controllerId: 1, latencyMs: 3, topicCount: 4 });

describe('ConnectionDialog: TLS', () => {
  it('reads the chosen CA file in the window and sends its text, never a path', async () => {
    const { bridge, calls } = fakeBridge({ 'connections.test': testResult });
    renderWith(<ConnectionDialog onClose={() => {}} onSaved={() => {}} />, bridge);
    fill('Name', 'secure');
    fill('Bootstrap servers', 'kafka:9093');
    expect(screen.queryByLabelText('CA certificate')).toBeNull();
    fireEvent.click(screen.getByLabelText('Use TLS'));
    expect(screen.getByText("This computer's trusted CAs")).toBeTruthy();
    choose('CA certificate', new File([CA], 'ca.pem'));
    await screen.findByText('ca.pem · 1 certificate');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/1 broker · 4 topics · 3 ms/);
    expect(sent(calls)[0]).toEqual({
      method: 'connections.test',
      params: {
        name: 'secure',
        bootstrapServers: ['kafka:9093'],
        tls: true,
        sasl: null,
        tlsOptions: {
          caPem: CA,
          clientCertPem: null,
          clientKeyPem: null,
          clientKeyPassphrase: null,
          serverName: null,
          verification: 'full',
        },
      },
    });
  });

  it('refuses a file over 1 MiB without reading it, and says why', async () => {
    renderWith(<ConnectionDialog onClose={() => {}} onSaved={() => {}} />, fakeBridge({}).bridge);
    fireEvent.click(screen.getByLabelText('Use TLS'));
    const big = new File(['x'], 'truststore.jks');
    Object.defineProperty(big, 'size', { value: LIMITS.pemBytes + 1 });
    const read = vi.spyOn(big, 'text');
    choose('CA certificate', big);
    await screen.findByText('truststore.jks is 1 MiB; the ca certificate must be a PEM file of at most 1 MiB.');
    expect(read).not.toHaveBeenCalled();
  });

  it('shows a visible warning when certificate checks are relaxed', () => {
    renderWith(<ConnectionDialog onClose={() => {}} onSaved={() => {}} />, fakeBridge({}).bridge);
    fireEvent.click(screen.getByLabelText('Use TLS'));
    expect(screen.queryByRole('note')).toBeNull();
    fill('Certificate checks', 'none');
    expect(screen.getByRole('note').textContent).toMatch(/not checked at all: anyone on the network path/);
    fill('Certificate checks', 'skip-hostname');
    expect(screen.getByRole('note').textContent).toMatch(/Host names are not checked/);
  });

  it('asks for the passphrase of an encrypted key, and points a server error at it', async () => {
    const { bridge } = fakeBridge({
      'connections.test': () => {
        throw new AppError('VALIDATION', 'The passphrase does not open the private key.', {
          field: 'tlsOptions.clientKeyPassphrase',
        });
      },
    });
    renderWith(<ConnectionDialog onClose={() => {}} onSaved={() => {}} />, bridge);
    fill('Name', 'm');
    fill('Bootstrap servers', 'kafka:9093');
    fireEvent.click(screen.getByLabelText('Use TLS'));
    choose('Client certificate', new File([CA], 'client.crt'));
    choose('Client private key', new File([KEY], 'client.key'));
    await screen.findByText('client.key · encrypted private key');
    fill('Key passphrase', 'wrong');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('The passphrase does not open the private key.', { selector: '.field-error' });
    expect(screen.getByLabelText('Key passphrase').getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps a saved key for the same target, and asks for it again when the servers change', async () => {
    const profile: ConnectionProfile = {
      id: 'p1',
      name: 'mtls',
      bootstrapServers: ['kafka:9093'],
      tls: true,
      sandbox: false,
      createdAt: 0,
      updatedAt: 0,
      sasl: null,
      tlsOptions: {
        caPem: CA,
        clientCertPem: CA,
        clientKeySaved: true,
        clientKeyProblem: null,
        serverName: null,
        verification: 'full',
      },
    };
    const { bridge, calls } = fakeBridge({ 'connections.test': testResult });
    renderWith(<ConnectionDialog profile={profile} onClose={() => {}} onSaved={() => {}} />, bridge);
    expect(screen.getByText('Saved with the connection (not shown)')).toBeTruthy();
    expect(screen.getAllByText('Saved · 1 certificate')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/1 broker/);
    expect(sent(calls)[0]!.params).toMatchObject({
      id: 'p1',
      tlsOptions: { caPem: CA, clientCertPem: CA, clientKeyPem: '', verification: 'full' },
    });
    fill('Bootstrap servers', 'elsewhere:9093');
    expect(screen.getByText('Choose it again for the changed settings')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Choose the private key file again for the changed settings')).toBeTruthy();
    expect(sent(calls)).toHaveLength(1);
  });
});

describe('ConnectionDialog: importing a client config', () => {
  it('fills the form from a kcat config and says what to choose and what was not imported', async () => {
    const { bridge, calls } = fakeBridge({ 'connections.create': (p) => ({ ...(p as object), id: 'n' }) });
    const onSaved = vi.fn();
    renderWith(<ConnectionDialog onClose={() => {}} onSaved={onSaved} />, bridge);
    const conf = [
      'bootstrap.servers=kafka-1:9093,kafka-2:9093',
      'security.protocol=SASL_SSL',
      'sasl.mechanisms=SCRAM-SHA-512',
      'sasl.username=alice',
      'sasl.password=pw',
      'ssl.ca.location=/etc/kafka/ca.pem',
      'ssl.keystore.location=/etc/kafka/client.p12',
      'linger.ms=5',
    ].join('\n');
    choose('Client config file to import', new File([conf], 'kcat.conf'));
    const report = await screen.findByRole('status', { name: 'Import report' });
    expect(report.textContent).toContain('Imported from kcat.conf (librdkafka / kcat config)');
    expect(report.textContent).toContain('SASL mechanism: SCRAM-SHA-512');
    expect(report.textContent).toContain('/etc/kafka/ca.pem');
    expect(report.textContent).toMatch(/ssl\.keystore\.location is a PKCS12 keystore, which Samsa cannot read/);
    expect(report.textContent).toContain('ignored: linger.ms');
    expect(report.textContent).not.toContain('pw');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('kafka-1');
    expect((screen.getByLabelText('Bootstrap servers') as HTMLTextAreaElement).value).toBe(
      'kafka-1:9093\nkafka-2:9093',
    );
    expect((screen.getByLabelText('Use TLS') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('pw');
    expect(screen.getByText('The imported file names /etc/kafka/ca.pem: choose that file here.')).toBeTruthy();
    // Choosing the file clears the reminder; saving sends the imported settings.
    choose('CA certificate', new File([CA], 'ca.pem'));
    await screen.findByText('ca.pem · 1 certificate');
    expect(screen.queryByText(/The imported file names/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent(calls)[0]!.params).toMatchObject({
      bootstrapServers: ['kafka-1:9093', 'kafka-2:9093'],
      tls: true,
      sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 'pw' },
      tlsOptions: { caPem: CA },
    });
  });
});
