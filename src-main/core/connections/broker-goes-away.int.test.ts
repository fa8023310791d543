import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../broker/index.js';
import { freePort } from '../../../test-support/kafka/kafka-fixture.js';
import { createCore, type Core } from '../index.js';
import { resolveBrokerLaunch } from '../../runtime/broker-launch.js';
import { appError, RecordingEvents } from '../testing/harness.js';

// A cluster that disappears while the app is open (laptop sleeps, broker restarts): each call
// gets a clear message within seconds, nothing hangs, and the app recovers when it is back.
// Our own broker is used because it can be stopped and restarted on the same port in-process.
describe('a broker that goes away and comes back', () => {
  let dir: string;
  let core: Core;
  let port: number;
  let broker: Awaited<ReturnType<typeof startBroker>> | null = null;
  let clusterId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'samsa-goes-away-'));
    port = await freePort();
    broker = await startBroker({ port, dataDir: join(dir, 'broker') });
    core = createCore({
      dataDir: join(dir, 'app'),
      events: new RecordingEvents(),
      sandboxLaunch: resolveBrokerLaunch(),
      mode: 'browser',
      version: 'test',
    });
    clusterId = (
      await core['connections.create']({
        name: 'flaky',
        bootstrapServers: [`127.0.0.1:${port}`],
        tls: false,
        sasl: null,
      })
    ).id;
  });
  afterAll(async () => {
    await core?.close();
    await broker?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers with a clear error while it is down and works again when it is back', async () => {
    const k = new Kafka({ brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING }).admin();
    await k.connect();
    await k.createTopics({ topics: [{ topic: 'orders', numPartitions: 2 }] });
    await k.disconnect();
    expect((await core['topics.list']({ clusterId })).map((t) => t.name)).toContain('orders');

    await broker!.stop();
    broker = null;
    const started = Date.now();
    const err = await appError(() => core['topics.get']({ clusterId, topic: 'orders' }));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(['CONNECTION_FAILED', 'TIMEOUT']).toContain(err.code);
    expect(err.message).toMatch(/127\.0\.0\.1:\d+/);
    const produceErr = await appError(() =>
      core['produce.send']({
        clusterId,
        topic: 'orders',
        partition: null,
        key: 'k',
        value: 'v',
        valueFormat: 'text',
        headers: [],
      }),
    );
    expect(['CONNECTION_FAILED', 'TIMEOUT']).toContain(produceErr.code);

    broker = await startBroker({ port, dataDir: join(dir, 'broker') });
    const sent = await core['produce.send']({
      clusterId,
      topic: 'orders',
      partition: 1,
      key: 'k',
      value: 'back',
      valueFormat: 'text',
      headers: [],
    });
    expect(sent).toMatchObject({ topic: 'orders', partition: 1, offset: '0' });
    const detail = await core['topics.get']({ clusterId, topic: 'orders' });
    expect(detail.partitions.find((p) => p.partition === 1)?.highWatermark).toBe('1');
  });
});
