/** A well-behaved kafkajs round trip: proves the broker still serves real clients after abuse. */
import { Kafka, logLevel } from 'kafkajs';

export function kafka(bootstrap: string, clientId = 'robustness'): Kafka {
  return new Kafka({
    clientId,
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 100 },
  });
}

/** Creates `topic`, produces `count` records and consumes them back; resolves with the values read. */
export async function roundTrip(bootstrap: string, topic: string, count = 20): Promise<string[]> {
  const k = kafka(bootstrap);
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();

  const producer = k.producer();
  await producer.connect();
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
  });
  await producer.disconnect();

  const consumer = k.consumer({ groupId: `${topic}-check`, maxWaitTimeInMs: 100 });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`consumed only ${seen.length}/${count} records`)), 30_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value!.toString());
        if (seen.length >= count) {
          clearTimeout(t);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return seen;
}
