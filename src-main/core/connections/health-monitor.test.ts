import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionHealth } from '../../contract/connections.js';
import { AppError } from '../../contract/errors.js';
import { HealthMonitor, type HealthTarget } from './health-monitor.js';

const refused = new AppError('CONNECTION_FAILED', 'Could not reach any broker at a:1 (connection refused).');

function setup(targets: HealthTarget[], opts: { maxConcurrent?: number } = {}) {
  const up = new Map<string, number>(); // id -> broker count when it answers
  let sandboxRunning = false;
  const probes: string[] = [];
  const forgotten: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const monitor = new HealthMonitor({
    list: async () => targets,
    probe: async (id) => {
      probes.push(id);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      const brokers = up.get(id);
      if (brokers === undefined) throw refused;
      return { brokerCount: brokers };
    },
    sandboxDown: async () =>
      sandboxRunning ? null : new AppError('CONNECTION_FAILED', 'The sandbox is stopped. Start it to see live data.'),
    forget: (id) => forgotten.push(id),
    maxConcurrent: opts.maxConcurrent,
  });
  const seen: ConnectionHealth[] = [];
  const latest = (id: string) => seen.filter((h) => h.id === id).at(-1);
  return {
    monitor,
    up,
    probes,
    forgotten,
    seen,
    latest,
    maxInFlight: () => maxInFlight,
    setSandbox: (running: boolean) => (sandboxRunning = running),
    watch: () => monitor.watch((h) => seen.push(h)),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('HealthMonitor', () => {
  it('tells a new watcher every connection is being checked, then how each one answered', async () => {
    const t = setup([
      { id: 'a', sandbox: false },
      { id: 'b', sandbox: false },
    ]);
    t.up.set('a', 3);
    await t.watch();
    expect(t.seen.map((h) => [h.id, h.state])).toEqual([
      ['a', 'checking'],
      ['b', 'checking'],
    ]);
    await vi.advanceTimersByTimeAsync(20);
    expect(t.latest('a')).toMatchObject({ state: 'online', brokerCount: 3, problem: null });
    expect(t.latest('b')).toMatchObject({ state: 'offline', problem: { code: 'CONNECTION_FAILED' } });
    expect(t.latest('b')?.problem?.message).toContain('connection refused');
  });

  it('knows a stopped sandbox is offline without asking the network, and follows it when it starts', async () => {
    const t = setup([{ id: 's', sandbox: true }]);
    t.up.set('s', 1);
    await t.watch();
    await vi.advanceTimersByTimeAsync(20);
    expect(t.latest('s')).toMatchObject({ state: 'offline', problem: { message: expect.stringMatching(/stopped/) } });
    expect(t.probes).toEqual([]);
    t.setSandbox(true);
    t.monitor.sandboxChanged();
    await vi.advanceTimersByTimeAsync(20);
    expect(t.latest('s')).toMatchObject({ state: 'online', brokerCount: 1 });
    t.setSandbox(false);
    t.monitor.sandboxChanged();
    await vi.advanceTimersByTimeAsync(1);
    expect(t.latest('s')?.state).toBe('offline');
  });

  it('checks again every 30 s while online and every 15 s while offline, pushing only changes', async () => {
    const t = setup([{ id: 'a', sandbox: false }]);
    t.up.set('a', 1);
    await t.watch();
    await vi.advanceTimersByTimeAsync(20);
    expect(t.probes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(t.probes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(t.probes).toHaveLength(2);
    expect(t.seen).toHaveLength(2); // checking, online: the same answer again is not news

    t.up.delete('a');
    await vi.advanceTimersByTimeAsync(30_100);
    expect(t.latest('a')?.state).toBe('offline');
    const before = t.probes.length;
    await vi.advanceTimersByTimeAsync(15_100);
    expect(t.probes.length).toBe(before + 1);
  });

  it('a call that could not reach the cluster triggers a check at once, but not a storm of them', async () => {
    const t = setup([{ id: 'a', sandbox: false }]);
    t.up.set('a', 1);
    await t.watch();
    await vi.advanceTimersByTimeAsync(20);
    t.up.delete('a');
    await vi.advanceTimersByTimeAsync(2_000);
    t.monitor.observe('a', false);
    t.monitor.observe('a', false);
    t.monitor.observe('a', false);
    await vi.advanceTimersByTimeAsync(20);
    expect(t.probes).toHaveLength(2);
    expect(t.latest('a')?.state).toBe('offline');
    t.monitor.observe('a', false); // right after a check: nothing new to learn
    await vi.advanceTimersByTimeAsync(20);
    expect(t.probes).toHaveLength(2);

    // A call that got an answer while we thought it was offline: check, and it is back.
    t.up.set('a', 2);
    t.monitor.observe('a', true);
    await vi.advanceTimersByTimeAsync(20);
    expect(t.latest('a')).toMatchObject({ state: 'online', brokerCount: 2 });
  });

  it('runs at most a few checks at once, however many connections are saved', async () => {
    const t = setup(
      Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, sandbox: false })),
      { maxConcurrent: 3 },
    );
    await t.watch();
    await vi.advanceTimersByTimeAsync(100);
    expect(t.probes).toHaveLength(10);
    expect(t.maxInFlight()).toBe(3);
  });

  it('stops checking when the last watcher leaves, and says "checking" again for old answers', async () => {
    const t = setup([{ id: 'a', sandbox: false }]);
    t.up.set('a', 1);
    const stop = await t.watch();
    await vi.advanceTimersByTimeAsync(20);
    stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(t.probes).toHaveLength(1);
    const again: ConnectionHealth[] = [];
    await t.monitor.watch((h) => again.push(h));
    expect(again[0]?.state).toBe('checking');
    await vi.advanceTimersByTimeAsync(20);
    expect(again.at(-1)?.state).toBe('online');
  });

  it('checks a new connection at once and forgets a removed one', async () => {
    const targets: HealthTarget[] = [{ id: 'a', sandbox: false }];
    const t = setup(targets);
    await t.watch();
    targets.push({ id: 'b', sandbox: false });
    t.up.set('b', 5);
    t.monitor.profileChanged({ id: 'b', kind: 'created' });
    await vi.advanceTimersByTimeAsync(20);
    expect(t.latest('b')).toMatchObject({ state: 'online', brokerCount: 5 });
    targets.pop();
    t.monitor.profileChanged({ id: 'b', kind: 'removed' });
    expect(t.forgotten).toEqual(['b']);
    await expect(t.monitor.check('b')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers a check on demand, sharing one that is already under way', async () => {
    const t = setup([{ id: 'a', sandbox: false }]);
    t.up.set('a', 1);
    const [x, y] = [t.monitor.check('a'), t.monitor.check('a')];
    await vi.advanceTimersByTimeAsync(20);
    expect(await x).toMatchObject({ state: 'online', brokerCount: 1 });
    expect(await y).toBe(await x);
    expect(t.probes).toHaveLength(1);
  });
});
