import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionHealth } from '../../contract/connections.js';
import { freePort } from '../../../test-support/kafka/kafka-fixture.js';
import { startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

// What the sidebar dots and the "disconnected" banner are made of: every saved connection's health,
// pushed as it changes, from a real Apache Kafka, a dead address and the sandbox started and stopped.
describe('connection health on real brokers', () => {
  it('reports Kafka online, a dead address offline, and follows the sandbox as it stops and starts', async () => {
    const kafka = await h.connect();
    const dead = (
      await h.core['connections.create']({
        name: 'nowhere',
        bootstrapServers: [`127.0.0.1:${await freePort()}`],
        tls: false,
        sasl: null,
      })
    ).id;
    const port = await freePort();
    await h.core['sandbox.start']({ port });
    const sandbox = (await h.core['connections.list']({})).find((p) => p.sandbox)!.id;

    const seen: ConnectionHealth[] = [];
    const abort = new AbortController();
    const running = h.core['connections.health'](
      {},
      { signal: abort.signal, emit: (item) => seen.push(item), whenWritable: async () => undefined },
    );
    const latest = (id: string) => seen.filter((x) => x.id === id).at(-1);
    try {
      await expect.poll(() => latest(kafka)?.state, { timeout: 15_000 }).toBe('online');
      expect(latest(kafka)).toMatchObject({ brokerCount: 1, problem: null });
      await expect.poll(() => latest(dead)?.state, { timeout: 15_000 }).toBe('offline');
      expect(latest(dead)?.problem).toMatchObject({ code: 'CONNECTION_FAILED' });
      expect(latest(dead)?.problem?.message).toContain('connection refused');
      await expect.poll(() => latest(sandbox)?.state, { timeout: 15_000 }).toBe('online');

      // Stopping the sandbox is pushed at once, without waiting for the next periodic check.
      const stoppedAt = Date.now();
      await h.core['sandbox.stop']({});
      await expect.poll(() => latest(sandbox)?.state, { timeout: 5_000 }).toBe('offline');
      expect(Date.now() - stoppedAt).toBeLessThan(5_000);
      // "stopping" may be pushed first; "stopped" follows once the stop has finished.
      await expect.poll(() => latest(sandbox)?.problem?.message, { timeout: 5_000 }).toMatch(/sandbox is stopped/);
      // A screen asking the stopped sandbox for data gets the same answer as the sidebar.
      expect(latest(sandbox)?.lastOnlineAt).toBeGreaterThan(0);

      await h.core['sandbox.start']({ port });
      await expect.poll(() => latest(sandbox)?.state, { timeout: 15_000 }).toBe('online');

      // "Check again" answers at once, and a dead address stays offline.
      expect(await h.core['connections.checkHealth']({ id: dead })).toMatchObject({ state: 'offline' });
      expect(await h.core['connections.checkHealth']({ id: kafka })).toMatchObject({ state: 'online', brokerCount: 1 });
    } finally {
      abort.abort();
      await running;
      await h.core['sandbox.stop']({});
    }
  });
});
