// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { AppError, type TopicDetail } from '../../contract.js';
import type { TopicTab } from '../../lib/sections.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { TopicPage } from './TopicPage.js';

afterEach(cleanup);

const detail: TopicDetail = {
  name: 'orders',
  internal: false,
  messageCount: '0',
  partitions: [
    {
      partition: 0,
      leader: 1,
      replicas: [1],
      isr: [1],
      offlineReplicas: [],
      lowWatermark: '0',
      highWatermark: '0',
    },
  ],
};

function renderTab(tab: TopicTab, topicsGet: () => unknown) {
  const { bridge } = fakeBridge({
    'topics.get': topicsGet,
    'messages.page': () => ({ messages: [], partitions: [], hasOlder: false, hasNewer: false, partial: false }),
    'messages.viewSettings': () => ({ keyFormat: 'auto', valueFormat: 'auto' }),
    'connections.list': () => [],
  });
  renderWith(<TopicPage clusterId="c1" topic="orders" tab={tab} />, bridge);
}

const unreachable = () => {
  throw new AppError('CONNECTION_FAILED', 'Broker unreachable');
};

describe('TopicPage', () => {
  it('offers the tabs and shows the selected one', async () => {
    renderTab('partitions', () => detail);
    expect(screen.getAllByRole('tab').map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['Partitions', 'true'],
      ['Messages', 'false'],
      ['Produce', 'false'],
      ['Consumer groups', 'false'],
      ['Configuration', 'false'],
    ]);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('topic-tab-partitions');
    expect(await screen.findByRole('table', { name: 'Partitions' })).toBeTruthy();
  });

  it('counts partitions and messages in words that agree with the number', async () => {
    renderTab('partitions', () => ({ ...detail, messageCount: '1' }));
    expect(await screen.findByText('1 partition · 1 message')).toBeTruthy();
    cleanup();
    renderTab('partitions', () => ({
      ...detail,
      partitions: [...detail.partitions, { ...detail.partitions[0]!, partition: 1 }],
      messageCount: '12345',
    }));
    expect(await screen.findByText('2 partitions · 12,345 messages')).toBeTruthy();
  });

  it('shows why the topic could not load instead of a tab that needs it', async () => {
    renderTab('messages', unreachable);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the topic');
    expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
  });

  it('keeps Produce usable when the topic could not load', async () => {
    renderTab('produce', unreachable);
    expect(await screen.findByRole('button', { name: 'Send' })).toBeTruthy();
    expect(screen.queryByText('Could not load the topic')).toBeNull();
  });
});
