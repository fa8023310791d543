/**
 * Paging where offsets have holes: a compacted topic (both brokers, with a fast log cleaner) and a
 * topic with aborted transactions and their markers (Apache Kafka only: the sandbox broker does not
 * implement transactions yet, so a transactional producer cannot write to it).
 */
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKER_KINDS, startHarnessOn } from '../testing/brokers.js';
import { uniqueTopic, type Harness } from '../testing/harness.js';
import { kcatDump, plainProducer, refOf, text, walkPages } from '../testing/messages-helpers.js';

const { Kafka, logLevel, Partitioners } = kafkajs;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BROKER_KINDS)('a compacted topic on the %s broker', (kind) => {
  let h: Harness;
  let clusterId: string;
  beforeAll(async () => {
    h = await startHarnessOn(kind, {
      kafka: { properties: { 'log.cleaner.backoff.ms': 200 } },
      sandbox: { maintenanceIntervalMs: 200 },
    });
    clusterId = await h.connect();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('pages both ways over the holes compaction leaves: no gap, no duplicate, exactly what kcat reads', async () => {
    const topic = uniqueTopic('compacted');
    await h.createTopic(topic, 3, {
      'cleanup.policy': 'compact',
      'segment.ms': '100',
      'min.cleanable.dirty.ratio': '0.01',
      'min.compaction.lag.ms': '0',
      'delete.retention.ms': '0',
    });
    const p = await plainProducer(h.bootstrap);
    const written = 12 * 30;
    try {
      for (let wave = 0; wave < 12; wave++) {
        await p.send({
          topic,
          messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 10}`, value: `w${wave}-k${i % 10}-${i}` })),
        });
        await sleep(150); // lets segment.ms roll a segment, so there is something to clean
      }
      // One more write rolls the last wave's segment.
      await p.send({ topic, messages: [{ key: 'last', value: 'last' }] });
    } finally {
      await p.disconnect();
    }
    // Wait until the cleaner ran and then settled (two dumps a second apart agree).
    let dump = await kcatDump(h.bootstrap, topic);
    for (let i = 0; i < 60; i++) {
      await sleep(1000);
      const again = await kcatDump(h.bootstrap, topic);
      const settled = again.length === dump.length && again.length < written;
      dump = again;
      if (settled) break;
    }
    expect(dump.length).toBeLessThan(written); // the cleaner ran: offsets now have holes
    const want = dump.map((r) => `${r.partition}:${r.offset}`).sort();

    for (const [start, direction] of [
      ['newest', 'older'],
      ['oldest', 'newer'],
    ] as const) {
      const pages = await walkPages(
        h.core,
        { clusterId, topic, partitions: null, limit: 9, from: { kind: start } },
        direction,
      );
      const seen = pages.flatMap((pg) => pg.messages.map(refOf));
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(want);
    }
  });
});

describe('a topic with aborted transactions on Apache Kafka', () => {
  let h: Harness;
  let clusterId: string;
  beforeAll(async () => {
    h = await startHarnessOn('kafka');
    clusterId = await h.connect();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('pages skip aborted records and transaction markers, with no gap and no duplicate', async () => {
    const topic = uniqueTopic('txn-paging');
    await h.createTopic(topic, 3);
    const kafka = new Kafka({ brokers: [h.bootstrap], logLevel: logLevel.NOTHING });
    const tx = kafka.producer({
      transactionalId: `samsa-paging-${topic}`,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const plain = await plainProducer(h.bootstrap);
    await tx.connect();
    try {
      for (let round = 0; round < 8; round++) {
        const ok = await tx.transaction();
        await ok.send({
          topic,
          messages: [0, 1, 2].flatMap((p) => [0, 1, 2].map((j) => ({ partition: p, value: `c${round}-${p}-${j}` }))),
        });
        await ok.commit();
        const bad = await tx.transaction();
        await bad.send({
          topic,
          messages: [0, 1, 2].flatMap((p) => [0, 1].map((j) => ({ partition: p, value: `a${round}-${p}-${j}` }))),
        });
        await bad.abort();
        await plain.send({ topic, messages: [{ partition: round % 3, value: `plain-${round}` }] });
      }
    } finally {
      await tx.disconnect();
      await plain.disconnect();
    }
    const dump = await kcatDump(h.bootstrap, topic);
    expect(dump.some((r) => r.value?.startsWith('a'))).toBe(false);
    const want = dump.map((r) => `${r.partition}:${r.offset}`).sort();
    expect(want).toHaveLength(8 * 9 + 8);

    for (const [start, direction] of [
      ['newest', 'older'],
      ['oldest', 'newer'],
    ] as const) {
      const pages = await walkPages(
        h.core,
        { clusterId, topic, partitions: null, limit: 5, from: { kind: start } },
        direction,
      );
      const messages = pages.flatMap((pg) => pg.messages);
      const seen = messages.map(refOf);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(want);
      expect(messages.some((m) => text(m.value)!.startsWith('a'))).toBe(false);
    }
  });
});
