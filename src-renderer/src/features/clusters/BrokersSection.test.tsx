// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { BrokersResult, PartitionHealthResult } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { BrokersSection } from './BrokersSection.js';

afterEach(cleanup);

const brokers: BrokersResult = {
  clusterId: 'k',
  controllerId: 2,
  logDirsUnavailable: null,
  brokers: [1, 2].map((nodeId) => ({
    nodeId,
    host: `b${nodeId}`,
    port: 9092,
    rack: null,
    isController: nodeId === 2,
    leaderPartitions: 3,
    replicaPartitions: 6,
    outOfSyncReplicas: nodeId === 1 ? 1 : 0,
    logDirs: [{ path: '/data', error: null, sizeBytes: 2048, totalBytes: 10 * 1024 ** 3, usableBytes: 4 * 1024 ** 3 }],
  })),
};
const health: PartitionHealthResult = {
  partitionCount: 6,
  topicCount: 2,
  counts: { offline: 0, 'under-min-isr': 1, 'under-replicated': 1 },
  partitions: [
    {
      topic: 'orders',
      partition: 2,
      leader: 2,
      replicas: [2, 1],
      isr: [2],
      offlineReplicas: [],
      minIsr: 2,
      problems: ['under-min-isr', 'under-replicated'],
    },
  ],
  truncated: false,
  minIsrUnavailable: null,
  readAt: 0,
};

describe('BrokersSection', () => {
  it('shows each broker with its load and disks, the health counts, and which replica fell behind', async () => {
    const { bridge } = fakeBridge({ 'cluster.brokers': () => brokers, 'cluster.partitionHealth': () => health });
    renderWith(<BrokersSection clusterId="c1" />, bridge);
    const table = await screen.findByRole('table', { name: 'Brokers' });
    const row1 = within(table).getByText('b1:9092').closest('tr')!;
    expect(within(row1).getByText('2 KiB')).toBeTruthy();
    expect(within(row1).getByText(/4 GiB free of 10 GiB/)).toBeTruthy();
    expect(within(within(table).getByText('b2:9092').closest('tr')!).getByText('Controller')).toBeTruthy();
    expect(await screen.findByText('Under min ISR')).toBeTruthy();
    expect(await screen.findByRole('img', { name: 'broker 2 leader, broker 1 out of sync' })).toBeTruthy();
    const problems = screen.getByRole('table', { name: 'Partitions with problems' });
    expect(within(problems).getByText('under min ISR')).toBeTruthy();
  });

  it("opens a broker's configs", async () => {
    const { bridge, calls } = fakeBridge({
      'cluster.brokers': () => brokers,
      'cluster.partitionHealth': () => ({
        ...health,
        partitions: [],
        counts: { offline: 0, 'under-min-isr': 0, 'under-replicated': 0 },
      }),
      'configs.describe': () => ({
        resource: { type: 'broker', name: '1' },
        entries: [],
        editable: true,
        notEditableReason: null,
      }),
    });
    renderWith(<BrokersSection clusterId="c1" />, bridge);
    expect(await screen.findByText(/All 6 partitions of 2 topics are healthy/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Configs of broker 1' }));
    expect(await screen.findByRole('heading', { name: 'Configs of broker 1' })).toBeTruthy();
    expect(calls.some((c) => c.method === 'configs.describe')).toBe(true);
  });
});
