// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { TopicDetail } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { TopicActions } from './TopicActions.js';

afterEach(cleanup);

const detail = (patch: Partial<TopicDetail> = {}): TopicDetail => ({
  name: 'orders',
  internal: false,
  messageCount: '30',
  partitions: [0, 1].map((partition) => ({
    partition,
    leader: 1,
    replicas: [1],
    isr: [1],
    offlineReplicas: [],
    lowWatermark: '5',
    highWatermark: '20',
  })),
  ...patch,
});

describe('TopicActions', () => {
  it('protects internal topics: no purge, no delete, and says why', () => {
    const { bridge } = fakeBridge({});
    renderWith(<TopicActions clusterId="c1" detail={detail({ internal: true, name: '__consumer_offsets' })} />, bridge);
    const del = screen.getByRole('button', { name: 'Delete topic' });
    expect(del.hasAttribute('disabled')).toBe(true);
    expect(del.getAttribute('title')).toContain('protected');
    expect(screen.getByRole('button', { name: 'Purge records' }).hasAttribute('disabled')).toBe(true);
  });

  it('deletes only after the name is typed', async () => {
    const { bridge, calls } = fakeBridge({ 'topics.delete': () => ({ deleted: 'orders' }) });
    renderWith(<TopicActions clusterId="c1" detail={detail()} />, bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Delete topic' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('30 records')).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: 'Delete topic' });
    fireEvent.change(within(dialog).getByLabelText('Type the topic name to confirm'), { target: { value: 'order' } });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Type the topic name to confirm'), { target: { value: 'orders' } });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(calls.at(-1)).toEqual({
        method: 'topics.delete',
        params: { clusterId: 'c1', topic: 'orders', confirmName: 'orders' },
      }),
    );
  });

  it('purges with the count of records that go, per partition and in total', async () => {
    const { bridge, calls } = fakeBridge({ 'topics.purge': () => ({ partitions: [], deleted: '0' }) });
    renderWith(<TopicActions clusterId="c1" detail={detail()} />, bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Purge records' }));
    expect(screen.getByText('30 records will be deleted from 2 partitions.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Records before an offset, per partition'));
    fireEvent.change(screen.getByLabelText('Delete before offset, partition 1'), { target: { value: '8' } });
    expect(screen.getByText('18 records will be deleted from 2 partitions.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete 18 records' }));
    await waitFor(() =>
      expect(calls.at(-1)?.params).toEqual({
        clusterId: 'c1',
        topic: 'orders',
        partitions: [
          { partition: 0, before: null },
          { partition: 1, before: '8' },
        ],
      }),
    );
  });
});
