import { Kafka, logLevel } from 'kafkajs';
import type { SampleDataPlan, SampleDataResult } from '../../contract/sandbox.js';
import { commitGroupOffsets } from '../groups/commit-offsets.js';

/** Topics named in Kafka's dotted style: <domain>.<entity>.<env>.<event>. */
export const SAMPLE_TOPICS = [
  { name: 'commerce.order.prod.created', partitions: 6 },
  { name: 'commerce.payment.prod.notification', partitions: 3 },
  { name: 'identity.user.prod.signup', partitions: 1 },
  { name: 'iot.sensor.dev.temperature', partitions: 3 },
] as const;

/** The two groups: one caught up, one ("payment-notifier") committed halfway so there is lag to look at. */
const GROUP_OFFSETS = [
  { group: 'payment-notifier', topic: 'commerce.payment.prod.notification', fraction: 0.5 },
  { group: 'order-audit', topic: 'commerce.order.prod.created', fraction: 1 },
] as const;

export const SAMPLE_GROUPS = GROUP_OFFSETS.map((g) => g.group);

const RECORDS_PER_TOPIC = 120;

/** Deterministic pseudo-random numbers, so sample data looks the same on every machine. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sampleRecord(topic: string, i: number, rand: () => number) {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 61_000).toISOString();
  switch (topic) {
    case 'commerce.order.prod.created': {
      const orderId = `order-${1000 + i}`;
      return {
        key: `customer-${Math.floor(rand() * 40)}`,
        value: {
          orderId,
          items: 1 + Math.floor(rand() * 4),
          totalCents: Math.floor(rand() * 20_000),
          currency: 'EUR',
          createdAt: at,
        },
        headers: { 'content-type': 'application/json', source: 'checkout-service' },
      };
    }
    case 'commerce.payment.prod.notification':
      return {
        key: `order-${1000 + i}`,
        value: {
          paymentId: `pay-${5000 + i}`,
          orderId: `order-${1000 + i}`,
          status: rand() < 0.9 ? 'CAPTURED' : 'DECLINED',
          at,
        },
        headers: { 'content-type': 'application/json', 'trace-id': `trace-${(i * 7919).toString(16)}` },
      };
    case 'identity.user.prod.signup':
      return {
        key: `user-${i}`,
        value: { userId: `user-${i}`, email: `user${i}@example.com`, plan: rand() < 0.2 ? 'pro' : 'free', at },
        headers: { 'content-type': 'application/json' },
      };
    default:
      return {
        key: `sensor-${i % 8}`,
        value: { sensor: `sensor-${i % 8}`, celsius: Math.round((18 + rand() * 10) * 10) / 10, at },
        headers: { 'content-type': 'application/json', unit: 'celsius' },
      };
  }
}

type Admin = ReturnType<Kafka['admin']>;

/** Which sample topics exist and which already hold records (a high watermark above 0 on any partition). */
async function inspect(admin: Admin): Promise<Map<string, 'missing' | 'empty' | 'loaded'>> {
  const existing = new Set(await admin.listTopics());
  const state = new Map<string, 'missing' | 'empty' | 'loaded'>();
  for (const t of SAMPLE_TOPICS) {
    if (!existing.has(t.name)) state.set(t.name, 'missing');
    else {
      const offsets = await admin.fetchTopicOffsets(t.name);
      state.set(t.name, offsets.some((o) => BigInt(o.high) > 0n) ? 'loaded' : 'empty');
    }
  }
  return state;
}

function client(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'samsa-sample-data', brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

/** What a load would add now: the dialog shows it before anything is written. */
export async function sampleDataPlan(bootstrap: string): Promise<SampleDataPlan> {
  const admin = client(bootstrap).admin();
  await admin.connect();
  try {
    const state = await inspect(admin);
    const topics = SAMPLE_TOPICS.map((t) => ({
      name: t.name,
      partitions: t.partitions,
      records: RECORDS_PER_TOPIC,
      loaded: state.get(t.name) === 'loaded',
    }));
    return {
      topics,
      groups: SAMPLE_GROUPS,
      records: topics.filter((t) => !t.loaded).length * RECORDS_PER_TOPIC,
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Creates the sample topics with keyed JSON records and two consumer groups. Idempotent: a topic
 * that already holds records is skipped, and a group's offsets are only committed where it has
 * none yet, so a second click (or a second window) never doubles the data or moves a group.
 */
export async function loadSampleData(bootstrap: string): Promise<SampleDataResult> {
  const kafka = client(bootstrap);
  const admin = kafka.admin();
  // Idempotent: a batch retried after a lost answer (common right after a topic is created) is written once.
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await admin.connect();
  await producer.connect();
  try {
    const state = await inspect(admin);
    const missing = SAMPLE_TOPICS.filter((t) => state.get(t.name) === 'missing');
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 1 })),
        waitForLeaders: true,
      });
    }
    const filled: string[] = [];
    let records = 0;
    for (const [index, topic] of SAMPLE_TOPICS.entries()) {
      if (state.get(topic.name) === 'loaded') continue;
      // One seed per topic: a topic's records are the same whether or not the others were loaded before.
      const rand = rng(42 + index);
      const messages = Array.from({ length: RECORDS_PER_TOPIC }, (_, i) => {
        const r = sampleRecord(topic.name, i, rand);
        return { key: r.key, value: JSON.stringify(r.value), headers: r.headers };
      });
      await producer.send({ topic: topic.name, messages });
      filled.push(topic.name);
      records += messages.length;
    }
    const groups: string[] = [];
    for (const g of GROUP_OFFSETS) {
      if (await hasCommits(admin, g.group, g.topic)) continue;
      await commitAt(kafka, admin, g.group, g.topic, g.fraction);
      groups.push(g.group);
    }
    const skipped = SAMPLE_TOPICS.map((t) => t.name).filter((n) => state.get(n) === 'loaded');
    return { topics: filled, records, groups, skipped };
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

async function hasCommits(admin: Admin, groupId: string, topic: string): Promise<boolean> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets?.partitions ?? []).some((p) => BigInt(p.offset) >= 0n);
}

async function commitAt(kafka: Kafka, admin: Admin, groupId: string, topic: string, fraction: number) {
  const offsets = await admin.fetchTopicOffsets(topic);
  await commitGroupOffsets(
    kafka,
    groupId,
    topic,
    offsets.map((o) => {
      const low = BigInt(o.low);
      const high = BigInt(o.high);
      const at = low + ((high - low) * BigInt(Math.round(fraction * 100))) / 100n;
      return { partition: o.partition, offset: at.toString() };
    }),
  );
}
