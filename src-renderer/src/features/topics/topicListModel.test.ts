import { describe, expect, it } from 'vitest';
import type { TopicStatsResult, TopicSummary } from '../../contract.js';
import { buildRows, filterRows, keyTopics, naturalKey, nextSort, sortRows } from './topicListModel.js';

const t = (name: string, partitionCount: number, extra: Partial<TopicSummary> = {}): TopicSummary => ({
  name,
  partitionCount,
  replicationFactor: 1,
  internal: false,
  underReplicatedPartitions: 0,
  offlinePartitions: 0,
  ...extra,
});

const topics = [
  t('orders', 6),
  t('payments', 3, { underReplicatedPartitions: 1 }),
  t('topic10', 1),
  t('topic9', 1, { offlinePartitions: 1 }),
  t('__consumer_offsets', 50, { internal: true }),
];
const stats: TopicStatsResult = {
  topics: [
    { name: 'orders', messageCount: '12', sizeBytes: 100, underMinIsrPartitions: 0 },
    { name: 'payments', messageCount: '90071992547409930', sizeBytes: 5, underMinIsrPartitions: 0 },
    { name: 'topic10', messageCount: null, sizeBytes: null, underMinIsrPartitions: 2 },
  ],
  sizeUnavailable: null,
  readAt: 0,
};
const rows = buildRows(keyTopics(topics), stats.topics);
const names = (r: { name: string }[]) => r.map((x) => x.name);

describe('topic list model', () => {
  it('joins stats by name; unknown figures stay null, big counts stay exact', () => {
    expect(rows.find((r) => r.name === 'payments')?.messages).toBe(90071992547409930n);
    expect(rows.find((r) => r.name === 'topic10')).toMatchObject({ messages: null, sizeBytes: null });
    expect(rows.find((r) => r.name === 'topic9')).toMatchObject({ messages: null, sizeBytes: null });
  });

  it('hides internal topics unless asked, and filters by name and by health', () => {
    const f = { query: '', health: 'all' as const, showInternal: false };
    expect(names(filterRows(rows, f))).not.toContain('__consumer_offsets');
    expect(names(filterRows(rows, { ...f, showInternal: true }))).toContain('__consumer_offsets');
    expect(names(filterRows(rows, { ...f, query: 'TOPIC' }))).toEqual(['topic10', 'topic9']);
    expect(names(filterRows(rows, { ...f, health: 'problems' }))).toEqual(['payments', 'topic10', 'topic9']);
    expect(names(filterRows(rows, { ...f, health: 'under-min-isr' }))).toEqual(['topic10']);
    expect(names(filterRows(rows, { ...f, health: 'offline' }))).toEqual(['topic9']);
    expect(names(filterRows(rows, { ...f, health: 'under-replicated' }))).toEqual(['payments']);
  });

  it('sorts each column; names naturally, unknown figures last both ways, ties by name', () => {
    const visible = filterRows(rows, { query: '', health: 'all', showInternal: false });
    expect(names(sortRows(visible, { key: 'name', dir: 'asc' }))).toEqual(['orders', 'payments', 'topic9', 'topic10']);
    expect(names(sortRows(visible, { key: 'messages', dir: 'desc' }))).toEqual([
      'payments',
      'orders',
      'topic9',
      'topic10',
    ]);
    expect(names(sortRows(visible, { key: 'messages', dir: 'asc' }))).toEqual([
      'orders',
      'payments',
      'topic9',
      'topic10',
    ]);
    expect(names(sortRows(visible, { key: 'partitions', dir: 'desc' }))).toEqual([
      'orders',
      'payments',
      'topic9',
      'topic10',
    ]);
    // Offline first, then under min ISR (writes fail), then under-replicated.
    expect(names(sortRows(visible, { key: 'health', dir: 'desc' }))).toEqual([
      'topic9',
      'topic10',
      'payments',
      'orders',
    ]);
    expect(names(sortRows(visible, { key: 'size', dir: 'asc' }))).toEqual(['payments', 'orders', 'topic9', 'topic10']);
  });

  it('orders digit runs by value and ignores case', () => {
    const names = ['topic10', 'Topic9', 'topic9', 'a', 'topic09x', 'B'];
    expect(
      [...names].sort((a, b) =>
        naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : a < b ? -1 : 1,
      ),
    ).toEqual(['a', 'B', 'Topic9', 'topic9', 'topic09x', 'topic10']);
  });

  it('first click sorts names A→Z and figures largest first; a second click flips', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'messages')).toEqual({ key: 'messages', dir: 'desc' });
    expect(nextSort({ key: 'messages', dir: 'desc' }, 'messages')).toEqual({ key: 'messages', dir: 'asc' });
    expect(nextSort({ key: 'size', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });

  it('filters and sorts 10,000 topics in well under a frame budget per step', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => t(`svc${i % 97}.entity${i}.events`, 1 + (i % 9)));
    const big = buildRows(keyTopics(many), undefined);
    const started = performance.now();
    const out = sortRows(filterRows(big, { query: 'entity12', health: 'all', showInternal: false }), {
      key: 'partitions',
      dir: 'desc',
    });
    const sortAll = sortRows(big, { key: 'name', dir: 'desc' });
    const ms = performance.now() - started;
    expect(out.length).toBe(111);
    expect(sortAll.length).toBe(10_000);
    // Generous: this is about "no accidental quadratic work", not a benchmark (see BENCHMARKS.md).
    expect(ms).toBeLessThan(500);
  });
});
