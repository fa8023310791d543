import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBroker } from '../../broker/index.js';
import { freePort } from '../../../test-support/kafka/kafka-fixture.js';

// kafkajs 2.2.4 re-armed a 1 ms timer for as long as a connection lived, even with nothing to send
// (kafkajs#1556): a CPU cost for every open connection of the app. patches/kafkajs+2.2.4.patch
// (applied by `npm install`) stops it; this test fails if the patch is missing.
describe('an idle kafkajs connection', () => {
  let dir: string;
  let broker: Awaited<ReturnType<typeof startBroker>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'samsa-idle-'));
    const port = await freePort();
    broker = await startBroker({ port, dataDir: join(dir, 'broker') });
  });
  afterAll(async () => {
    await broker.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('does not wake the process every millisecond', async () => {
    const kafka = new Kafka({ brokers: [`127.0.0.1:${broker.port}`], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.listTopics(); // one request answered: the queue has run at least once
      await new Promise((r) => setTimeout(r, 100));
      const timers = vi.spyOn(globalThis, 'setTimeout');
      await new Promise((r) => setTimeout(r, 500));
      const armed = timers.mock.calls.length;
      timers.mockRestore();
      // Unpatched, this is several hundred (one per millisecond); idle, it is a handful.
      expect(armed).toBeLessThan(25);
    } finally {
      await admin.disconnect();
    }
  });
});
