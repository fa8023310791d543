import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError, startHarness, type Harness } from '../testing/harness.js';
import { freePort } from '../../../test-support/kafka/kafka-fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('connections on a real Kafka', () => {
  it('saves a connection that survives re-creating the core on the same data dir', async () => {
    const id = await h.connect();
    expect(h.events.seen.some((e) => e.event === 'connections.changed')).toBe(true);
    await h.core.close();
    const again = h.newCore();
    const list = await again['connections.list']({});
    expect(list.find((p) => p.id === id)).toMatchObject({ name: 'test kafka', bootstrapServers: [h.bootstrap] });
    const overview = await again['cluster.overview']({ clusterId: id });
    expect(overview.brokers).toHaveLength(1);
  });

  it('tests unsaved settings and reports the cluster', async () => {
    const r = await h.core['connections.test']({ name: 'x', bootstrapServers: [h.bootstrap], tls: false, sasl: null });
    expect(r.brokerCount).toBe(1);
    expect(r.clusterId).toMatch(/^[\w-]{22}$/);
    expect(r.controllerId).toBe(1);
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('a wrong address fails with CONNECTION_FAILED in a clear sentence, within 10 s', async () => {
    const port = await freePort();
    const started = Date.now();
    const err = await appError(() =>
      h.core['connections.test']({ name: 'x', bootstrapServers: [`localhost:${port}`], tls: false, sasl: null }),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err.code).toBe('CONNECTION_FAILED');
    expect(err.message).toBe(
      `Could not reach any broker at localhost:${port} (connection refused). Check the bootstrap address and that the cluster is running.`,
    );
  });

  it('an unknown host name fails with CONNECTION_FAILED within 10 s', async () => {
    const started = Date.now();
    const err = await appError(() =>
      h.core['connections.test']({
        name: 'x',
        bootstrapServers: ['no-such-host.invalid:9092'],
        tls: false,
        sasl: null,
      }),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err.code).toBe('CONNECTION_FAILED');
    expect(err.message).toContain('no-such-host.invalid:9092');
  });

  it('a saved connection to a dead address fails clearly, and editing it to a good one recovers', async () => {
    const port = await freePort();
    const p = await h.core['connections.create']({
      name: 'dead',
      bootstrapServers: [`localhost:${port}`],
      tls: false,
      sasl: null,
    });
    const err = await appError(() => h.core['topics.list']({ clusterId: p.id }));
    expect(err.code).toBe('CONNECTION_FAILED');
    await h.core['connections.update']({
      id: p.id,
      input: { name: 'alive', bootstrapServers: [h.bootstrap], tls: false, sasl: null },
    });
    expect(Array.isArray(await h.core['topics.list']({ clusterId: p.id }))).toBe(true);
    expect((await h.core['connections.remove']({ id: p.id })).removed).toBe(true);
    expect((await appError(() => h.core['topics.list']({ clusterId: p.id }))).code).toBe('NOT_FOUND');
  });
});
