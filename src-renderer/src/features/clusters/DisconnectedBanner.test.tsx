// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionProfile, SandboxStatus } from '../../contract.js';
import { useHealthFeed } from '../../queries/health.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { ConnectionDialogsProvider } from '../shell/connectionDialogs.js';
import { ClusterPage } from './ClusterPage.js';

afterEach(cleanup);

const profile = (sandbox: boolean): ConnectionProfile => ({
  id: 'c1',
  name: sandbox ? 'Sandbox' : 'Staging',
  bootstrapServers: ['localhost:9092'],
  tls: false,
  sasl: null,
  sandbox,
  createdAt: 0,
  updatedAt: 0,
});

const overview = {
  clusterId: 'k1',
  controllerId: 1,
  brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }],
  topicCount: 4,
  internalTopicCount: 0,
  partitionCount: 13,
};

function Page() {
  useHealthFeed();
  return <ClusterPage route={{ page: 'cluster', clusterId: 'c1', section: 'overview' }} />;
}

function renderPage(sandbox: boolean, sandboxState: SandboxStatus['state'] = 'running') {
  const fake = fakeBridge({
    'connections.list': () => [profile(sandbox)],
    'cluster.overview': () => overview,
    'sandbox.status': () => ({ state: sandboxState, error: null }),
    'sandbox.start': () => ({ state: 'running', error: null }),
    'connections.checkHealth': () => ({ id: 'c1', state: 'offline', problem: null }),
  });
  renderWith(
    <ConnectionDialogsProvider>
      <Page />
    </ConnectionDialogsProvider>,
    fake.bridge,
  );
  return fake;
}

const offline = {
  id: 'c1',
  state: 'offline',
  checkedAt: 2,
  lastOnlineAt: 1,
  brokerCount: 1,
  problem: { code: 'CONNECTION_FAILED', message: 'Could not reach any broker at localhost:9092 (connection refused).' },
};

describe('the disconnected banner', () => {
  it('says a saved cluster is disconnected, how old the shown data is, and offers Check again', async () => {
    const { subscriptions, calls } = renderPage(false);
    expect(await screen.findByText('13')).toBeTruthy();
    expect(screen.queryByText(/Disconnected/)).toBeNull();
    act(() => subscriptions[0]!.handlers.onItems([offline] as never));
    const line = () => screen.getByText('Disconnected').closest('p')!;
    await waitFor(() =>
      expect(line().textContent).toMatch(
        /^Disconnected — last updated \d\d:\d\d\. Could not reach any broker at localhost:9092 \(connection refused\)\.$/,
      ),
    );
    // A live region, so the change is announced.
    expect(line().getAttribute('role')).toBe('status');
    // The cached numbers stay, under the banner.
    expect(screen.getByText('13')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'connections.checkHealth')).toBe(true));
    // Edit connection stays where it always is, in the page header: once on the page.
    expect(screen.getAllByRole('button', { name: 'Edit connection' })).toHaveLength(1);
  });

  it('offers Start on the stopped sandbox’s pages', async () => {
    const { calls } = renderPage(true, 'stopped');
    await waitFor(() =>
      expect(screen.getByText('Disconnected').closest('p')!.textContent).toContain('The sandbox is stopped.'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Start the sandbox' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'sandbox.start')).toBe(true));
    expect(screen.queryByRole('button', { name: 'Check again' })).toBeNull();
  });
});
