/**
 * One kafkajs client per saved connection, with lazily connected admin, producer and a
 * "browser" (a consumer that never joins a group, used for its Cluster object). Rebuilt when
 * the profile changes; dropped when it is removed.
 */
import { randomUUID } from 'node:crypto';
import kafkajs, { type Admin, type Cluster, type Consumer, type Kafka as KafkaClient, type Producer } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import { mapKafkaError } from '../errors/map-kafka-error.js';
import { withDeadline } from '../util/deadline.js';
import type { SavedProfile } from '../profiles/profile-store.js';
import type { CoreLogger } from '../util/logger.js';
import { ANSWER_DEADLINE_MS, clientRetry, kafkaConfig, securityOf } from './kafka-config.js';
import { browseConsumer } from './browse-consumer.js';

const { Kafka, Partitioners } = kafkajs;

export interface ClusterConnection {
  readonly profile: SavedProfile;
  readonly kafka: KafkaClient;
  admin(): Promise<Admin>;
  producer(): Promise<Producer>;
  /** An idempotent producer (enable.idempotence): its own producer id, one request in flight. */
  idempotentProducer(): Promise<Producer>;
  /** kafkajs's internal cluster view: metadata, leaders, per-broker requests. */
  cluster(): Promise<Cluster>;
  close(): Promise<void>;
}

/**
 * Connects once, shared by every caller; a failed attempt is forgotten so the next call tries again.
 * A caller that joined an attempt already under way tries once more on a fresh one if it fails: that
 * attempt may have begun while the cluster was down (a restarted sandbox), and its late failure must
 * not become the answer to a request made after the cluster came back.
 */
export function lazy<T>(open: () => Promise<T>): { get(): Promise<T>; peek(): Promise<T> | null } {
  let p: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const attempt: Promise<T> = open().catch((e: unknown) => {
      if (p === attempt) p = null;
      throw e;
    });
    p = attempt;
    return attempt;
  };
  return {
    get() {
      if (!p) return start();
      const joined = p;
      return joined.catch(() => (p && p !== joined ? p : start()));
    },
    peek: () => p,
  };
}

function fingerprint(p: SavedProfile): string {
  return JSON.stringify([p.bootstrapServers, p.tls, p.tls ? p.tlsOptions : null, p.sasl]);
}

function connectError(profile: SavedProfile) {
  return () =>
    new AppError(
      'CONNECTION_FAILED',
      `No answer from ${profile.bootstrapServers.join(', ')} within ${ANSWER_DEADLINE_MS / 1000} s. Check the bootstrap address and that the cluster is running.`,
    );
}

export function openConnection(profile: SavedProfile, logger?: CoreLogger): ClusterConnection {
  const kafka = new Kafka(kafkaConfig(profile, logger));
  const ctx = { brokers: profile.bootstrapServers, security: securityOf(profile), connecting: true };
  const connect = async <T extends { connect(): Promise<void>; disconnect(): Promise<void> }>(
    client: T,
  ): Promise<T> => {
    try {
      await withDeadline(client.connect(), ANSWER_DEADLINE_MS, connectError(profile));
      return client;
    } catch (e) {
      await client.disconnect().catch(() => {});
      throw mapKafkaError(e, ctx);
    }
  };

  const admin = lazy(() => connect(kafka.admin({ retry: clientRetry })));
  const producer = lazy(() =>
    connect(
      kafka.producer({
        // Producing to a missing topic must fail, not create it (the broker may allow auto-creation).
        allowAutoTopicCreation: false,
        idempotent: false,
        retry: clientRetry,
        // Named explicitly: the Java-compatible murmur2 partitioner, and no "partitioner changed" warning.
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    ),
  );
  const idempotentProducer = lazy(() =>
    connect(
      kafka.producer({
        allowAutoTopicCreation: false,
        idempotent: true,
        maxInFlightRequests: 1,
        retry: clientRetry,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    ),
  );
  const browser = lazy(async () => {
    const b = browseConsumer(kafka, `samsa-browse-${randomUUID()}`);
    await connect(b.consumer);
    return b;
  });

  const closeOne = async (client: Promise<{ disconnect(): Promise<void> }> | null) => {
    if (!client) return;
    const c = await client.catch(() => null);
    await c?.disconnect().catch(() => {});
  };

  return {
    profile,
    kafka,
    admin: () => admin.get(),
    producer: () => producer.get(),
    idempotentProducer: () => idempotentProducer.get(),
    cluster: async () => (await browser.get()).cluster,
    async close() {
      const b = browser.peek();
      await Promise.all([
        closeOne(admin.peek()),
        closeOne(producer.peek()),
        closeOne(idempotentProducer.peek()),
        closeOne(b ? b.then((x): Consumer => x.consumer) : null),
      ]);
    },
  };
}

export class ConnectionPool {
  private readonly open = new Map<string, { fp: string; conn: ClusterConnection }>();
  private readonly openListeners = new Set<(profileId: string) => void>();

  constructor(private readonly logger?: CoreLogger) {}

  /** Told when a profile's connection is opened (first use, or after its settings changed). */
  onOpen(listener: (profileId: string) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  /** The live connection for this profile, rebuilt if its settings changed since it was opened. */
  get(profile: SavedProfile): ClusterConnection {
    const fp = fingerprint(profile);
    const current = this.open.get(profile.id);
    if (current && current.fp === fp) return current.conn;
    if (current) void current.conn.close();
    const conn = openConnection(profile, this.logger);
    this.open.set(profile.id, { fp, conn });
    for (const l of this.openListeners) l(profile.id);
    return conn;
  }

  /** Drops the clients of a changed or removed profile; the next call reconnects. */
  async invalidate(id: string): Promise<void> {
    const current = this.open.get(id);
    this.open.delete(id);
    await current?.conn.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((c) => c.conn.close()));
  }
}
