import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGateway, member } from '../groups/testing/fake-gateway.js';
import { silentLogger } from '../util/logger.js';
import { ClusterSampler, type SamplerUpdate } from './cluster-sampler.js';
import { toDetail, toSummary } from './group-views.js';
import { LagHistory } from './lag-history.js';

let dir: string;
let history: LagHistory;
let gw: FakeGateway;
let now: number;
let sampler: ClusterSampler;
let updates: SamplerUpdate[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'samsa-sampler-'));
  history = new LagHistory(join(dir, 'h.sqlite'));
  gw = new FakeGateway();
  now = Date.UTC(2026, 10, 1, 12);
  gw.logs.set(
    'orders',
    new Map([
      [0, [0, 100]],
      [1, [0, 100]],
    ]),
  );
  gw.groups.set('billing', {
    state: 'Stable',
    members: [member('m1', 'orders', [0, 1])],
    committed: { orders: { 0: 90, 1: 100 } },
  });
  sampler = new ClusterSampler({
    clusterId: 'c1',
    history,
    now: () => now,
    intervalMs: () => 5000,
    withGateway: (fn) => fn(gw),
    logger: silentLogger,
  });
  updates = [];
  sampler.onUpdate((u) => updates.push(u));
});
afterEach(() => {
  history.close();
  rmSync(dir, { recursive: true, force: true });
});

async function tick(edit?: () => void) {
  edit?.();
  await sampler.tick();
  now += 5000;
}

describe('cluster sampler', () => {
  it('samples in a few batched calls, whatever the number of groups', async () => {
    for (let i = 0; i < 50; i++)
      gw.groups.set(`g${i}`, { state: 'Empty', members: [], committed: { orders: { 0: i } } });
    await tick();
    expect(gw.calls).toEqual(['listGroups', 'describeGroups(51)', 'fetchCommitted(51)', 'offsets(1)']);
    expect(sampler.groups.size).toBe(51);
  });

  it('computes lag and status, and sends only what changed', async () => {
    await tick();
    const s = sampler.groups.get('billing')!;
    expect(toSummary(sampler, s, now)).toMatchObject({
      groupId: 'billing',
      type: 'classic',
      state: 'Stable',
      assignor: 'range',
      memberCount: 1,
      topics: ['orders'],
      totalLag: 10,
      health: { level: 'OK' },
    });
    expect(updates.at(-1)).toEqual({ changed: null, removed: [] });
    await tick(); // nothing moved
    expect(updates.at(-1)).toEqual({ changed: new Set(), removed: [] });
    await tick(() => (gw.logs.get('orders')!.get(0)![1] = 150));
    expect(updates.at(-1)).toEqual({ changed: new Set(['billing']), removed: [] });
    expect(sampler.groups.get('billing')!.totalLag).toBe(60);
  });

  it('marks members joining and leaving, rebalances and backwards moves on the timeline', async () => {
    await tick();
    await tick(() => {
      const g = gw.groups.get('billing')!;
      g.state = 'PreparingRebalance';
      g.members = [member('m1', 'orders', [0]), member('m2', 'orders', [1])];
    });
    await tick(() => {
      const g = gw.groups.get('billing')!;
      g.state = 'Empty';
      g.members = [];
      g.committed.orders![0] = 5;
    });
    expect(history.events('c1', 'billing', 0, now).map((e) => [e.kind, e.text])).toEqual([
      ['member-joined', 'Member joined: client-m2 on 10.0.0.1'],
      ['rebalance', 'Rebalance started (PreparingRebalance)'],
      ['member-left', '2 members left: client-m1 on 10.0.0.1, client-m2 on 10.0.0.1'],
      ['state', 'State: PreparingRebalance → Empty'],
      ['rewind', 'Committed offset moved backwards on orders[0]'],
    ]);
    // A reset done through Samsa is marked as such, without a second "backwards" marker.
    sampler.noteOwnChange('billing', 'offset-reset', 'Offsets reset to earliest by Samsa');
    await tick(() => (gw.groups.get('billing')!.committed.orders![1] = 0));
    expect(history.events('c1', 'billing', 0, now).filter((e) => e.kind === 'rewind')).toHaveLength(1);
  });

  it('records topic totals for every group and partitions for opened ones', async () => {
    await tick();
    sampler.markOpened('billing');
    await tick();
    const series = history.seriesOf('c1', 'billing');
    expect(series.map((s) => [s.topic, s.partition])).toEqual([
      ['orders', -1],
      ['orders', 0],
      ['orders', 1],
    ]);
    const total = history.points([series[0]!.id], 0, now, 0).get(series[0]!.id)!;
    expect(total.map((p) => p.end - p.committed)).toEqual([10, 10]);
    expect(history.points([series[1]!.id], 0, now, 0).get(series[1]!.id)).toHaveLength(1);
  });

  it('keeps the last figures and says why when the cluster stops answering', async () => {
    await tick();
    gw.down = 'Could not reach any broker at k:9092 (connection refused).';
    await expect(sampler.tick()).rejects.toThrow(/connection refused/);
    now += 5000;
    expect(sampler.problem).toMatch(/connection refused/);
    expect(sampler.groups.get('billing')!.totalLag).toBe(10);
    const detail = toDetail(sampler, sampler.groups.get('billing')!, null);
    expect(detail.problem).toMatch(/connection refused/);
    gw.down = null;
    await tick();
    expect(sampler.problem).toBeNull();
    expect(history.gaps('c1', 0, now)).toEqual([
      { from: now - 15_000, to: now - 5_000, reason: expect.stringMatching(/did not answer.*connection refused/) },
    ]);
  });

  it('drops groups that are gone', async () => {
    await tick();
    await tick(() => gw.groups.delete('billing'));
    expect(updates.at(-1)).toEqual({ changed: new Set(), removed: ['billing'] });
    expect(sampler.groups.has('billing')).toBe(false);
  });
});
