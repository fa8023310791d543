import kafkajs, { type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test-support/kafka/kafka-fixture.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { loadSampleData, SAMPLE_GROUPS, SAMPLE_TOPICS, sampleDataPlan } from './sample-data.js';

const { Kafka, logLevel } = kafkajs;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function withAdmin<T>(bootstrap: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Records in the sample topics and the lagging group's committed offsets: what a second load must not change. */
async function footprint(bootstrap: string) {
  return withAdmin(bootstrap, async (admin) => {
    let records = 0n;
    for (const t of SAMPLE_TOPICS) {
      for (const o of await admin.fetchTopicOffsets(t.name)) records += BigInt(o.high) - BigInt(o.low);
    }
    const [lagging] = await admin.fetchOffsets({
      groupId: 'payment-notifier',
      topics: ['commerce.payment.prod.notification'],
    });
    const committed = lagging!.partitions.reduce((s, p) => s + BigInt(p.offset), 0n);
    return { records, committed };
  });
}

// "Load sample data" twice must not silently add another 480 records: on the sandbox (through the
// core, two loads at once) and on Apache Kafka (the loader is plain kafkajs).
describe('sample data loads once', () => {
  it('on the sandbox: the plan says what will be added, and two loads at once add it once', async () => {
    await h.core['sandbox.start']({ port: await freePort() });
    try {
      const before = await h.core['sandbox.sampleDataPlan']({});
      expect(before.records).toBe(480);
      expect(before.topics.map((t) => [t.name, t.loaded])).toEqual(SAMPLE_TOPICS.map((t) => [t.name, false]));
      expect(before.groups).toEqual(SAMPLE_GROUPS);

      const [first, second] = await Promise.all([
        h.core['sandbox.loadSampleData']({}),
        h.core['sandbox.loadSampleData']({}),
      ]);
      expect(first).toEqual({
        topics: SAMPLE_TOPICS.map((t) => t.name),
        records: 480,
        groups: SAMPLE_GROUPS,
        skipped: [],
      });
      expect(second).toEqual({ topics: [], records: 0, groups: [], skipped: SAMPLE_TOPICS.map((t) => t.name) });

      const bootstrap = (await h.core['sandbox.status']({})).port;
      const data = await footprint(`127.0.0.1:${bootstrap}`);
      expect(data.records).toBe(480n);
      expect(data.committed).toBeGreaterThan(0n);
      expect(data.committed).toBeLessThan(120n); // the sample group lags

      const after = await h.core['sandbox.sampleDataPlan']({});
      expect(after.records).toBe(0);
      expect(after.topics.every((t) => t.loaded)).toBe(true);
    } finally {
      await h.core['sandbox.stop']({});
    }
  });

  it('on Apache Kafka: a second load adds nothing and leaves the groups where they are', async () => {
    await withAdmin(h.bootstrap, async (admin) => {
      const existing = new Set(await admin.listTopics());
      const stale = SAMPLE_TOPICS.map((t) => t.name).filter((n) => existing.has(n));
      if (stale.length > 0) await admin.deleteTopics({ topics: stale });
      await admin.deleteGroups([...SAMPLE_GROUPS]).catch(() => undefined);
    });
    const first = await loadSampleData(h.bootstrap);
    expect(first.records).toBe(480);
    const once = await footprint(h.bootstrap);
    expect(once.records).toBe(480n);

    const second = await loadSampleData(h.bootstrap);
    expect(second).toMatchObject({ topics: [], records: 0, groups: [] });
    expect(await footprint(h.bootstrap)).toEqual(once);
    expect((await sampleDataPlan(h.bootstrap)).records).toBe(0);
  });
});
