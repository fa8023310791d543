import { Kafka, logLevel } from 'kafkajs';
import { commitGroupOffsets } from '../groups/commit-offsets.js';

/** Topics named in Kafka's dotted style: <domain>.<entity>.<env>.<event>. */
export const SAMPLE_TOPICS = [
  { name: 'commerce.order.prod.created', partitions: 6 },
  { name: 'commerce.payment.prod.notification', partitions: 3 },
  { name: 'identity.user.prod.signup', partitions: 1 },
  { name: 'iot.sensor.dev.temperature', partitions: 3 },
] as const;

export const SAMPLE_GROUPS = ['payment-notifier', 'order-audit'] as const;

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

/**
 * Creates the sample topics with keyed JSON records and two consumer groups: one caught up,
 * one ("payment-notifier") committed halfway so it lags and there is lag to look at.
 */
export async function loadSampleData(
  bootstrap: string,
): Promise<{ topics: string[]; records: number; groups: string[] }> {
  const kafka = new Kafka({ clientId: 'samsa-sample-data', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await admin.connect();
  await producer.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = SAMPLE_TOPICS.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 1 })),
        waitForLeaders: true,
      });
    }
    const rand = rng(42);
    let records = 0;
    for (const topic of SAMPLE_TOPICS) {
      const messages = Array.from({ length: RECORDS_PER_TOPIC }, (_, i) => {
        const r = sampleRecord(topic.name, i, rand);
        return { key: r.key, value: JSON.stringify(r.value), headers: r.headers };
      });
      await producer.send({ topic: topic.name, messages });
      records += messages.length;
    }
    await commitAt(kafka, admin, 'payment-notifier', 'commerce.payment.prod.notification', 0.5);
    await commitAt(kafka, admin, 'order-audit', 'commerce.order.prod.created', 1);
    return { topics: SAMPLE_TOPICS.map((t) => t.name), records, groups: [...SAMPLE_GROUPS] };
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

async function commitAt(
  kafka: Kafka,
  admin: ReturnType<Kafka['admin']>,
  groupId: string,
  topic: string,
  fraction: number,
) {
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
