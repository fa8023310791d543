// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { AppError } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { ConnectionDialog } from './ConnectionDialog.js';

afterEach(cleanup);

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/** What the dialog sent, leaving out the start-up facts it reads for its hints. */
function sent(calls: { method: string; params: unknown }[]) {
  return calls.filter((c) => c.method !== 'app.info');
}

describe('ConnectionDialog', () => {
  it('shows inline errors from the contract schema and sends nothing', () => {
    const { bridge, calls } = fakeBridge({});
    renderWith(<ConnectionDialog onClose={() => {}} onSaved={() => {}} />, bridge);
    expect(screen.getByRole('dialog', { name: 'Add connection' })).toBeTruthy();
    fill('Bootstrap servers', 'nope');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Name is required')).toBeTruthy();
    expect(screen.getByText(/nope: Use host:port/)).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(sent(calls)).toEqual([]);
  });

  it('tests the typed settings and reports cluster id, brokers and latency', async () => {
    const { bridge, calls } = fakeBridge({
      'connections.test': () => ({ clusterId: 'abc', brokerCount: 3, controllerId: 1, latencyMs: 12.4 }),
    });
    renderWith(<ConnectionDialog onClose={() => {}} onSaved={() => {}} />, bridge);
    fill('Name', 'local');
    fill('Bootstrap servers', 'localhost:9092, other:9093');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/3 brokers · 12 ms/);
    expect(sent(calls)[0]).toEqual({
      method: 'connections.test',
      params: { name: 'local', bootstrapServers: ['localhost:9092', 'other:9093'], tls: false, sasl: null },
    });
  });

  it('keeps every field when saving fails, and shows the message in an alert', async () => {
    const { bridge } = fakeBridge({
      'connections.create': () => {
        throw new AppError('ALREADY_EXISTS', 'A connection named "local" already exists.', {
          field: 'name',
          detail: 'dup',
        });
      },
    });
    const onSaved = vi.fn();
    renderWith(<ConnectionDialog onClose={() => {}} onSaved={onSaved} />, bridge);
    fill('Name', 'local');
    fill('Bootstrap servers', 'localhost:9092');
    fireEvent.click(screen.getByLabelText('Use TLS'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('already exists');
    expect(alert.textContent).toContain('Details');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('local');
    expect((screen.getByLabelText('Bootstrap servers') as HTMLTextAreaElement).value).toBe('localhost:9092');
    expect((screen.getByLabelText('Use TLS') as HTMLInputElement).checked).toBe(true);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('asks for SASL credentials only when a mechanism is chosen, and Escape closes', async () => {
    const { bridge, calls } = fakeBridge({ 'connections.create': (p) => ({ ...(p as object), id: '1' }) });
    const onClose = vi.fn();
    const onSaved = vi.fn();
    renderWith(<ConnectionDialog onClose={onClose} onSaved={onSaved} />, bridge);
    expect(screen.queryByLabelText('Username')).toBeNull();
    fireEvent.change(screen.getByLabelText('SASL mechanism'), { target: { value: 'scram-sha-256' } });
    fill('Name', 'secure');
    fill('Bootstrap servers', 'k:9096');
    fill('Username', 'u');
    fill('Password', 'p');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent(calls)[0]!.params).toMatchObject({
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
    });
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });

  it('edits a profile with a saved password: empty keeps it, and Test sends the id', async () => {
    const profile = {
      id: 'p1',
      name: 'secure',
      bootstrapServers: ['k:9096'],
      tls: true,
      sandbox: false,
      createdAt: 0,
      updatedAt: 0,
      sasl: { mechanism: 'plain' as const, username: 'u', passwordSaved: true, passwordProblem: null },
    };
    const { bridge, calls } = fakeBridge({
      'connections.test': () => ({ clusterId: 'abc', brokerCount: 1, controllerId: 1, latencyMs: 3 }),
      'connections.update': () => profile,
    });
    const onSaved = vi.fn();
    renderWith(<ConnectionDialog profile={profile} onClose={() => {}} onSaved={onSaved} />, bridge);
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(password.placeholder).toBe('Saved — leave empty to keep');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/1 broker/);
    expect(sent(calls)[0]).toEqual({
      method: 'connections.test',
      params: {
        id: 'p1',
        name: 'secure',
        bootstrapServers: ['k:9096'],
        tls: true,
        sasl: { mechanism: 'plain', username: 'u', password: '' },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent(calls)[1]).toMatchObject({
      method: 'connections.update',
      params: { id: 'p1', input: { sasl: { password: '' } } },
    });
  });

  it('asks for the password again when the servers change, and says how passwords are kept', async () => {
    const profile = {
      id: 'p1',
      name: 'secure',
      bootstrapServers: ['k:9096'],
      tls: true,
      sandbox: false,
      createdAt: 0,
      updatedAt: 0,
      sasl: { mechanism: 'plain' as const, username: 'u', passwordSaved: true, passwordProblem: null },
    };
    const { bridge, calls } = fakeBridge({
      'app.info': () => ({
        version: '1',
        mode: 'browser',
        dataDir: '/d',
        notices: [],
        secretStorage: { kind: 'key-file', description: 'Passwords are encrypted with a key file.', warning: null },
      }),
    });
    renderWith(<ConnectionDialog profile={profile} onClose={() => {}} onSaved={() => {}} />, bridge);
    await screen.findByText('Passwords are encrypted with a key file.');
    fill('Bootstrap servers', 'elsewhere:9096');
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.placeholder).toBe('Enter it again for the changed settings');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Password is required')).toBeTruthy();
    expect(sent(calls)).toEqual([]);
  });

  it('shows why a saved password cannot be used', () => {
    const profile = {
      id: 'p1',
      name: 'secure',
      bootstrapServers: ['k:9096'],
      tls: false,
      sandbox: false,
      createdAt: 0,
      updatedAt: 0,
      sasl: {
        mechanism: 'plain' as const,
        username: 'u',
        passwordSaved: false,
        passwordProblem: 'The saved password cannot be used here: the keychain changed. Enter it again.',
      },
    };
    renderWith(<ConnectionDialog profile={profile} onClose={() => {}} onSaved={() => {}} />, fakeBridge({}).bridge);
    expect(screen.getByText(/The saved password cannot be used here/)).toBeTruthy();
  });

  it('still requires a password when adding a SASL connection', () => {
    const { bridge, calls } = fakeBridge({});
    renderWith(<ConnectionDialog onClose={() => {}} onSaved={() => {}} />, bridge);
    fireEvent.change(screen.getByLabelText('SASL mechanism'), { target: { value: 'plain' } });
    expect((screen.getByLabelText('Password') as HTMLInputElement).placeholder).toBe('');
    fill('Name', 'secure');
    fill('Bootstrap servers', 'k:9096');
    fill('Username', 'u');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(screen.getByText('Password is required')).toBeTruthy();
    expect(sent(calls)).toEqual([]);
  });
});
