// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { ConnectionProfile } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { ConnectionDialogsProvider } from '../shell/connectionDialogs.js';
import { ClusterPage } from './ClusterPage.js';

afterEach(cleanup);

const profile: ConnectionProfile = {
  id: 'c1',
  name: 'local',
  bootstrapServers: ['localhost:9092'],
  tls: false,
  sasl: null,
  sandbox: false,
  createdAt: 0,
  updatedAt: 0,
};

function renderPage(route: Parameters<typeof ClusterPage>[0]['route']) {
  const { bridge } = fakeBridge({
    'connections.list': () => [profile],
    'cluster.overview': () => ({
      clusterId: 'k1',
      controllerId: 1,
      brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }],
      topicCount: 1,
      internalTopicCount: 0,
      partitionCount: 1,
    }),
    'topics.list': () => [
      {
        name: 'orders',
        partitionCount: 1,
        replicationFactor: 1,
        internal: false,
        underReplicatedPartitions: 0,
        offlinePartitions: 0,
      },
    ],
    'topics.stats': () => ({ topics: [], sizeUnavailable: null, readAt: 0 }),
    'topics.get': () => ({ name: 'orders', internal: false, partitions: [], messageCount: '0' }),
  });
  renderWith(
    <ConnectionDialogsProvider>
      <ClusterPage route={route} />
    </ConnectionDialogsProvider>,
    bridge,
  );
}

const nav = () => within(screen.getByRole('navigation', { name: 'Cluster sections' }));
const current = () => nav().getByRole('link', { current: 'page' }).textContent;

describe('ClusterPage', () => {
  it('links every section and shows the overview', async () => {
    renderPage({ page: 'cluster', clusterId: 'c1', section: 'overview' });
    expect(
      nav()
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Overview', '#/clusters/c1/overview'],
      ['Topics', '#/clusters/c1/topics'],
      ['Consumer groups', '#/clusters/c1/groups'],
      ['Brokers', '#/clusters/c1/brokers'],
    ]);
    expect(current()).toBe('Overview');
    expect(await screen.findByRole('heading', { name: 'Brokers' })).toBeTruthy();
  });

  it('shows the topic list under Topics', async () => {
    renderPage({ page: 'cluster', clusterId: 'c1', section: 'topics' });
    expect(current()).toBe('Topics');
    // jsdom has no layout, so the virtual table draws no rows; its count says the list arrived.
    expect(await screen.findByText('1 topic')).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Search topics' })).toBeTruthy();
  });

  it('keeps Topics current on a topic page', async () => {
    renderPage({ page: 'topic', clusterId: 'c1', topic: 'orders', tab: 'partitions' });
    expect(current()).toBe('Topics');
    expect(await screen.findByRole('heading', { name: 'orders' })).toBeTruthy();
  });
});
