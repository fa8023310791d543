/**
 * Demo traffic on the sandbox, so a newcomer sees a lag graph move: a producer writes a steady 20
 * orders a second; the group "demo-slow-consumer" reads faster than that while it runs but pauses
 * for 25 s of every minute, so on average it falls behind. Lag rises during each pause (visible
 * within the first half minute), drains partly afterwards, and creeps up overall.
 */
import kafkajs, { type Consumer, type Producer } from 'kafkajs';
import type { DemoTrafficStatus } from '../../contract/sandbox.js';
import type { CoreLogger } from '../util/logger.js';

const { Kafka, logLevel, Partitioners } = kafkajs;

export const DEMO_TOPIC = 'demo.orders.lag';
export const DEMO_GROUP = 'demo-slow-consumer';
const PRODUCE_PER_SECOND = 20;
const PRODUCE_EVERY_MS = 250;
/** Per message while consuming: about 30 a second. */
const CONSUME_DELAY_MS = 33;
const CYCLE_MS = 60_000;
/** The consumer runs this long at the start of each minute, then pauses for the rest. */
const RUN_MS = 12_000 + 23_000;
const FIRST_PAUSE_AFTER_MS = 8_000;

export class DemoTraffic {
  private producer: Producer | null = null;
  private consumer: Consumer | null = null;
  private timers: NodeJS.Timeout[] = [];
  private produced = 0;
  private consumed = 0;
  private paused = false;
  private error: string | null = null;
  private startedAt: number | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly logger: CoreLogger) {}

  status(): DemoTrafficStatus {
    return {
      running: this.producer !== null,
      topic: DEMO_TOPIC,
      groupId: DEMO_GROUP,
      produced: this.produced,
      consumed: this.consumed,
      consumerPaused: this.paused,
      startedAt: this.startedAt,
      error: this.error,
    };
  }

  async start(bootstrap: string): Promise<DemoTrafficStatus> {
    if (this.producer) return this.status();
    await this.stopping;
    this.error = null;
    const kafka = new Kafka({
      clientId: 'samsa-demo-traffic',
      brokers: [bootstrap],
      logLevel: logLevel.NOTHING,
      retry: { retries: 3 },
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      if (!(await admin.listTopics()).includes(DEMO_TOPIC)) {
        await admin.createTopics({ topics: [{ topic: DEMO_TOPIC, numPartitions: 3 }], waitForLeaders: true });
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    const producer = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const consumer = kafka.consumer({ groupId: DEMO_GROUP, allowAutoTopicCreation: false });
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [DEMO_TOPIC], fromBeginning: false });
    this.producer = producer;
    this.consumer = consumer;
    this.startedAt = Date.now();
    this.paused = false;

    let n = 0;
    const perTick = (PRODUCE_PER_SECOND * PRODUCE_EVERY_MS) / 1000;
    this.timers.push(
      setInterval(() => {
        const messages = Array.from({ length: perTick }, () => {
          const i = n++;
          return {
            key: `customer-${i % 50}`,
            value: JSON.stringify({ orderId: `demo-${i}`, cents: (i * 7919) % 20_000, at: new Date().toISOString() }),
          };
        });
        producer.send({ topic: DEMO_TOPIC, messages }).then(
          () => (this.produced += messages.length),
          (e: Error) => this.fail(`The demo producer stopped: ${e.message}`),
        );
      }, PRODUCE_EVERY_MS),
    );
    await consumer.run({
      eachMessage: async () => {
        await new Promise((r) => setTimeout(r, CONSUME_DELAY_MS));
        this.consumed++;
      },
    });
    const pauseCycle = () => {
      consumer.pause([{ topic: DEMO_TOPIC }]);
      this.paused = true;
      this.timers.push(
        setTimeout(() => {
          consumer.resume([{ topic: DEMO_TOPIC }]);
          this.paused = false;
        }, CYCLE_MS - RUN_MS),
      );
    };
    this.timers.push(
      setTimeout(() => {
        pauseCycle();
        this.timers.push(setInterval(pauseCycle, CYCLE_MS));
      }, FIRST_PAUSE_AFTER_MS),
    );
    return this.status();
  }

  private fail(message: string) {
    if (!this.producer) return;
    this.error = message;
    this.logger.warn(message);
    void this.stop();
  }

  async stop(): Promise<DemoTrafficStatus> {
    const producer = this.producer;
    const consumer = this.consumer;
    this.producer = null;
    this.consumer = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    this.paused = false;
    this.stopping = Promise.all([
      producer?.disconnect().catch(() => undefined),
      consumer?.disconnect().catch(() => undefined),
    ]).then(() => undefined);
    await this.stopping;
    return this.status();
  }
}
