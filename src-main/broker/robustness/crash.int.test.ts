/**
 * Crash test: kill -9 the sandbox broker (a child process) while an idempotent acks=-1 producer is
 * mid-stream, restart it on the same data dir and port, and prove durability: every acknowledged
 * record is at its acknowledged offset, in order, exactly once; in-flight records appear at most
 * once; nothing appears that was never sent; and a new producer works afterwards. Variants: many
 * small segments (segment.bytes=4 KiB, so rolls happen constantly around the kill), and a torn
 * write (garbage appended to each active segment while the broker is down) that recovery must cut.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, startBrokerProcess, type BrokerProcess } from '../testing/robustness/broker-process.js';
import {
  checkDurability,
  idempotentProducer,
  PARTITIONS,
  produceNumbered,
  readAll,
  segmentFiles,
  type ProduceLog,
} from '../testing/robustness/crash-helpers.js';
import { kafka } from '../testing/robustness/kafka-check.js';
import { createRng, seedFromEnv } from '../testing/robustness/prng.js';

interface Scenario {
  topic: string;
  configEntries?: Array<{ name: string; value: string }>;
  killAfterAcked: number;
  /** Append this many garbage bytes to each partition's active segment while the broker is down. */
  tornWriteBytes?: number;
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T | undefined> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>(
    (resolve) => (t = setTimeout(() => (console.log(`[crash] ${what} timed out`), resolve(undefined)), ms)),
  );
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(t);
  }
}

async function crashAndRecover(s: Scenario): Promise<{ dataDir: string; first: ProduceLog; second: ProduceLog }> {
  const seed = seedFromEnv('CRASH_SEED');
  const rng = createRng(seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-crash-'));
  const port = await freePort();
  let broker: BrokerProcess | undefined = await startBrokerProcess(dataDir, port);
  try {
    const admin = kafka(broker.bootstrap).admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: s.topic, numPartitions: PARTITIONS, configEntries: s.configEntries }],
    });
    await admin.disconnect();

    // Phase 1: produce until killed. The kill fires from a timer a few ms after the threshold, so it
    // lands while the next send is on the wire (maxInFlightRequests 1: there is always one).
    const producer = idempotentProducer(broker.bootstrap);
    await producer.connect();
    let killAt = 0;
    const victim = broker;
    const first = await produceNumbered(producer, s.topic, 0, (log) => {
      if (log.acked.length >= s.killAfterAcked && killAt === 0) {
        killAt = Date.now();
        setTimeout(() => void victim.kill9(), rng.int(0, 3));
      }
      return killAt > 0 && Date.now() - killAt > 30_000; // safety net: kafkajs should fail long before
    });
    await withTimeout(producer.disconnect(), 5000, 'producer disconnect');
    await victim.kill9();
    console.log(
      `[crash] seed ${seed}: ${first.acked.length} acked before kill -9, ${first.inFlight.length} in flight (values ${first.inFlight[0]}..)`,
    );

    const sizesBefore = new Map<string, number>();
    if (s.tornWriteBytes) {
      for (let p = 0; p < PARTITIONS; p++) {
        const active = segmentFiles(dataDir, s.topic, p).at(-1)!;
        sizesBefore.set(active, fs.statSync(active).size);
        // Half the time the garbage starts like a batch header with a plausible length (a torn batch).
        const junk = rng.bytes(s.tornWriteBytes);
        if (rng.chance(0.5)) junk.writeInt32BE(s.tornWriteBytes + 500, 8);
        fs.appendFileSync(active, junk);
      }
    }

    // Phase 2: restart on the same dir and port and check the log.
    broker = await startBrokerProcess(dataDir, port);
    for (const [file, size] of sizesBefore) expect(fs.statSync(file).size, `torn tail of ${file} not cut`).toBe(size);
    const maybe = new Set(first.inFlight);
    const stored = await readAll(broker.bootstrap, s.topic);
    console.log(`[crash] after restart: ${stored.map((r) => r.length).join('+')} records stored`);
    expect(checkDurability(stored, first.acked, maybe)).toEqual([]);

    // Phase 3: a new producer (new producer id) appends after the recovered tail.
    const producer2 = idempotentProducer(broker.bootstrap);
    await producer2.connect();
    const second = await produceNumbered(producer2, s.topic, first.nextValue, (log) => log.acked.length >= 300);
    await producer2.disconnect();
    expect(second.inFlight).toEqual([]);
    const after = await readAll(broker.bootstrap, s.topic);
    expect(checkDurability(after, [...first.acked, ...second.acked], maybe)).toEqual([]);
    for (let p = 0; p < PARTITIONS; p++) {
      // The new records follow the recovered records directly: no gap where garbage or a lost tail was.
      const firstNew = second.acked
        .filter((a) => a.partition === p)
        .map((a) => a.offset)
        .sort((a, b) => (a < b ? -1 : 1))[0];
      expect(firstNew).toBe(BigInt(stored[p].length));
    }
    return { dataDir, first, second };
  } finally {
    await broker?.stop();
  }
}

describe('broker crash recovery (kill -9)', () => {
  it('keeps every acknowledged record, exactly once, across kill -9', async () => {
    const { dataDir, first } = await crashAndRecover({ topic: 'crash-basic', killAfterAcked: 3000 });
    expect(first.acked.length).toBeGreaterThanOrEqual(3000);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('recovers a log of many small segments killed mid-roll', async () => {
    const { dataDir } = await crashAndRecover({
      topic: 'crash-segments',
      configEntries: [{ name: 'segment.bytes', value: '4096' }],
      killAfterAcked: 4000,
    });
    for (let p = 0; p < PARTITIONS; p++) expect(segmentFiles(dataDir, 'crash-segments', p).length).toBeGreaterThan(3);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('cuts a torn write at the end of the active segment', async () => {
    const { dataDir } = await crashAndRecover({
      topic: 'crash-torn',
      configEntries: [{ name: 'segment.bytes', value: '65536' }],
      killAfterAcked: 2000,
      tornWriteBytes: 300,
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
