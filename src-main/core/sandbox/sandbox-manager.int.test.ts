import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap, EventName, EventSink } from '../../contract/index.js';
import { AppError } from '../../contract/index.js';
import { resolveBrokerLaunch } from '../../runtime/broker-launch.js';
import { freePort } from '../../../test-support/kafka/kafka-fixture.js';
import { loadSampleData, SAMPLE_TOPICS } from './sample-data.js';
import { SandboxManager } from './sandbox-manager.js';

class RecordingSink implements EventSink {
  events: { event: EventName; payload: unknown }[] = [];
  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.events.push({ event, payload });
  }
}

// The app's view of the sandbox: a broker in its own process, started, watched and stopped.
describe('SandboxManager (broker in a child process)', () => {
  let dir: string;
  let sink: RecordingSink;
  let manager: SandboxManager;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'samsa-sandbox-mgr-'));
    sink = new RecordingSink();
    manager = new SandboxManager({ dataDir: join(dir, 'data'), launch: resolveBrokerLaunch(), events: sink });
  });
  afterAll(async () => {
    await manager.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts, reports running with its address, and serves a real client', async () => {
    const port = await freePort();
    const status = await manager.start(port);
    expect(status).toMatchObject({ state: 'running', host: '127.0.0.1', port, error: null });
    expect(status.pid).toBeGreaterThan(0);
    expect(
      sink.events.filter((e) => e.event === 'sandbox.status').map((e) => (e.payload as { state: string }).state),
    ).toEqual(['starting', 'running']);
    expect(manager.logs().some((l) => l.text.includes(`Samsa sandbox ready on 127.0.0.1:${port}`))).toBe(true);

    const result = await loadSampleData(manager.bootstrap!);
    expect(result.topics).toEqual(SAMPLE_TOPICS.map((t) => t.name));
    const kafka = new Kafka({ brokers: [manager.bootstrap!], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({
      groupId: 'payment-notifier',
      topics: ['commerce.payment.prod.notification'],
    });
    const high = await admin.fetchTopicOffsets('commerce.payment.prod.notification');
    await admin.disconnect();
    const committed = offsets[0].partitions.reduce((s, p) => s + Number(p.offset), 0);
    const end = high.reduce((s, p) => s + Number(p.high), 0);
    expect(committed).toBeGreaterThan(0);
    expect(end - committed).toBeGreaterThan(0); // the sample group lags
    expect((await manager.status()).dataSizeBytes).toBeGreaterThan(0);
  });

  it('refuses a port already in use and offers a free one', async () => {
    await manager.stop();
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    try {
      const error = await manager.start(port).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('PORT_IN_USE');
      expect((error as AppError).message).toContain(`Port ${port} is already in use`);
      const status = await manager.status();
      expect(status.state).toBe('failed');
      expect(status.suggestedPort).toBeGreaterThan(port);
    } finally {
      blocker.close();
    }
  });

  it('keeps data across stop and start, and reset deletes it', async () => {
    const port = await freePort();
    await manager.start(port);
    const kafka = new Kafka({ brokers: [manager.bootstrap!], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain('commerce.order.prod.created');
    await admin.disconnect();

    const stopped = await manager.stop();
    expect(stopped.state).toBe('stopped');
    expect(stopped.pid).toBeNull();

    const reset = await manager.reset();
    expect(reset.state).toBe('stopped');
    expect(reset.dataSizeBytes).toBe(0);
    await expect(stat(join(dir, 'data'))).rejects.toThrow();
  });

  it('reports a broker that dies as failed, with a message', async () => {
    const status = await manager.start(await freePort());
    process.kill(status.pid!, 'SIGKILL');
    await expect.poll(async () => (await manager.status()).state, { timeout: 10_000 }).toBe('failed');
    expect((await manager.status()).error).toMatch(/stopped unexpectedly/);
  });
});
