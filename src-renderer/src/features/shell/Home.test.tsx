// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionHealth, ConnectionProfile, SandboxStatus } from '../../contract.js';
import { useHealthFeed } from '../../queries/health.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { ConnectionDialogsProvider } from './connectionDialogs.js';
import { Home } from './Home.js';

afterEach(cleanup);

const profile = (over: Partial<ConnectionProfile>): ConnectionProfile => ({
  id: 'p1',
  name: 'Staging',
  bootstrapServers: ['staging:9092'],
  tls: false,
  sasl: null,
  sandbox: false,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

const status = (state: SandboxStatus['state']): SandboxStatus => ({
  state,
  host: '127.0.0.1',
  port: 9092,
  dataDir: '/d',
  dataSizeBytes: 0,
  pid: null,
  startedAt: null,
  error: null,
  suggestedPort: null,
});

const health = (id: string, over: Partial<ConnectionHealth> = {}): ConnectionHealth => ({
  id,
  state: 'online',
  checkedAt: 1,
  lastOnlineAt: 1,
  brokerCount: 1,
  problem: null,
  ...over,
});

function WithFeed() {
  useHealthFeed();
  return <Home />;
}

function renderHome(sandboxState: SandboxStatus['state']) {
  const fake = fakeBridge({
    'connections.list': () => [
      profile({ id: 'sb', name: 'Sandbox', bootstrapServers: ['127.0.0.1:9092'], sandbox: true }),
      profile({}),
      profile({ id: 'p2', name: 'Production', bootstrapServers: ['prod-1:9092', 'prod-2:9092'] }),
    ],
    'sandbox.status': () => status(sandboxState),
    'sandbox.start': () => status('running'),
    'connections.checkHealth': ({ id }: { id: string }) => health(id, { brokerCount: 2 }),
  });
  renderWith(
    <ConnectionDialogsProvider>
      <WithFeed />
    </ConnectionDialogsProvider>,
    fake.bridge,
  );
  return fake;
}

describe('Home', () => {
  it('shows a card per cluster with its state and broker count, and the way to add one', async () => {
    const { subscriptions } = renderHome('running');
    const card = async (name: string) => within(await screen.findByRole('article', { name }));
    expect((await card('Staging')).getByText('Checking…')).toBeTruthy();
    act(() =>
      subscriptions[0]!.handlers.onItems([
        health('sb'),
        health('p1', {
          state: 'offline',
          problem: { code: 'CONNECTION_FAILED', message: 'Could not reach any broker at staging:9092.' },
        }),
        health('p2', { brokerCount: 3 }),
      ] as never),
    );
    await waitFor(async () => expect((await card('Production')).getByText('· 3 brokers')).toBeTruthy());
    expect((await card('Production')).getByText('prod-1:9092, prod-2:9092')).toBeTruthy();
    expect((await card('Sandbox')).getByText('· 1 broker')).toBeTruthy();
    const staging = await card('Staging');
    expect(staging.getByText('Unreachable')).toBeTruthy();
    expect(staging.getByText('Could not reach any broker at staging:9092.')).toBeTruthy();
    expect(staging.getByRole('link', { name: 'Staging' }).getAttribute('href')).toBe('#/clusters/p1/overview');
    expect(screen.getByRole('button', { name: /Add a connection/ })).toBeTruthy();
  });

  it('offers Check again on an unreachable card and Start on a stopped sandbox', async () => {
    const { subscriptions, calls } = renderHome('stopped');
    act(() => subscriptions[0]!.handlers.onItems([health('p1', { state: 'offline' })] as never));
    const sandbox = within(await screen.findByRole('article', { name: 'Sandbox' }));
    await waitFor(() => expect(sandbox.getByText('Stopped')).toBeTruthy());
    fireEvent.click(sandbox.getByRole('button', { name: 'Start the sandbox' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'sandbox.start')).toBe(true));

    const staging = within(screen.getByRole('article', { name: 'Staging' }));
    fireEvent.click(await staging.findByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(staging.getByText('· 2 brokers')).toBeTruthy());
    expect(calls.find((c) => c.method === 'connections.checkHealth')?.params).toEqual({ id: 'p1' });
  });
});
