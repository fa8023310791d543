/** Shared set-up for the core's integration tests: a real Kafka, a fresh data dir, a core. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs, { type Admin } from 'kafkajs';
import type { EventMap, EventName, EventSink } from '../../contract/events.js';
import { AppError } from '../../contract/errors.js';
import { startKafka, type StartKafkaOptions } from '../../../test-support/kafka/kafka-fixture.js';
import { kafkaSingleton, stopKafkaSingleton } from '../../../test-support/kafka/kafka-singleton.js';
import { createCore, type Core } from '../index.js';
import { resolveBrokerLaunch } from '../../runtime/broker-launch.js';
import { startTestBroker } from '../../broker/testing/test-broker.js';

const { Kafka, logLevel } = kafkajs;

export class RecordingEvents implements EventSink {
  readonly seen: { event: EventName; payload: unknown }[] = [];
  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.seen.push({ event, payload });
  }
}

export interface Harness {
  /** Which broker the core talks to: Apache Kafka 4.1, or Samsa's sandbox broker. */
  kind: BrokerKind;
  bootstrap: string;
  dataDir: string;
  events: RecordingEvents;
  core: Core;
  /** A plain kafkajs admin for arranging topics and checking side effects. */
  admin: Admin;
  newCore(): Core;
  /** Saves a connection to the test Kafka and returns its id. */
  connect(): Promise<string>;
  createTopic(name: string, partitions?: number, config?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;
export function uniqueTopic(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
}

export type BrokerKind = 'kafka' | 'sandbox';
/** For tests that run against both brokers: `describe.each(BROKER_KINDS)`. */
export const BROKER_KINDS: readonly BrokerKind[] = ['kafka', 'sandbox'];

/**
 * `kafka` given: a dedicated broker with those options, for tests that need special settings.
 * `broker: 'sandbox'`: a fresh sandbox broker in this process instead of Apache Kafka.
 * `bootstrap` given: a broker the caller runs (see brokers.ts).
 */
export async function startHarness(
  opts: { kafka?: StartKafkaOptions; broker?: BrokerKind; bootstrap?: string } = {},
): Promise<Harness> {
  const kind = opts.broker ?? 'kafka';
  const own = opts.bootstrap
    ? null
    : kind === 'sandbox'
      ? await startTestBroker({ groupInitialRebalanceDelayMs: 0 }).then((b) => ({
          bootstrap: b.bootstrap,
          stop: () => b.dispose(),
        }))
      : opts.kafka
        ? await startKafka(opts.kafka)
        : null;
  const bootstrap = opts.bootstrap ?? (own ? own.bootstrap : (await kafkaSingleton()).bootstrap);
  const dataDir = await mkdtemp(join(tmpdir(), 'samsa-core-int-'));
  const events = new RecordingEvents();
  const cores: Core[] = [];
  const newCore = () => {
    const c = createCore({ dataDir, events, sandboxLaunch: resolveBrokerLaunch(), mode: 'browser', version: 'test' });
    cores.push(c);
    return c;
  };
  const core = newCore();
  const admin = new Kafka({ clientId: 'samsa-test-admin', brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  return {
    kind,
    bootstrap,
    dataDir,
    events,
    core,
    admin,
    newCore,
    async connect() {
      const p = await core['connections.create']({
        name: 'test kafka',
        bootstrapServers: [bootstrap],
        tls: false,
        sasl: null,
      });
      return p.id;
    },
    async createTopic(name, partitions = 1, config = {}) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: name,
            numPartitions: partitions,
            replicationFactor: 1,
            configEntries: Object.entries(config).map(([n, value]) => ({ name: n, value })),
          },
        ],
      });
    },
    async close() {
      await Promise.all(cores.map((c) => c.close()));
      await admin.disconnect();
      await rm(dataDir, { recursive: true, force: true });
      if (own) await own.stop();
      else if (!opts.bootstrap) await stopKafkaSingleton();
    },
  };
}

/** Runs `fn`, expecting an AppError; returns it for assertions. */
export async function appError(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw new Error(`Expected an AppError, got ${String(e)}`, { cause: e });
  }
  throw new Error('Expected an AppError, but the call succeeded');
}

export const text = (b: { base64: string } | null | undefined): string | null =>
  b ? Buffer.from(b.base64, 'base64').toString('utf8') : null;
