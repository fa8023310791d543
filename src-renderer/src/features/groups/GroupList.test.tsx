// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GroupListUpdate, GroupSummary } from '../../contract.js';
import { fakeBridge, renderWith } from '../../testing/render.js';
import { GroupList } from './GroupList.js';

afterEach(cleanup);

const group = (groupId: string, lag: number, level: 'OK' | 'ERROR' = 'OK'): GroupSummary => ({
  groupId,
  type: 'classic',
  state: 'Stable',
  protocolType: 'consumer',
  assignor: 'range',
  memberCount: 1,
  topics: ['orders'],
  totalLag: lag,
  health: { level, status: level === 'OK' ? 'OK' : 'STOP', reason: level === 'OK' ? 'fine' : 'No commit for 3 min.' },
  sparkline: [],
  pinned: false,
});

const update = (u: Partial<GroupListUpdate>): GroupListUpdate => ({
  full: false,
  sampledAt: 1,
  groups: [],
  removed: [],
  problem: null,
  problemKind: null,
  lagKnown: true,
  ...u,
});

/** Items arrive through the subscription; renders wait for the next animation frame. */
async function push(feed: { handlers: { onItems(items: never[]): void } }, items: GroupListUpdate[]) {
  await act(async () => {
    feed.handlers.onItems(items as never[]);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  });
}

describe('GroupList', () => {
  it('follows the groups.list subscription: the whole list, then changes and removals', async () => {
    const fake = fakeBridge({});
    renderWith(<GroupList clusterId="c1" />, fake.bridge);
    expect(fake.subscriptions.map((s) => [s.name, s.params])).toEqual([['groups.list', { clusterId: 'c1' }]]);
    const feed = fake.subscriptions[0]!;
    await push(feed, [update({ full: true, groups: [group('a', 1), group('b', 5, 'ERROR'), group('c', 0)] })]);
    expect(screen.getByText('3 groups · 1 with problems')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Consumer groups' }).getAttribute('aria-rowcount')).toBe('4');
    await push(feed, [update({ groups: [group('b', 0)], removed: ['c'] })]);
    expect(screen.getByText('2 groups')).toBeTruthy();
  });

  it('says why there are no live figures', async () => {
    const fake = fakeBridge({});
    renderWith(<GroupList clusterId="c1" />, fake.bridge);
    await push(fake.subscriptions[0]!, [
      update({
        full: true,
        groups: [group('a', 1)],
        problem: 'Could not reach any broker.',
        problemKind: 'unreachable',
      }),
    ]);
    expect(screen.getByRole('alert').textContent).toContain(
      'The cluster does not answerCould not reach any broker. The figures below are from the last sample that worked.',
    );
  });
});
